package registry

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

// caseNow is the clock of the model cases: Saturday 28 November 2026, 18:00.
var caseNow = time.Date(2026, 11, 28, 18, 0, 0, 0, time.Local)

// caseStore is a register at caseNow with the guide's two officers, o1
// (maire déléguée) and o2 (fonctionnaire délégué), every numbering set.
func caseStore(t testing.TB) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "registre")
	s, err := Create(dir, lomme, nil, Options{Agent: "test", Now: func() time.Time { return caseNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, o := range []civil.Officer{
		{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"},
		{ID: "o2", Prenoms: []string{"Karim"}, Nom: "BENALI", Qualite: "fonctionnaire-delegue"},
	} {
		if err := s.AddOfficer(o, nil); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// modelCase reads a case of the model (civil/testdata/modele).
func modelCase(t testing.TB, name string) *civil.Act {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "civil", "testdata", "modele", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var a civil.Act
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

// registerSigned registers a and records its signature; it returns the
// follow-ups of the signature.
func registerSigned(t *testing.T, s *Store, a *civil.Act) []FollowUp {
	t.Helper()
	drawUp(t, s, a)
	return printAndSign(t, s, a.Ref())
}

// TestDeathFollowUpsV2: no notice for a foreign national born abroad, nor
// for a deceased not identified or whose birth is not known well enough
// to name its act; a Frenchwoman born abroad, to Nantes.
func TestDeathFollowUpsV2(t *testing.T) {
	s := caseStore(t)
	if f := registerSigned(t, s, modelCase(t, "04-defunt-inconnu")); len(f) != 1 || f[0].Notice != nil || !strings.Contains(f[0].Note, "non identifié") {
		t.Fatalf("unidentified: %+v", f)
	}

	a := modelCase(t, "05-defunt-veuf")
	a.Defunt.LieuNaissance, a.Defunt.Nationalite = "Casablanca (Maroc)", "marocaine"
	f := registerSigned(t, s, a)
	if len(f) != 1 || f[0].Notice != nil || !strings.Contains(f[0].Note, "de nationalité marocaine") {
		t.Fatalf("foreign national born abroad: %+v", f)
	}

	a = modelCase(t, "07-deces-pompes-funebres")
	a.Defunt.LieuNaissance, a.Defunt.Nationalite = "Casablanca (Maroc)", "française"
	f = registerSigned(t, s, a)
	if len(f) != 1 || f[0].Notice == nil || !strings.Contains(f[0].Notice.Destinataire, "Nantes") {
		t.Fatalf("Frenchwoman born abroad: %+v", f)
	}

	a = modelCase(t, "06-deces-parents-profession-domicile")
	a.Defunt.DateNaissance = "1997"
	f = registerSigned(t, s, a)
	if len(f) != 1 || f[0].Notice != nil || !strings.Contains(f[0].Note, "pas assez connue") {
		t.Fatalf("birth date partial: %+v", f)
	}
	checkSound(t, s)
}

// TestMarriageNoticesByNationality: a foreign national born abroad has no
// French act to annotate (no notice to Nantes); a French national born
// abroad has one at Nantes.
func TestMarriageNoticesByNationality(t *testing.T) {
	s := newStore(t)
	a := marriage()
	a.Epoux[0].LieuNaissance, a.Epoux[0].Nationalite = "Tournai (Belgique)", "belge"
	a.Epoux[1].LieuNaissance, a.Epoux[1].Nationalite = "Casablanca (Maroc)", "Française"
	follow := signed(t, s, a)
	if len(follow) != 2 || follow[0].Notice != nil || !strings.Contains(follow[0].Note, "de nationalité belge") {
		t.Fatalf("foreign spouse born abroad: %+v", follow)
	}
	if n := follow[1].Notice; n == nil || !strings.Contains(n.Destinataire, "Nantes") {
		t.Fatalf("French spouse born abroad: %+v", follow[1])
	}
}

// TestPosthumousMarriage: the deceased spouse's death act in the register
// does not refuse a marriage authorised by decree (art. 171), and the
// marriage is dissolved at once: the living spouse may marry again.
func TestPosthumousMarriage(t *testing.T) {
	s := newStore(t)
	d := death()
	d.Defunt.Person = sacha()
	d.Defunt.Situation, d.Defunt.Conjoint = civil.SituationCelibataire, nil
	d.Date, d.Declaration.Date = "2026-08-14", "2026-08-14"
	d.Officier = "o1"
	signed(t, s, d)
	a := marriage()
	if _, err := s.Validate(a); err == nil || !strings.Contains(err.Error(), "est décédé") {
		t.Fatalf("a dead spouse without decree: %v", err)
	}
	a.Epoux[1].DecedeLe = "2026-08-14"
	a.Posthume = &civil.Posthumous{DecretDate: "2026-11-02", DecretReference: "NOR JUSC2626000D", DateEffet: "2026-08-13"}
	signed(t, s, a)
	again := marriage()
	again.Epoux[1].Person = civil.Person{Nom: "ROUX", Prenoms: []string{"Jules"}, Sexe: "M", DateNaissance: "1990-01-01",
		LieuNaissance: "Lille (Nord)", Profession: "cuisinier", Domicile: "7 rue du Bourg, Lomme (Nord)"}
	again.Date = "2026-11-23"
	if _, err := s.Validate(again); err != nil && strings.Contains(err.Error(), "bigamie") {
		t.Fatalf("the widow of a posthumous marriage still married: %v", err)
	}
}

// BenchmarkRegisterKinds measures registering one act of each kind
// in-process, as BenchmarkRegister does for a birth: validation (with
// the register's own checks: a cited recognition, duplicates),
// numbering, index, journal, one bbolt commit with fsync. Each act names
// other persons (a prénom of its own), as a day at the counter does. It
// reports the CPU time per act beside the wall time ("cpu-ms/op").
func BenchmarkRegisterKinds(b *testing.B) {
	s := caseStore(b)
	for _, k := range civil.Registers {
		if err := s.SetNumbering(k, 2026, 0); err != nil {
			b.Fatal(err)
		}
	}
	// A signed prenatal recognition, that each birth below cites.
	rec := modelCase(b, "08-reconnaissance-prenatale")
	if _, err := s.Register(rec); err != nil {
		b.Fatal(err)
	}
	if err := s.RecordPrints([]*civil.Act{rec}); err != nil {
		b.Fatal(err)
	}
	if _, _, err := s.Sign(rec.Ref()); err != nil {
		b.Fatal(err)
	}
	n := 0
	// other gives each act a prénom of its own (Aab, Aac…); otherNom the
	// NOM of the same count (NOMAAB…): a register holds few people of one
	// name.
	other := func() string {
		n++
		return "A" + string(rune('a'+n/676%26)) + string(rune('a'+n/26%26)) + string(rune('a'+n%26))
	}
	otherNom := func(nom string) string { return nom + strings.ToUpper(other()[1:]) }
	cases := []struct {
		name string
		act  func() *civil.Act
	}{
		{"enfant_sans_vie", func() *civil.Act {
			a := modelCase(b, "02-enfant-sans-vie")
			a.Parents[0].Nom = otherNom("ROUSSEL")
			return a
		}},
		{"enfant_trouve", func() *civil.Act {
			a := modelCase(b, "03-enfant-trouve")
			a.Enfant.Nom = otherNom("VALENTIN")
			return a
		}},
		{"defunt_inconnu", func() *civil.Act { return modelCase(b, "04-defunt-inconnu") }},
		{"deces_veuf", func() *civil.Act {
			a := modelCase(b, "05-defunt-veuf")
			a.Defunt.Nom = otherNom("CARPENTIER")
			return a
		}},
		{"reconnaissance", func() *civil.Act {
			a := modelCase(b, "08-reconnaissance-prenatale")
			a.Auteur.Nom = otherNom("BERTRAND")
			return a
		}},
		{"naissance_citant_une_reconnaissance", func() *civil.Act {
			a := modelCase(b, "03-enfant-trouve")
			a.EnfantTrouve, a.Heure, a.Date = nil, "08:00", "2026-11-27"
			a.Enfant.Nom = otherNom("BERTRAND")
			a.Declarant = &civil.Declarant{Qualite: "la mère"}
			a.Parents = []civil.Person{{Nom: "HOUZÉ", Prenoms: []string{"Clara"}, Sexe: "F", DateNaissance: "1994-10-21", LieuNaissance: "Lens (Pas-de-Calais)", Domicile: "7 rue Pasteur, Lomme (Nord)"}}
			a.Reconnaissances = []civil.RecognitionRef{{Acte: rec.Ref().String()}}
			return a
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			acts := make([]*civil.Act, 0, b.N)
			for range b.N {
				acts = append(acts, c.act())
			}
			b.ResetTimer()
			reportCPU(b, func() {
				for i := 0; i < b.N; i++ {
					if _, err := s.Register(acts[i]); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// TestKindsDuplicates: a recognition or a stillborn child's act entered
// twice is refused with the reference found, unless the clerk confirms.
func TestKindsDuplicates(t *testing.T) {
	s := caseStore(t)
	for _, name := range []string{"08-reconnaissance-prenatale", "02-enfant-sans-vie"} {
		a := modelCase(t, name)
		numbered(t, s, a)
		if _, err := s.Register(a); err != nil {
			t.Fatal(err)
		}
		_, err := s.Register(modelCase(t, name))
		if !civil.IsRefused(err) || !strings.Contains(err.Error(), "est déjà au registre : "+a.Ref().String()) {
			t.Fatalf("%s twice: %v", name, err)
		}
		if _, err := s.RegisterWith(modelCase(t, name), RegisterOptions{DuplicateConfirmed: true}); err != nil {
			t.Fatalf("%s confirmed: %v", name, err)
		}
	}
}

// TestBirthCitingARecognitionCheckedTwice: the register fills in the date,
// place and author of a recognition a birth act cites; the act so
// completed passes the rules again (the guided entry and the counter's
// page check it before recording it, then the register checks it once
// more: the author, named without a date of birth, was « not the one »
// of the recognition). Another author is still refused.
func TestBirthCitingARecognitionCheckedTwice(t *testing.T) {
	s := caseStore(t)
	rec := modelCase(t, "08-reconnaissance-prenatale")
	registerSigned(t, s, rec)
	birth := func() *civil.Act {
		a := modelCase(t, "03-enfant-trouve")
		a.EnfantTrouve, a.Heure, a.Date = nil, "08:00", "2026-11-27"
		a.Enfant.Nom = "BERTRAND"
		a.Declarant = &civil.Declarant{Qualite: "la mère"}
		a.Parents = []civil.Person{{Nom: "HOUZÉ", Prenoms: []string{"Clara"}, Sexe: "F", DateNaissance: "1994-10-21", LieuNaissance: "Lens (Pas-de-Calais)", Domicile: "7 rue Pasteur, Lomme (Nord)"}}
		a.Reconnaissances = []civil.RecognitionRef{{Acte: rec.Ref().String()}}
		return a
	}
	a := birth()
	numbered(t, s, a)
	if _, err := s.Validate(a); err != nil {
		t.Fatal(err)
	}
	if r := a.Reconnaissances[0]; r.Auteur == nil || r.Auteur.Nom != "BERTRAND" || r.Date != rec.Declaration.Date {
		t.Fatalf("citation not completed: %+v", r)
	}
	if _, err := s.Register(a); err != nil {
		t.Fatalf("the completed act checked again: %v", err)
	}
	b := birth()
	b.Reconnaissances[0] = civil.RecognitionRef{Acte: rec.Ref().String(), Date: rec.Declaration.Date, Lieu: rec.Lieu, Auteur: &civil.Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}}
	if _, err := s.RegisterWith(b, RegisterOptions{DuplicateConfirmed: true}); !civil.IsRefused(err) || !strings.Contains(err.Error(), "l'auteur indiqué n'est pas celui de la reconnaissance") {
		t.Fatalf("another author: %v", err)
	}
}
