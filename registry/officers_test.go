package registry

import (
	"testing"

	"etatcivil/civil"
)

// An officer recorded without civilité (every officer of version 1) gets
// one later, journaled; the control finds the record matching its entry.
func TestSetOfficerCivilite(t *testing.T) {
	s := newStore(t)
	o, err := s.SetOfficerCivilite("o1", civil.CiviliteMadame)
	if err != nil {
		t.Fatal(err)
	}
	if o.QualiteLabel() != "maire" || o.Title() != "Martine AUBRY, maire, officier de l'état civil" {
		t.Errorf("officer %+v", o)
	}
	if got, _ := s.Officer("o1"); got.Civilite != civil.CiviliteMadame {
		t.Errorf("not recorded: %+v", got)
	}
	if _, err := s.SetOfficerCivilite("o1", civil.CiviliteMadame); !civil.IsRefused(err) {
		t.Errorf("same civilité again: %v", err)
	}
	if _, err := s.SetOfficerCivilite("o9", civil.CiviliteMadame); !civil.IsRefused(err) {
		t.Errorf("unknown officer: %v", err)
	}
	if _, err := s.SetOfficerCivilite("o1", "Mlle"); !civil.IsRefused(err) {
		t.Errorf("Mlle: %v", err)
	}
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("check: %v %v", err, r.Breaks)
	}
}
