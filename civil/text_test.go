package civil

import (
	"strings"
	"testing"
)

func TestTextProblem(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"Zoé MÜLLER-N'DIAYE", ""},
		{"12 rue de l'Œuvre, Lomme (Nord)", ""},
		{"infirmi\xe8re", "texte mal encodé"},
		{"x\ny", "saut de ligne"},
		{"x\ry", "saut de ligne"},
		{"x\u2028y", "saut de ligne"},
		{"x\ty", "tabulation"},
		{"x\x1b[2Jy", "échappement de terminal (U+001B)"},
		{"x\u009b2Jy", "échappement de terminal (U+009B)"},
		{"x\x00y", "caractère de contrôle (U+0000)"},
		{"x\x7fy", "caractère de contrôle (U+007F)"},
		{"abc\u202edef", "contrôle de sens d'écriture (U+202E)"},
		{"abc\ufffddef", "caractère de remplacement"},
		{strings.Repeat("é", MaxText+1), "texte trop long"},
	} {
		p := TextProblem("champ", c.in)
		switch {
		case c.want == "" && p != nil:
			t.Errorf("%q refused: %v", c.in, p)
		case c.want != "" && (p == nil || !strings.Contains(p.Rule, c.want) || p.Field != "champ"):
			t.Errorf("%q: got %v, want %q", c.in, p, c.want)
		}
	}
}

// Every text of an act is checked, named by its path in the interchange
// format, lists counted from 1.
func TestTextProblemsNameTheField(t *testing.T) {
	a := &Act{Type: Naissance, Enfant: &Person{Nom: "MÜLLER", Prenoms: []string{"Zoé", "Chlo\x1bë"}},
		Parents:  []Person{{Nom: "MÜLLER"}, {Nom: "OUALI", Profession: "électricien\n"}},
		Mentions: []Mention{{Texte: "Rectifié\u202e."}}}
	var got []string
	for _, p := range TextProblems("", a) {
		got = append(got, p.Field)
	}
	if strings.Join(got, " ") != "enfant.prenoms[2] parents[2].profession mentions[1].texte" {
		t.Fatalf("fields: %v", got)
	}
	if _, err := Validate(a, Commune{}, func(string) (Officer, bool) { return Officer{}, false }, testNow); err == nil || !strings.Contains(err.Error(), "enfant.prenoms[2] : caractère interdit") {
		t.Fatalf("Validate: %v", err)
	}
}
