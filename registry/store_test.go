package registry

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

func register(t *testing.T, s *Store, a *civil.Act) civil.Ref {
	t.Helper()
	numbered(t, s, a)
	if _, err := s.RegisterWith(a, confirmed); err != nil {
		t.Fatal(err)
	}
	return a.Ref()
}

func TestNumberingContinuesAndNeverReuses(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		t.Fatal(err)
	}
	r1 := register(t, s, birth())
	if r1.String() != "naissance/2026/38" {
		t.Fatalf("first act %s, want naissance/2026/38", r1)
	}
	if _, err := s.Cancel(r1, "déclarant reparti"); err != nil {
		t.Fatal(err)
	}
	r2 := register(t, s, birth())
	if r2.Numero != 39 {
		t.Fatalf("after a cancellation got %s, want number 39", r2)
	}
	// deaths have their own numbering from 1
	if r := register(t, s, death()); r.String() != "deces/2026/1" {
		t.Fatalf("death %s", r)
	}
	// once the register-year has an act, numerotation is refused
	if err := s.SetNumbering(civil.Naissance, 2026, 100); !civil.IsRefused(err) {
		t.Fatalf("numerotation after an act: %v", err)
	}
	// a refused act takes no number
	bad := birth()
	bad.Heure = "25:00"
	numbered(t, s, bad)
	if _, err := s.RegisterWith(bad, confirmed); !civil.IsRefused(err) {
		t.Fatalf("bad act: %v", err)
	}
	if r := register(t, s, birth()); r.Numero != 40 {
		t.Fatalf("after a refusal got %s, want 40", r)
	}
	// a declaration in January goes to the next year's register, from 1
	s.Now = func() time.Time { return time.Date(2027, 1, 4, 12, 0, 0, 0, time.Local) }
	a := birth()
	a.Date, a.Declaration.Date = "2026-12-31", "2027-01-04"
	if r := register(t, s, a); r.String() != "naissance/2027/1" {
		t.Fatalf("January declaration: %s", r)
	}
	if rep, _ := s.Check(); len(rep.Breaks) != 0 {
		t.Fatalf("check: %v", rep.Breaks)
	}
}

func TestLifecycle(t *testing.T) {
	s := newStore(t)
	ref := register(t, s, birth())
	// a draft can be corrected, keeping its number
	c := birth()
	c.Enfant.Prenoms = []string{"Zoé", "Chloé"}
	if _, got, err := s.Correct(ref, c); err != nil || got.Numero != ref.Numero || got.Enfant.Prenoms[1] != "Chloé" {
		t.Fatalf("correct: %v %+v", err, got)
	}
	// a correction that breaks a rule is refused and changes nothing
	c2 := birth()
	c2.Enfant.Nom = "müller"
	if _, _, err := s.Correct(ref, c2); !civil.IsRefused(err) {
		t.Fatalf("bad correction: %v", err)
	}
	if a, _ := s.Get(ref); a.Enfant.Prenoms[1] != "Chloé" || a.Enfant.Nom != "MÜLLER" {
		t.Fatalf("after refused correction: %+v", a.Enfant)
	}
	// a mention on a draft is refused
	if _, err := s.AddMention(ref, civil.Mention{Texte: "x", Fondement: "y"}); !civil.IsRefused(err) {
		t.Fatalf("mention on draft: %v", err)
	}
	printed(t, s, ref)
	if _, _, err := s.Sign(ref); err != nil {
		t.Fatal(err)
	}
	printed(t, s, ref)
	if _, _, err := s.Sign(ref); !civil.IsRefused(err) {
		t.Fatalf("second signature: %v", err)
	}
	// signed: frozen
	_, _, err := s.Correct(ref, birth())
	if !nextStep(err, civil.AddMention) {
		t.Fatalf("correct signed: %v", err)
	}
	if _, err := s.Cancel(ref, "erreur"); !civil.IsRefused(err) {
		t.Fatalf("cancel signed: %v", err)
	}
	a, err := s.AddMention(ref, civil.Mention{Texte: "Rectifié par le procureur : lire « Chloë ».", Fondement: "art. 99-1 du Code civil"})
	if err != nil || len(a.Mentions) != 1 || a.Mentions[0].Officier != "o1" || a.Mentions[0].Date != "2026-11-24" {
		t.Fatalf("mention: %v %+v", err, a)
	}
	var actions []string
	s.Journal(func(e Entry) error { actions = append(actions, e.Action+" "+e.Ref); return nil })
	want := "init commune|officier officier/o1|numerotation numerotation/naissance/2026|naissance naissance/2026/1|correction naissance/2026/1|" +
		"impression feuille/naissance/2026/1|signature naissance/2026/1|mention naissance/2026/1"
	if got := strings.Join(actions, "|"); got != want {
		t.Fatalf("journal:\n%s\nwant\n%s", got, want)
	}
}

func TestReopenAndSchema(t *testing.T) {
	s := newStore(t)
	ref := register(t, s, birth())
	dir := s.Dir()
	s.Close()
	s2, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := s2.Get(ref); err != nil || a.Enfant.Nom != "MÜLLER" || a.Statut != civil.StatutBrouillon {
		t.Fatalf("reopen: %v %+v", err, a)
	}
	// a newer schema is refused clearly
	s2.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })
	s2.Close()
	if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), "version plus récente") {
		t.Fatalf("newer schema: %v", err)
	}
	// a folder without register is refused, and not created
	empty := filepath.Join(t.TempDir(), "rien")
	if _, err := Open(empty, Options{}); !civil.IsRefused(err) {
		t.Fatalf("no register: %v", err)
	}
	if _, err := os.Stat(empty); err == nil {
		t.Fatal("Open created a folder")
	}
	// init twice is refused
	if _, err := Create(dir, lomme, nil, Options{}); !civil.IsRefused(err) {
		t.Fatalf("second init: %v", err)
	}
}

func TestPermissions(t *testing.T) {
	s := newStore(t)
	fi, err := os.Stat(s.Dir())
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("folder mode %v %v", fi.Mode(), err)
	}
	fi, err = os.Stat(filepath.Join(s.Dir(), FileName))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v %v", fi.Mode(), err)
	}
}

func TestConcurrentOpenIsBusy(t *testing.T) {
	s := newStore(t)
	start := time.Now()
	_, err := Open(s.Dir(), Options{Timeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("second open: %v", err)
	}
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Fatalf("gave up after %v, before the timeout", d)
	}
}

func TestCheckFindsHexEdit(t *testing.T) {
	s := newStore(t)
	ref := register(t, s, birth())
	register(t, s, death())
	if rep, err := s.Check(); err != nil || len(rep.Breaks) != 0 || rep.Acts != 2 || rep.Entries != 6 {
		t.Fatalf("sound register: %+v %v", rep, err)
	}
	dir := s.Dir()
	var stored []byte
	s.db.View(func(tx *bolt.Tx) error {
		stored = bytes.Clone(tx.Bucket(bucketActs).Get(actKey(ref)))
		return nil
	})
	s.Close()
	// change one bit in the middle of the act's stored bytes, as a hex
	// editor would
	path := filepath.Join(dir, FileName)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(raw, stored)
	if at < 0 {
		t.Fatal("act not found in the file")
	}
	raw[at+len(stored)/2] ^= 0x04
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	rep, err := s2.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Breaks) == 0 || !strings.Contains(strings.Join(rep.Breaks, "\n"), "modifié hors du programme") {
		t.Fatalf("breaks: %q", rep.Breaks)
	}
	for _, b := range rep.Breaks {
		if !strings.Contains(b, "acte "+ref.String()) {
			t.Fatalf("breaks: %q", rep.Breaks)
		}
	}
	var ie *IntegrityError
	if !errors.As(rep.Err(), &ie) {
		t.Fatal("Err is not an IntegrityError")
	}
}

func TestCheckFindsRemovedJournalEntry(t *testing.T) {
	for _, which := range []uint64{2, 4, 8} { // the officer, an act's creation, the last entry
		t.Run(string(rune('0'+which)), func(t *testing.T) {
			s := newStore(t)
			ref := register(t, s, birth())
			printed(t, s, ref)
			s.Sign(ref)
			register(t, s, death()) // entries: init, officier, numerotation, naissance, impression, signature, numerotation, deces
			s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketJournal).Delete(seqKey(which)) })
			rep, _ := s.Check()
			joined := strings.Join(rep.Breaks, "\n")
			if len(rep.Breaks) == 0 {
				t.Fatal("removed entry not found")
			}
			if which < 8 && !strings.Contains(joined, "entrée n° "+string(rune('0'+which))+" attendue") {
				t.Fatalf("breaks do not name the place: %s", joined)
			}
			if which == 8 && !strings.Contains(joined, "dernière entrée enregistrée est la n° 8") {
				t.Fatalf("breaks: %s", joined)
			}
		})
	}
}

func TestCheckFindsDeletedAct(t *testing.T) {
	s := newStore(t)
	register(t, s, birth())
	ref := register(t, s, birth())
	register(t, s, birth())
	s.db.Update(func(tx *bolt.Tx) error {
		tx.Bucket(bucketOfficers).Delete([]byte("o1"))
		return tx.Bucket(bucketActs).Delete(actKey(ref))
	})
	rep, _ := s.Check()
	joined := strings.Join(rep.Breaks, "\n")
	if !strings.Contains(joined, "acte naissance/2026/2 : présent au journal mais absent") || !strings.Contains(joined, "naissance 2026 : numéro 2 attribué mais absent du registre") ||
		!strings.Contains(joined, "officier o1 : présent au journal mais absent") {
		t.Fatalf("breaks: %s", joined)
	}
}

// Two numbers missing are named in the plural, one in the singular (above).
func TestCheckFindsDeletedActs(t *testing.T) {
	s := newStore(t)
	register(t, s, birth())
	two, three := register(t, s, birth()), register(t, s, birth())
	s.db.Update(func(tx *bolt.Tx) error {
		tx.Bucket(bucketActs).Delete(actKey(two))
		return tx.Bucket(bucketActs).Delete(actKey(three))
	})
	rep, _ := s.Check()
	if joined := strings.Join(rep.Breaks, "\n"); !strings.Contains(joined, "naissance 2026 : numéros 2, 3 attribués mais absents du registre") {
		t.Fatalf("breaks: %s", joined)
	}
}

// BenchmarkRegister measures registering one birth in-process: validation,
// numbering, index, journal, one bbolt commit with fsync.
func BenchmarkRegister(b *testing.B) {
	s := newStore(b)
	for i := 0; i < b.N; i++ {
		numbered(b, s, birth())
		if _, err := s.RegisterWith(birth(), confirmed); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDamagedFileIsAnIntegrityError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), bytes.Repeat([]byte("x"), 8192), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, Options{})
	var ie *IntegrityError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "endommagé") {
		t.Fatalf("damaged file: %v", err)
	}
}

// An act's key reads back as the reference it was made from, by the
// fast path or by civil.ParseRef, which agree.
func TestRefFromKey(t *testing.T) {
	for _, r := range []civil.Ref{
		{Registre: civil.Naissance, Annee: 2026, Numero: 38}, {Registre: civil.Deces, Annee: 1999, Numero: 999_999},
		{Registre: civil.Reconnaissance, Annee: 2026, Numero: 1}, {Registre: civil.Mariage, Annee: 2100, Numero: 12345},
	} {
		got, err := refFromKey(actKey(r))
		if err != nil || got != r {
			t.Errorf("%v: got %v %v", r, got, err)
		}
		if slow, err := civil.ParseRef(string(actKey(r))); err != nil || slow != got {
			t.Errorf("%v: civil.ParseRef gives %v %v", r, slow, err)
		}
	}
	for _, k := range []string{"naissance/2026/00000000", "naissance/2026/0000003x", "adoption/2026/00000001", "naissance/0999/00000001", "naissance/2026/01000000", "naissance/2026"} {
		if r, err := refFromKey([]byte(k)); err == nil {
			t.Errorf("%q read as %v", k, r)
		}
	}
}
