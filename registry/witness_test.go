package registry

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"etatcivil/civil"
)

// durableImages records, through the witnessSynced hook, what the witness
// file held each time an fdatasync of it succeeded: what a power cut
// would leave of it, the slot written since excepted.
type durableImages struct {
	mu   sync.Mutex
	last []byte
}

func watchDurable(t *testing.T) *durableImages {
	d := &durableImages{}
	witnessSynced = func(f *os.File) {
		buf := make([]byte, 2*witnessSlot)
		n, _ := f.ReadAt(buf, 0)
		d.mu.Lock()
		d.last = buf[:n]
		d.mu.Unlock()
	}
	t.Cleanup(func() { witnessSynced = nil })
	return d
}

func (d *durableImages) image() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]byte(nil), d.last...)
}

// powerCut returns what a power cut can leave of the witness: the image
// made durable last, with each slot written since (in the page cache
// only) torn by the cut, unreadable.
func powerCut(durable, cache []byte) []byte {
	out := append([]byte(nil), durable...)
	if len(out) < len(cache) {
		out = append(out, make([]byte, len(cache)-len(out))...)
	}
	for off := 0; off < len(cache); off += witnessSlot {
		end := min(len(cache), off+witnessSlot)
		if !bytes.Equal(out[off:end], cache[off:end]) {
			copy(out[off:end], make([]byte, end-off))
		}
	}
	return out
}

// putBack writes the register file and the witness of a power cut in a
// fresh folder, and opens it.
func putBack(t *testing.T, register, witness []byte) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "registre")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, FileName), register, 0o600)
	os.WriteFile(witnessPath(dir), witness, 0o600)
	return reopen(t, dir)
}

// The witness is written after each commit without waiting for the disk,
// and made durable by the next write, in the background. A power cut at
// any moment leaves a witness that one slot at least still holds, at most
// one transaction behind the register the disk kept: the next command
// writes (no false alarm), and only the transaction in flight at the cut
// is beyond what the disk's witness can tell. Without a power cut, every
// later command reads the newest slot (TestFlippedBitInTheNewestMetaPage).
func TestWitnessAfterAPowerCut(t *testing.T) {
	d := watchDurable(t)
	s := newStore(t)
	if err := s.SetNumbering(civil.Naissance, 2026, 0); err != nil {
		t.Fatal(err)
	}
	dir := s.Dir()
	var heads []uint64     // journal head after each act
	var registers [][]byte // the register file after each act
	var durable [][]byte   // the witness's durable image after each act
	var caches [][]byte    // the witness as every later command reads it
	for i := range 6 {
		if _, err := s.RegisterWith(otherBirth(i), confirmed); err != nil {
			t.Fatal(err)
		}
		var h head
		s.View(func(tx *Tx) error { h, _ = lastHead(tx.tx); return nil })
		heads = append(heads, h.Seq)
		registers = append(registers, copyRegister(t, dir))
		durable = append(durable, d.image())
		cache, _ := os.ReadFile(witnessPath(dir))
		caches = append(caches, cache)
	}
	s.Close()

	for i := 1; i < len(heads); i++ {
		// Cut after act i was acknowledged: the disk holds it.
		cut := powerCut(durable[i], caches[i])
		w, err := readWitness(writeTemp(t, cut))
		if err != nil {
			t.Fatalf("act %d: no slot left after the cut: %v", i, err)
		}
		if w.Seq != heads[i-1] && w.Seq != heads[i] {
			t.Fatalf("act %d: the witness left by the cut is at entry %d, the register at %d: more than one transaction behind", i, w.Seq, heads[i])
		}
		r := putBack(t, registers[i], cut)
		if r.Behind() != nil {
			t.Fatalf("act %d: the register kept by the disk is refused after a power cut: %v", i, r.Behind())
		}
		if _, err := r.RegisterWith(otherBirth(100+i), confirmed); err != nil {
			t.Fatalf("act %d: the write after the cut: %v", i, err)
		}
		r.Close()
		// Cut during act i's commit: the disk holds the register of act
		// i-1 or of act i, and the witness of act i-1 made durable or
		// not yet (the transaction's background fdatasync in flight).
		for _, reg := range [][]byte{registers[i-1], registers[i]} {
			for _, wit := range [][]byte{powerCut(durable[i-1], caches[i-1]), caches[i-1]} {
				r := putBack(t, reg, wit)
				if r.Behind() != nil {
					t.Fatalf("act %d: a register the disk may keep when the cut comes during the commit is refused: %v", i, r.Behind())
				}
				r.Close()
			}
		}
		// The witness as later commands read it (no power cut) sees
		// the register of act i-1 as one transaction behind.
		r = putBack(t, registers[i-1], caches[i])
		if b := r.Behind(); b == nil || !strings.Contains(b.Error(), "plus ancien que son témoin") {
			t.Fatalf("act %d: a register one transaction old was accepted: %v", i, b)
		}
		r.Close()
	}
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), WitnessName)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A new register's witness is on the disk, name and first slot, before
// the commit that makes a missing witness an error: a power cut right
// after the first write must not find it missing.
func TestWitnessOfANewRegisterIsDurable(t *testing.T) {
	d := watchDurable(t)
	s, err := Create(filepath.Join(t.TempDir(), "registre"), lomme, nil, Options{Agent: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	img := d.image()
	if len(img) == 0 {
		t.Fatal("no fdatasync of the witness before the first commit")
	}
	if _, err := readWitness(writeTemp(t, img)); err != nil {
		t.Fatalf("the durable witness of a new register: %v", err)
	}
	cache, _ := os.ReadFile(witnessPath(s.Dir()))
	r := putBack(t, copyRegister(t, s.Dir()), powerCut(img, cache))
	if r.Behind() != nil {
		t.Fatalf("a new register after a power cut: %v", r.Behind())
	}
}

// A slot is never written while the other may not be on the disk yet:
// each write waits for the background fdatasync of the one before. A
// power cut at any moment leaves a readable slot, at most one write
// behind; a witness closed with its fdatasync in flight waits for it.
func TestWitnessWritesInTurn(t *testing.T) {
	d := watchDurable(t)
	s := newStore(t)
	wf := s.witness
	p := &pendingWitness{head: head{100, hashHex([]byte("x"))}, time: testNow.Format("2006-01-02T15:04:05Z07:00")}
	for i := range 6 {
		p.head.Seq = uint64(100 + i)
		wf.committed(p)
		w, err := readWitness(writeTemp(t, powerCut(d.image(), mustRead(t, witnessPath(s.Dir())))))
		if err != nil {
			t.Fatalf("write %d: a power cut would leave no slot: %v", i, err)
		}
		if i > 0 && w.Seq != p.head.Seq-1 && w.Seq != p.head.Seq {
			t.Fatalf("write %d (entry %d): a power cut would leave the witness at %d", i, p.head.Seq, w.Seq)
		}
	}
	if err := wf.close(); err != nil {
		t.Fatal(err)
	}
	s.witness = nil
	if wf.syncing != nil {
		t.Fatal("closed with its fdatasync in flight")
	}
	if w, err := readWitness(writeTemp(t, d.image())); err != nil || w.Seq != 105 {
		t.Fatalf("the witness on the disk once closed: %+v %v", w, err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return data
}

// A journal reference longer than a slot (a confirmed duplicate names
// every act it resembles) is kept cut: the witness kept no recent entry
// at all, re-encoding itself once per entry dropped, and could not name
// the entries missing.
func TestWitnessKeepsUpWithALongReference(t *testing.T) {
	s := newStore(t)
	dir := s.Dir()
	old := copyRegister(t, dir)
	long := strings.Repeat("naissance/2026/1 ≈ ", 400)
	if err := s.Update(func(tx *Tx) error { return tx.Journal("essai", long, []byte("x")) }); err != nil {
		t.Fatal(err)
	}
	var h head
	s.View(func(tx *Tx) error { h, _ = lastHead(tx.tx); return nil })
	s.Close()
	w, err := readWitness(witnessPath(dir))
	if err != nil || w.Seq != h.Seq || w.Hash != h.Hash {
		t.Fatalf("the witness did not move on to entry %d: %+v %v", h.Seq, w, err)
	}
	if len(w.Recent) == 0 {
		t.Fatal("the witness dropped every recent entry to fit the long one")
	}
	last := w.Recent[len(w.Recent)-1]
	if !strings.HasSuffix(last.Ref, "…") || len(last.Ref) > witnessRefMax || !strings.HasPrefix(long, strings.TrimSuffix(last.Ref, "…")) {
		t.Fatalf("the long reference kept as %q", last.Ref)
	}

	// The register put back as it was before that transaction: the
	// missing entry is named by its cut reference.
	os.WriteFile(filepath.Join(dir, FileName), old, 0o600)
	r := reopen(t, dir)
	if b := r.Behind(); b == nil || !strings.Contains(b.Error(), "essai naissance/2026/1 ≈") {
		t.Fatalf("the entries missing: %v", b)
	}
}
