package registry_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/synth"
	"etatcivil/registry"
)

// TestSearchOnListsFindsTheSame: a search of several words finds exactly
// the same people, in the same order, whether it checks the other words
// on the candidates' persons records or on the words' posting lists, on
// a register generated as demo --volume does (names drawn as in a real
// population: compound names, particles, accents), for real people,
// names crossed at random, prefixes, misspellings and queries of three
// words, with the search by sound whole and cut short.
func TestSearchOnListsFindsTheSame(t *testing.T) {
	now := time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local)
	c := civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}
	s, err := registry.Create(filepath.Join(t.TempDir(), "registre"), c, nil, registry.Options{Agent: "test", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, o := range []civil.Officer{{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"}, {ID: "o2", Prenoms: []string{"Karim"}, Nom: "BENALI", Qualite: "fonctionnaire-delegue"}} {
		if err := s.AddOfficer(o, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := synth.Fill(s, synth.Options{Acts: 6000, Seed: 3, Today: now, Commune: c, Officer: "o2", Celebrant: "o1"}, nil); err != nil {
		t.Fatal(err)
	}

	// The queries: people of the register, their names crossed, cut,
	// misspelt.
	var people []civil.Person
	for _, q := range []string{"a", "e", "i", "o", "u", "l", "m"} {
		hits, err := s.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if len(h.Person.Prenoms) > 0 && h.Person.Nom != "" {
				people = append(people, h.Person)
			}
		}
	}
	if len(people) < 100 {
		t.Fatalf("%d people to search for", len(people))
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() civil.Person { return people[r.IntN(len(people))] }
	queries := []string{"jean martin", "anne sophie", "marie dubois", "zoe muller", "lefèbvre rose", "karim benali", "de la"}
	for range 60 {
		p := pick()
		queries = append(queries, p.Prenoms[0]+" "+p.Nom)
		queries = append(queries, pick().Prenoms[0]+" "+pick().Nom)
		queries = append(queries, pick().Nom[:min(3, len(pick().Nom))]+" "+pick().Prenoms[0])
	}
	for range 20 {
		p := pick()
		queries = append(queries, strings.Join(append(slices.Clone(p.Prenoms), p.Nom), " "))
		n := []rune(strings.ToLower(p.Nom))
		n[len(n)/2] = 'e' // a letter changed: found by sound, if at all
		queries = append(queries, p.Prenoms[0]+" "+string(n))
	}

	describe := func(f registry.Found) string {
		var b strings.Builder
		fmt.Fprintf(&b, "cut %v:", f.SoundsCut)
		for _, h := range f.Hits {
			fmt.Fprintf(&b, " %s/%s/%v", h.Ref, h.Role, h.Phonetic)
		}
		return b.String()
	}
	marksBefore := registry.ListMarks()
	found := 0
	for _, budget := range []int{20_000, 300} {
		for _, q := range queries {
			restore := registry.SetListCost(0, budget)
			records, err := s.Find(q)
			restore()
			if err != nil {
				t.Fatalf("%q, persons records: %v", q, err)
			}
			restore = registry.SetListCost(1<<30, budget)
			lists, err := s.Find(q)
			restore()
			if err != nil {
				t.Fatalf("%q, lists: %v", q, err)
			}
			if a, b := describe(records), describe(lists); a != b {
				t.Errorf("%q, budget %d:\n records %s\n lists   %s", q, budget, a, b)
			}
			found += len(lists.Hits)
		}
	}
	if registry.ListMarks() == marksBefore || found == 0 {
		t.Fatalf("no word checked on its lists (%d), %d people found", registry.ListMarks()-marksBefore, found)
	}
}
