package registry

import (
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

func TestPhonetic(t *testing.T) {
	same := [][2]string{
		{"Lefèbvre", "Lefevre"}, {"Muller", "Mueller"}, {"MÜLLER", "Muler"}, {"Philippe", "Filipe"},
		{"Dupont", "Dupond"}, {"Gauthier", "Gautier"}, {"Thomas", "Tomas"}, {"Schmitt", "Chmit"},
		{"Mathieu", "Matthieu"}, {"Rousseau", "Rousso"}, {"Christophe", "Kristof"}, {"Chantal", "Shantal"}, {"Caroline", "Karoline"}, {"Céline", "Seline"},
	}
	for _, p := range same {
		if a, b := Phonetic(p[0]), Phonetic(p[1]); a != b || a == "" {
			t.Errorf("%s → %q and %s → %q should match", p[0], a, p[1], b)
		}
	}
	different := [][2]string{{"Martin", "Dupont"}, {"Muller", "Lefèvre"}, {"Bernard", "Renard"}, {"Petit", "Robert"}}
	for _, p := range different {
		if Phonetic(p[0]) == Phonetic(p[1]) {
			t.Errorf("%s and %s should not match (%q)", p[0], p[1], Phonetic(p[0]))
		}
	}
}

func names(hits []Hit) string {
	var out []string
	for _, h := range hits {
		tag := ""
		if h.Phonetic {
			tag = "~"
		}
		out = append(out, fmt.Sprintf("%s%s %s %s", tag, h.Ref, h.Role, h.Person.FullName()))
	}
	return strings.Join(out, "\n")
}

func TestSearch(t *testing.T) {
	s := newStore(t)
	b := register(t, s, birth()) // Zoé, Chloë MÜLLER, mother Anaïs MÜLLER
	d := register(t, s, death()) // Jean-Pierre LEFÈVRE, spouse Hélène DUPONT, parents, declarant Paul LEFÈVRE
	b2 := birth()
	b2.Enfant = &civil.Person{Nom: "LEFEBVRE-DURAND", Prenoms: []string{"Léo"}, Sexe: "M"}
	b2.Parents[0] = civil.Person{Nom: "LEFEBVRE", Prenoms: []string{"Inès"}, Sexe: "F", DateNaissance: "1990-01-01", LieuNaissance: "Lille (Nord)", Domicile: "Lille (Nord)"}
	r3 := register(t, s, b2)

	cases := []struct {
		q        string
		want     []string // substrings, each expected in the hits
		spelled  int      // hits found by spelling
		phonetic int      // hits found by sound only
	}{
		{"muller", []string{b.String() + " enfant Zoé, Chloë MÜLLER", b.String() + " parent1 Anaïs MÜLLER"}, 2, 0},
		{"MUELLER", []string{"MÜLLER"}, 0, 2},
		{"lefevre", []string{d.String() + " defunt Jean-Pierre, Marcel LEFÈVRE", d.String() + " declarant Paul LEFÈVRE"}, 3, 2},
		{"Lefèbvre", []string{"LEFEBVRE-DURAND", "LEFÈVRE"}, 2, 3},
		{"lefebvre durand", []string{r3.String() + " enfant Léo LEFEBVRE-DURAND"}, 1, 0},
		{"lefebvre-durand", []string{r3.String() + " enfant"}, 1, 0},
		{"lefebvredurand", []string{r3.String() + " enfant"}, 1, 0},
		{"jean pierre lefevre", []string{d.String() + " defunt"}, 1, 0},
		{"helene", []string{d.String() + " conjoint Hélène DUPONT"}, 1, 0},
		{"zoe mul", []string{b.String() + " enfant"}, 1, 0},
		{"martin", nil, 0, 0},
	}
	for _, format := range []string{"posting lists"} {
		for _, c := range cases {
			hits, err := s.Search(c.q)
			if err != nil {
				t.Fatal(err)
			}
			got := names(hits)
			sp, ph := 0, 0
			for _, h := range hits {
				if h.Phonetic {
					ph++
				} else {
					sp++
				}
			}
			if sp != c.spelled || ph != c.phonetic {
				t.Errorf("%s, %q: %d spelled, %d phonetic, want %d and %d:\n%s", format, c.q, sp, ph, c.spelled, c.phonetic, got)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s, %q: %q not found in\n%s", format, c.q, w, got)
				}
			}
		}
	}
	// a corrected draft is found under its new name only
	c := birth()
	c.Enfant.Nom = "MARTIN"
	if _, _, err := s.Correct(b, c); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search("martin"); len(hits) != 1 || hits[0].Role != "enfant" {
		t.Fatalf("after correction: %s", names(hits))
	}
	if hits, _ := s.Search("zoe"); len(hits) != 1 || hits[0].Person.Nom != "MARTIN" {
		t.Fatalf("old name still indexed: %s", names(hits))
	}
	if _, err := s.Search("  -- "); !civil.IsRefused(err) {
		t.Fatalf("empty search: %v", err)
	}
}

// TestSearchStopsAtMaxHits: a common name gives the first MaxHits people
// by spelling, none by sound, and a rarer word of the query still finds
// the one person who has both names.
func TestSearchStopsAtMaxHits(t *testing.T) {
	s := newStore(t)
	var lines []ImportLine
	if err := s.SetNumbering(civil.Naissance, 2026, 0); err != nil {
		t.Fatal(err)
	}
	for i := range MaxHits + 60 {
		a := birth()
		a.Enfant.Nom = "MARTIN"
		if i == MaxHits+50 {
			a.Enfant.Prenoms = []string{"Aglaé"}
		}
		a.Registre, a.Annee, a.Numero, a.Statut = civil.Naissance, 2026, i+1, civil.StatutSigne
		lines = append(lines, ImportLine{Line: i + 1, Act: &Exported{Act: *a}})
	}
	if _, err := s.Import(lines); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search("martin")
	if err != nil || len(hits) != MaxHits {
		t.Fatalf("martin: %d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.Phonetic || h.Person.Nom != "MARTIN" {
			t.Fatalf("martin: %+v", h)
		}
	}
	for _, q := range []string{"martin aglae", "aglae martin", "marten aglae"} {
		hits, err = s.Search(q)
		if err != nil || len(hits) != 1 || hits[0].Ref.Numero != MaxHits+51 {
			t.Errorf("%s: %s, %v", q, names(hits), err)
		}
	}
}

// TestSearchBySoundWithinBudget: a search by sound stops at its budget
// and says so; by spelling it is always complete.
func TestSearchBySoundWithinBudget(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Naissance, 2026, 0); err != nil {
		t.Fatal(err)
	}
	var lines []ImportLine
	for i := range 60 {
		a := birth()
		a.Enfant.Nom = "MOREAU"
		if i == 59 {
			a.Enfant.Nom, a.Enfant.Prenoms = "MAURY", []string{"Aglaé"}
		}
		a.Registre, a.Annee, a.Numero, a.Statut = civil.Naissance, 2026, i+1, civil.StatutSigne
		lines = append(lines, ImportLine{Line: i + 1, Act: &Exported{Act: *a}})
	}
	if _, err := s.Import(lines); err != nil {
		t.Fatal(err)
	}
	f, err := s.Find("maury")
	if err != nil || len(f.Hits) != 60 || f.SoundsCut {
		t.Fatalf("maury, whole budget: %d hits, cut %v, %v", len(f.Hits), f.SoundsCut, err)
	}
	defer func(b int) { soundBudget = b }(soundBudget)
	soundBudget = 40
	f, err = s.Find("maury")
	if err != nil || !f.SoundsCut || len(f.Hits) == 0 || len(f.Hits) >= 60 || f.Hits[0].Phonetic || f.Hits[0].Person.Nom != "MAURY" {
		t.Fatalf("maury, budget of 40: %d hits, cut %v, %v", len(f.Hits), f.SoundsCut, err)
	}
	f, err = s.Find("aglae")
	if err != nil || len(f.Hits) != 1 || f.SoundsCut {
		t.Fatalf("aglae: %d hits, cut %v, %v", len(f.Hits), f.SoundsCut, err)
	}
}

// BenchmarkSearch measures a search by name in a register of 2,000 acts.
func BenchmarkSearch(b *testing.B) {
	s := newStore(b)
	noms := []string{"MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "MÜLLER", "LEFÈVRE"}
	for i := 0; i < 2000; i++ {
		a := birth()
		a.Enfant.Nom = noms[i%len(noms)]
		a.Parents[0].Nom = noms[(i/len(noms))%len(noms)]
		numbered(b, s, a)
		if _, err := s.RegisterWith(a, confirmed); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if hits, err := s.Search("lefevre"); err != nil || len(hits) == 0 {
			b.Fatal(err, len(hits))
		}
	}
}

// TestImportIndexesLikeRegister: the index an import writes in bulk holds
// exactly the entries, with their values, that registering the same acts
// one by one writes.
func TestImportIndexesLikeRegister(t *testing.T) {
	one, bulk := newStore(t), newStore(t)
	if err := bulk.SetNumbering(civil.Naissance, 2026, 0); err != nil {
		t.Fatal(err)
	}
	var lines []ImportLine
	for i, a := range []*civil.Act{birth(), birth(), birth()} {
		switch i {
		case 1:
			a.Enfant = &civil.Person{Nom: "LEFEBVRE-DURAND", Prenoms: []string{"Jean-Baptiste", "Léo"}, Sexe: "M"}
		case 2:
			a.Enfant = &civil.Person{Nom: "N'DIAYE DA SILVA", Prenoms: []string{"Aïcha"}, Sexe: "F"}
		}
		numbered(t, one, a)
		if _, err := one.RegisterWith(a, confirmed); err != nil {
			t.Fatal(err)
		}
		x := *a
		x.Statut = civil.StatutBrouillon
		lines = append(lines, ImportLine{Line: i + 1, Act: &Exported{Act: x}})
	}
	if _, err := bulk.Import(lines); err != nil {
		t.Fatal(err)
	}
	dump := func(s *Store) string {
		var b strings.Builder
		s.db.View(func(tx *bolt.Tx) error {
			for _, name := range [][]byte{bucketNames, bucketSounds, bucketPersons} {
				tx.Bucket(name).ForEach(func(k, v []byte) error {
					fmt.Fprintf(&b, "%s %q = %q\n", name, k, v)
					return nil
				})
			}
			return nil
		})
		return b.String()
	}
	got, want := dump(bulk), dump(one)
	if got != want || !strings.Contains(want, "lefebvredurand") {
		t.Fatalf("import index:\n%s\nregister index:\n%s", got, want)
	}
}
