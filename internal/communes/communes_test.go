package communes

import "testing"

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
