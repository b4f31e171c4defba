package civil

import (
	"strings"

	"etatcivil/internal/fold"
)

// The register recognises a person across acts by names, date and place
// of birth, accents, case and hyphens ignored (etat-civil.md §4: "matched
// by name, birth date and place").

// FoldedName joins the folded words of a name: "Jean-Pierre" and
// "JEAN PIERRE" both give "jeanpierre". It is also the name index's token
// for the whole name (a name in several words is indexed joined too).
func FoldedName(s string) string { return strings.Join(fold.Words(s), "") }

// SameNames tells whether two persons have the same NOM and first prénom,
// accents, case and hyphens ignored: who an act names, where it gives no
// date of birth (the author of a recognition a birth act cites).
func SameNames(a, b Person) bool { return sameNames(a, b) }

// sameNames tells whether two persons have the same NOM and first prénom.
// Later prénoms are not compared: an act may give them all, another only
// the first.
func sameNames(a, b Person) bool {
	if FoldedName(a.Nom) == "" || FoldedName(a.Nom) != FoldedName(b.Nom) {
		return false
	}
	if len(a.Prenoms) == 0 || len(b.Prenoms) == 0 {
		return false
	}
	return FoldedName(a.Prenoms[0]) == FoldedName(b.Prenoms[0])
}

// SamePerson tells whether two persons are the same: same names, same
// date and place of birth. Without a date of birth on both, never.
func SamePerson(a, b Person) bool {
	return a.DateNaissance != "" && a.DateNaissance == b.DateNaissance &&
		fold.Key(a.LieuNaissance) == fold.Key(b.LieuNaissance) && sameNames(a, b)
}

// BornAs returns the person a signed birth act is about, with the date
// and place of birth that the act records.
func BornAs(a *Act) Person {
	p := *a.Enfant
	p.DateNaissance, p.LieuNaissance = a.Date, a.Lieu
	return p
}

// dissolved tells whether a marriage act of the register is known to be
// over: a mention of divorce or death in its margin, or a signed death
// act of either spouse in this register.
func dissolved(l Lookup, m *Act) (bool, error) {
	if !OpenMarriage(m) || m.Posthume != nil {
		return true, nil // a posthumous marriage ended with the death it follows (art. 171)
	}
	for _, e := range m.Epoux {
		if d, err := l.DeathOf(e.Person); err != nil || d != nil {
			return d != nil, err
		}
	}
	return false, nil
}

// endsMarriage tells whether a free mention's text records a divorce or a death.
func endsMarriage(text string) bool {
	k := fold.Key(text)
	for _, w := range []string{"divorc", "deced", "deces"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// kin is a relative found in the register: who, and how related.
type kin struct {
	person Person
	how    string // "père ou mère", "grand-parent"…
	depth  int    // generations away: 1 parents, 2 grandparents…
}

// maxGenerations bounds how far up and down the register is searched.
const maxGenerations = 4

// ancestors returns the ascendants of p that the birth acts of the
// register show, nearest first.
func ancestors(l Lookup, p Person) ([]kin, error) {
	var out []kin
	level := []Person{p}
	for depth := 1; depth <= maxGenerations && len(level) > 0; depth++ {
		var next []Person
		for _, x := range level {
			b, err := l.BirthOf(x)
			if err != nil {
				return nil, err
			}
			if b == nil {
				continue
			}
			for _, parent := range b.Parents {
				out = append(out, kin{parent, ascendantWord(depth), depth})
				next = append(next, parent)
			}
		}
		level = next
	}
	return out, nil
}

// descendants returns the descendants of p that the birth acts of the
// register show, nearest first.
func descendants(l Lookup, p Person) ([]kin, error) {
	var out []kin
	level := []Person{p}
	for depth := 1; depth <= maxGenerations && len(level) > 0; depth++ {
		var next []Person
		for _, x := range level {
			births, err := l.ChildrenOf(x)
			if err != nil {
				return nil, err
			}
			for _, b := range births {
				child := BornAs(b)
				out = append(out, kin{child, descendantWord(depth), depth})
				next = append(next, child)
			}
		}
		level = next
	}
	return out, nil
}

func ascendantWord(depth int) string {
	switch depth {
	case 1:
		return "parent"
	case 2:
		return "grand-parent"
	}
	return "ascendant"
}

func descendantWord(depth int) string {
	switch depth {
	case 1:
		return "enfant"
	case 2:
		return "petit-enfant"
	}
	return "descendant"
}

// parentsOf returns the parents that p's birth act in the register gives.
func parentsOf(l Lookup, p Person) ([]Person, error) {
	b, err := l.BirthOf(p)
	if err != nil || b == nil {
		return nil, err
	}
	return b.Parents, nil
}

func shareParent(a, b []Person) (Person, bool) {
	for _, x := range a {
		for _, y := range b {
			if SamePerson(x, y) {
				return x, true
			}
		}
	}
	return Person{}, false
}
