package civil

import (
	"fmt"
	"strings"
)

// NamedPerson is a person named in an act, with their role in it.
type NamedPerson struct {
	Role   string // enfant, parent1, parent2, defunt, conjoint, declarant, epoux1, epoux2, parent-epoux1-1…, temoin1…
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
	}
	switch {
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
// The roles: enfant; defunt and conjoint (the deceased's spouse);
// parent1, parent2 (the parents of a birth or a death); epoux1, epoux2
// and their parents parent-epoux1-1…; temoin1…; declarant when the
// declarant is named (a birth declared by « la mère » names nobody new).
func (a *Act) EachPerson(fn func(r Role, p *Person)) {
	if a.Enfant != nil {
		fn(Role{"enfant", "enfant"}, a.Enfant)
	}
	if a.Defunt != nil {
		fn(Role{"defunt", "defunt"}, &a.Defunt.Person)
		if s := a.Defunt.Conjoint; s != nil {
			p := Person{Nom: s.Nom, Prenoms: s.Prenoms}
			fn(Role{"conjoint", "defunt.conjoint"}, &p)
			if p.Nom != s.Nom {
				s.Nom = p.Nom
			}
			if len(p.Prenoms) != len(s.Prenoms) || (len(p.Prenoms) > 0 && &p.Prenoms[0] != &s.Prenoms[0]) {
				s.Prenoms = p.Prenoms
			}
		}
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
	}
	for i := range a.Temoins {
		fn(Role{fmt.Sprintf("temoin%d", i+1), fmt.Sprintf("temoins[%d]", i+1)}, &a.Temoins[i])
	}
	if d := a.Declarant; d != nil && (d.Nom != "" || len(d.Prenoms) > 0) {
		fn(Role{"declarant", "declarant"}, &d.Person)
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
// the child, the deceased, a spouse.
func IsSubjectRole(role string) bool {
	return role == "enfant" || role == "defunt" || role == "epoux1" || role == "epoux2"
}

// IsParentRole tells whether a role names a parent of a person the act is
// about (the filiation an extract without filiation never shows).
func IsParentRole(role string) bool {
	return strings.HasPrefix(role, "parent")
}
