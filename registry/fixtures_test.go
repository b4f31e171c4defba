package registry

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

// lomme is the commune of the test registers: a commune associée, to
// exercise both names.
var lomme = civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}

// testNow is the clock of the tests: Tuesday 24 November 2026, 15:00.
var testNow = time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local)

// known finds the officer of the tests, o1, the maire.
func known(id string) (civil.Officer, bool) {
	return civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}, id == "o1"
}

func birth() *civil.Act {
	return &civil.Act{
		Type:   civil.Naissance,
		Enfant: &civil.Person{Nom: "MÜLLER", Prenoms: []string{"Zoé", "Chloë"}, Sexe: "F"},
		Date:   "2026-11-20", Heure: "14:30", Lieu: "Lomme (Nord)",
		Parents: []civil.Person{{Nom: "MÜLLER", Prenoms: []string{"Anaïs"}, Sexe: "F", DateNaissance: "1994-02-11",
			LieuNaissance: "Lille (Nord)", Profession: "infirmière", Domicile: "12 rue de Lille, Lomme (Nord)"}},
		Declarant:   &civil.Declarant{Qualite: "la mère"},
		Declaration: &civil.Moment{Date: "2026-11-23", Heure: "10:15"},
		Officier:    "o1",
	}
}

func death() *civil.Act {
	return &civil.Act{
		Type: civil.Deces,
		Defunt: &civil.Deceased{Person: civil.Person{Nom: "LEFÈVRE", Prenoms: []string{"Jean-Pierre", "Marcel"}, Sexe: "M",
			DateNaissance: "1941-03-02", LieuNaissance: "Roubaix (Nord)", Profession: "ajusteur retraité",
			Domicile: "3 place de la République, Lomme (Nord)"}, Conjoint: &civil.Spouse{Nom: "DUPONT", Prenoms: []string{"Hélène"}}},
		Parents: []civil.Person{{Nom: "LEFÈVRE", Prenoms: []string{"Marcel"}}, {Nom: "DURAND", Prenoms: []string{"Odette"}}},
		Date:    "2026-11-23", Heure: "06:40", Lieu: "Lille (Nord)",
		Declarant:         &civil.Declarant{Person: civil.Person{Nom: "LEFÈVRE", Prenoms: []string{"Paul"}, DateNaissance: "1970-05-05", Profession: "comptable", Domicile: "8 rue Nationale, Lille (Nord)"}, Lien: "fils"},
		Declaration:       &civil.Moment{Date: "2026-11-23", Heure: "16:00"},
		CertificatMedical: "CMD-2026-0412",
		Officier:          "o1",
	}
}

// newStore makes a register with one officer in a temporary folder.
func newStore(t testing.TB) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "registre")
	s, err := Create(dir, lomme, nil, Options{Agent: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddOfficer(civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// signedBirth is a signed birth act with two parents, of a person born in
// year (an adult when year is far enough back).
func signedBirth(year int) *civil.Act {
	a := birth()
	a.Parents = append(a.Parents, civil.Person{Nom: "OUALI", Prenoms: []string{"Karim", "Ahmed"}, Sexe: "M", DateNaissance: "1991-07-01",
		LieuNaissance: "Tournai (Belgique)", Profession: "électricien", Domicile: "12 rue de Lille, Lomme (Nord)"})
	a.Date = time.Date(year, 11, 20, 0, 0, 0, 0, time.UTC).Format(civil.DateLayout)
	a.Registre, a.Annee, a.Numero, a.Statut = civil.Naissance, year, 38, civil.StatutSigne
	return a
}

func signedDeath() *civil.Act {
	a := death()
	a.Registre, a.Annee, a.Numero, a.Statut = civil.Deces, 2026, 12, civil.StatutSigne
	return a
}

const bothParents = "Anaïs MÜLLER;Karim OUALI"

// nextStep tells whether err is a refusal one of whose problems suggests step.
func nextStep(err error, step civil.Step) bool {
	var r *civil.RefusedError
	if !errors.As(err, &r) {
		return false
	}
	for _, p := range r.Problems {
		for _, n := range p.Next {
			if n.Step == step {
				return true
			}
		}
	}
	return false
}

func refusedWith(t *testing.T, err error, want string) {
	t.Helper()
	if !civil.IsRefused(err) || !strings.Contains(err.Error(), want) {
		t.Fatalf("want a refusal with %q, got %v", want, err)
	}
}

// checkSound runs the control and fails on any break.
func checkSound(t *testing.T, s *Store) {
	t.Helper()
	rep, err := s.Check()
	if err != nil || rep.Err() != nil {
		t.Fatalf("control: %v %v", err, rep.Err())
	}
}

// numbered sets the numbering of a's register-year, at 0, unless it is
// set already: the tests draw up acts in register-years the main system
// never numbered, unless they say otherwise.
func numbered(t testing.TB, s *Store, a *civil.Act) {
	t.Helper()
	kind, year := a.Type.Register(), civil.DrawnUpYear(a)
	if err := s.CheckNumbering(kind, year); err == nil {
		return
	}
	if err := s.SetNumbering(kind, year, 0); err != nil {
		t.Fatalf("numbering %s %d: %v", kind, year, err)
	}
}

// drawUp sets the numbering of a's register-year if need be (see
// numbered) and registers a, failing the test on any refusal.
func drawUp(t testing.TB, s *Store, a *civil.Act) {
	t.Helper()
	numbered(t, s, a)
	if _, err := s.RegisterWith(a, confirmed); err != nil {
		t.Fatalf("register %s: %v", a.Who(), err)
	}
}

// printed records that the sheet of the act ref, as it is now, was
// printed: what etatcivil imprimer does once the PDF is written.
func printed(t testing.TB, s *Store, ref civil.Ref) {
	t.Helper()
	a, err := s.Get(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordPrints([]*civil.Act{a}); err != nil {
		t.Fatal(err)
	}
}

// printAndSign prints the sheet of the act ref and signs it.
func printAndSign(t testing.TB, s *Store, ref civil.Ref) []FollowUp {
	t.Helper()
	printed(t, s, ref)
	_, follow, err := s.Sign(ref)
	if err != nil {
		t.Fatalf("sign %s: %v", ref, err)
	}
	return follow
}

// errAs is errors.As, for a test that already knows err is refused.
func errAs(err error, target any) bool { return errors.As(err, target) }

// confirmed registers an act even when the register already records its
// event: most tests register the same birth again and again, and mean
// several acts (the duplicate check has its own tests).
var confirmed = RegisterOptions{DuplicateConfirmed: true}

// otherBirth is birth() of another child (another first prénom, chosen
// by i): a different event, never a duplicate of birth().
func otherBirth(i int) *civil.Act {
	a := birth()
	a.Enfant.Prenoms = []string{[]string{"Léo", "Inès", "Noël", "Jade", "Hugo", "Lina", "Tom", "Rose"}[i%8]}
	return a
}
