package registry

import (
	"testing"

	"etatcivil/civil"
)

func TestDraftsNumberingAndJournalPages(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		numbered(t, s, birth())
		if _, err := s.RegisterWith(birth(), confirmed); err != nil {
			t.Fatal(err)
		}
	}
	numbered(t, s, death())
	if _, err := s.RegisterWith(death(), confirmed); err != nil {
		t.Fatal(err)
	}
	printed(t, s, civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 39})
	if _, _, err := s.Sign(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 39}); err != nil {
		t.Fatal(err)
	}
	var got []string
	more, err := s.Drafts(2026, 10, func(a *civil.Act) error { got = append(got, a.Ref().String()); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"deces/2026/1", "naissance/2026/40", "naissance/2026/38"}
	if more || len(got) != len(want) {
		t.Fatalf("drafts %v (more %v), want %v", got, more, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("drafts %v, want %v", got, want)
		}
	}
	got = nil
	more, err = s.Drafts(2026, 2, func(a *civil.Act) error { got = append(got, a.Ref().String()); return nil })
	if err != nil || !more || len(got) != 2 { // deces/2026/1; naissance 40 (39 is signed, then the depth is reached)
		t.Fatalf("depth 2: %v more %v err %v", got, more, err)
	}

	if more, _ := s.Drafts(2027, 10, func(*civil.Act) error { t.Fatal("2026 read"); return nil }); !more {
		t.Fatal("earlier years not reported")
	}

	ns, err := s.Numbering(2026)
	if err != nil {
		t.Fatal(err)
	}
	if !ns[0].Set || ns[0].Start != 37 || ns[0].Last != 40 || !ns[1].Set || ns[1].Start != 0 || ns[2].Set {
		t.Fatalf("numbering %+v", ns)
	}
	if ns, _ := s.Numbering(2027); ns[0].Set || ns[1].Set || ns[2].Set {
		t.Fatalf("2027 numbering %+v", ns)
	}

	var all []Entry
	s.Journal(func(e Entry) error { all = append(all, e); return nil })
	page, err := s.JournalBefore(0, 3)
	if err != nil || len(page) != 3 || page[0].Seq != all[len(all)-1].Seq || page[2].Seq != all[len(all)-3].Seq {
		t.Fatalf("last page %+v err %v", page, err)
	}
	older, err := s.JournalBefore(page[2].Seq, 1000)
	if err != nil || len(older) != len(all)-3 || older[0].Seq != page[2].Seq-1 || older[len(older)-1].Seq != 1 {
		t.Fatalf("older page: %d entries from %d, err %v", len(older), older[0].Seq, err)
	}
	if civil.StatusLabel(civil.StatutNonUtilise) != "non utilisé" || civil.StatusLabel(civil.StatutSigne) != "signé" {
		t.Fatal("status labels")
	}
}
