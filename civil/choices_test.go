package civil

import (
	"strings"
	"testing"

	"etatcivil/internal/parse"
)

// TestOptionValuesAsTyped: the values of issue 18 §1 are read as a clerk
// types them, and what stays ambiguous is refused with the list.
func TestOptionValuesAsTyped(t *testing.T) {
	for _, c := range []struct {
		ch         *parse.Choice
		typed, got string
	}{
		{KindChoice, "décès", "deces"},
		{KindChoice, "Décès", "deces"},
		{KindChoice, "naissances", "naissance"},
		{KindChoice, "MARIAGES", "mariage"},
		{FormeChoice, "intégrale", "integrale"},
		{FormeChoice, "Extrait avec filiation", "extrait-filiation"},
		{FormeChoice, "extrait", "extrait"},
		{RequesterChoice, "père-mère", "pere-mere"},
		{RequesterChoice, "Mère", "pere-mere"},
		{RequesterChoice, "intéressée", "interesse"},
		{OfficerQualiteChoice, "Maire", "maire"},
		{OfficerQualiteChoice, "fonctionnaire-délégué", "fonctionnaire-delegue"},
		{OfficerQualiteChoice, "fonctionnaire déléguée", "fonctionnaire-delegue"},
		{OfficerQualiteChoice, "adjointe au maire", "adjoint"},
		{DeclarantChoice, "La Mère", "la mère"},
		{DeclarantChoice, "pere", "le père"},
		{SexeChoice, "f", "F"},
		{SexeChoice, "masculin", "M"},
		{natureChoice, "Changement de prénoms", "changement-prenoms"},
		{natureChoice, "Divorce", "divorce"},
	} {
		if got, err := c.ch.Match(c.typed); err != nil || got != c.got {
			t.Errorf("%q: %q, %v; want %q", c.typed, got, err, c.got)
		}
	}
	for _, c := range []struct {
		ch    *parse.Choice
		typed string
		want  string
	}{
		{FormeChoice, "ext", "« ext » est ambigu : extrait-filiation (extrait avec filiation), extrait (extrait sans filiation) ou plurilingue (extrait plurilingue) ?"},
		{OfficerQualiteChoice, "mai", "« mai » est ambigu : maire ou maire-delegue (maire délégué) ?"},
		{KindChoice, "acte", "« acte » n'est pas une valeur reconnue ; choisissez parmi : naissance, deces (décès), mariage"},
	} {
		if _, err := c.ch.Match(c.typed); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.typed, err, c.want)
		}
	}
	// The files are read the same way, and keep the canonical value.
	a := birth()
	a.Enfant.Sexe, a.Declarant.Qualite = "f", "La Mère"
	if _, err := Validate(a, lomme, known, testNow); err != nil || a.Enfant.Sexe != "F" || a.Declarant.Qualite != "la mère" {
		t.Fatalf("%v: %q %q", err, a.Enfant.Sexe, a.Declarant.Qualite)
	}
	o := Officer{ID: "o2", Prenoms: []string{"Anne"}, Nom: "DUBOIS", Qualite: "Adjointe"}
	if err := ValidateOfficer(&o); err != nil || o.Qualite != "adjoint" {
		t.Fatalf("%v: %q", err, o.Qualite)
	}
	r := CopyRequest{Forme: "Intégrale", Qualite: "père-mère", Demandeur: "Anaïs MÜLLER"}
	if err := r.Check(); err != nil || r.Forme != FormeIntegrale || r.Qualite != QualitePereMere {
		t.Fatalf("%v: %+v", err, r)
	}
}

// TestPlacesSuggestOfficialNames: a place not found proposes the closest
// names of the official list, in the refusal and the warning.
func TestPlacesSuggestOfficialNames(t *testing.T) {
	for _, c := range []struct {
		typed string
		want  []string
	}{
		{"Gravelinnes (Nord)", []string{"Gravelines (Nord)"}},
		{"Dunkerque", []string{"Dunkerque (Nord)"}},
		{"Gravelinnes", []string{"Gravelines (Nord)"}},
	} {
		if got := SuggestPlaces(c.typed); len(got) == 0 || got[0] != c.want[0] {
			t.Errorf("%q: %v, want %v first", c.typed, got, c.want)
		}
	}
	a := birth()
	a.Parents[0].LieuNaissance = "Dunkerque"
	_, err := Validate(a, lomme, known, testNow)
	if err == nil || !strings.Contains(err.Error(), "vouliez-vous dire « Dunkerque (Nord) » ?") {
		t.Fatalf("%v", err)
	}
	a = birth()
	a.Parents[0].LieuNaissance = "Gravelinnes (Nord)"
	ws, err := Validate(a, lomme, known, testNow)
	if err != nil || len(ws) != 1 || !strings.Contains(ws[0], "vouliez-vous dire « Gravelines (Nord) » ?") {
		t.Fatalf("%v %v", ws, err)
	}
	// A French commune with a mistyped département is warned about; a
	// foreign town is not.
	a = birth()
	a.Parents[0].LieuNaissance = "Dunkerque (Nrod)"
	ws, err = Validate(a, lomme, known, testNow)
	if err != nil || len(ws) != 1 || !strings.Contains(ws[0], "« Nrod » n'est pas un département français ; s'il s'agit de « Dunkerque (Nord) »") {
		t.Fatalf("%v %v", ws, err)
	}
	a = birth()
	a.Parents[0].LieuNaissance = "Tournai (Belgique)"
	if ws, err = Validate(a, lomme, known, testNow); err != nil || len(ws) != 0 {
		t.Fatalf("%v %v", ws, err)
	}
}
