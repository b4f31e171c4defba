package registry

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Entry is one line of the append-only journal. Each entry holds the hash
// of the data it wrote and the hash of the previous entry's stored bytes,
// so that removing, reordering or editing an entry breaks the chain.
type Entry struct {
	Seq      uint64 `json:"seq"`
	Time     string `json:"horodatage"`
	Author   string `json:"auteur"`
	Action   string `json:"action"`
	Ref      string `json:"reference"`
	DataHash string `json:"empreinte_donnees"`
	PrevHash string `json:"precedent"`
}

// head is the last entry's number and hash, kept in the meta bucket and
// updated in the same transaction, so that removing the last entry shows.
type head struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"empreinte"`
}

func hashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func seqKey(n uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, n)
	return k
}

func readHead(tx *bolt.Tx) head {
	var h head
	if v := tx.Bucket(bucketMeta).Get(keyHead); v != nil {
		json.Unmarshal(v, &h)
	}
	return h
}

// journal appends an entry for a write of data under ref, inside tx.
// It refuses while the clock is earlier than the newest entry (see
// clock.go), which undoes the whole transaction.
//
// Within one write transaction, the head is read and the clock checked
// at the first entry only, then kept (an import writes a million entries
// in one transaction).
func (s *Store) journal(tx *bolt.Tx, action, ref string, data []byte) error {
	now := s.Now()
	h, known := s.head.h, s.head.tx == tx
	if !known {
		p, err := s.witnessTx(tx)
		if err != nil {
			return err
		}
		s.head.pending = p
		if action != actionClock {
			if st := readClock(tx, now); st.Behind {
				return clockRefusal(st)
			}
		}
		if h, err = readHeadChecked(tx); err != nil {
			return err
		}
		if err := journalEndsAt(tx, h); err != nil {
			return err
		}
	}
	e := Entry{
		Seq:      h.Seq + 1,
		Time:     now.Format(time.RFC3339),
		Author:   s.Agent,
		Action:   action,
		Ref:      ref,
		DataHash: hashHex(data),
		PrevHash: h.Hash,
	}
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := filled(tx.Bucket(bucketJournal)).Put(seqKey(e.Seq), v); err != nil {
		return err
	}
	next := head{e.Seq, hashHex(v)}
	hv, err := json.Marshal(next)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketMeta).Put(keyHead, hv); err != nil {
		return err
	}
	s.head.tx, s.head.h = tx, next
	s.head.pending.add(e, next)
	return nil
}

// Journal calls fn on each journal entry, oldest first.
func (s *Store) Journal(fn func(Entry) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJournal).ForEach(func(k, v []byte) error {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return &IntegrityError{[]string{fmt.Sprintf("entrée de journal n° %d illisible", binary.BigEndian.Uint64(k))}}
			}
			return fn(e)
		})
	})
}

// journalEndsAt refuses to write after a journal that does not end at
// its head h: an entry would be written over another, or after a gap.
// It is checked once per write transaction; the entries that follow in
// it take the numbers after the head.
func journalEndsAt(tx *bolt.Tx, h head) error {
	k, _ := tx.Bucket(bucketJournal).Cursor().Last()
	var last uint64
	if k != nil {
		last = binary.BigEndian.Uint64(k)
	}
	if last != h.Seq {
		return &IntegrityError{[]string{fmt.Sprintf("journal : la dernière entrée enregistrée est la n° %d, le journal s'arrête à la n° %d : rien n'est écrit tant que le journal n'est pas réparé", h.Seq, last)}}
	}
	return nil
}
