package registry

import (
	"strings"
	"testing"

	"etatcivil/civil"
)

// The same death entered twice (the file sent again with the arrow up
// and Enter) is refused with the reference of the first; nothing is
// written, no number is taken. Confirmed, it is written and journaled.
func TestSameEventTwiceIsRefused(t *testing.T) {
	s := newStore(t)
	first := register(t, s, death())
	entries := journalLen(t, s)

	again := death()
	_, err := s.Register(again)
	refusedWith(t, err, "le décès de Jean-Pierre, Marcel LEFÈVRE du 23/11/2026 est déjà au registre : deces/2026/1 (brouillon)")
	var r *civil.RefusedError
	errAs(err, &r)
	if p := r.Problems[0]; p.Field != "defunt" || len(p.Next) != 2 || p.Next[0].Step != civil.ShowAct || p.Next[0].Args[0] != "deces/2026/1" || p.Next[1].Step != civil.ConfirmDuplicate {
		t.Fatalf("problem %+v", p)
	}
	if journalLen(t, s) != entries {
		t.Fatal("a refused duplicate wrote in the journal")
	}
	// Accents, case and hyphens do not hide it; a signed act is found too.
	printAndSign(t, s, first)
	spelled := death()
	spelled.Defunt.Nom, spelled.Defunt.Prenoms = "LEFEVRE", []string{"Jean Pierre"}
	_, err = s.Register(spelled)
	refusedWith(t, err, "deces/2026/1 (signé)")
	found, err := s.Duplicates(spelled)
	if err != nil || len(found) != 1 || found[0].Ref() != first {
		t.Fatalf("Duplicates: %v %v", found, err)
	}

	// A person dies once: the same deceased (NOM, prénom, date of birth)
	// with another day is the same death.
	otherDay := death()
	otherDay.Date = "2026-11-22"
	_, err = s.Register(otherDay)
	refusedWith(t, err, "deces/2026/1 (signé)")

	// Not the same event: another day when the date of birth is not known
	// to the day (only the year), or another person of the same name.
	other := death()
	other.Date = "2026-11-22"
	other.Defunt.DateNaissance = "1941"
	register(t, s, other)
	homonym := death()
	homonym.Defunt.DateNaissance = "1950-01-01"
	register(t, s, homonym)
	if n, _ := s.RegisterNumbering(civil.Deces, 2026); n.Last != 3 {
		t.Fatalf("numbers given: %d, want 3 (no number for the refused ones)", n.Last)
	}

	// Confirmed by the clerk: written, and the journal says so.
	confirmedAct := death()
	if _, err := s.RegisterWith(confirmedAct, RegisterOptions{DuplicateConfirmed: true}); err != nil {
		t.Fatal(err)
	}
	var last []string
	s.Journal(func(e Entry) error { last = append(last, e.Action+" "+e.Ref); return nil })
	if got := strings.Join(last[len(last)-2:], " | "); got != "doublon-confirme deces/2026/4 ≈ deces/2026/1 | deces deces/2026/4" {
		t.Fatalf("journal ends with %s", got)
	}
	checkSound(t, s)

	// A number left unused is no act: its event may be entered again.
	if _, err := s.Cancel(confirmedAct.Ref(), "saisi deux fois"); err != nil {
		t.Fatal(err)
	}
	found, _ = s.Duplicates(death())
	if len(found) != 1 || found[0].Ref() != first {
		t.Fatalf("after cancelling the second: %v", found)
	}
}

// Twins are two births of the same day and NOM: other prénoms, two acts.
// The same child declared twice is one.
func TestBirthsAndMarriagesTwice(t *testing.T) {
	s := newStore(t)
	register(t, s, birth())
	register(t, s, otherBirth(0)) // the twin
	_, err := s.Register(birth())
	refusedWith(t, err, "la naissance de Zoé, Chloë MÜLLER du 20/11/2026 est déjà au registre : naissance/2026/1 (brouillon)")

	// The same marriage, its spouses given the other way round.
	m := marriage()
	numbered(t, s, m)
	if _, err := s.Register(m); err != nil {
		t.Fatal(err)
	}
	swapped := marriage()
	swapped.Epoux[0], swapped.Epoux[1] = swapped.Epoux[1], swapped.Epoux[0]
	found, err := s.Duplicates(swapped)
	if err != nil || len(found) != 1 || found[0].Ref() != m.Ref() {
		t.Fatalf("marriage entered twice: %v %v", found, err)
	}

	// A correction that turns the twin into the first child is refused too.
	twin := civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 2}
	_, _, err = s.Correct(twin, birth())
	refusedWith(t, err, "déjà au registre : naissance/2026/1 (brouillon)")
	if _, _, err := s.CorrectWith(twin, birth(), RegisterOptions{DuplicateConfirmed: true}); err != nil {
		t.Fatal(err)
	}
	checkSound(t, s)
}
