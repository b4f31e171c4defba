package civil

import (
	"errors"
	"strings"
	"testing"
)

// refusedFields runs Validate and returns the fields of the problems.
func refusedFields(t *testing.T, a *Act) []string {
	t.Helper()
	_, err := Validate(a, lomme, known, testNow)
	if err == nil {
		return nil
	}
	var r *RefusedError
	if !errors.As(err, &r) {
		t.Fatalf("not a refusal: %v", err)
	}
	var fs []string
	for _, p := range r.Problems {
		if p.Rule == "" || p.Hint == "" {
			t.Errorf("problem without rule or hint: %+v", p)
		}
		fs = append(fs, p.Field)
	}
	return fs
}

func TestValidActsAccepted(t *testing.T) {
	for name, a := range map[string]*Act{"naissance": birth(), "deces": death()} {
		if fs := refusedFields(t, a); fs != nil {
			t.Errorf("%s refused: %v", name, fs)
		}
	}
}

func TestBirthRules(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(a *Act)
		field string // "" when the act must be accepted
	}{
		{"declared on the 5th day", func(a *Act) { a.Date = "2026-11-18"; a.Declaration.Date = "2026-11-23" }, ""},
		{"Tuesday birth, 5th day a Sunday, declared Monday", func(a *Act) { a.Date = "2026-11-17"; a.Declaration.Date = "2026-11-23" }, ""},
		{"Tuesday birth, declared Tuesday after", func(a *Act) { a.Date = "2026-11-17"; a.Declaration.Date = "2026-11-24"; a.Declaration.Heure = "09:00" }, "declaration.date"},
		{"Friday birth, declared Wednesday", func(a *Act) { a.Date = "2026-11-13"; a.Declaration.Date = "2026-11-18" }, ""},
		{"Friday birth, declared Thursday", func(a *Act) { a.Date = "2026-11-13"; a.Declaration.Date = "2026-11-19" }, "declaration.date"},
		{"Monday birth, declared the next Monday", func(a *Act) { a.Date = "2026-11-16"; a.Declaration.Date = "2026-11-23" }, ""},
		{"Monday birth, declared the next Tuesday", func(a *Act) { a.Date = "2026-11-16"; a.Declaration.Date = "2026-11-24"; a.Declaration.Heure = "09:00" }, "declaration.date"},
		{"late but with a judgment", func(a *Act) {
			a.Date = "2026-10-01"
			a.Jugement = &Judgment{Tribunal: "tribunal judiciaire de Lille", Date: "2026-11-20", Reference: "RG 26/01234"}
		}, ""},
		{"late with an incomplete judgment", func(a *Act) { a.Date = "2026-10-01"; a.Jugement = &Judgment{Tribunal: "TJ Lille", Date: "2026-11-20"} }, "jugement.reference"},
		{"birth in the future", func(a *Act) { a.Date = "2026-11-25"; a.Declaration.Date = "2026-11-25" }, "date"},
		{"declaration in the future", func(a *Act) { a.Declaration.Date = "2026-11-24"; a.Declaration.Heure = "15:30" }, "declaration.date"},
		{"declaration before birth", func(a *Act) { a.Declaration.Date = "2026-11-20"; a.Declaration.Heure = "14:00" }, "declaration.date"},
		{"hour 24:00", func(a *Act) { a.Heure = "24:00" }, "heure"},
		{"hour 9h30", func(a *Act) { a.Heure = "9h30" }, ""},
		{"hour 9.30", func(a *Act) { a.Heure = "9.30" }, "heure"},
		{"hour with one-digit minutes", func(a *Act) { a.Heure = "9:3" }, "heure"},
		{"midnight", func(a *Act) { a.Heure = "00:00" }, ""},
		{"date 31 November", func(a *Act) { a.Date = "2026-11-31" }, "date"},
		{"date in French order", func(a *Act) { a.Date = "20/11/2026" }, ""},
		{"date with a two-digit year", func(a *Act) { a.Date = "20/11/26" }, "date"},
		{"lowercase NOM", func(a *Act) { a.Enfant.Nom = "Müller" }, "enfant.nom"},
		{"lowercase prénom", func(a *Act) { a.Enfant.Prenoms[0] = "zoé" }, "enfant.prenoms[1]"},
		{"lowercase part of a prénom", func(a *Act) { a.Enfant.Prenoms[0] = "Marie-claire" }, "enfant.prenoms[1]"},
		{"ñ refused", func(a *Act) { a.Enfant.Prenoms[0] = "Iñès" }, "enfant.prenoms[1]"},
		{"ñ with a court decision", func(a *Act) {
			a.Enfant.Prenoms[0] = "Iñès"
			a.DecisionGraphie = &Judgment{Tribunal: "cour d'appel de Douai", Date: "2026-11-10", Reference: "RG 26/777"}
		}, ""},
		{"ø refused", func(a *Act) { a.Enfant.Nom = "BJØRN" }, "enfant.nom"},
		{"digit refused", func(a *Act) { a.Enfant.Prenoms[1] = "Chloë2" }, "enfant.prenoms[2]"},
		{"every allowed letter", func(a *Act) {
			a.Enfant.Nom = "ÀÂÄÉÈÊËÏÎÔÖÙÛÜŸÇÆŒ D'ARC-LÉON"
			a.Enfant.Prenoms = []string{"Àâäéèêëïîôöùûüÿçæœ"}
		}, ""},
		{"decomposed accents and a typographic apostrophe", func(a *Act) {
			a.Enfant.Nom = "N\u2019DIAYE"
			a.Enfant.Prenoms[0] = "Zoe\u0301"
		}, ""},
		{"double space", func(a *Act) { a.Enfant.Nom = "DUPONT  DURAND" }, "enfant.nom"},
		{"no sex", func(a *Act) { a.Enfant.Sexe = "" }, "enfant.sexe"},
		{"sex X", func(a *Act) { a.Enfant.Sexe = "X" }, "enfant.sexe"},
		{"no prénom", func(a *Act) { a.Enfant.Prenoms = nil }, "enfant.prenoms"},
		{"père inconnu", func(a *Act) {
			a.Parents = append(a.Parents, Person{Nom: "INCONNU", Prenoms: []string{"Père"}, Sexe: "M", DateNaissance: "1990-01-01", LieuNaissance: "Lille (Nord)", Domicile: "Lille (Nord)"})
		}, "parents[2].nom"},
		{"no parent at all", func(a *Act) {
			a.Parents = nil
			a.Declarant = &Declarant{Person: Person{Nom: "MARTIN", Prenoms: []string{"Sophie"}, Domicile: "CHU de Lille, Lille (Nord)"}, Qualite: "sage-femme"}
		}, ""},
		{"three parents", func(a *Act) { a.Parents = append(a.Parents, a.Parents[0], a.Parents[0]) }, "parents"},
		{"declarant le père without a father", func(a *Act) { a.Declarant = &Declarant{Qualite: "le père"} }, "declarant.qualite"},
		{"declarant not a parent without identity", func(a *Act) { a.Declarant = &Declarant{Qualite: "sage-femme"} }, "declarant"},
		{"no declarant", func(a *Act) { a.Declarant = nil }, "declarant"},
		{"birth in another commune", func(a *Act) { a.Lieu = "Roubaix (Nord)" }, "lieu"},
		{"birth in the main commune", func(a *Act) { a.Lieu = "Lille (Nord)" }, ""},
		{"place without département", func(a *Act) { a.Lieu = "Lomme" }, "lieu"},
		{"parent born after the child", func(a *Act) { a.Parents[0].DateNaissance = "2026-11-21" }, "parents[1].date_naissance"},
		{"parent without domicile", func(a *Act) { a.Parents[0].Domicile = "" }, "parents[1].domicile"},
		{"parent born abroad", func(a *Act) { a.Parents[0].LieuNaissance = "Tournai (Belgique)" }, ""},
		{"unknown officer", func(a *Act) { a.Officier = "zz" }, "officier"},
		{"number given in the file", func(a *Act) { a.Numero = 12 }, "registre/annee/numero/statut"},
		{"death field in a birth", func(a *Act) { a.CertificatMedical = "X" }, "certificat_medical"},
		{"unknown type", func(a *Act) { a.Type = "adoption" }, "type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := birth()
			c.edit(a)
			fs := refusedFields(t, a)
			if c.field == "" {
				if fs != nil {
					t.Fatalf("refused on %v, want accepted", fs)
				}
				return
			}
			if !contains(fs, c.field) {
				t.Fatalf("refused on %v, want a refusal on %s", fs, c.field)
			}
		})
	}
}

func TestDeathRules(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(a *Act)
		field string
	}{
		{"no medical certificate", func(a *Act) { a.CertificatMedical = "" }, "certificat_medical"},
		{"declarant without link", func(a *Act) { a.Declarant.Lien = "" }, "declarant.lien"},
		{"declarant without domicile", func(a *Act) { a.Declarant.Domicile = "" }, "declarant.domicile"},
		{"deceased born after death", func(a *Act) { a.Defunt.DateNaissance = "2026-11-24" }, "defunt.date_naissance"},
		{"parent with a profession (art. 79 3°)", func(a *Act) { a.Parents[0].Profession = "mineur" }, ""},
		{"parent with a date of birth", func(a *Act) { a.Parents[0].DateNaissance = "1910-01-01" }, "parents[1]"},
		{"mère inconnue", func(a *Act) { a.Parents[1] = Person{Nom: "X", Prenoms: []string{"Inconnue"}} }, "parents[2].nom"},
		{"death in the future", func(a *Act) { a.Date = "2026-12-01" }, "date"},
		{"death elsewhere", func(a *Act) { a.Lieu = "Paris 15e Arrondissement (Paris)" }, "lieu"},
		{"spouse lowercase", func(a *Act) { a.Defunt.Conjoint.Nom = "Dupont" }, "defunt.conjoint.nom"},
		{"no parents known", func(a *Act) { a.Parents = nil }, ""},
		{"no spouse, situation unknown (version 1)", func(a *Act) { a.Defunt.Conjoint = nil; a.Defunt.Situation = "" }, ""},
		{"married without the spouse", func(a *Act) { a.Defunt.Conjoint = nil }, "defunt.conjoint"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := death()
			c.edit(a)
			fs := refusedFields(t, a)
			if c.field == "" && fs != nil {
				t.Fatalf("refused on %v, want accepted", fs)
			}
			if c.field != "" && !contains(fs, c.field) {
				t.Fatalf("refused on %v, want a refusal on %s", fs, c.field)
			}
		})
	}
}

func TestNormalizedBeforeStorage(t *testing.T) {
	a := birth()
	a.Enfant.Prenoms[0] = "Zoe\u0301"
	a.Enfant.Nom = "N\u2019DIAYE"
	if _, err := Validate(a, lomme, known, testNow); err != nil {
		t.Fatal(err)
	}
	if a.Enfant.Prenoms[0] != "Zoé" || a.Enfant.Nom != "N'DIAYE" {
		t.Fatalf("not normalised: %q %q", a.Enfant.Prenoms[0], a.Enfant.Nom)
	}
}

func TestLateDeathDeclarationWarns(t *testing.T) {
	a := death()
	w, err := Validate(a, lomme, known, testNow)
	if err != nil || len(w) != 0 {
		t.Fatalf("on time: warnings %v, err %v", w, err)
	}
	a.Declaration = &Moment{Date: "2026-11-24", Heure: "09:00"}
	w, err = Validate(a, lomme, known, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 1 || !strings.Contains(w[0], "26 heures après le décès") {
		t.Fatalf("warnings %v", w)
	}
}

func TestUnknownCommuneWarns(t *testing.T) {
	a := birth()
	a.Parents[0].LieuNaissance = "Lillle (Nord)"
	w, err := Validate(a, lomme, known, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 1 || !strings.Contains(w[0], "Lillle") {
		t.Fatalf("warnings %v", w)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestLooksUnknown(t *testing.T) {
	for s, want := range map[string]bool{"INCONNU": true, "Père inconnu": true, "X": true, "inconnue de nom": true, "NC": true,
		"NON DÉNOMMÉ": true, "XAVIER": false, "INCONNUS": false, "MARTIN": false, "DUX": false, "ANC": false, "": false} {
		if got := looksUnknown(s); got != want {
			t.Errorf("looksUnknown(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFilesReadDatesAndHoursAsTyped: a file carries dates and hours in
// any form the guided entry accepts (issue 18 §1: one reading for all);
// a leading zero is never octal, and the act keeps the canonical form.
func TestFilesReadDatesAndHoursAsTyped(t *testing.T) {
	b := birth()
	b.Date, b.Heure = "20/11/2026", "9h08"
	b.Parents[0].DateNaissance = "08/09/1994"
	b.Declaration = &Moment{Date: "23/11/2026", Heure: "09:09"}
	if _, err := Validate(b, lomme, known, testNow); err != nil {
		t.Fatal(err)
	}
	if b.Date != "2026-11-20" || b.Heure != "09:08" || b.Parents[0].DateNaissance != "1994-09-08" ||
		b.Declaration.Date != "2026-11-23" || b.Declaration.Heure != "09:09" {
		t.Fatalf("not canonical: %s %s %s %+v", b.Date, b.Heure, b.Parents[0].DateNaissance, b.Declaration)
	}
	d := death()
	d.Defunt.DateNaissance, d.Date, d.Heure = "8/5/1941", "2026-11-23", "08h45"
	d.Declarant.DateNaissance = "05.05.1970"
	ws, err := Validate(d, lomme, known, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if d.Defunt.DateNaissance != "1941-05-08" || d.Heure != "08:45" || d.Declarant.DateNaissance != "1970-05-05" {
		t.Fatalf("not canonical: %s %s %s", d.Defunt.DateNaissance, d.Heure, d.Declarant.DateNaissance)
	}
	// 08:45 is not 00:45: declared at 16:00 the same day, no warning of
	// a late declaration.
	if len(ws) != 0 {
		t.Fatalf("warnings: %v", ws)
	}
}
