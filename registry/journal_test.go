package registry

import (
	"encoding/json"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// The reminder and the clock check read fields of journal entries without
// decoding them:
// it must agree with the decoder, even for an agent's name made to fool it.
func TestEntryActionAgreesWithTheDecoder(t *testing.T) {
	s := newStore(t)
	s.Agent = `x","action":"naissance`
	numbered(t, s, birth())
	if _, err := s.RegisterWith(birth(), confirmed); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSettings(DefaultSettings); err != nil {
		t.Fatal(err)
	}
	n := 0
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJournal).ForEach(func(k, v []byte) error {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				t.Fatal(err)
			}
			if got := entryField(v, "action"); got != e.Action {
				t.Errorf("entry %d: %q, want %q", e.Seq, got, e.Action)
			}
			if got := entryField(v, "horodatage"); got != e.Time {
				t.Errorf("entry %d: %q, want %q", e.Seq, got, e.Time)
			}
			n++
			return nil
		})
	})
	if n < 4 {
		t.Fatalf("%d entries", n)
	}
}
