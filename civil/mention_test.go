package civil

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func signed(a *Act) *Act {
	a.Registre, a.Annee, a.Numero, a.Statut = a.Type, 2026, 38, StatutSigne
	return a
}

// add prepares m on a and appends it, as the register does.
func add(t *testing.T, a *Act, m Mention) Mention {
	t.Helper()
	if err := PrepareMention(a, &m, known, testNow); err != nil {
		t.Fatalf("%s refused: %v", m.Nature, err)
	}
	m.Date = "2026-11-24"
	a.Mentions = append(a.Mentions, m)
	return m
}

func decision(autorite string) *Decision {
	return &Decision{Autorite: autorite, Date: "2026-11-02", Reference: "R-1"}
}

// Each nature's text is written from its data, agreed with the person.
func TestMentionTexts(t *testing.T) {
	lou := &Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}
	for _, c := range []struct {
		act  func() *Act
		m    Mention
		want string
	}{
		{birth, Mention{Nature: NatureMariage, Donnees: &MentionData{Date: "2026-03-02", Lieu: "Lomme (Nord)", Conjoint: lou}},
			"Mariée à Lomme (Nord) le 2 mars 2026 avec Karim OUALI."},
		{birth, Mention{Nature: NatureDivorce, Donnees: &MentionData{Date: "2026-10-02", Conjoint: lou, Decision: decision("tribunal judiciaire de Lille")}},
			"Divorcée de Karim OUALI le 2 octobre 2026, par décision du tribunal judiciaire de Lille du 2 novembre 2026 (référence R-1)."},
		{marriage, Mention{Nature: NatureDivorce, Donnees: &MentionData{Date: "2026-10-02", Decision: decision("la cour d'appel de Douai")}},
			"Divorcés le 2 octobre 2026, par décision de la cour d'appel de Douai du 2 novembre 2026 (référence R-1)."},
		{birth, Mention{Nature: NatureSeparation, Donnees: &MentionData{Date: "2026-10-02", Conjoint: lou, Decision: decision("cour d'appel de Douai")}},
			"Séparation de corps d'avec Karim OUALI prononcée le 2 octobre 2026, par décision de la cour d'appel de Douai du 2 novembre 2026 (référence R-1)."},
		{birth, Mention{Nature: NatureDeces, Donnees: &MentionData{Date: "2026-11-20", Lieu: "Lille (Nord)"}},
			"Décédée à Lille (Nord) le 20 novembre 2026."},
		{marriage, Mention{Nature: NatureDeces, Donnees: &MentionData{Date: "2026-11-22", Lieu: "Lille (Nord)", Personne: "epoux[2]"}},
			"Décès de Sacha N'DIAYE, l'un des époux, survenu à Lille (Nord) le 22 novembre 2026."},
		{birth, Mention{Nature: NaturePacs, Donnees: &MentionData{Date: "2026-03-02", Partenaire: lou, EnregistrePar: "l'officier de l'état civil de Lille"}},
			"Pacte civil de solidarité conclu avec Karim OUALI, enregistré le 2 mars 2026 par l'officier de l'état civil de Lille."},
		{birth, Mention{Nature: NatureDissolutionPacs, Donnees: &MentionData{Date: "2026-09-02", Partenaire: lou, EnregistrePar: "Maître Anne GARNIER, notaire à Lille"}},
			"Dissolution, le 2 septembre 2026, du pacte civil de solidarité conclu avec Karim OUALI, enregistrée par Maître Anne GARNIER, notaire à Lille."},
		{birth, Mention{Nature: NatureReconnaissance, Donnees: &MentionData{Date: "2026-11-24", Lieu: "Lomme (Nord)", Auteur: lou, Qualite: "père"}},
			"Reconnue le 24 novembre 2026 à Lomme (Nord) par Karim OUALI, son père."},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "parents[1].nom", Valeur: &Value{Texts: []string{"MULLER"}}}},
			"L'acte est rectifié en ce sens que le nom de la mère doit se lire « MULLER » et non « MÜLLER »."},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.prenoms[2]", Valeur: &Value{Texts: []string{"Chloé"}}}},
			"L'acte est rectifié en ce sens que le second prénom de l'enfant doit se lire « Chloé » et non « Chloë »."},
		{death, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "defunt.profession", Valeur: &Value{Texts: []string{"ajusteur"}}}},
			"L'acte est rectifié en ce sens que la profession du défunt doit se lire « ajusteur » et non « ajusteur retraité »."},
		{marriage, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "temoins[1].domicile", Valeur: &Value{Texts: []string{"5 rue Pasteur, Lomme (Nord)"}}}},
			"L'acte est rectifié en ce sens que le domicile du témoin Inès LEROY doit se lire « 5 rue Pasteur, Lomme (Nord) » et non « 5 rue Pasteur, Lille (Nord) »."},
		{marriage, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "epoux[1].parents[2].prenoms", Valeur: &Value{Texts: []string{"Rosa"}, List: true}}},
			"L'acte est rectifié en ce sens que les prénoms du second parent de Camille BERNARD doivent se lire « Rosa » et non « Rose »."},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "date", Valeur: &Value{Texts: []string{"2026-11-19"}},
			Decision: decision("procureur de la République près le tribunal judiciaire de Lille")}},
			"Par décision du procureur de la République près le tribunal judiciaire de Lille du 2 novembre 2026 (référence R-1), l'acte est rectifié en ce sens que la date de naissance doit se lire « 19 novembre 2026 » et non « 20 novembre 2026 »."},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "heure", Valeur: &Value{Texts: []string{"04:30"}}}},
			"L'acte est rectifié en ce sens que l'heure de naissance doit se lire « quatre heures trente » et non « quatorze heures trente »."},
		{death, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "defunt.date_naissance", Valeur: &Value{Texts: []string{"1941-03-01"}}}},
			"L'acte est rectifié en ce sens que la date de naissance du défunt doit se lire « 1er mars 1941 » et non « 2 mars 1941 »."},
		{birth, Mention{Nature: NatureChangementPrenoms, Donnees: &MentionData{Prenoms: []string{"Lou"}, Decision: decision("officier de l'état civil de Lille")}},
			"Par décision de l'officier de l'état civil de Lille du 2 novembre 2026 (référence R-1), Zoé, Chloë MÜLLER a désormais pour prénom « Lou »."},
		{marriage, Mention{Nature: NatureChangementNom, Donnees: &MentionData{Nom: "DIALLO", Personne: "epoux[2]", Decision: decision("le ministre de la Justice")}},
			"Par décision du ministre de la Justice du 2 novembre 2026 (référence R-1), Sacha N'DIAYE porte désormais le nom « DIALLO »."},
		{death, Mention{Nature: NatureAnnulation, Donnees: &MentionData{Decision: decision("tribunal judiciaire de Lille")}},
			"Par décision du tribunal judiciaire de Lille du 2 novembre 2026 (référence R-1), le présent acte est annulé."},
		{birth, Mention{Nature: NatureAutre, Texte: "Texte saisi.", Fondement: "art. 49 du Code civil"}, "Texte saisi."},
		{birth, Mention{Texte: "Sans nature.", Fondement: "art. 49 du Code civil"}, "Sans nature."},
	} {
		a := signed(c.act())
		m := add(t, a, c.m)
		if m.Texte != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.m.Nature, m.Texte, c.want)
		}
		if n, _ := NatureOf(m.Nature); m.Fondement == "" || (c.m.Fondement == "" && m.Fondement != n.Fondement && m.Nature != NatureRectification) {
			t.Errorf("%s: fondement %q", m.Nature, m.Fondement)
		}
	}
}

// The act as its mentions have made it: each change applies in order;
// the act itself never changes; a free mention changes nothing.
func TestCurrent(t *testing.T) {
	a := signed(birth())
	if a.Current() != a {
		t.Fatal("an act without mentions is its own current form")
	}
	add(t, a, Mention{Nature: NatureAutre, Texte: "L'enfant se prénomme désormais Lou.", Fondement: "art. 49"})
	if a.Current() != a {
		t.Fatal("a free mention changed the act")
	}
	add(t, a, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.prenoms[2]", Valeur: &Value{Texts: []string{"Chloé"}}}})
	add(t, a, Mention{Nature: NatureChangementNom, Donnees: &MentionData{Nom: "OUALI", Decision: decision("procureur de la République")}})
	add(t, a, Mention{Nature: NatureReconnaissance, Donnees: &MentionData{Date: "2026-11-24", Lieu: "Lomme (Nord)", Auteur: &Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}, Qualite: "père"}})
	cur := a.Current()
	if got := cur.Enfant.FullName(); got != "Zoé, Chloé OUALI" {
		t.Errorf("current child %q", got)
	}
	if len(cur.Parents) != 2 || cur.Parents[1].FullName() != "Karim OUALI" || cur.Parents[1].Sexe != "M" {
		t.Errorf("recognised father: %+v", cur.Parents)
	}
	if a.Enfant.FullName() != "Zoé, Chloë MÜLLER" || len(a.Parents) != 1 {
		t.Errorf("the act changed: %+v %+v", a.Enfant, a.Parents)
	}
	// The second rectification reads the first one's result.
	m := add(t, a, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.prenoms", Valeur: &Value{Texts: []string{"Zoé, Chloë"}}}})
	if !strings.Contains(m.Texte, "« Zoé, Chloë » et non « Zoé, Chloé »") {
		t.Errorf("text %q", m.Texte)
	}
	if got := a.Current().Enfant.Prenoms; len(got) != 2 || got[1] != "Chloë" {
		t.Errorf("prénoms %q", got)
	}
	if a.AsPrinted(FormeIntegrale) != a || a.AsPrinted(FormeExtrait).Enfant.Nom != "OUALI" {
		t.Error("AsPrinted")
	}
}

// What a mention may not be: each refusal names the field.
func TestMentionRefusals(t *testing.T) {
	for _, c := range []struct {
		act   func() *Act
		m     Mention
		field string
		rule  string
	}{
		{birth, Mention{Nature: "adoption"}, "nature", "inconnue"},
		{death, Mention{Nature: NatureMariage, Donnees: &MentionData{Date: "2026-03-02", Lieu: "Lomme (Nord)", Conjoint: &Spouse{Nom: "A", Prenoms: []string{"B"}}}}, "nature", "ne se porte pas sur un acte de décès"},
		{birth, Mention{Nature: NatureDivorce, Texte: "Divorcée."}, "texte", "écrit par le registre"},
		{birth, Mention{Nature: NatureDivorce, Donnees: &MentionData{Date: "2026-10-02", Conjoint: &Spouse{Nom: "A", Prenoms: []string{"B"}}}}, "donnees.decision", "donnée manquante"},
		{birth, Mention{Nature: NatureDeces, Donnees: &MentionData{Date: "2026-10-02", Lieu: "Lille (Nord)", Nom: "X"}}, "donnees.nom", "donnée non admise"},
		{marriage, Mention{Nature: NatureDeces, Donnees: &MentionData{Date: "2026-10-02", Lieu: "Lille (Nord)"}}, "donnees.personne", "donnée manquante"},
		{marriage, Mention{Nature: NatureDeces, Donnees: &MentionData{Date: "2026-10-02", Lieu: "Lille (Nord)", Personne: "epoux[3]"}}, "donnees.personne", "époux inconnu"},
		{birth, Mention{Nature: NatureDeces, Donnees: &MentionData{Date: "2026-12-02", Lieu: "Lille (Nord)"}}, "donnees.date", "dans le futur"},
		{birth, Mention{Nature: NatureDeces, Donnees: &MentionData{Date: "2026-10-02", Lieu: "Lille"}}, "donnees.lieu", ""},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "defunt.nom", Valeur: &Value{Texts: []string{"X"}}}}, "donnees.champ", "n'est pas un champ qu'une rectification peut changer dans un acte de naissance"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "numero", Valeur: &Value{Texts: []string{"3"}}}}, "donnees.champ", "n'est pas un champ"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "parents[2].nom", Valeur: &Value{Texts: []string{"X"}}}}, "donnees.champ", "l'acte n'a qu'un élément dans « parents »"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.surnom", Valeur: &Value{Texts: []string{"X"}}}}, "donnees.champ", "pas de champ « enfant.surnom »"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant", Valeur: &Value{Texts: []string{"X"}}}}, "donnees.champ", "ensemble de champs"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.prenoms[", Valeur: &Value{Texts: []string{"X"}}}}, "donnees.champ", "pas un chemin"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.nom", Valeur: &Value{Texts: []string{"Muller"}}}}, "donnees.valeur", "capitales"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.nom", Valeur: &Value{Texts: []string{"MÜLLER"}}}}, "donnees.valeur", "se lit déjà"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.sexe", Valeur: &Value{Texts: []string{"X"}}}}, "donnees.valeur", "sexe invalide"},
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "heure", Valeur: &Value{Texts: []string{"25:00"}}}}, "donnees.valeur", ""},
		// ñ: refused without a decision, and with the officer's own.
		{birth, Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.prenoms", Valeur: &Value{Texts: []string{"Fañch"}, List: true}}}, "donnees.valeur[1]", "« ñ »"},
		{birth, Mention{Nature: NatureChangementPrenoms, Donnees: &MentionData{Prenoms: []string{"Fañch"}, Decision: decision("officier de l'état civil de Lille")}}, "donnees.prenoms[1]", "« ñ »"},
		{birth, Mention{Nature: NatureAutre}, "texte", "manquant"},
		{birth, Mention{Nature: NatureAutre, Texte: "x", Fondement: "y", Donnees: &MentionData{Date: "2026-01-01"}}, "donnees", "pas de données"},
		{birth, Mention{Nature: NatureReconnaissance, Donnees: &MentionData{Date: "2026-11-24", Lieu: "Lomme (Nord)", Auteur: &Spouse{Nom: "ouali", Prenoms: []string{"Karim"}}, Qualite: "oncle"}}, "donnees.qualite", "inconnue"},
	} {
		a := signed(c.act())
		m := c.m
		err := PrepareMention(a, &m, known, testNow)
		r, ok := err.(*RefusedError)
		if !ok {
			t.Errorf("%s %s: accepted (%v)", c.m.Nature, c.field, err)
			continue
		}
		found := false
		for _, p := range r.Problems {
			found = found || (p.Field == c.field && strings.Contains(p.Rule, c.rule))
		}
		if !found {
			t.Errorf("%s: want %s « %s », got %v", c.m.Nature, c.field, c.rule, err)
		}
	}
	// An annulled act takes no more mentions.
	a := signed(birth())
	add(t, a, Mention{Nature: NatureAnnulation, Donnees: &MentionData{Decision: decision("tribunal judiciaire de Lille")}})
	m := Mention{Nature: NatureAutre, Texte: "x", Fondement: "y"}
	if err := PrepareMention(a, &m, known, testNow); !IsRefused(err) || !strings.Contains(err.Error(), "annulé par décision du tribunal judiciaire de Lille du 02/11/2026") {
		t.Errorf("mention on an annulled act: %v", err)
	}
}

// Case modele/01: the rectification file of the case, on the case's act,
// gives « Fañch » on the extracts: ñ passes the letters rule on the
// procureur's decision.
func TestCaseFanch(t *testing.T) {
	var a Act
	read := func(name string, v any) {
		raw, err := os.ReadFile("testdata/modele/" + name) // copied from ../shared/cases/modele
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatal(err)
		}
	}
	read("01-fanch-naissance.json", &a)
	var m Mention
	read("01-fanch-rectification.json", &m)
	signed(&a)
	m.Date = ""
	if err := PrepareMention(&a, &m, known, testNow.AddDate(0, 0, 7)); err != nil {
		t.Fatal(err)
	}
	a.Mentions = append(a.Mentions, m)
	if got := a.AsPrinted(FormeExtrait).Enfant.Prenoms; len(got) != 1 || got[0] != "Fañch" {
		t.Errorf("extract prints %q", got)
	}
	if got := a.AsPrinted(FormeIntegrale).Enfant.Prenoms; got[0] != "Fanch" {
		t.Errorf("copie intégrale prints %q", got)
	}
	if !OnExtract(m, FormeIntegrale) || OnExtract(m, FormeExtrait) || OnExtract(m, FormePlurilingue) {
		t.Error("a rectification shows on the copie intégrale only")
	}
}

// A mention's JSON is the format's: a list value stays a list, a text a text.
func TestMentionJSON(t *testing.T) {
	in := `{"date":"2026-11-30","texte":"t","fondement":"art. 99","nature":"rectification","donnees":{"champ":"enfant.nom","valeur":"CARADEC"}}`
	var m Mention
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(m)
	if string(out) != in {
		t.Errorf("\n got %s\nwant %s", out, in)
	}
}

// Every kind of act says which of its fields a rectification may name.
func TestEveryKindRectifiable(t *testing.T) {
	for _, k := range Kinds {
		if len(RectifiableFields[k]) == 0 {
			t.Errorf("%s: no rectifiable field", k)
		}
	}
}

// An unidentified deceased (art. 87) gets the names found later by
// rectifications; the extracts print them, the act keeps its description.
func TestUnidentifiedNamedLater(t *testing.T) {
	var a Act
	raw, err := os.ReadFile("testdata/modele/04-defunt-inconnu.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	signed(&a)
	a.Officier = "o1"
	now := testNow.AddDate(0, 0, 10)
	dec := &Decision{Autorite: "tribunal judiciaire de Lille", Date: "2026-12-01", Reference: "RG 26/77"}
	for _, m := range []Mention{
		{Nature: NatureRectification, Donnees: &MentionData{Champ: "defunt.nom", Valeur: &Value{Texts: []string{"LEROUX"}}, Decision: dec}},
		{Nature: NatureRectification, Donnees: &MentionData{Champ: "defunt.prenoms", Valeur: &Value{Texts: []string{"Marc"}, List: true}, Decision: dec}},
	} {
		if err := PrepareMention(&a, &m, known, now); err != nil {
			t.Fatal(err)
		}
		a.Mentions = append(a.Mentions, m)
	}
	if got := a.Current().Defunt.FullName(); got != "Marc LEROUX" || a.Defunt.Nom != "" {
		t.Errorf("current %q, act %q", got, a.Defunt.Nom)
	}
	if !strings.Contains(a.Mentions[0].Texte, "le nom du défunt doit se lire « LEROUX ».") {
		t.Errorf("text %q", a.Mentions[0].Texte)
	}
}
