package civil

import "testing"

func TestEventIdentity(t *testing.T) {
	death := func(nom, prenom, born, day string) *Act {
		return &Act{Type: Deces, Date: day, Defunt: &Deceased{Person: Person{Nom: nom, Prenoms: []string{prenom, "Henri"}, DateNaissance: born}}}
	}
	same := func(a, b *Act) bool {
		x, ok1 := a.Identity()
		y, ok2 := b.Identity()
		return ok1 && ok2 && x.Same(y)
	}
	base := death("LEFÈVRE", "Jean-Pierre", "1941-03-02", "2026-11-23")
	for _, tc := range []struct {
		name string
		b    *Act
		want bool
	}{
		{"the same", death("LEFÈVRE", "Jean-Pierre", "1941-03-02", "2026-11-23"), true},
		{"accents, case, hyphens", death("Lefevre", "jean pierre", "1941-03-02", "2026-11-23"), true},
		{"birth date missing on one", death("LEFÈVRE", "Jean-Pierre", "", "2026-11-23"), true},
		{"another day, the same person born the same day: a person dies once", death("LEFÈVRE", "Jean-Pierre", "1941-03-02", "2026-11-22"), true},
		{"another day, birth date missing on one", death("LEFÈVRE", "Jean-Pierre", "", "2026-11-22"), false},
		{"a namesake born another day", death("LEFÈVRE", "Jean-Pierre", "1950-01-01", "2026-11-23"), false},
		{"another first prénom", death("LEFÈVRE", "Paul", "1941-03-02", "2026-11-23"), false},
	} {
		if got := same(base, tc.b); got != tc.want {
			t.Errorf("%s: same %v, want %v", tc.name, got, tc.want)
		}
	}
	// A transcription of the same person's death is the same death.
	tr := death("LEFÈVRE", "Jean-Pierre", "1941-03-02", "2026-11-20")
	tr.Type = Transcription
	if !same(base, tr) {
		t.Error("a transcription of the same death is another event")
	}
	// A marriage: the spouses in either order.
	m := func(a, b string) *Act {
		return &Act{Type: Mariage, Date: "2026-11-21", Epoux: []MarriageSpouse{{Person: Person{Nom: "BERNARD", Prenoms: []string{a}}}, {Person: Person{Nom: "DUBOIS", Prenoms: []string{b}}}}}
	}
	x := m("Camille", "Sacha")
	y := m("Camille", "Sacha")
	y.Epoux[0], y.Epoux[1] = y.Epoux[1], y.Epoux[0]
	if !same(x, y) || same(x, m("Camille", "Léa")) {
		t.Error("marriage identity")
	}
	// No names, or a kind without identity: never a duplicate.
	if _, ok := (&Act{Type: Deces, Date: "2026-11-23", Defunt: &Deceased{}}).Identity(); ok {
		t.Error("an unnamed deceased has an identity")
	}
	k := Kind("essai")
	if _, ok := (&Act{Type: k, Date: "2026-11-23"}).Identity(); ok {
		t.Error("a kind without identity has one")
	}
	SetIdentity(k, func(a *Act) (EventIdentity, bool) {
		return EventIdentity{Kind: k, Date: a.Date, Persons: []IdentityPerson{{Person: Person{Nom: "X", Prenoms: []string{"Y"}}}}}, true
	})
	defer delete(identities, k)
	if _, ok := (&Act{Type: k, Date: "2026-11-23"}).Identity(); !ok {
		t.Error("SetIdentity")
	}
}
