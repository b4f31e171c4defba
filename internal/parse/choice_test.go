package parse

import (
	"strings"
	"testing"
)

// The project's lists, as the wiring will declare them (registry names).
var (
	registres = NewChoice(
		Option{Value: "naissance"},
		Option{Value: "deces", Label: "décès"},
		Option{Value: "mariage"},
		Option{Value: "reconnaissance"},
	)
	formes = NewChoice(
		Option{Value: "integrale", Label: "copie intégrale"},
		Option{Value: "extrait-filiation", Label: "extrait avec filiation"},
		Option{Value: "extrait", Label: "extrait sans filiation"},
		Option{Value: "plurilingue", Label: "extrait plurilingue"},
	)
	demandeurs = NewChoice(
		Option{Value: "interesse", Label: "personne concernée"},
		Option{Value: "pere-mere", Label: "père ou mère", Aliases: []string{"père", "mère"}},
		Option{Value: "ascendant"},
		Option{Value: "descendant"},
		Option{Value: "conjoint"},
		Option{Value: "representant", Label: "représentant légal ou mandataire"},
		Option{Value: "procureur", Label: "procureur de la République"},
		Option{Value: "tiers"},
	)
	officiers = NewChoice(
		Option{Value: "maire"},
		Option{Value: "adjoint", Label: "adjoint au maire", Aliases: []string{"adjointe", "adjointe au maire"}},
		Option{Value: "conseiller", Label: "conseiller municipal délégué", Aliases: []string{"conseillère", "conseillère municipale déléguée"}},
		Option{Value: "maire-delegue", Label: "maire délégué"},
		Option{Value: "fonctionnaire-delegue", Label: "fonctionnaire délégué"},
	)
	avis = NewChoice(
		Option{Value: "a-envoyer", Label: "à envoyer"},
		Option{Value: "envoyee", Label: "envoyée"},
	)
	situations = NewChoice(
		Option{Value: "celibataire", Label: "célibataire"},
		Option{Value: "marie", Label: "marié"},
		Option{Value: "veuf", Label: "veuf", Aliases: []string{"veuve"}},
		Option{Value: "divorce", Label: "divorcé"},
		Option{Value: "pacse", Label: "pacsé"},
	)
)

func TestChoiceFoldsAccentsCasePluralAndSeparators(t *testing.T) {
	cases := []struct {
		c    *Choice
		in   string
		want string
	}{
		{registres, "décès", "deces"},
		{registres, "Décès", "deces"},
		{registres, "DECES", "deces"},
		{registres, "deces", "deces"},
		{registres, "naissances", "naissance"},
		{registres, " Naissance ", "naissance"},
		{registres, "mariages", "mariage"},
		{formes, "intégrale", "integrale"},
		{formes, "Copie intégrale", "integrale"},
		{formes, "extrait", "extrait"},
		{formes, "extraits", "extrait"},
		{formes, "extrait_filiation", "extrait-filiation"},
		{formes, "Extrait avec filiation", "extrait-filiation"},
		{formes, "extrait plurilingue", "plurilingue"},
		{demandeurs, "père-mère", "pere-mere"},
		{demandeurs, "Père Mère", "pere-mere"},
		{demandeurs, "pere_mere", "pere-mere"},
		{demandeurs, "mère", "pere-mere"},
		{demandeurs, "intéressé", "interesse"},
		{demandeurs, "intéressée", "interesse"},
		{demandeurs, "Procureur de la république", "procureur"},
		{officiers, "Maire", "maire"},
		{officiers, "fonctionnaire-délégué", "fonctionnaire-delegue"},
		{officiers, "Fonctionnaire déléguée", "fonctionnaire-delegue"},
		{officiers, "maire déléguée", "maire-delegue"},
		{officiers, "adjoint au maire", "adjoint"},
		{officiers, "adjointe", "adjoint"},
		{officiers, "Conseillère municipale déléguée", "conseiller"},
		{avis, "envoyée", "envoyee"},
		{avis, "envoyé", "envoyee"},
		{avis, "à envoyer", "a-envoyer"},
		{situations, "mariée", "marie"},
		{situations, "divorcée", "divorce"},
		{situations, "Veuve", "veuf"},
		{situations, "pacsée", "pacse"},
		// Unambiguous prefixes of at least three letters.
		{formes, "intég", "integrale"},
		{formes, "plur", "plurilingue"},
		{formes, "extrait fil", "extrait-filiation"},
		{officiers, "fonct", "fonctionnaire-delegue"},
		{officiers, "fonct del", "fonctionnaire-delegue"},
		{officiers, "cons", "conseiller"},
		{demandeurs, "repr", "representant"},
		{registres, "naiss", "naissance"},
		{registres, "déc", "deces"},
	}
	for _, c := range cases {
		if got, err := c.c.Match(c.in); err != nil || got != c.want {
			t.Errorf("Match(%q) = %q, %v; want %s", c.in, got, err, c.want)
		}
	}
}

func TestChoiceRefusesAmbiguousAndUnknown(t *testing.T) {
	_, err := formes.Match("ext")
	p := problem(t, "ext", err, "est ambigu")
	for _, w := range []string{"extrait-filiation (extrait avec filiation)", "extrait (extrait sans filiation)", "plurilingue"} {
		if !strings.Contains(p.Rule+p.Hint, w) {
			t.Errorf("ext: %q does not name %s", p.Error(), w)
		}
	}
	if strings.Contains(p.Rule, "integrale") {
		t.Errorf("ext: the rule names integrale: %q", p.Rule)
	}
	_, err = officiers.Match("mair")
	problem(t, "mair", err, "est ambigu : maire ou maire-delegue (maire délégué) ?")

	for _, in := range []string{"xyz", "na", "de", "m", "naissanc x", "maire adjoint", "délégué", "deces\x1b[0m"} {
		got, err := registres.Match(in)
		if err == nil {
			t.Errorf("Match(%q) = %q, want a refusal", in, got)
			continue
		}
		p := problem(t, in, err, "")
		if p.Hint != "choisissez parmi : naissance, deces (décès), mariage, reconnaissance" {
			t.Errorf("%q: hint %q", in, p.Hint)
		}
		if strings.ContainsRune(p.Rule, '\x1b') {
			t.Errorf("%q: raw escape in %q", in, p.Rule)
		}
	}
	_, err = registres.Match("  ")
	problem(t, "", err, "valeur manquante")
}

func TestChoiceHelpers(t *testing.T) {
	if got := demandeurs.Label("pere-mere"); got != "père ou mère" {
		t.Errorf("Label: %q", got)
	}
	if got := registres.Label("naissance"); got != "naissance" {
		t.Errorf("Label without label: %q", got)
	}
	if got := strings.Join(formes.Values(), ","); got != "integrale,extrait-filiation,extrait,plurilingue" {
		t.Errorf("Values: %q", got)
	}
}

func TestNewChoicePanicsOnACollision(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("two options folding alike were accepted")
		}
	}()
	NewChoice(Option{Value: "deces"}, Option{Value: "décès-x", Aliases: []string{"Décès"}})
}

func BenchmarkChoice(b *testing.B) {
	in := []string{"Décès", "fonctionnaire-délégué", "intég", "ext", "naissances"}
	cs := []*Choice{registres, officiers, formes, formes, registres}
	for i := 0; b.Loop(); i++ {
		cs[i%len(cs)].Match(in[i%len(in)])
	}
}
