package civil

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// signedBirth is a signed birth act with two parents, of a person born in
// year (an adult when year is far enough back).
func signedBirth(year int) *Act {
	a := birth()
	a.Parents = append(a.Parents, Person{Nom: "OUALI", Prenoms: []string{"Karim", "Ahmed"}, Sexe: "M", DateNaissance: "1991-07-01",
		LieuNaissance: "Tournai (Belgique)", Profession: "électricien", Domicile: "12 rue de Lille, Lomme (Nord)"})
	a.Date = time.Date(year, 11, 20, 0, 0, 0, 0, time.UTC).Format(DateLayout)
	a.Registre, a.Annee, a.Numero, a.Statut = Naissance, year, 38, StatutSigne
	return a
}

func signedDeath() *Act {
	a := death()
	a.Registre, a.Annee, a.Numero, a.Statut = Deces, 2026, 12, StatutSigne
	return a
}

const bothParents = "Anaïs MÜLLER;Karim OUALI"

// TestMayObtain walks the table of etat-civil.md §6, each row allowed and refused.
func TestMayObtain(t *testing.T) {
	adult := signedBirth(1990) // 36 years old, register closed in 1990
	child := signedBirth(2026)
	old := signedBirth(1950)    // register closed on 31 Dec 1950: open since 31 Dec 2025
	notYet := signedBirth(1951) // open on 31 Dec 2026 only
	draft := signedBirth(2026)
	draft.Statut = StatutBrouillon
	unused := signedBirth(2026)
	unused.Statut, unused.Motif = StatutNonUtilise, "abandon"

	req := func(forme, qualite, demandeur, parents, auth string) CopyRequest {
		var ps []string
		if parents != "" {
			ps = strings.Split(parents, ";")
		}
		return CopyRequest{Forme: forme, Qualite: qualite, Demandeur: demandeur, Parents: ps, Autorisation: auth}
	}
	cases := []struct {
		name  string
		act   *Act
		req   CopyRequest
		field string // "" when allowed, else the field named by the refusal
	}{
		// copie intégrale and extrait avec filiation of a birth: the person, family, representatives, procureur.
		{"the person, of age", adult, req(FormeIntegrale, QualiteInteresse, "Zoé MÜLLER", "", ""), ""},
		{"the person, any accents and case", adult, req(FormeExtraitFiliation, QualiteInteresse, "zoe chloe muller", "", ""), ""},
		{"the person, a minor", child, req(FormeIntegrale, QualiteInteresse, "Zoé MÜLLER", "", ""), "qualite"},
		{"someone else calling himself the person", adult, req(FormeIntegrale, QualiteInteresse, "Paul DURAND", "", ""), "demandeur"},
		{"the mother", child, req(FormeIntegrale, QualitePereMere, "Anaïs MÜLLER", bothParents, ""), ""},
		{"a « parent » who is not on the act", child, req(FormeIntegrale, QualitePereMere, "Jean DUPONT", bothParents, ""), "demandeur"},
		{"an ascendant", adult, req(FormeIntegrale, QualiteAscendant, "Odile MÜLLER", bothParents, ""), ""},
		{"a descendant", adult, req(FormeExtraitFiliation, QualiteDescendant, "Léa MÜLLER", "anais muller;KARIM AHMED OUALI", ""), ""},
		{"the spouse", adult, req(FormeIntegrale, QualiteConjoint, "Tom ROUX", bothParents, ""), ""},
		{"a legal representative or notaire", child, req(FormeIntegrale, QualiteRepresentant, "Maître Jean NOTTE", bothParents, ""), ""},
		{"the procureur", adult, req(FormeIntegrale, QualiteProcureur, "Claire JUGE", bothParents, ""), ""},
		{"a third party without authorisation", adult, req(FormeIntegrale, QualiteTiers, "Paul DURAND", bothParents, ""), "qualite"},
		{"a third party with the procureur's authorisation", adult, req(FormeIntegrale, QualiteTiers, "Paul DURAND", bothParents, "PR-LILLE-2026-118"), ""},
		// the parents' names must be stated and match.
		{"family without the parents' names", adult, req(FormeIntegrale, QualiteAscendant, "Odile MÜLLER", "", ""), "parents"},
		{"family with one parent of two", adult, req(FormeIntegrale, QualiteAscendant, "Odile MÜLLER", "Anaïs MÜLLER", ""), "parents"},
		{"family with a wrong parent", adult, req(FormeExtraitFiliation, QualiteDescendant, "Léa MÜLLER", "Anaïs MÜLLER;Karim DUPONT", ""), "parents"},
		{"family with a parent's first name only", adult, req(FormeIntegrale, QualiteConjoint, "Tom ROUX", "Anaïs;Karim OUALI", ""), "parents"},
		// extrait sans filiation: anyone.
		{"extract without parents, third party", adult, req(FormeExtrait, QualiteTiers, "Paul DURAND", "", ""), ""},
		// the plurilingual extract goes like a copie intégrale.
		{"plurilingual, the person", adult, req(FormePlurilingue, QualiteInteresse, "Zoé MÜLLER", "", ""), ""},
		{"plurilingual, third party", adult, req(FormePlurilingue, QualiteTiers, "Paul DURAND", bothParents, ""), "qualite"},
		// death act, any form: anyone.
		{"death, full copy, third party", signedDeath(), req(FormeIntegrale, QualiteTiers, "Paul DURAND", "", ""), ""},
		{"death, plurilingual, third party", signedDeath(), req(FormePlurilingue, QualiteTiers, "Paul DURAND", "", ""), ""},
		// a register closed 75 years ago or more: anyone.
		{"register closed 75 years ago", old, req(FormeIntegrale, QualiteTiers, "Paul DURAND", "", ""), ""},
		{"register closed 74 years ago", notYet, req(FormeIntegrale, QualiteTiers, "Paul DURAND", "", ""), "qualite"},
		// no copy of what is not an act.
		{"a draft", draft, req(FormeExtrait, QualiteTiers, "Paul DURAND", "", ""), "référence"},
		{"a number never used", unused, req(FormeExtrait, QualiteTiers, "Paul DURAND", "", ""), "référence"},
		// malformed requests.
		{"unknown form", adult, req("resume", QualiteInteresse, "Zoé MÜLLER", "", ""), "forme"},
		{"unknown quality", adult, req(FormeExtrait, "voisin", "Zoé MÜLLER", "", ""), "qualite"},
		{"no requester", adult, req(FormeExtrait, QualiteTiers, "  ", "", ""), "demandeur"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := MayObtain(c.act, c.req, testNow)
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused, want allowed: %v", err)
				}
				return
			}
			r, ok := err.(*RefusedError)
			if !ok {
				t.Fatalf("got %v, want a refusal on %s", err, c.field)
			}
			if r.Problems[0].Field != c.field {
				t.Fatalf("refused on %s, want %s: %v", r.Problems[0].Field, c.field, err)
			}
			if r.Problems[0].Hint == "" {
				t.Fatalf("refusal without a hint: %v", err)
			}
		})
	}
}

// The count of parents stated agrees with it: one, or several.
func TestParentsCountAgreed(t *testing.T) {
	a := signedBirth(1990)
	for stated, want := range map[string]string{
		"Anaïs MÜLLER":                         "(1 indiqué, 2 sur l'acte)",
		"Anaïs MÜLLER;Karim OUALI;Jean DUPONT": "(3 indiqués, 2 sur l'acte)",
	} {
		err := MayObtain(a, CopyRequest{Forme: FormeIntegrale, Qualite: QualiteAscendant, Demandeur: "Odile MÜLLER", Parents: strings.Split(stated, ";")}, testNow)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parents %q: got %v, want %q", stated, err, want)
		}
	}
}

func TestRegisterOpensOnThe31stOfDecember(t *testing.T) {
	a := signedBirth(1951)
	r := CopyRequest{Forme: FormeIntegrale, Qualite: QualiteTiers, Demandeur: "Paul DURAND"}
	if MayObtain(a, r, time.Date(2026, 12, 30, 23, 0, 0, 0, time.Local)) == nil {
		t.Fatal("open on 30 December 2026, want closed until the 31st")
	}
	if err := MayObtain(a, r, time.Date(2026, 12, 31, 8, 0, 0, 0, time.Local)); err != nil {
		t.Fatalf("closed on 31 December 2026: %v", err)
	}
}

func TestDoubleName(t *testing.T) {
	for nom, want := range map[string]string{
		"DUPONT DURAND":  "DUPONT|DURAND",
		"DA SILVA":       "", // a particle: one name
		"LE GALL":        "",
		"DE LA FONTAINE": "",
		"MÜLLER":         "",
		"LEFÈVRE-DURAND": "",
		"N'DIAYE CÔTÉ":   "N'DIAYE|CÔTÉ",
	} {
		a, b, ok := DoubleName(nom)
		got := ""
		if ok {
			got = a + "|" + b
		}
		if got != want {
			t.Errorf("DoubleName(%q) = %q, want %q", nom, got, want)
		}
	}
}

func TestCivilStatusMention(t *testing.T) {
	for text, want := range map[string]bool{
		"Mariée le 3 juin 2050 à Lille (Nord) avec Paul DURAND": true,
		"Divorcés par jugement du tribunal judiciaire de Lille": true,
		"Décédé le 1er mars 2090 à Roubaix (Nord)":              true,
		"Le second prénom de l'enfant s'écrit « Chloë »":        true,
		"Rectifié : lire « ajusteur »":                          false,
	} {
		if got := CivilStatusMention(Mention{Texte: text}); got != want {
			t.Errorf("CivilStatusMention(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestOnExtract: extracts choose mentions by nature only; a recognition
// or a rectification never prints on an extract, whatever its words; a
// free mention or an unknown nature neither.
func TestOnExtract(t *testing.T) {
	for _, c := range []struct {
		nature, texte                        string
		integrale, extrait, filiation, pluri bool
	}{
		{"mariage", "Mariée à Lille le 12 juin 2050", true, true, true, true},
		{"divorce", "Divorcée", true, true, true, true},
		{"deces", "Décédée", true, true, true, true},
		{"changement-prenoms", "Prénoms changés", true, true, true, false},
		{"reconnaissance", "Reconnaissance de l'enfant par Karim OUALI", true, false, false, false},
		{"rectification", "Le nom de la mère doit se lire DURAND ; mariage", true, false, false, false},
		{"", "Mariage célébré à Lille", true, false, false, false},
		{"autre", "Divorce", true, false, false, false},
		{"inconnue", "Décès", true, false, false, false},
	} {
		m := Mention{Nature: c.nature, Texte: c.texte}
		for forme, want := range map[string]bool{FormeIntegrale: c.integrale, FormeExtrait: c.extrait, FormeExtraitFiliation: c.filiation, FormePlurilingue: c.pluri} {
			if got := OnExtract(m, forme); got != want {
				t.Errorf("%q (%q) on %s: %v, want %v", c.nature, c.texte, forme, got, want)
			}
		}
	}
}

// TestNoDeathExtract: a death act is delivered as a copie intégrale or a
// plurilingual extract, to anyone; the extract forms are refused, naming
// the field and the forms to choose.
func TestNoDeathExtract(t *testing.T) {
	a := &Act{Type: Deces, Registre: Deces, Annee: 2026, Numero: 1, Statut: StatutSigne}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range []string{FormeIntegrale, FormePlurilingue} {
		if err := MayObtain(a, CopyRequest{Forme: f, Demandeur: "Thomas MERCIER", Qualite: QualiteTiers}, now); err != nil && f == FormeIntegrale {
			t.Errorf("%s refused: %v", f, err)
		}
	}
	for _, f := range []string{FormeExtrait, FormeExtraitFiliation} {
		err := MayObtain(a, CopyRequest{Forme: f, Demandeur: "Thomas MERCIER", Qualite: QualiteTiers}, now)
		var r *RefusedError
		if !errors.As(err, &r) || !strings.Contains(err.Error(), "plurilingue") {
			t.Errorf("%s: %v, want a refusal", f, err)
		}
	}
}

// Case modele/09 and the rule of code du patrimoine art. L213-2: a birth
// act is open to all 25 years after the person's death, as a structured
// mention of death or a death act of the register gives it; a marriage,
// once both spouses are dead so long.
func TestTwentyFiveYearsAfterDeath(t *testing.T) {
	raw, err := os.ReadFile("testdata/modele/09-naissance-1958-a-importer.json")
	if err != nil {
		t.Fatal(err)
	}
	var a Act
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	req := CopyRequest{Ref: a.Ref(), Forme: FormeIntegrale, Demandeur: "Étienne VASSEUR", Qualite: QualiteGenealogiste, Mandat: "Me GARNIER 2026-114"}
	if err := MayObtain(&a, req, testNow); err != nil {
		t.Fatalf("died in 1995: %v", err)
	}
	if err := MayObtain(&a, req, time.Date(2020, 4, 9, 12, 0, 0, 0, time.Local)); !IsRefused(err) {
		t.Errorf("the day before the 25 years: %v", err)
	}
	// A version 1 mention kept as text: its date is never read from its words.
	legacy := a
	legacy.Mentions = []Mention{{Nature: NatureDeces, Date: "1995-04-12", Texte: "Décédée à Lille (Nord) le 10 avril 1995.", Fondement: "art. 79 du Code civil"}}
	if err := MayObtain(&legacy, req, testNow); !IsRefused(err) {
		t.Errorf("a death read from words: %v", err)
	}
	// The register's death act gives it instead.
	if err := MayObtain(&legacy, req, testNow, Death{Role: "enfant", Date: "1995-04-10", Acte: "deces/1995/3"}); err != nil {
		t.Errorf("death act of the register: %v", err)
	}
	if err := MayObtain(&legacy, req, testNow, Death{Role: "enfant", Date: "2010-04-10", Acte: "deces/2010/3"}); !IsRefused(err) {
		t.Errorf("died 16 years ago: %v", err)
	}
	// A marriage: both spouses.
	m := signed(marriage())
	m.Annee = 1990
	mreq := CopyRequest{Ref: m.Ref(), Forme: FormeIntegrale, Demandeur: "Étienne VASSEUR", Qualite: QualiteTiers}
	one := Death{Role: "epoux1", Date: "1995-01-01", Acte: "deces/1995/1"}
	if err := MayObtain(m, mreq, testNow, one); !IsRefused(err) {
		t.Errorf("one spouse dead: %v", err)
	}
	if err := MayObtain(m, mreq, testNow, one, Death{Role: "epoux2", Date: "1999-01-01", Acte: "deces/1999/1"}); err != nil {
		t.Errorf("both spouses dead 25 years ago: %v", err)
	}
	// A genealogist gives the mandate's reference; nobody else does.
	noMandate := CopyRequest{Forme: FormeIntegrale, Demandeur: "É V", Qualite: QualiteGenealogiste}
	if err := noMandate.Check(); !IsRefused(err) {
		t.Errorf("no mandate: %v", err)
	}
}

// TestRightsSeeTheActAsItsMentionsMadeIt: a father who recognised the
// child after the birth is a parent (case documents/01): he may ask for
// the copy as a parent, and a requester names both parents, as the
// extract with filiation prints them; a child whose prénom was changed
// asks under the new one.
func TestRightsSeeTheActAsItsMentionsMadeIt(t *testing.T) {
	a := signedBirth(1990)
	a.Parents = a.Parents[:1] // the mother alone on the act
	a.Mentions = []Mention{
		{Nature: NatureReconnaissance, Date: "2026-11-24", Donnees: &MentionData{Date: "2026-11-24", Lieu: "Lomme (Nord)", Auteur: &Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}, Qualite: "père"}},
		{Nature: NatureChangementPrenoms, Date: "2026-11-25", Donnees: &MentionData{Prenoms: []string{"Lou"}}},
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		req   CopyRequest
		field string
	}{
		{"the father who recognised her", CopyRequest{Forme: FormeExtraitFiliation, Qualite: QualitePereMere, Demandeur: "Karim OUALI", Parents: []string{"Anaïs MÜLLER", "Karim OUALI"}}, ""},
		{"an ascendant naming both parents", CopyRequest{Forme: FormeIntegrale, Qualite: QualiteAscendant, Demandeur: "Odile MÜLLER", Parents: []string{"Anaïs MÜLLER", "Karim OUALI"}}, ""},
		{"an ascendant naming the mother only", CopyRequest{Forme: FormeIntegrale, Qualite: QualiteAscendant, Demandeur: "Odile MÜLLER", Parents: []string{"Anaïs MÜLLER"}}, "parents"},
		{"the person under her new prénom", CopyRequest{Forme: FormeIntegrale, Qualite: QualiteInteresse, Demandeur: "Lou MÜLLER"}, ""},
		{"the person under her prénom at birth", CopyRequest{Forme: FormeIntegrale, Qualite: QualiteInteresse, Demandeur: "Zoé MÜLLER"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := MayObtain(a, c.req, now)
			var r *RefusedError
			switch {
			case c.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.field != "" && (!errors.As(err, &r) || r.Problems[0].Field != c.field):
				t.Fatalf("got %v, want a refusal on %s", err, c.field)
			}
		})
	}
}

// The person concerned, and their parents, are known by the names the act
// gave them and by those its mentions gave since: Zoé MÜLLER whose name
// was changed to MARTIN obtains her copie intégrale as Zoé MARTIN, and her
// mother, whose name was rectified, as Anaïs MÜLLER-KLEIN (the name as
// rectified: the one written was an error).
func TestRightsByNamesTheMentionsGave(t *testing.T) {
	a := signed(birth())
	dec := &Decision{Autorite: "tribunal judiciaire de Lille", Date: "2026-11-23", Reference: "RG 26/9"}
	add(t, a, Mention{Nature: NatureChangementNom, Officier: "o1", Donnees: &MentionData{Nom: "MARTIN", Decision: dec}})
	add(t, a, Mention{Nature: NatureRectification, Officier: "o1", Donnees: &MentionData{Champ: "parents[1].nom", Valeur: &Value{Texts: []string{"MÜLLER-KLEIN"}}, Decision: dec}})
	now := testNow.AddDate(20, 0, 0)
	for _, r := range []CopyRequest{
		{Forme: FormeIntegrale, Demandeur: "Zoé MARTIN", Qualite: QualiteInteresse},
		{Forme: FormeIntegrale, Demandeur: "Zoé MÜLLER", Qualite: QualiteInteresse},
		{Forme: FormeIntegrale, Demandeur: "Anaïs MÜLLER-KLEIN", Qualite: QualitePereMere, Parents: []string{"Anaïs MÜLLER-KLEIN"}},
		{Forme: FormeExtraitFiliation, Demandeur: "Odile KLEIN", Qualite: QualiteAscendant, Parents: []string{"Anaïs MÜLLER-KLEIN"}},
	} {
		if err := MayObtain(a, r, now); err != nil {
			t.Errorf("%s (%s): %v", r.Demandeur, r.Qualite, err)
		}
	}
	err := MayObtain(a, CopyRequest{Forme: FormeIntegrale, Demandeur: "Paul MARTIN", Qualite: QualiteInteresse}, now)
	if !IsRefused(err) || !strings.Contains(err.Error(), "Zoé, Chloë MARTIN)") {
		t.Errorf("another person: %v", err)
	}
}
