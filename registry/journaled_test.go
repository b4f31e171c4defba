package registry

import (
	"hash/maphash"
	"testing"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// The control keeps each reference's last journal entry under a 64-bit
// hash: two references whose hashes collide still have each record
// compared with its own last entry.
func TestJournaledCollision(t *testing.T) {
	s := newStore(t)
	s.SetNumbering(civil.Naissance, 2026, 37)
	fill(t, s, 2)
	s.db.View(func(tx *bolt.Tx) error {
		j := newJournaled(tx, s.stepper("Contrôle", "entrées", 0))
		var n int
		if out := checkJournal(tx, j, &n); len(out) > 0 {
			t.Fatal(out)
		}
		a, b := "naissance/2026/38", "naissance/2026/39"
		va, err := actJSON(tx.Bucket(bucketActs).Get(actKey(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38})))
		if err != nil {
			t.Fatal(err)
		}
		// The slot of a holds b's entry, as after a collision.
		j.last[maphash.String(j.seed, a)] = j.last[maphash.String(j.seed, b)]
		if out := j.Record(a, "acte "+a, []byte(`{"modifie":true}`)); len(out) != 1 {
			t.Fatalf("a record changed behind a collision: %v", out)
		}
		if out := j.Record(a, "acte "+a, va); len(out) > 0 {
			t.Fatalf("a sound record behind a collision: %v", out)
		}
		// A reference never journaled.
		if out := j.Record("naissance/2026/99", "acte 99", va); len(out) != 1 {
			t.Fatalf("a record no entry wrote: %v", out)
		}
		return nil
	})
}
