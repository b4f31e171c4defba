package registry

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// Act ids keep the order of act keys, and give back their reference.
func TestActIDOrder(t *testing.T) {
	refs := []civil.Ref{
		{Registre: civil.Deces, Annee: 2026, Numero: 999_999},
		{Registre: civil.Mariage, Annee: 1901, Numero: 1},
		{Registre: civil.Naissance, Annee: 2025, Numero: 12},
		{Registre: civil.Naissance, Annee: 2025, Numero: 120},
		{Registre: civil.Naissance, Annee: 2026, Numero: 3},
		{Registre: civil.Reconnaissance, Annee: 2026, Numero: 1},
	}
	var prev uint64
	for i, r := range refs {
		id, err := actID(r)
		if err != nil {
			t.Fatal(err)
		}
		if back, ok := idRef(id); !ok || back != r {
			t.Fatalf("%v -> %x -> %v", r, id, back)
		}
		if i > 0 && (id <= prev) != (string(actKey(r)) <= string(actKey(refs[i-1]))) {
			t.Fatalf("%v out of order", r)
		}
		prev = id
	}
	if _, err := actID(civil.Ref{Registre: civil.Bans, Annee: 2026, Numero: 1}); err == nil {
		t.Fatal("banns have no act id")
	}
}

// Posting lists stay exactly the pairs added and not removed, whatever
// the order: blocks of about maxBlock pairs at most, in act order, each
// base not above its first pair, the pairs of one act in one block, the
// blocks filled when the list grows at its end.
func TestPostingsRandom(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "p.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[string]map[posting]bool{"martin": {}, "mar": {}, "martine": {}}
	roles := []string{"enfant", "parent1", "parent2", "epoux1", "temoin3"}
	step := func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketNames)
		if err != nil {
			return err
		}
		for word, set := range want {
			var ps []posting
			for range rng.IntN(300) {
				ps = append(ps, posting{uint64(3<<40 | 2026<<20 + rng.IntN(5000)), roles[rng.IntN(len(roles))]})
			}
			slices.SortFunc(ps, comparePostings)
			ps = slices.Compact(ps)
			if rng.IntN(3) == 0 {
				if err := removePostings(b, word, ps); err != nil {
					return err
				}
				for _, p := range ps {
					delete(set, p)
				}
			} else {
				if err := addPostings(b, word, ps); err != nil {
					return err
				}
				for _, p := range ps {
					set[p] = true
				}
			}
		}
		return nil
	}
	for range 60 {
		if err := db.Update(step); err != nil {
			t.Fatal(err)
		}
	}
	// At the end of each list, in order: full blocks.
	if err := db.Update(func(tx *bolt.Tx) error {
		var ps []posting
		for i := range 1000 {
			ps = append(ps, posting{uint64(4<<40 | 2026<<20 + i), "auteur"})
		}
		for _, p := range ps {
			if err := addPostings(tx.Bucket(bucketNames), "zz", []posting{p}); err != nil {
				return err
			}
			want["zz"] = map[posting]bool{}
		}
		for _, p := range ps {
			want["zz"][p] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error {
		got := map[string][]posting{}
		blocks := map[string][]int{}
		var lastWord string
		var lastID uint64
		tx.Bucket(bucketNames).ForEach(func(k, v []byte) error {
			word, base, ok := splitBlockKey(k)
			if !ok {
				t.Fatalf("key %q", k)
			}
			ps, err := decodeBlock(base, v, nil)
			if err != nil || len(ps) == 0 || len(ps) > maxBlock+len(roles) || ps[0].id < base {
				t.Fatalf("block %q: %d pairs, %v", k, len(ps), err)
			}
			if string(word) == lastWord && ps[0].id <= lastID {
				t.Fatalf("block %q overlaps the one before", k)
			}
			lastWord, lastID = string(word), ps[len(ps)-1].id
			got[string(word)] = append(got[string(word)], ps...)
			blocks[string(word)] = append(blocks[string(word)], len(ps))
			return nil
		})
		for word, set := range want {
			var w []posting
			for p := range set {
				w = append(w, p)
			}
			slices.SortFunc(w, comparePostings)
			if !slices.Equal(got[word], w) {
				t.Fatalf("%s: %d pairs, want %d", word, len(got[word]), len(w))
			}
			for _, p := range w {
				if !holds(tx.Bucket(bucketNames), word, p) {
					t.Fatalf("%s does not hold %v", word, p)
				}
			}
		}
		if zz := blocks["zz"]; len(zz) != 8 || zz[0] != maxBlock || zz[6] != maxBlock {
			t.Fatalf("blocks of a list grown at its end: %v", zz)
		}
		return nil
	})
}
