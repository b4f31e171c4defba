package civil

import (
	"fmt"
	"strings"
)

// NamedPerson is a person named in an act, with their role in it.
type NamedPerson struct {
	Role   string // enfant, parent1, parent2, defunt, conjoint, partenaire, declarant, epoux1, epoux2, parent-epoux1-1…, temoin1…, auteur, autre-parent, enfant-sans-vie…
	Person Person
}

// RoleLabel returns the role in French words.
func RoleLabel(role string) string {
	switch role {
	case "parent1", "parent2":
		return "parent"
	case "defunt":
		return "défunt"
	case "declarant":
		return "déclarant"
	case "epoux1", "epoux2":
		return "époux"
	case "partenaire":
		return "partenaire"
	case "auteur":
		return "auteur de la reconnaissance"
	case "autre-parent":
		return "autre parent"
	case "enfant-sans-vie":
		return "enfant sans vie"
	}
	switch {
	case strings.HasPrefix(role, "precedent-conjoint-"):
		return "précédent conjoint d'époux"
	case strings.HasPrefix(role, "auteur-reconnaissance"):
		return "auteur d'une reconnaissance citée"
	case strings.HasPrefix(role, "parent-epoux"):
		return "parent d'époux"
	case strings.HasPrefix(role, "temoin"):
		return "témoin"
	}
	return role
}

// Role is where a person stands in an act: the role as the index and the
// search name it (Name: "temoin2") and the path of the person in the
// interchange format, as problems name it (Field: "temoins[2]").
type Role struct {
	Name  string
	Field string
}

// EachPerson calls fn on every person named in the act, in the order of
// the act, with their role and a pointer through which fn may change
// them: the one walk over an act's people that normalisation, the index,
// the search, the signed codes, the rules of marriage and the banns
// share, for every kind of act. A new kind of act, or a new role, is
// added here and nowhere else.
//
// The roles: enfant (enfant-sans-vie for a stillborn child); auteur (of
// a recognition) and autre-parent; defunt, conjoint (the deceased's
// spouse) and partenaire (of a PACS); parent1, parent2 (the parents of a
// birth, a death, a stillborn child); epoux1, epoux2, their parents
// parent-epoux1-1… and previous spouses precedent-conjoint-epoux1…;
// temoin1…; auteur-reconnaissance1… (the author of a recognition a birth
// act cites); declarant when the declarant is named (a birth declared by
// « la mère » names nobody new).
func (a *Act) EachPerson(fn func(r Role, p *Person)) {
	if a.Enfant != nil {
		role := "enfant"
		if a.Type == EnfantSansVie {
			role = "enfant-sans-vie"
		}
		fn(Role{role, "enfant"}, a.Enfant)
	}
	if a.Auteur != nil {
		fn(Role{"auteur", "auteur"}, &a.Auteur.Person)
	}
	if a.AutreParent != nil {
		fn(Role{"autre-parent", "autre_parent"}, a.AutreParent)
	}
	if a.Defunt != nil {
		fn(Role{"defunt", "defunt"}, &a.Defunt.Person)
		names(fn, Role{"conjoint", "defunt.conjoint"}, a.Defunt.Conjoint)
		names(fn, Role{"partenaire", "defunt.partenaire"}, a.Defunt.Partenaire)
	}
	for i := range a.Parents {
		fn(Role{fmt.Sprintf("parent%d", i+1), fmt.Sprintf("parents[%d]", i+1)}, &a.Parents[i])
	}
	for i := range a.Epoux {
		e := &a.Epoux[i]
		sp := fmt.Sprintf("epoux%d", i+1)
		fn(Role{sp, fmt.Sprintf("epoux[%d]", i+1)}, &e.Person)
		for j := range e.Parents {
			fn(Role{fmt.Sprintf("parent-%s-%d", sp, j+1), fmt.Sprintf("epoux[%d].parents[%d]", i+1, j+1)}, &e.Parents[j])
		}
		names(fn, Role{"precedent-conjoint-" + sp, fmt.Sprintf("epoux[%d].precedent_conjoint", i+1)}, e.PrecedentConjoint)
	}
	for i := range a.Reconnaissances {
		names(fn, Role{fmt.Sprintf("auteur-reconnaissance%d", i+1), fmt.Sprintf("reconnaissances[%d].auteur", i+1)}, a.Reconnaissances[i].Auteur)
	}
	for i := range a.Temoins {
		fn(Role{fmt.Sprintf("temoin%d", i+1), fmt.Sprintf("temoins[%d]", i+1)}, &a.Temoins[i])
	}
	if d := a.Declarant; d != nil && (d.Nom != "" || len(d.Prenoms) > 0) {
		fn(Role{"declarant", "declarant"}, &d.Person)
	}
}

// names calls fn on a person named by their names only (a spouse, a
// partner, an author), and keeps what fn changed.
func names(fn func(r Role, p *Person), r Role, s *Spouse) {
	if s == nil {
		return
	}
	p := Person{Nom: s.Nom, Prenoms: s.Prenoms}
	fn(r, &p)
	if p.Nom != s.Nom {
		s.Nom = p.Nom
	}
	if len(p.Prenoms) != len(s.Prenoms) || (len(p.Prenoms) > 0 && &p.Prenoms[0] != &s.Prenoms[0]) {
		s.Prenoms = p.Prenoms
	}
}

// Persons returns every person named in the act, each with their role
// (see EachPerson), as copies.
func (a *Act) Persons() []NamedPerson {
	var out []NamedPerson
	a.EachPerson(func(r Role, p *Person) { out = append(out, NamedPerson{r.Name, *p}) })
	return out
}

// EachPerson calls fn on each future spouse of a publication of banns:
// roles epoux1 and epoux2, fields epoux[1] and epoux[2].
func (b *Banns) EachPerson(fn func(r Role, p *Person)) {
	for i := range b.Epoux {
		fn(Role{fmt.Sprintf("epoux%d", i+1), fmt.Sprintf("epoux[%d]", i+1)}, &b.Epoux[i])
	}
}

// IsSubjectRole tells whether a role names a person the act is about:
// the child (a stillborn child too), the deceased, a spouse, the author of
// a recognition.
func IsSubjectRole(role string) bool {
	switch role {
	case "enfant", "enfant-sans-vie", "defunt", "epoux1", "epoux2", "auteur":
		return true
	}
	return false
}

// IsParentRole tells whether a role names a parent of a person the act is
// about (the filiation an extract without filiation never shows): the
// parents, and the other parent a recognition names.
func IsParentRole(role string) bool {
	return strings.HasPrefix(role, "parent") || role == "autre-parent"
}
