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

// Persons returns every person named in the act, each with their role:
// the one walk over an act's people that the index, the search and the
// rules share.
func (a *Act) Persons() []NamedPerson {
	var out []NamedPerson
	if a.Enfant != nil {
		out = append(out, NamedPerson{"enfant", *a.Enfant})
	}
	if a.Defunt != nil {
		out = append(out, NamedPerson{"defunt", a.Defunt.Person})
		if s := a.Defunt.Conjoint; s != nil {
			out = append(out, NamedPerson{"conjoint", Person{Nom: s.Nom, Prenoms: s.Prenoms}})
		}
	}
	for i, p := range a.Parents {
		out = append(out, NamedPerson{"parent" + string(rune('1'+i)), p})
	}
	for i, e := range a.Epoux {
		sp := fmt.Sprintf("epoux%d", i+1)
		out = append(out, NamedPerson{sp, e.Person})
		for j, p := range e.Parents {
			out = append(out, NamedPerson{fmt.Sprintf("parent-%s-%d", sp, j+1), p})
		}
	}
	for i, t := range a.Temoins {
		out = append(out, NamedPerson{fmt.Sprintf("temoin%d", i+1), t})
	}
	if d := a.Declarant; d != nil && d.Nom != "" {
		out = append(out, NamedPerson{"declarant", d.Person})
	}
	return out
}
