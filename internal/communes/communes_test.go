package communes

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	got := Find("lomme", "NORD")
	if len(got) != 1 || got[0].Code != "59355" || got[0].Rattachement != "59350" {
		t.Fatalf("Lomme: %+v", got)
	}
	if got := Find("Paris 15e Arrondissement", "Paris"); len(got) != 1 || got[0].Code != "75115" {
		t.Fatalf("Paris 15e: %+v", got)
	}
	if got := Find("Lille", "Pas-de-Calais"); len(got) != 0 {
		t.Fatalf("Lille is not in Pas-de-Calais: %+v", got)
	}
	if d, ok := Departement("2a"); !ok || d != "Corse-du-Sud" {
		t.Fatalf("2A: %q %v", d, ok)
	}
	if _, ok := Departement("Allemagne"); ok {
		t.Fatal("Allemagne is no département")
	}
	if c, ok := ByCode("67482"); !ok || c.Nom != "Strasbourg" || c.DepartementNom != "Bas-Rhin" {
		t.Fatalf("67482: %+v", c)
	}
}

func BenchmarkFind(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if len(Find("Lille", "Nord")) != 1 {
			b.Fatal("Lille not found")
		}
	}
}

func names(cs []Commune) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Nom+" ("+c.DepartementNom+")")
	}
	return out
}

func TestSuggest(t *testing.T) {
	cases := []struct {
		nom, dept, want string // want: the first suggestion
	}{
		{"Gravelinnes", "", "Gravelines (Nord)"},
		{"Gravelinnes", "Nord", "Gravelines (Nord)"},
		{"gravelinnes", "59", "Gravelines (Nord)"},
		{"GRAVELINE", "", "Gravelines (Nord)"},
		{"Grvaelines", "Nord", "Gravelines (Nord)"},     // two letters swapped
		{"Dunkerque", "Pas-de-Calais", ""},              // not in that département: nothing close there
		{"Dunkerke", "", "Dunkerque (Nord)"},            // two changes
		{"Hazebrook", "Nord", "Hazebrouck (Nord)"},      // three changes in a long name
		{"St Omer", "62", "Saint-Omer (Pas-de-Calais)"}, // St spelled out
		{"Ste-Marie-aux-Mine", "", "Sainte-Marie-aux-Mines (Haut-Rhin)"},
		{"Montreuil sur mer", "", "Montreuil-sur-Mer (Pas-de-Calais)"},
		{"Lile", "Nord", "Lille (Nord)"},
		{"Grave", "Nord", "Gravelines (Nord)"}, // a name being typed is completed
		{"Strasbourgg", "", "Strasbourg (Bas-Rhin)"},
		{"Levallois Peret", "", "Levallois-Perret (Hauts-de-Seine)"},
		{"Chalons en Champagne", "", "Châlons-en-Champagne (Marne)"},
	}
	for _, c := range cases {
		got := names(Suggest(c.nom, c.dept, 0))
		if c.want == "" {
			for _, g := range got {
				if strings.HasPrefix(g, "Dunkerque") {
					t.Errorf("Suggest(%q, %q) = %v: outside the département", c.nom, c.dept, got)
				}
			}
			continue
		}
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("Suggest(%q, %q) = %v, want %s first", c.nom, c.dept, got, c.want)
		}
		if len(got) > MaxSuggestions {
			t.Errorf("Suggest(%q, %q): %d suggestions", c.nom, c.dept, len(got))
		}
	}
	// Restricted to a département, every suggestion is of it.
	for _, c := range Suggest("Saint Martin", "Nord", 10) {
		if c.Departement != "59" {
			t.Errorf("Saint Martin in Nord: %+v", c)
		}
	}
	if got := Suggest("Paris", "", 3); len(got) != 3 {
		t.Errorf("Paris: %v", names(got))
	}
	if got := Suggest("Xqzwv", "", 5); len(got) != 0 {
		t.Errorf("nonsense gives %v", names(got))
	}
	if got := Suggest("", "", 5); got != nil || Suggest(" - ", "Nord", 5) != nil {
		t.Error("an empty name gives suggestions")
	}
	// A département's first and last communes are within its range.
	if got := names(Suggest("Abbeville", "Somme", 1)); len(got) != 1 || got[0] != "Abbeville (Somme)" {
		t.Errorf("Abbeville: %v", got)
	}
	if got := names(Suggest("Yzengremer", "Somme", 1)); len(got) != 1 || got[0] != "Yzengremer (Somme)" {
		t.Errorf("Yzengremer: %v", got)
	}
	// A commune actuelle comes before a commune déléguée of the same name.
	for _, c := range Suggest("Cherbourg Octeville", "Manche", 5) {
		if c.Nom == "Cherbourg-en-Cotentin" && c.Type != "commune-actuelle" {
			t.Errorf("%+v", c)
		}
	}
}

func TestDistance(t *testing.T) {
	var a, b, c []int
	cases := []struct {
		x, y    string
		k, want int
	}{
		{"gravelinnes", "gravelines", 3, 1},
		{"grvaelines", "gravelines", 3, 1},
		{"abc", "abc", 0, 0},
		{"", "abc", 3, 3},
		{"abc", "", 3, 3},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3}, // cut: k+1
		{"ca", "abc", 3, 3},         // optimal string alignment, not Damerau
	}
	for _, cs := range cases {
		if got := distance(cs.x, cs.y, cs.k, &a, &b, &c); got != cs.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", cs.x, cs.y, cs.k, got, cs.want)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	for _, c := range []struct{ name, nom, dept string }{
		{"France", "Gravelinnes", ""},
		{"Nord", "Gravelinnes", "Nord"},
		{"typing", "Grav", ""},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if c.nom == "Gravelinnes" && len(Suggest(c.nom, c.dept, 5)) == 0 {
					b.Fatal("no suggestion")
				}
				if c.nom != "Gravelinnes" {
					Suggest(c.nom, c.dept, 5)
				}
			}
		})
	}
}

func TestNamed(t *testing.T) {
	if got := names(Named("dunkerque")); len(got) != 1 || got[0] != "Dunkerque (Nord)" {
		t.Errorf("dunkerque: %v", got)
	}
	// Several départements have a Saint-Pierre-…; only exact names count.
	for _, c := range Named("Saint-Omer") {
		if c.Nom != "Saint-Omer" {
			t.Errorf("Saint-Omer: %+v", c)
		}
	}
	if got := Named("Tournai"); got != nil {
		t.Errorf("Tournai is not French: %v", names(got))
	}
	if got := Named("Gravelinnes"); got != nil {
		t.Errorf("a misspelling is not a name: %v", names(got))
	}
	// After namedSetAfter calls, the set of names answers the same.
	for range namedSetAfter + 1 {
		Named("Tournai")
	}
	if got := names(Named("DUNKERQUE")); len(got) != 1 || got[0] != "Dunkerque (Nord)" {
		t.Errorf("dunkerque from the set: %v", got)
	}
	if got := Named("Tournai"); got != nil {
		t.Errorf("Tournai from the set: %v", names(got))
	}
}
