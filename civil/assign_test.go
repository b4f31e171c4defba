package civil

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestActFromFieldsReadsAsTheGuidedEntry(t *testing.T) {
	a, ps := ActFromFields(Naissance, map[string]string{
		"enfant.nom":                " Müller ",
		"enfant.prenoms":            "zoé,  chloë ,",
		"enfant.sexe":               "f",
		"date":                      "20/11/2026",
		"parents[2].nom":            "ouali",
		"parents[2].prenoms":        "karim",
		"parents[2].age":            "34",
		"parents[1].nom":            "MÜLLER",
		"declarant.qualite":         "la mère",
		"declaration.heure":         "10h15",
		"reconnaissances[1].acte":   "reconnaissance/2026/1",
		"enfant_trouve.signalement": "",
	})
	if len(ps) != 0 {
		t.Fatalf("problems: %v", ps)
	}
	got, _ := json.Marshal(a)
	want := `{"type":"naissance","enfant":{"nom":"MÜLLER","prenoms":["Zoé","Chloë"],"sexe":"f"},` +
		`"parents":[{"nom":"MÜLLER"},{"nom":"OUALI","prenoms":["Karim"],"age":34}],"date":"20/11/2026",` +
		`"declarant":{"qualite":"la mère"},"declaration":{"date":"","heure":"10h15"},"reconnaissances":[{"acte":"reconnaissance/2026/1"}]}`
	if string(got) != want {
		t.Fatalf("act:\n%s\nwant\n%s", got, want)
	}
	if a.EnfantTrouve != nil {
		t.Fatal("an empty field created its part")
	}
}

func TestSetTextRefusals(t *testing.T) {
	for path, text := range map[string]string{
		"numero":             "38",
		"statut":             "signe",
		"enfant":             "Zoé",
		"enfant.surnom":      "Zozo",
		"parents[0].nom":     "X",
		"enfant.prenoms[2]":  "Zoé",
		"parents[1].age":     "trente",
		"parents[1].decede":  "peut-être",
		"acte_origine.annee": "-3",
	} {
		a := &Act{Type: Deces}
		p := SetText(a, path, text)
		if p == nil || p.Field != path || p.Rule == "" {
			t.Errorf("%s = %q: %+v", path, text, p)
		}
	}
	a := &Act{Type: Deces}
	if p := SetText(a, "parents[1].decede", "Oui"); p != nil || !a.Parents[0].Decede {
		t.Fatalf("decede: %+v %+v", p, a.Parents)
	}
	if p := SetText(a, "sans_contrat", "non"); p != nil || a.SansContrat {
		t.Fatal("sans_contrat")
	}
	if p := SetText(a, "acte_origine.numero", "812"); p != nil || a.ActeOrigine.Numero != 812 {
		t.Fatal("numero")
	}
	if p := SetText(a, "parents[1].age", "trente"); !strings.Contains(p.Rule, "chiffres") {
		t.Fatalf("age: %+v", p)
	}
}

func TestBannsFromFields(t *testing.T) {
	b, ps := BannsFromFields(map[string]string{"epoux[1].nom": "bernard", "epoux[2].prenoms": "sacha", "date_publication": "05/11/2026", "officier": "o1"})
	if len(ps) != 0 || b.Type != Bans || len(b.Epoux) != 2 || b.Epoux[0].Nom != "BERNARD" || b.Epoux[1].Prenoms[0] != "Sacha" || b.DatePublication != "05/11/2026" {
		t.Fatalf("%+v %v", b, ps)
	}
	if _, ps := BannsFromFields(map[string]string{"numero": "3"}); len(ps) != 1 {
		t.Fatalf("numero: %v", ps)
	}
}

// A form filled from an act (TextFields) gives the act again
// (ActFromFields), every kind's persons and parts included.
func TestTextFieldsReadBackToTheAct(t *testing.T) {
	for name, a := range map[string]*Act{"naissance": birth(), "deces": death(), "mariage": marriage()} {
		a.Numero, a.Statut, a.Agent = 12, StatutBrouillon, "agent"
		fields := TextFields(a)
		if _, ok := fields["numero"]; ok {
			t.Fatalf("%s: a field the register writes: %v", name, fields)
		}
		if a.Date != "" && fields["date"] == a.Date {
			t.Fatalf("%s: date not as typed: %q", name, fields["date"])
		}
		back, ps := ActFromFields(a.Type, fields)
		if len(ps) > 0 {
			t.Fatalf("%s: %v", name, ps)
		}
		if again := TextFields(back); !reflect.DeepEqual(again, fields) {
			t.Fatalf("%s: read back\n%v\nnot\n%v", name, again, fields)
		}
		if len(fields) < 8 {
			t.Fatalf("%s: too few fields: %v", name, fields)
		}
	}
}
