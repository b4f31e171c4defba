package registry

import (
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

func TestWritesRefusedWhileTheClockIsBehindTheJournal(t *testing.T) {
	s := newStore(t)
	register(t, s, birth())
	printed(t, s, civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 1})
	draft, _ := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 1})
	before := exportOf(t, s)
	var entries int
	s.Journal(func(Entry) error { entries++; return nil })

	// The clock went back a day and three hours.
	s.Now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local) }
	_, err := s.RegisterWith(birth(), confirmed)
	refusedWith(t, err, "l'horloge de l'ordinateur indique le lundi 23 novembre 2026 à 12:00, avant la dernière écriture du registre (n° 5, le mardi 24 novembre 2026 à 15:00)")
	if !nextStep(err, civil.ConfirmClock) {
		t.Errorf("the refusal does not suggest the officer's statement: %#v", err)
	}
	for _, write := range []func() error{
		func() error { return s.SetSettings(DefaultSettings) },
		func() error {
			_, _, err := s.Sign(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 1})
			return err
		},
		func() error { return s.RecordPrints([]*civil.Act{draft}) },
	} {
		if err := write(); !civil.IsRefused(err) || !strings.Contains(err.Error(), "horloge") {
			t.Fatalf("write accepted with the clock behind: %v", err)
		}
	}
	if after := exportOf(t, s); after != before {
		t.Fatal("a refused write changed the register")
	}
	n := 0
	s.Journal(func(Entry) error { n++; return nil })
	if n != entries {
		t.Fatalf("%d journal entries, want %d", n, entries)
	}
	if st, _ := s.Clock(); !st.Behind || st.Seq != uint64(entries) {
		t.Fatalf("%+v", st)
	}

	// One second later than the newest entry is fine: the clock was set right.
	s.Now = func() time.Time { return testNow.Add(time.Second) }
	if st, _ := s.Clock(); st.Behind {
		t.Fatalf("%+v", st)
	}
	if err := s.ConfirmClock("o1"); !civil.IsRefused(err) || !strings.Contains(err.Error(), "rien à constater") {
		t.Fatalf("statement with a right clock: %v", err)
	}
	register(t, s, birth())
}

func TestOfficerStatesTheNewestEntryWasDatedWrongly(t *testing.T) {
	s := newStore(t)
	// A clock a year ahead wrote the last entry.
	s.Now = func() time.Time { return testNow.AddDate(1, 0, 0) }
	register(t, s, birth())
	s.Now = func() time.Time { return testNow }
	numbered(t, s, birth())
	if _, err := s.RegisterWith(birth(), confirmed); !civil.IsRefused(err) {
		t.Fatalf("%v", err)
	}
	if err := s.ConfirmClock("inconnu"); !civil.IsRefused(err) || !strings.Contains(err.Error(), "officier « inconnu » inconnu") {
		t.Fatalf("%v", err)
	}
	if err := s.ConfirmClock("o1"); err != nil {
		t.Fatal(err)
	}
	register(t, s, otherBirth(0))
	checkSound(t, s)
	var actions []string
	s.Journal(func(e Entry) error { actions = append(actions, e.Action); return nil })
	if got := strings.Join(actions[len(actions)-3:], " "); got != "naissance horloge naissance" {
		t.Fatalf("journal ends with %s", got)
	}
}

func TestWarnsWhenTheActIsFarFromTheClock(t *testing.T) {
	s := newStore(t)
	a := birth()
	a.Date, a.Declaration.Date = "2026-11-20", "2026-11-21" // three days before the clock
	numbered(t, s, a)
	warnings, err := s.RegisterWith(a, confirmed)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(warnings, "\n"), "l'acte est dressé le 21/11/2026, mais l'horloge de l'ordinateur indique le mardi 24 novembre 2026") {
		t.Fatalf("warnings: %v", warnings)
	}
	b := birth()
	numbered(t, s, b)
	if warnings, _ := s.RegisterWith(b, confirmed); strings.Contains(strings.Join(warnings, "\n"), "horloge") {
		t.Fatalf("warning for an act of today: %v", warnings)
	}
}
