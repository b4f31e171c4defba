package registry

import (
	"slices"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

// plannedMarriage is the marriage of Sarah and Inès, to be celebrated on
// Saturday 12 December 2026 (case comptoir/mariage-ordre-chronologique).
func plannedMarriage() *civil.Act {
	a := marriage()
	a.Epoux[0].Person = civil.Person{Nom: "MERLIN", Prenoms: []string{"Sarah"}, Sexe: "F", DateNaissance: "2000-01-09", LieuNaissance: "Lomme (Nord)",
		Profession: "étudiante", Domicile: "4 quai Vauban, Lomme (Nord)"}
	a.Epoux[0].Parents = []civil.Person{{Nom: "MERLIN", Prenoms: []string{"Paul"}}}
	a.Epoux[1].Person = civil.Person{Nom: "BOUCHER", Prenoms: []string{"Inès"}, Sexe: "F", DateNaissance: "1999-12-03", LieuNaissance: "Casablanca (Maroc)",
		Profession: "infirmière", Domicile: "4 quai Vauban, Lomme (Nord)"}
	a.Epoux[1].Parents = []civil.Person{{Nom: "BOUCHER", Prenoms: []string{"Yves"}}}
	a.Date, a.Heure = "2026-12-12", "11:00"
	a.Bans = &civil.BannsRef{DatePublication: "2026-11-20"}
	return a
}

// A marriage entered before its day takes no number: a marriage
// celebrated earlier and entered after it still comes first, and the
// register stays in date order. On its day it is drawn up and numbered.
func TestMarriageBeforeItsDay(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Mariage, 2026, 4); err != nil {
		t.Fatal(err)
	}
	m2 := plannedMarriage()
	w, err := s.Register(m2)
	if err != nil {
		t.Fatal(err)
	}
	if m2.Statut != civil.StatutPrevu || m2.Numero != 0 || m2.Reference() != "mariage/prevu/1" {
		t.Fatalf("planned: %s %d %s", m2.Statut, m2.Numero, m2.Reference())
	}
	if !slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, "mariage prévu le") }) {
		t.Errorf("warnings %q", w)
	}
	// Celebrated on 21 November, entered after: n° 5, the first number.
	m3 := marriage()
	register(t, s, m3)
	if m3.Ref().String() != "mariage/2026/5" {
		t.Fatalf("the marriage of 21/11: %s", m3.Ref())
	}
	var planned []string
	s.ListPlanned(2026, false, func(a *civil.Act) error { planned = append(planned, a.Reference()+" "+a.Date); return nil })
	if !slices.Equal(planned, []string{"mariage/prevu/1 2026-12-12"}) {
		t.Fatalf("planned: %v", planned)
	}

	// Entered twice: refused with the planned reference (the spouses have
	// a planned marriage already); a spouse of a planned marriage cannot
	// marry someone else meanwhile.
	_, err = s.Register(plannedMarriage())
	refusedWith(t, err, "Inès BOUCHER a déjà un mariage prévu (mariage/prevu/1, avec Sarah MERLIN)")
	if found, err := s.Duplicates(plannedMarriage()); err != nil || len(found) != 1 || found[0].Reference() != "mariage/prevu/1" {
		t.Fatalf("Duplicates: %v %v", found, err)
	}
	other := plannedMarriage()
	other.Epoux[1].Person = civil.Person{Nom: "GIRARD", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "1997-02-03", LieuNaissance: "Lens (Pas-de-Calais)", Domicile: "1 rue Haute, Lomme (Nord)"}
	other.Epoux[1].Parents = nil
	_, err = s.Register(other)
	refusedWith(t, err, "Sarah MERLIN a déjà un mariage prévu (mariage/prevu/1, avec Inès BOUCHER)")

	// Correctable while planned.
	c := plannedMarriage()
	c.Heure = "15:30"
	if _, got, err := s.CorrectPlanned(1, c, RegisterOptions{}); err != nil || got.Heure != "15:30" || got.Reference() != "mariage/prevu/1" {
		t.Fatalf("correct: %+v %v", got, err)
	}
	// Not drawn up before its day.
	_, _, err = s.DrawUp(1)
	refusedWith(t, err, "le mariage mariage/prevu/1 est prévu le 12/12/2026 : il ne se dresse que le jour de la célébration")
	checkSound(t, s)

	// Its day: drawn up with the next number, signed after the ceremony.
	s.Now = func() time.Time { return time.Date(2026, 12, 12, 9, 0, 0, 0, time.Local) }
	drawn, _, err := s.DrawUpToday()
	if err != nil || len(drawn) != 1 || drawn[0].Planned != "mariage/prevu/1" || drawn[0].Act.Ref().String() != "mariage/2026/6" || drawn[0].Act.Statut != civil.StatutBrouillon {
		t.Fatalf("drawn up: %+v %v", drawn, err)
	}
	if _, err := s.GetPlanned(1); !civil.IsRefused(err) {
		t.Fatalf("still planned after it was drawn up: %v", err)
	}
	if a, err := s.Get(drawn[0].Act.Ref()); err != nil || a.Heure != "15:30" || a.Prevu != 0 {
		t.Fatalf("the act: %+v %v", a, err)
	}
	var actions []string
	s.Journal(func(e Entry) error { actions = append(actions, e.Action+" "+e.Ref); return nil })
	if got := strings.Join(actions[len(actions)-2:], " | "); got != "dresse mariage/prevu/1 | mariage mariage/2026/6" {
		t.Fatalf("journal ends with %s", got)
	}
	printed(t, s, drawn[0].Act.Ref())
	_, _, err = s.Sign(drawn[0].Act.Ref())
	refusedWith(t, err, "pas encore célébré")
	s.Now = func() time.Time { return time.Date(2026, 12, 12, 16, 0, 0, 0, time.Local) }
	if _, _, err := s.Sign(drawn[0].Act.Ref()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.DrawUpToday(); !civil.IsRefused(err) {
		t.Fatalf("nothing left to draw up today: %v", err)
	}
	checkSound(t, s)
}

// A planned marriage called off keeps its reference, listed as called
// off, and is never drawn up.
func TestPlannedMarriageCalledOff(t *testing.T) {
	s := newStore(t)
	m := plannedMarriage()
	if _, err := s.Register(m); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AbandonPlanned(1, ""); !civil.IsRefused(err) {
		t.Fatalf("no reason: %v", err)
	}
	if a, err := s.AbandonPlanned(1, "mariage reporté"); err != nil || a.Statut != civil.StatutAbandonne {
		t.Fatalf("abandon: %+v %v", a, err)
	}
	s.Now = func() time.Time { return time.Date(2026, 12, 12, 9, 0, 0, 0, time.Local) }
	_, _, err := s.DrawUp(1)
	refusedWith(t, err, "a été annulé (motif : mariage reporté)")
	// The spouses may plan again.
	s.Now = func() time.Time { return testNow }
	if _, err := s.Register(plannedMarriage()); err != nil {
		t.Fatal(err)
	}
	checkSound(t, s)
}

// A marriage numbered before its day by an earlier version is made a
// planned one again: its number is left unused, with the reason.
func TestNumberedMarriageBeforeItsDayIsUnnumbered(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Mariage, 2026, 4); err != nil {
		t.Fatal(err)
	}
	// As an earlier version did: numbered at once (written here with the
	// clock on the day, then the clock set back by an officer).
	s.Now = func() time.Time { return time.Date(2026, 12, 13, 9, 0, 0, 0, time.Local) }
	m := plannedMarriage()
	register(t, s, m)
	s.Now = func() time.Time { return testNow }
	if err := s.ConfirmClock("o1"); err != nil {
		t.Fatal(err)
	}
	if m.Ref().String() != "mariage/2026/5" {
		t.Fatalf("numbered: %s", m.Ref())
	}
	planned, unused, err := s.Unnumber(m.Ref(), "")
	if err != nil {
		t.Fatal(err)
	}
	if planned.Reference() != "mariage/prevu/1" || unused.Statut != civil.StatutNonUtilise ||
		!strings.Contains(unused.Motif, "mariage saisi avant le jour de sa célébration (12/12/2026) : devenu le mariage prévu mariage/prevu/1") {
		t.Fatalf("planned %s, unused %+v", planned.Reference(), unused)
	}
	// A marriage of the past keeps its number.
	past := marriage()
	register(t, s, past)
	_, _, err = s.Unnumber(past.Ref(), "")
	refusedWith(t, err, "il garde son numéro")
	checkSound(t, s)
}
