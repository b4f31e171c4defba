package registry

import (
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// journalLen counts the journal's entries.
func journalLen(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	if err := s.Journal(func(Entry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// A register-year whose numbering was never set takes no act, of any
// kind: its first act would take n° 1, given already by the main system.
func TestNoActBeforeTheNumberingIsSet(t *testing.T) {
	s := newStore(t)
	m := marriage()
	for _, a := range []*civil.Act{birth(), death(), m} {
		entries := journalLen(t, s)
		_, err := s.Register(a)
		refusedWith(t, err, "n'a pas été reprise")
		var r *civil.RefusedError
		if !strings.Contains(err.Error(), "0 seulement si la mairie n'a dressé aucun acte") {
			t.Errorf("the hint does not say when 0 is right: %v", err)
		}
		if !nextStep(err, civil.SetNumbering) {
			t.Errorf("no next step to set the numbering: %v", err)
		}
		if errAs(err, &r); r.Problems[0].Next[0].Args[0] != string(a.Type) || r.Problems[0].Next[0].Args[1] != "2026" || len(r.Problems[0].Next[0].Args) != 2 {
			t.Errorf("next step %+v", r.Problems[0].Next)
		}
		if err := s.CheckNumbering(a.Type, 2026); !civil.IsRefused(err) {
			t.Errorf("CheckNumbering %s: %v", a.Type, err)
		}
		if journalLen(t, s) != entries {
			t.Fatalf("a refused act wrote in the journal")
		}
		if n, err := s.RegisterNumbering(a.Type, 2026); err != nil || n.Set {
			t.Fatalf("a refused act set the numbering: %+v %v", n, err)
		}
	}
	// The publications of banns are this register's own: numbered from 1.
	b := &civil.Banns{Type: civil.Bans, Epoux: []civil.Person{camille(), sacha()}, DatePublication: "2026-11-05", Officier: "o1"}
	if _, err := s.PublishBanns(b); err != nil || b.Ref() != "bans/2026/1" {
		t.Fatalf("banns: %v %s", err, b.Ref())
	}
	if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckNumbering(civil.Naissance, 2026); err != nil {
		t.Fatal(err)
	}
	if ref := register(t, s, birth()); ref.Numero != 38 {
		t.Fatalf("first act after the numbering: %s", ref)
	}
	checkSound(t, s)
}

// A numbering set wrong is corrected while nothing of its register-year
// is signed: the drafts and unused numbers move in order, their printed
// sheets are void, and the change is kept with its reason.
func TestNumberingCorrectedWhileNothingIsSigned(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		t.Fatal(err)
	}
	first := register(t, s, birth()) // 38, printed
	printed(t, s, first)
	twin := birth()
	twin.Enfant.Prenoms = []string{"Léa"}
	second := register(t, s, twin) // 39, abandoned
	if _, err := s.Cancel(second, "déclarant reparti"); err != nil {
		t.Fatal(err)
	}
	entries := journalLen(t, s)

	// Without a reason: refused, nothing written.
	_, err := s.ChangeNumbering(NumberingChange{Registre: civil.Naissance, Annee: 2026, Dernier: 40})
	refusedWith(t, err, "une correction se justifie")
	if journalLen(t, s) != entries {
		t.Fatal("a refused correction wrote in the journal")
	}
	// The same number again changes nothing.
	if res, err := s.ChangeNumbering(NumberingChange{Registre: civil.Naissance, Annee: 2026, Dernier: 37}); err != nil || res.Set || res.Corrected {
		t.Fatalf("same number: %+v %v", res, err)
	}

	res, err := s.ChangeNumbering(NumberingChange{Registre: civil.Naissance, Annee: 2026, Dernier: 40, Motif: "le système principal en était au n° 40"})
	if err != nil || !res.Corrected || len(res.Moved) != 2 {
		t.Fatalf("correction: %+v %v", res, err)
	}
	want := []Renumbered{
		{From: first, To: civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 41}, Statut: civil.StatutBrouillon, Who: "Zoé, Chloë MÜLLER", Printed: true},
		{From: second, To: civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 42}, Statut: civil.StatutNonUtilise, Who: "Léa MÜLLER"},
	}
	if !slices.Equal(res.Moved, want) {
		t.Fatalf("moved %+v\nwant %+v", res.Moved, want)
	}
	if _, err := s.Get(first); !civil.IsRefused(err) {
		t.Fatalf("the old number still holds an act: %v", err)
	}
	moved, err := s.Get(want[0].To)
	if err != nil || moved.Enfant.Prenoms[0] != "Zoé" || moved.Statut != civil.StatutBrouillon {
		t.Fatalf("moved act: %+v %v", moved, err)
	}
	if u, _ := s.Get(want[1].To); u.Statut != civil.StatutNonUtilise || u.Motif != "déclarant reparti" {
		t.Fatalf("moved unused number: %+v", u)
	}
	// The sheet printed with n° 38 is void: n° 41 is printed again first.
	_, _, err = s.Sign(want[0].To)
	refusedWith(t, err, "aucune feuille de l'acte naissance/2026/41")
	// The name index follows the act.
	hits, err := s.Search("muller zoe")
	if err != nil || len(hits) != 1 || hits[0].Ref != want[0].To {
		t.Fatalf("search after renumbering: %+v %v", hits, err)
	}
	n, err := s.RegisterNumbering(civil.Naissance, 2026)
	if err != nil || n.Start != 40 || n.Last != 42 || len(n.Corrections) != 1 {
		t.Fatalf("numbering: %+v %v", n, err)
	}
	if c := n.Corrections[0]; c.Avant != 37 || c.Apres != 40 || c.Motif != "le système principal en était au n° 40" || c.Agent != "test" || c.Actes != 2 || c.Le == "" {
		t.Fatalf("correction kept: %+v", c)
	}
	var actions []string
	s.Journal(func(e Entry) error { actions = append(actions, e.Action+" "+e.Ref); return nil })
	if !slices.Contains(actions, "numerotation-correction numerotation/naissance/2026") || !slices.Contains(actions, "renumerotation naissance/2026/41") {
		t.Fatalf("journal: %v", actions)
	}
	checkSound(t, s)
	// The reason of a correction rewritten outside the program shows.
	var c counter
	s.db.Update(func(tx *bolt.Tx) error {
		c, _, _ = loadCounter(tx, "naissance", 2026)
		c.Corrections[0].Motif = "autre chose"
		_, err := putCounter(tx, "naissance", 2026, c)
		return err
	})
	if rep, _ := s.Check(); len(rep.Breaks) != 1 || !strings.Contains(rep.Breaks[0], "n'est pas celui fixé au journal") {
		t.Fatalf("a rewritten correction: %q", rep.Breaks)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		c.Corrections[0].Motif = "le système principal en était au n° 40"
		_, err := putCounter(tx, "naissance", 2026, c)
		return err
	})
	checkSound(t, s)
	if ref := register(t, s, birth()); ref.Numero != 43 {
		t.Fatalf("next act: %s", ref)
	}

	// Down as well, for another register.
	if err := s.SetNumbering(civil.Deces, 2026, 20); err != nil {
		t.Fatal(err)
	}
	d := register(t, s, death())
	if res, err := s.ChangeNumbering(NumberingChange{Registre: civil.Deces, Annee: 2026, Dernier: 12, Motif: "faute de frappe : 12, pas 20"}); err != nil || res.Moved[0].To.Numero != 13 || res.Moved[0].From != d {
		t.Fatalf("down: %+v %v", res, err)
	}
	checkSound(t, s)

	// Once an act is signed, the numbering no longer changes.
	printAndSign(t, s, want[0].To)
	_, err = s.ChangeNumbering(NumberingChange{Registre: civil.Naissance, Annee: 2026, Dernier: 45, Motif: "encore"})
	refusedWith(t, err, "contient un acte signé (n° 41)")
	checkSound(t, s)
}
