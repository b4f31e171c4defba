package civil

import "testing"

// Titles agree with the officer's civilité (etat-civil.md §5); unknown,
// they stay in the masculine of the office.
func TestOfficerTitleAgrees(t *testing.T) {
	for _, c := range []struct{ qualite, civilite, want string }{
		{"maire-delegue", CiviliteMadame, "Anne-Sophie DELCOURT, maire déléguée, officier de l'état civil"},
		{"maire-delegue", CiviliteMonsieur, "Anne-Sophie DELCOURT, maire délégué, officier de l'état civil"},
		{"maire-delegue", "", "Anne-Sophie DELCOURT, maire délégué, officier de l'état civil"},
		{"adjoint", CiviliteMadame, "Anne-Sophie DELCOURT, adjointe au maire, officier de l'état civil"},
		{"conseiller", CiviliteMadame, "Anne-Sophie DELCOURT, conseillère municipale déléguée, officier de l'état civil"},
		{"maire", CiviliteMadame, "Anne-Sophie DELCOURT, maire, officier de l'état civil"},
		{"fonctionnaire-delegue", CiviliteMadame, "Anne-Sophie DELCOURT, fonctionnaire déléguée, par délégation du maire"},
		{"fonctionnaire-delegue", CiviliteMonsieur, "Anne-Sophie DELCOURT, fonctionnaire délégué, par délégation du maire"},
	} {
		o := Officer{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: c.qualite, Civilite: c.civilite}
		if got := o.Title(); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.qualite, c.civilite, got, c.want)
		}
		if err := ValidateOfficer(&o); err != nil {
			t.Errorf("%s %q refused: %v", c.qualite, c.civilite, err)
		}
	}
	if err := ValidateOfficer(&Officer{ID: "o1", Prenoms: []string{"Anne"}, Nom: "D", Qualite: "maire", Civilite: "Mlle"}); !IsRefused(err) {
		t.Errorf("civilité Mlle accepted: %v", err)
	}
}

func TestParseCivilite(t *testing.T) {
	for in, want := range map[string]string{"Mme": "Mme", "mme": "Mme", "Madame": "Mme", "MME.": "Mme", "M": "M", "M.": "M", "monsieur": "M"} {
		if got, err := ParseCivilite(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "Mlle", "X", "docteur"} {
		if _, err := ParseCivilite(in); !IsRefused(err) {
			t.Errorf("%q accepted", in)
		}
	}
}
