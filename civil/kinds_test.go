package civil

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// caseNow is the clock of the model cases (written at the end of November
// 2026): Saturday 28 November 2026, 18:00.
var caseNow = time.Date(2026, 11, 28, 18, 0, 0, 0, time.Local)

// twoOfficers finds o1, the maire déléguée, and o2, a fonctionnaire
// délégué, as in the README's guide.
func twoOfficers(id string) (Officer, bool) {
	switch id {
	case "o1":
		return Officer{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"}, true
	case "o2":
		return Officer{ID: "o2", Prenoms: []string{"Karim"}, Nom: "BENALI", Qualite: "fonctionnaire-delegue"}, true
	}
	return Officer{}, false
}

// modelCase reads a case of ../shared/cases/modele (copied in
// testdata/modele) as a file given to --fichier is read: unknown fields
// refused.
func modelCase(t *testing.T, name string) *Act {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "modele", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var a Act
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &a
}

// check validates a at caseNow and returns the fields refused and the
// warnings.
func check(t *testing.T, a *Act) (fields, warnings []string) {
	t.Helper()
	w, err := Validate(a, lomme, twoOfficers, caseNow)
	if err == nil {
		return nil, w
	}
	var r *RefusedError
	if !errors.As(err, &r) {
		t.Fatalf("not a refusal: %v", err)
	}
	for _, p := range r.Problems {
		if p.Rule == "" || p.Hint == "" {
			t.Errorf("problem without rule or hint: %+v", p)
		}
		fields = append(fields, p.Field)
	}
	return fields, w
}

// TestModelCasesAccepted: every case of the model that today's program
// refused or could not take is accepted as the law allows it.
func TestModelCasesAccepted(t *testing.T) {
	for _, name := range []string{"02-enfant-sans-vie.json", "03-enfant-trouve.json", "04-defunt-inconnu.json", "05-defunt-veuf.json",
		"06-deces-parents-profession-domicile.json", "07-deces-pompes-funebres.json", "08-reconnaissance-prenatale.json"} {
		t.Run(name, func(t *testing.T) {
			a := modelCase(t, name)
			fs, w := check(t, a)
			if fs != nil {
				t.Fatalf("refused on %v", fs)
			}
			for _, x := range w {
				if !strings.Contains(x, "horloge") && name != "04-defunt-inconnu.json" {
					t.Errorf("warning: %s", x)
				}
			}
		})
	}
}

// ruleCase edits a valid act and says which field must be refused ("" when
// the act must be accepted) and which words a warning must hold.
type ruleCase struct {
	name  string
	edit  func(a *Act)
	field string
	warn  string
}

func runRules(t *testing.T, base func(t *testing.T) *Act, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base(t)
			c.edit(a)
			fs, w := check(t, a)
			switch {
			case c.field == "" && fs != nil:
				t.Fatalf("refused on %v, want accepted", fs)
			case c.field != "" && !slices.Contains(fs, c.field):
				t.Fatalf("refused on %v, want a refusal on %s", fs, c.field)
			}
			if c.warn != "" && !slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, c.warn) }) {
				t.Fatalf("warnings %q, want one with %q", w, c.warn)
			}
		})
	}
}

func intp(n int) *int { return &n }

// TestPartialDates: « autant qu'on pourra le savoir » (art. 79, 87, 62): a
// year, a month and a year, or an age where the act allows it; printed
// later as « en 1948 », « en mars 1948 ». Never where the law needs a
// full date (a spouse's majority, a witness).
func TestPartialDates(t *testing.T) {
	widower := func(t *testing.T) *Act { return modelCase(t, "05-defunt-veuf.json") }
	runRules(t, widower, []ruleCase{
		{"deceased born in 1938", func(a *Act) { a.Defunt.DateNaissance = "1938" }, "", ""},
		{"deceased born in July 1938", func(a *Act) { a.Defunt.DateNaissance = "1938-07" }, "", ""},
		{"month first, the French way", func(a *Act) { a.Defunt.DateNaissance = "07/1938" }, "", ""},
		{"month 13", func(a *Act) { a.Defunt.DateNaissance = "1938-13" }, "defunt.date_naissance", ""},
		{"year of two digits", func(a *Act) { a.Defunt.DateNaissance = "38" }, "defunt.date_naissance", ""},
		{"an age instead of the date", func(a *Act) { a.Defunt.DateNaissance = ""; a.Defunt.Age = intp(88) }, "", ""},
		{"neither date nor age", func(a *Act) { a.Defunt.DateNaissance = "" }, "defunt.date_naissance", ""},
		{"both date and age", func(a *Act) { a.Defunt.Age = intp(88) }, "defunt.age", ""},
		{"an age of 200", func(a *Act) { a.Defunt.DateNaissance = ""; a.Defunt.Age = intp(200) }, "defunt.age", ""},
		{"born in 2027", func(a *Act) { a.Defunt.DateNaissance = "2027" }, "defunt.date_naissance", ""},
		{"place of birth unknown", func(a *Act) { a.Defunt.LieuNaissance = "" }, "", "lieu de naissance inconnu"},
		{"the declarant's age", func(a *Act) { a.Declarant.DateNaissance = ""; a.Declarant.Age = intp(60) }, "", ""},
	})
	a := widower(t)
	a.Defunt.DateNaissance = "7/1938"
	if fs, _ := check(t, a); fs != nil || a.Defunt.DateNaissance != "1938-07" {
		t.Fatalf("07/1938: refused on %v, stored %q, want 1938-07", fs, a.Defunt.DateNaissance)
	}
	runRules(t, func(t *testing.T) *Act { return birth() }, []ruleCase{
		{"a parent's age (art. 57)", func(a *Act) { a.Parents[0].DateNaissance = ""; a.Parents[0].Age = intp(32) }, "", ""},
		{"a parent born in 1994 only", func(a *Act) { a.Parents[0].DateNaissance = "1994" }, "parents[1].date_naissance", ""},
	})
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "08-reconnaissance-prenatale.json") }, []ruleCase{
		{"the author's age (art. 62)", func(a *Act) { a.Auteur.DateNaissance = ""; a.Auteur.Age = intp(35) }, "", ""},
	})
}

// TestDeceasedSituation: art. 79 4° and 4° bis, only the last spouse or
// partner named.
func TestDeceasedSituation(t *testing.T) {
	widower := func(t *testing.T) *Act { return modelCase(t, "05-defunt-veuf.json") }
	runRules(t, widower, []ruleCase{
		{"widower of Jacqueline", func(a *Act) {}, "", ""},
		{"widower without his late wife", func(a *Act) { a.Defunt.Conjoint = nil }, "defunt.conjoint", ""},
		{"divorced", func(a *Act) { a.Defunt.Situation = SituationDivorce }, "", ""},
		{"single with a spouse", func(a *Act) { a.Defunt.Situation = SituationCelibataire }, "defunt.conjoint", ""},
		{"single", func(a *Act) { a.Defunt.Situation = SituationCelibataire; a.Defunt.Conjoint = nil }, "", ""},
		{"a PACS after a divorce: the partner only", func(a *Act) {
			a.Defunt.Situation, a.Defunt.Partenaire = SituationPacse, &Spouse{Nom: "ROUX", Prenoms: []string{"Denise"}}
		}, "defunt.conjoint", ""},
		{"a PACS", func(a *Act) {
			a.Defunt.Situation, a.Defunt.Conjoint, a.Defunt.Partenaire = SituationPacse, nil, &Spouse{Nom: "ROUX", Prenoms: []string{"Denise"}}
		}, "", ""},
		{"a PACS without the partner", func(a *Act) { a.Defunt.Situation, a.Defunt.Conjoint = SituationPacse, nil }, "defunt.partenaire", ""},
		{"a partner while widowed", func(a *Act) { a.Defunt.Partenaire = &Spouse{Nom: "ROUX", Prenoms: []string{"Denise"}} }, "defunt.partenaire", ""},
		{"an unknown situation", func(a *Act) { a.Defunt.Situation = "separe" }, "defunt.situation", ""},
		{"version 1: a spouse, no situation", func(a *Act) { a.Defunt.Situation = "" }, "", "situation du défunt non précisée"},
	})
}

// TestDeathParentsAndDeclarant: art. 79 3° and 5°.
func TestDeathParentsAndDeclarant(t *testing.T) {
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "06-deces-parents-profession-domicile.json") }, []ruleCase{
		{"parents' professions and domiciles", func(a *Act) {}, "", ""},
		{"a dead parent with a domicile", func(a *Act) { a.Parents[0].Decede = true }, "parents[1].domicile", ""},
		{"one dead parent, sex unknown", func(a *Act) { a.Parents[0].Decede, a.Parents[0].Domicile = true, "" }, "parents[1].sexe", ""},
		{"one dead parent, sex known", func(a *Act) { a.Parents[0].Decede, a.Parents[0].Domicile, a.Parents[0].Sexe = true, "", "M" }, "", ""},
		{"a parent's place of birth", func(a *Act) { a.Parents[1].LieuNaissance = "Lens (Pas-de-Calais)" }, "parents[2]", ""},
	})
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "05-defunt-veuf.json") }, []ruleCase{
		{"both parents dead, sexes unknown", func(a *Act) {}, "", ""},
	})
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "07-deces-pompes-funebres.json") }, []ruleCase{
		{"a capacity, no kinship", func(a *Act) {}, "", ""},
		{"neither kinship nor capacity", func(a *Act) { a.Declarant.Qualite = "" }, "declarant.lien", ""},
		{"a kinship given as a capacity", func(a *Act) { a.Declarant.Qualite = "petit-fils" }, "declarant.qualite", ""},
		{"age unknown", func(a *Act) { a.Declarant.Age = nil }, "", "âge du déclarant non indiqué"},
	})
}

// TestUnidentifiedDeceased: art. 87.
func TestUnidentifiedDeceased(t *testing.T) {
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "04-defunt-inconnu.json") }, []ruleCase{
		{"description, discovery, no hour", func(a *Act) {}, "", ""},
		{"with a name", func(a *Act) { a.Defunt.Nom = "DUPONT" }, "defunt.nom", ""},
		{"without description", func(a *Act) { a.Defunt.Signalement = "" }, "defunt.signalement", ""},
		{"without report", func(a *Act) { a.Defunt.ProcesVerbal = "" }, "defunt.proces_verbal", ""},
		{"born about 1976", func(a *Act) { a.Defunt.DateNaissance = "1976" }, "", ""},
		{"an hour of death", func(a *Act) { a.Heure = "06:00" }, "", ""},
		{"identified but described", func(a *Act) {
			a.Defunt.Inconnu = false
			a.Defunt.Nom, a.Defunt.Prenoms, a.Defunt.Age, a.Defunt.Domicile = "DUPONT", []string{"Marc"}, intp(50), "2 rue X, Lille (Nord)"
		}, "defunt.signalement", ""},
	})
}

// TestFoundling: art. 58.
func TestFoundling(t *testing.T) {
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "03-enfant-trouve.json") }, []ruleCase{
		{"ten days old, no hour, no five days", func(a *Act) {}, "", ""},
		{"with an hour", func(a *Act) { a.Heure = "08:00" }, "heure", ""},
		{"born after being found", func(a *Act) { a.Date = "2026-11-28" }, "date", ""},
		{"with a parent", func(a *Act) { a.Parents = birth().Parents }, "parents", ""},
		{"without report", func(a *Act) { a.EnfantTrouve.ProcesVerbal = "" }, "enfant_trouve.proces_verbal", ""},
		{"found elsewhere", func(a *Act) { a.Lieu = "Roubaix (Nord)" }, "lieu", ""},
	})
	// A birth that is not a foundling still needs its hour and its five days.
	a := modelCase(t, "03-enfant-trouve.json")
	a.EnfantTrouve = nil
	if fs, _ := check(t, a); !slices.Contains(fs, "heure") {
		t.Fatalf("refused on %v, want heure", fs)
	}
	a.Heure = "08:00"
	if fs, _ := check(t, a); !slices.Contains(fs, "declaration.date") {
		t.Fatalf("refused on %v, want declaration.date (five days, art. 55)", fs)
	}
}

// TestJointNameAndRecognitionsCited: art. 311-21, and recognitions made
// before the birth cited by the birth act.
func TestJointNameAndRecognitionsCited(t *testing.T) {
	two := func(t *testing.T) *Act {
		a := birth()
		a.Parents = append(a.Parents, Person{Nom: "OUALI", Prenoms: []string{"Karim"}, Sexe: "M", DateNaissance: "1991-07-01",
			LieuNaissance: "Tournai (Belgique)", Domicile: "12 rue de Lille, Lomme (Nord)"})
		a.Enfant.Nom = "MÜLLER OUALI"
		a.DeclarationConjointeNom = &JointName{Date: "2026-11-23", Nom: "MÜLLER OUALI"}
		return a
	}
	runRules(t, two, []ruleCase{
		{"both names chosen", func(a *Act) {}, "", ""},
		{"the child bears another name", func(a *Act) { a.Enfant.Nom = "MÜLLER" }, "declaration_conjointe_nom.nom", ""},
		{"one parent only", func(a *Act) { a.Parents = a.Parents[:1] }, "declaration_conjointe_nom", ""},
		{"made after the declaration", func(a *Act) { a.DeclarationConjointeNom.Date = "2026-11-24" }, "declaration_conjointe_nom.date", ""},
		{"a recognition of this register", func(a *Act) { a.Reconnaissances = []RecognitionRef{{Acte: "reconnaissance/2026/1"}} }, "", ""},
		{"a birth act as a recognition", func(a *Act) { a.Reconnaissances = []RecognitionRef{{Acte: "naissance/2026/1"}} }, "reconnaissances[1].acte", ""},
		{"a recognition made elsewhere", func(a *Act) {
			a.Reconnaissances = []RecognitionRef{{Date: "2026-06-02", Lieu: "Douai (Nord)", Auteur: &Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}}}
		}, "", ""},
		{"made elsewhere, author missing", func(a *Act) { a.Reconnaissances = []RecognitionRef{{Date: "2026-06-02", Lieu: "Douai (Nord)"}} }, "reconnaissances[1].auteur", ""},
		{"made by someone not a parent", func(a *Act) {
			a.Reconnaissances = []RecognitionRef{{Date: "2026-06-02", Lieu: "Douai (Nord)", Auteur: &Spouse{Nom: "DURAND", Prenoms: []string{"Luc"}}}}
		}, "", "n'est pas un parent nommé"},
	})
}

// TestRecognition: art. 62 and 316.
func TestRecognition(t *testing.T) {
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "08-reconnaissance-prenatale.json") }, []ruleCase{
		{"prenatal, by the father", func(a *Act) {}, "", ""},
		{"without the mother", func(a *Act) { a.AutreParent = nil }, "autre_parent", ""},
		{"by the mother, alone", func(a *Act) {
			a.Auteur.Qualite, a.Auteur.Sexe, a.AutreParent = "mère", "F", nil
		}, "", ""},
		{"mother of the masculine", func(a *Act) { a.Auteur.Qualite = "mère" }, "auteur.sexe", ""},
		{"an unknown quality", func(a *Act) { a.Auteur.Qualite = "parrain" }, "auteur.qualite", ""},
		{"no moment", func(a *Act) { a.MomentReconnaissance = "" }, "moment", ""},
		{"received elsewhere", func(a *Act) { a.Lieu = "Douai (Nord)" }, "lieu", ""},
		{"a birth date before the birth", func(a *Act) { a.Enfant.DateNaissance = "2027-02-01" }, "enfant.date_naissance", ""},
		{"a death field", func(a *Act) { a.CertificatMedical = "X" }, "certificat_medical", ""},
		{"postnatal without the child's birth", func(a *Act) { a.MomentReconnaissance = ReconnaissancePostnatale }, "enfant.date_naissance", ""},
		{"postnatal", func(a *Act) {
			a.MomentReconnaissance = ReconnaissancePostnatale
			a.Enfant = &Person{Nom: "HOUZÉ", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "2026-10-02", LieuNaissance: "Lomme (Nord)", Acte: "naissance/2026/30"}
		}, "", ""},
		{"postnatal, child born after", func(a *Act) {
			a.MomentReconnaissance = ReconnaissancePostnatale
			a.Enfant = &Person{Nom: "HOUZÉ", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "2026-11-27", LieuNaissance: "Lomme (Nord)"}
		}, "enfant.date_naissance", ""},
		{"postnatal, a death act as the child's", func(a *Act) {
			a.MomentReconnaissance = ReconnaissancePostnatale
			a.Enfant = &Person{Nom: "HOUZÉ", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "2026-10-02", LieuNaissance: "Lomme (Nord)", Acte: "deces/2026/3"}
		}, "enfant.acte", ""},
	})
}

// TestStillborn: art. 79-1.
func TestStillborn(t *testing.T) {
	runRules(t, func(t *testing.T) *Act { return modelCase(t, "02-enfant-sans-vie.json") }, []ruleCase{
		{"Lou, sex undetermined", func(a *Act) {}, "", ""},
		{"no name at all", func(a *Act) { a.Enfant = nil }, "", ""},
		{"a sex X", func(a *Act) { a.Enfant.Sexe = "X" }, "enfant.sexe", ""},
		{"a date of birth", func(a *Act) { a.Enfant.DateNaissance = "2026-11-27" }, "enfant.date_naissance", ""},
		{"the date outside the delivery", func(a *Act) { a.Date = "2026-11-27" }, "date", ""},
		{"no certificate of delivery", func(a *Act) { a.CertificatAccouchement = "" }, "certificat_accouchement", ""},
		{"no hour of delivery", func(a *Act) { a.Accouchement.Heure = "" }, "accouchement.heure", ""},
		{"declared months later", func(a *Act) { a.Accouchement.Date = "2026-03-02" }, "", ""},
		{"delivered elsewhere", func(a *Act) { a.Accouchement.Lieu = "Arras (Pas-de-Calais)" }, "accouchement.lieu", ""},
		{"a name of neither parent", func(a *Act) { a.Enfant.Nom = "DURAND" }, "", "n'est pas le nom d'un parent"},
		{"a medical certificate of death", func(a *Act) { a.CertificatMedical = "CMD-1" }, "certificat_medical", ""},
	})
}

// TestTranscription: art. 80.
func TestTranscription(t *testing.T) {
	tr := func(t *testing.T) *Act {
		a := modelCase(t, "06-deces-parents-profession-domicile.json")
		a.Type = Transcription
		a.Lieu = "Roubaix (Nord)"
		a.Defunt.Domicile = "22 rue de Douai, Lomme (Nord)"
		a.ActeOrigine = &OriginAct{Commune: "Roubaix (Nord)", Annee: 2026, Numero: 812, Officier: "Guillaume DELBAR, maire"}
		a.DateTranscription = "2026-11-28"
		return a
	}
	runRules(t, tr, []ruleCase{
		{"a death in Roubaix of a man of Lomme", func(a *Act) {}, "", ""},
		{"a death here", func(a *Act) { a.Lieu = "Lomme (Nord)" }, "lieu", ""},
		{"drawn up here", func(a *Act) { a.ActeOrigine.Commune = "Lille (Nord)" }, "acte_origine.commune", ""},
		{"a man of Roubaix", func(a *Act) { a.Defunt.Domicile = "3 rue X, Roubaix (Nord)" }, "defunt.domicile", ""},
		{"no number", func(a *Act) { a.ActeOrigine.Numero = 0 }, "acte_origine.numero", ""},
		{"transcribed before drawn up", func(a *Act) { a.DateTranscription = "2026-11-27" }, "date_transcription", ""},
		{"received days later", func(a *Act) {
			a.DateTranscription = "2026-11-28"
			a.Date, a.Declaration.Date = "2026-11-19", "2026-11-20"
		}, "", ""},
		{"no declarant in the copy", func(a *Act) { a.Declarant = nil }, "", ""},
	})
	a := tr(t)
	if y := DrawnUpYear(a); y != 2026 {
		t.Fatalf("year %d", y)
	}
	a.Date, a.Declaration.Date, a.DateTranscription = "2025-12-31", "2025-12-31", "2026-01-02"
	if y := DrawnUpYear(a); y != 2026 {
		t.Fatalf("a death of 2025 transcribed in 2026 goes to the register of %d", y)
	}
}

// TestKindsAndRegisters: the register of each kind, and the fields each
// kind refuses.
func TestKindsAndRegisters(t *testing.T) {
	for k, want := range map[Kind]Kind{Naissance: Naissance, Deces: Deces, Mariage: Mariage, Reconnaissance: Reconnaissance,
		EnfantSansVie: Deces, Transcription: Deces} {
		if got := k.Register(); got != want {
			t.Errorf("%s kept in %s, want %s", k, got, want)
		}
		if !k.ValidType() || !k.Register().Valid() {
			t.Errorf("%s not valid", k)
		}
	}
	if EnfantSansVie.Valid() || Transcription.Valid() {
		t.Error("a stillborn child or a transcription named as a register")
	}
	if _, err := ParseRef("reconnaissance/2026/1"); err != nil {
		t.Errorf("recognition reference: %v", err)
	}
	if _, err := ParseRef("enfant_sans_vie/2026/1"); err == nil {
		t.Error("a kind kept in the death register taken as a register")
	}
	a := modelCase(t, "02-enfant-sans-vie.json")
	a.Defunt = &Deceased{Person: Person{Nom: "ROUSSEL"}}
	if fs, _ := check(t, a); !slices.Contains(fs, "defunt") {
		t.Fatalf("a stillborn child with a deceased: refused on %v", fs)
	}
}

// TestFormsPerKind: which copies each kind of act is delivered as, and to
// whom (etat-civil.md §6).
func TestFormsPerKind(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
	signed := func(a *Act) *Act {
		a.Registre, a.Annee, a.Numero, a.Statut = a.Type.Register(), 2026, 1, StatutSigne
		return a
	}
	tiers := func(forme string) CopyRequest {
		return CopyRequest{Forme: forme, Demandeur: "Paul DURAND", Qualite: QualiteTiers}
	}
	stillborn := signed(modelCase(t, "02-enfant-sans-vie.json"))
	if err := MayObtain(stillborn, tiers(FormeIntegrale), now); err != nil {
		t.Errorf("stillborn child, copie intégrale: %v", err)
	}
	for _, f := range []string{FormeExtrait, FormeExtraitFiliation, FormePlurilingue} {
		if err := MayObtain(stillborn, tiers(f), now); err == nil || !strings.Contains(err.Error(), "ne se délivre qu'en copie intégrale") {
			t.Errorf("stillborn child, %s: %v", f, err)
		}
	}
	rec := signed(modelCase(t, "08-reconnaissance-prenatale.json"))
	for _, f := range []string{FormeExtrait, FormeExtraitFiliation, FormePlurilingue} {
		if err := MayObtain(rec, tiers(f), now); err == nil || !strings.Contains(err.Error(), "ne se délivre qu'en copie intégrale") {
			t.Errorf("recognition, %s: %v", f, err)
		}
	}
	if err := MayObtain(rec, tiers(FormeIntegrale), now); err == nil || !strings.Contains(err.Error(), "autorisation du procureur") {
		t.Errorf("recognition to a third party: %v", err)
	}
	if err := MayObtain(rec, CopyRequest{Forme: FormeIntegrale, Demandeur: "Julien BERTRAND", Qualite: QualiteInteresse}, now); err != nil {
		t.Errorf("recognition to its author: %v", err)
	}
	if err := MayObtain(rec, CopyRequest{Forme: FormeIntegrale, Demandeur: "Odile HOUZÉ", Qualite: QualiteAscendant, Parents: []string{"Julien BERTRAND", "Clara HOUZÉ"}}, now); err != nil {
		t.Errorf("recognition to a grandmother naming both parents: %v", err)
	}
	tr := modelCase(t, "06-deces-parents-profession-domicile.json")
	tr.Type = Transcription
	signed(tr)
	for f, ok := range map[string]bool{FormeIntegrale: true, FormePlurilingue: true, FormeExtrait: false} {
		if err := MayObtain(tr, tiers(f), now); (err == nil) != ok {
			t.Errorf("transcription, %s: %v", f, err)
		}
	}
}

// repoAct reads an act of the repository's testdata (testdata/NAME.json).
func repoAct(t *testing.T, name string) *Act {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var a Act
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	if a.Type == Mariage && a.Contrat == nil {
		a.SansContrat = true
	}
	return &a
}

// TestMarriageV2: art. 76 (parents' professions and domiciles, previous
// spouse, witnesses' professions) and art. 171 (posthumous marriage).
func TestMarriageV2(t *testing.T) {
	m := func(t *testing.T) *Act { return repoAct(t, "mariage") }
	runRules(t, m, []ruleCase{
		{"as it is", func(a *Act) {}, "", ""},
		{"a parent's profession and domicile", func(a *Act) {
			a.Epoux[0].Parents[0].Profession, a.Epoux[0].Parents[0].Domicile = "menuisier", "7 rue du Bourg, Lomme (Nord)"
		}, "", ""},
		{"both parents dead", func(a *Act) {
			for i := range a.Epoux[0].Parents {
				a.Epoux[0].Parents[i].Decede, a.Epoux[0].Parents[i].Domicile = true, ""
			}
		}, "", ""},
		{"a parent named only (case documents/22)", func(a *Act) { a.Epoux[0].Parents[0].Profession, a.Epoux[0].Parents[0].Domicile = "", "" },
			"", "epoux[1].parents[1] : profession et domicile de Luc BERNARD non indiqués : l'acte ne les dira pas (art. 76 2° du Code civil)"},
		{"a parent's profession missing", func(a *Act) { a.Epoux[0].Parents[1].Profession = "" }, "", "profession de Rose PETIT non indiquée"},
		{"a parent's birth", func(a *Act) { a.Epoux[0].Parents[0].DateNaissance = "1960-01-01" }, "epoux[1].parents[1]", ""},
		{"a previous spouse", func(a *Act) { a.Epoux[1].PrecedentConjoint = &Spouse{Nom: "MARTIN", Prenoms: []string{"Paul"}} }, "", ""},
		{"a previous spouse in lowercase", func(a *Act) { a.Epoux[1].PrecedentConjoint = &Spouse{Nom: "Martin", Prenoms: []string{"Paul"}} }, "epoux[2].precedent_conjoint.nom", ""},
		{"a witness without profession", func(a *Act) { a.Temoins[1].Profession = "" }, "temoins[2].profession", ""},
		{"a witness « sans profession »", func(a *Act) { a.Temoins[1].Profession = "sans profession" }, "", ""},
		{"a spouse dead without a decree", func(a *Act) { a.Epoux[1].DecedeLe = "2026-11-10" }, "epoux[2].decede_le", ""},
	})
	posthumous := func(t *testing.T) *Act {
		a := m(t)
		a.Epoux[1].DecedeLe = "2026-08-14"
		a.Posthume = &Posthumous{DecretDate: "2026-11-02", DecretReference: "décret du 2 novembre 2026, NOR JUSC2626000D", DateEffet: "2026-08-13"}
		return a
	}
	runRules(t, posthumous, []ruleCase{
		{"after the decree", func(a *Act) {}, "", ""},
		{"effect on the day of the death", func(a *Act) { a.Posthume.DateEffet = "2026-08-14" }, "posthume.date_effet", ""},
		{"decree after the celebration", func(a *Act) { a.Posthume.DecretDate = "2026-11-22" }, "posthume.decret_date", ""},
		{"no reference", func(a *Act) { a.Posthume.DecretReference = "" }, "posthume.decret_reference", ""},
		{"no spouse dead", func(a *Act) { a.Epoux[1].DecedeLe = "" }, "posthume", ""},
		{"both dead", func(a *Act) { a.Epoux[0].DecedeLe = "2026-08-01" }, "epoux[2].decede_le", ""},
		{"died after the celebration", func(a *Act) { a.Epoux[1].DecedeLe = "2026-11-22"; a.Posthume.DateEffet = "2026-11-21" }, "epoux[2].decede_le", ""},
	})
	// An import of an act signed on paper keeps it as signed: a witness
	// without profession is a warning there.
	a := m(t)
	a.Temoins[1].Profession = ""
	w, err := ValidateDrawnUp(a, lomme, twoOfficers, caseNow)
	if err != nil || !slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, "profession du témoin") }) {
		t.Fatalf("drawn up on paper: %v %q", err, w)
	}
}

// TestBannsLastAYearAfterTheirTenDays: art. 65 counts the year from the
// end of the ten days of art. 64 (document case 10: published on 14
// November 2026, celebrated from 24 November, until 23 November 2027).
func TestBannsLastAYearAfterTheirTenDays(t *testing.T) {
	earliest, lapsed := BannsWindow(time.Date(2026, 11, 14, 0, 0, 0, 0, time.UTC))
	if got := earliest.Format(DateLayout); got != "2026-11-24" {
		t.Errorf("earliest %s", got)
	}
	if got := lapsed.Format(DateLayout); got != "2027-11-24" {
		t.Errorf("lapses %s, want 2027-11-24 (still valid on 23 November 2027)", got)
	}
	a := repoAct(t, "mariage")
	a.Bans.DatePublication = "2025-11-14"
	a.Date = "2026-11-21"
	if fs, _ := check(t, a); slices.Contains(fs, "bans.date_publication") {
		t.Fatalf("published on 14 November 2025, a marriage on 21 November 2026 is refused: %v", fs)
	}
}

// TestKindsIdentity: the same recognition or stillborn child's act
// entered twice has the same identity; another day, another author or
// another mother does not.
func TestKindsIdentity(t *testing.T) {
	rec := modelCase(t, "08-reconnaissance-prenatale.json")
	id, ok := rec.Identity()
	if !ok {
		t.Fatal("a recognition has no identity")
	}
	again := modelCase(t, "08-reconnaissance-prenatale.json")
	again.Auteur.Nom = "bertrand"
	if other, _ := again.Identity(); !id.Same(other) {
		t.Error("the same recognition twice is not the same event")
	}
	again.AutreParent.Prenoms = []string{"Julie"}
	if other, _ := again.Identity(); id.Same(other) {
		t.Error("the child of another mother taken for the same")
	}
	esv := modelCase(t, "02-enfant-sans-vie.json")
	id, ok = esv.Identity()
	if !ok {
		t.Fatal("a stillborn child's act has no identity")
	}
	other := modelCase(t, "02-enfant-sans-vie.json")
	other.Accouchement.Date = "2026-11-20"
	if o, _ := other.Identity(); id.Same(o) {
		t.Error("another delivery taken for the same")
	}
	esv.Parents = nil
	if _, ok := esv.Identity(); ok {
		t.Error("a stillborn child's act without parents has an identity")
	}
	inconnu := modelCase(t, "04-defunt-inconnu.json")
	if _, ok := inconnu.Identity(); ok {
		t.Error("an unidentified deceased has an identity")
	}
}

// TestDeclarantSex: the wording agrees with the declarant's own sex, else
// the article of the quality, else the kinship with the deceased (case
// documents/21: « Bénédicte …, sage-femme, … invité à lire l'acte »).
func TestDeclarantSex(t *testing.T) {
	for _, c := range []struct {
		d    Declarant
		want string
	}{
		{Declarant{Person: Person{Nom: "HAÜY", Prenoms: []string{"Bénédicte"}, Sexe: "F"}, Qualite: "sage-femme"}, "F"},
		{Declarant{Person: Person{Nom: "HAÜY", Prenoms: []string{"Bénédicte"}}, Qualite: "la sage-femme"}, "F"},
		{Declarant{Person: Person{Nom: "LEFÈVRE", Prenoms: []string{"Annie"}}, Lien: "fille"}, "F"},
		{Declarant{Person: Person{Nom: "LEFÈVRE", Prenoms: []string{"Annie"}}, Lien: "Belle-sœur"}, "F"},
		{Declarant{Person: Person{Nom: "LEFÈVRE", Prenoms: []string{"Paul"}}, Lien: "petit-fils"}, "M"},
		{Declarant{Person: Person{Nom: "MERCIER", Prenoms: []string{"Thomas"}}, Qualite: "conseiller funéraire"}, ""},
	} {
		a := &Act{Type: Deces, Declarant: &c.d}
		if got := a.DeclarantSex(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.d, got, c.want)
		}
	}
	runRules(t, func(t *testing.T) *Act { return birthByMidwife() }, []ruleCase{
		{"a midwife whose sex is unknown", func(a *Act) {}, "", "declarant.sexe : sexe de Claire ROUSSEL non indiqué : l'acte l'accordera au masculin"},
		{"a midwife whose sex is known", func(a *Act) { a.Declarant.Sexe = "F" }, "", ""},
	})
}

// TestChildNameFromParents: art. 311-21. A child's NOM made of the parents'
// names (one, the other, both in either order, with a space, a hyphen or
// « -- ») passes quietly; a NOM owing nothing to them, or missing an
// accent of theirs, is warned about.
func TestChildNameFromParents(t *testing.T) {
	two := func() *Act {
		a := birth()
		a.Parents = append(a.Parents, Person{Nom: "OUALI", Prenoms: []string{"Karim"}, Sexe: "M", DateNaissance: "1991-07-01",
			LieuNaissance: "Tournai (Belgique)", Domicile: "12 rue de Lille, Lomme (Nord)"})
		return a
	}
	const warning = "n'est pas fait du nom de ses parents"
	for _, c := range []struct {
		nom  string
		warn bool
	}{
		{"OUALI", false}, {"MÜLLER", false}, {"MULLER", true}, {"MÜLLER OUALI", false}, {"OUALI--MÜLLER", false},
		{"OUALY", true}, {"DURAND", true}, {"MÜLLER DURAND", true},
	} {
		a := two()
		a.Enfant.Nom = c.nom
		fs, w := check(t, a)
		if fs != nil {
			t.Fatalf("%s: refused on %v", c.nom, fs)
		}
		got := slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, warning) })
		if got != c.warn {
			t.Errorf("%s: warned %v, want %v (warnings %q)", c.nom, got, c.warn, w)
		}
	}
	// The mother alone, her name given to the child.
	if _, w := check(t, birth()); slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, warning) }) {
		t.Errorf("the mother's own name warned: %q", w)
	}
}
