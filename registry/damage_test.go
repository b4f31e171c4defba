package registry

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// integrityErr fails unless err is an *IntegrityError saying want.
func integrityErr(t *testing.T, err error, want string) {
	t.Helper()
	var ie *IntegrityError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want an integrity error saying %q", err, want)
	}
}

// A numbering record that does not decode was read as zero: Register
// gave n° 1 again and wrote over the signed act. It is an integrity
// error, and nothing is written.
func TestDamagedNumberingNeverReusesANumber(t *testing.T) {
	s := newStore(t)
	ref := register(t, s, birth())
	printAndSign(t, s, ref)
	before := exportOf(t, s)
	edit(t, s, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketNumbering).Put(counterKey("naissance", 2026), []byte(`{"depart":0,"dernier":`))
	})
	_, err := s.RegisterWith(birth(), confirmed)
	integrityErr(t, err, "numérotation naissance 2026 illisible")
	if after := exportOf(t, s); after != before {
		t.Fatalf("the signed act changed:\n%s\n%s", before, after)
	}
}

// A counter set outside the program to 2^63−1 made the next number
// negative and the control loop until out of memory: a counter out of
// bounds is an integrity error for Register and a break for the control,
// which ends; an import line may not carry such a number either.
func TestCounterOutOfBounds(t *testing.T) {
	for _, v := range []string{
		`{"depart":0,"dernier":9223372036854775807}`,
		`{"depart":9223372036854775807,"dernier":9223372036854775807}`,
		`{"depart":0,"dernier":-5}`,
		`{"depart":40,"dernier":12}`,
	} {
		t.Run(v, func(t *testing.T) {
			s := newStore(t)
			register(t, s, birth())
			edit(t, s, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketNumbering).Put(counterKey("naissance", 2026), []byte(v))
			})
			_, err := s.RegisterWith(birth(), confirmed)
			integrityErr(t, err, "numérotation naissance 2026 hors des limites")
			done := make(chan Report, 1)
			go func() { r, _ := s.Check(); done <- r }()
			select {
			case r := <-done:
				if !strings.Contains(strings.Join(r.Breaks, "\n"), "numérotation naissance 2026 : hors des limites") {
					t.Fatalf("control: %v", r.Breaks)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the control does not end")
			}
		})
	}
	s := newStore(t)
	numbered(t, s, birth())
	big := signedBirth(2026)
	big.Numero = 1 << 62
	if _, err := s.Import([]ImportLine{{1, &Exported{Act: *big}}}); !civil.IsRefused(err) || !strings.Contains(err.Error(), "hors des limites (1 à 999999)") {
		t.Fatalf("import of n° 2^62: %v", err)
	}
}

// A register-year that gave its last possible number takes no more.
func TestCounterAtItsBound(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Naissance, 2026, maxLast); err != nil {
		t.Fatal(err)
	}
	_, err := s.RegisterWith(birth(), confirmed)
	refusedWith(t, err, "dernier numéro possible")
}

// Each kind of numbered record is never written over an existing one,
// whatever its counter says: an act, a copy line, a notice, a
// publication of banns, a journal entry.
func TestNeverWritesOverAnExistingKey(t *testing.T) {
	t.Run("act", func(t *testing.T) {
		s := newStore(t)
		register(t, s, birth())
		register(t, s, birth())
		edit(t, s, func(tx *bolt.Tx) error {
			v, _ := json.Marshal(counter{Last: 1})
			return tx.Bucket(bucketNumbering).Put(counterKey("naissance", 2026), v)
		})
		before := exportOf(t, s)
		_, err := s.RegisterWith(birth(), confirmed)
		integrityErr(t, err, "l'acte naissance/2026/2 existe déjà")
		if exportOf(t, s) != before {
			t.Fatal("an act was written over")
		}
	})
	t.Run("copy line", func(t *testing.T) {
		s := newStore(t)
		ref := signedRef(t, s)
		req := civil.CopyRequest{Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualitePereMere, Demandeur: "Anaïs MÜLLER", Parents: strings.Split(bothParents, ";")}
		if _, err := s.DeliverCopy(req, func(Delivery) error { return nil }); err != nil {
			t.Fatal(err)
		}
		edit(t, s, func(tx *bolt.Tx) error { return tx.Bucket(bucketCopies).SetSequence(0) })
		_, err := s.DeliverCopy(req, func(Delivery) error { return nil })
		integrityErr(t, err, "la ligne n° 1 du registre des copies existe déjà")
		if log := copyLog(t, s); len(log) != 1 || log[0].Demandeur != "Anaïs MÜLLER" {
			t.Fatalf("copy log: %+v", log)
		}
	})
	t.Run("journal entry", func(t *testing.T) {
		s := newStore(t)
		register(t, s, birth())
		var last []byte
		edit(t, s, func(tx *bolt.Tx) error {
			h := readHead(tx)
			_, v := tx.Bucket(bucketJournal).Cursor().Last()
			last = bytes.Clone(v)
			hv, _ := json.Marshal(head{Seq: h.Seq - 1})
			return tx.Bucket(bucketMeta).Put(keyHead, hv)
		})
		_, err := s.RegisterWith(birth(), confirmed)
		integrityErr(t, err, "rien n'est écrit tant que le journal n'est pas réparé")
		s.db.View(func(tx *bolt.Tx) error {
			if _, v := tx.Bucket(bucketJournal).Cursor().Last(); !bytes.Equal(v, last) {
				t.Fatalf("the last journal entry was written over")
			}
			return nil
		})
	})
}

// An officer's record that does not decode is an integrity error, not
// « officier inconnu » (a refusal that sends the clerk to add the officer
// again).
func TestDamagedOfficerIsAnIntegrityError(t *testing.T) {
	s := newStore(t)
	edit(t, s, func(tx *bolt.Tx) error { return tx.Bucket(bucketOfficers).Put([]byte("o1"), []byte(`{"id":"o1",`)) })
	_, err := s.RegisterWith(birth(), confirmed)
	integrityErr(t, err, "officier o1 illisible")
}

// The newest journal entry's date read as zero let any clock write.
func TestUnreadableJournalDateIsAnIntegrityError(t *testing.T) {
	s := newStore(t)
	register(t, s, birth())
	edit(t, s, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketJournal).Cursor()
		k, v := c.Last()
		v = bytes.Replace(v, []byte(`"horodatage":"2026`), []byte(`"horodatage":"x026`), 1)
		if err := tx.Bucket(bucketJournal).Put(bytes.Clone(k), v); err != nil {
			return err
		}
		hv, _ := json.Marshal(head{Seq: readHead(tx).Seq, Hash: hashHex(v)})
		return tx.Bucket(bucketMeta).Put(keyHead, hv)
	})
	_, err := s.RegisterWith(birth(), confirmed)
	integrityErr(t, err, "date illisible")
}

// A register file cut short, or whose pages are garbage, is an integrity
// error whatever is read: never a panic, a memory fault or bbolt's text.
func TestTruncatedOrDamagedFileIsAnIntegrityError(t *testing.T) {
	s := newStore(t)
	for range 30 {
		register(t, s, birth())
	}
	dir := s.Dir()
	var inUse int64
	s.db.View(func(tx *bolt.Tx) error { inUse = tx.Size(); return nil })
	s.Close()
	path := filepath.Join(dir, FileName)
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	try := func(t *testing.T, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		err := func() (err error) {
			s, err := Open(dir, Options{ReadOnly: true, Timeout: 1e9})
			if err != nil {
				return err
			}
			defer s.Close()
			if _, err := s.Check(); err != nil {
				return err
			}
			return s.List("", 0, func(*civil.Act) error { return nil })
		}()
		var ie *IntegrityError
		if !errors.As(err, &ie) {
			t.Fatalf("got %v, want an integrity error", err)
		}
		for _, english := range []string{"page", "assertion", "file", "invalid"} {
			if strings.Contains(err.Error(), english) {
				t.Fatalf("bbolt's words reach the clerk: %v", err)
			}
		}
	}
	for i := range 40 {
		cut := inUse * int64(i) / 40
		t.Run("truncated", func(t *testing.T) { try(t, whole[:cut]) })
	}
	// Every page past the meta pages filled with garbage, one at a time.
	page := int64(os.Getpagesize())
	for at := 2 * page; at < inUse; at += page {
		data := bytes.Clone(whole)
		for i := at; i < at+page; i++ {
			data[i] = byte(i*7 + 3)
		}
		t.Run("garbage", func(t *testing.T) {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir, Options{ReadOnly: true, Timeout: 1e9})
			if err != nil {
				var ie *IntegrityError
				if !errors.As(err, &ie) {
					t.Fatalf("open: %v", err)
				}
				return
			}
			defer s.Close()
			rep, err := s.Check()
			var ie *IntegrityError
			if err != nil && !errors.As(err, &ie) {
				t.Fatalf("check: %v", err)
			}
			if err == nil && len(rep.Breaks) == 0 {
				t.Logf("page at %d: garbage not seen (a free page)", at)
			}
		})
	}
}
