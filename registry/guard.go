package registry

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"runtime"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/words"
)

// bbolt trusts its file: a page that is not what the file's header says
// makes it panic ("assertion failed…"), and a page past the end of a
// truncated file, read through the map, is a memory fault that kills the
// process. A damaged register file must instead be an integrity error
// (exit 3) with a French message. So the file is checked before bbolt
// maps it (checkFile), and every transaction runs under guard.

// guardedDB is a bbolt database whose transactions turn a damaged file
// into an *IntegrityError instead of a panic or a crash (see guard).
type guardedDB struct {
	*bolt.DB
	// upkeep runs inside the first write transaction that commits (see
	// Options.Upkeep); nil once it has.
	upkeep func(*bolt.Tx) (func(), error)
}

// View runs fn in a read transaction, under guard.
func (d *guardedDB) View(fn func(*bolt.Tx) error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = damaged(d.Path(), r)
		}
	}()
	return d.DB.View(fn)
}

// Update runs fn in a write transaction, under guard.
func (d *guardedDB) Update(fn func(*bolt.Tx) error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = damaged(d.Path(), r)
		}
	}()
	upkeep := d.upkeep
	if upkeep == nil {
		return d.DB.Update(fn)
	}
	var done func()
	err = d.DB.Update(func(tx *bolt.Tx) error {
		var err error
		if done, err = upkeep(tx); err != nil {
			return err
		}
		return fn(tx)
	})
	if err == nil {
		d.upkeep = nil
		if done != nil {
			done()
		}
	}
	return err
}

// damaged returns the integrity error of a damaged register file when r,
// recovered from a panic, says so: a panic raised inside bbolt, or a
// memory fault on the map (an address, not nil). Any other panic is a
// fault of the program: it goes on.
//
// A record read where no error can be returned (the lookups of the rules)
// raises its *IntegrityError as a panic: it is returned as is.
func damaged(path string, r any) error {
	if ie, ok := r.(*IntegrityError); ok {
		return ie
	}
	if !DamagePanic(r) {
		panic(r)
	}
	return damagedFile(path)
}

// damagedFile is the integrity error of a register file that bbolt
// cannot read.
func damagedFile(path string) *IntegrityError {
	return &IntegrityError{[]string{"le fichier " + path + " est endommagé : une de ses pages est illisible ou manque (fichier tronqué ou modifié hors du programme)"}}
}

// DamagePanic tells whether r, recovered from a panic of the current
// goroutine (called from the deferred function that recovered it), comes
// from a damaged register file rather than from a fault of the program:
// a panic raised inside bbolt, or a memory fault at an address (as when a
// page of the map lies past the end of a truncated file; with
// debug.SetPanicOnFault, which the transactions set).
func DamagePanic(r any) bool {
	if f, ok := r.(interface{ Addr() uintptr }); ok && f.Addr() >= 4096 {
		return true
	}
	return panickedIn("go.etcd.io/bbolt")
}

// panickedIn tells whether the panic under way was raised by a function
// of the package path (or one of its sub-packages): the first function
// after runtime's panic machinery on the goroutine's stack.
func panickedIn(path string) bool {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic" || f.Function == "runtime.sigpanic" || f.Function == "runtime.panicmem" || strings.HasPrefix(f.Function, "runtime.panic"):
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime."):
			return strings.HasPrefix(f.Function, path+".") || strings.HasPrefix(f.Function, path+"/")
		}
		if !more {
			return false
		}
	}
}

// The first meta page of a bbolt file: the page header (16 bytes), then
// magic, version, page size, flags, root bucket (page, sequence), the
// freelist's page, the high-water mark of pages, the transaction id and
// the checksum of what precedes it (FNV-1a 64 of the meta, from magic).
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	noFreelist     = ^uint64(0)
	metaChecksumAt = 72
)

// boltMeta is what checkFile reads of a meta page.
type boltMeta struct {
	pageSize             uint32
	root, freelist, high uint64
	txid                 uint64
}

// readMeta reads the meta page at the start of p; ok is false when it is
// not a valid meta page.
func readMeta(p []byte) (m boltMeta, ok bool) {
	if len(p) < metaChecksumAt+8 {
		return m, false
	}
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(p[16:metaChecksumAt])
	if le.Uint32(p[16:]) != boltMagic || le.Uint32(p[20:]) != boltVersion || h.Sum64() != le.Uint64(p[metaChecksumAt:]) {
		return m, false
	}
	return boltMeta{pageSize: le.Uint32(p[24:]), root: le.Uint64(p[32:]), freelist: le.Uint64(p[48:]), high: le.Uint64(p[56:]), txid: le.Uint64(p[64:])}, true
}

// checkFile checks a register file before bbolt maps it: one of its two
// meta pages (the newest valid one, which bbolt would use) must be valid,
// and the file must hold every page it counts. A file that does not exist
// is left to bbolt (it creates it); an empty one is damaged (bbolt would
// make a new register in it).
func checkFile(path string) error {
	f, err := openRegular(path)
	var nr *NotRegularError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case errors.As(err, &nr):
		return &IntegrityError{[]string{"le registre " + path + " n'est pas un fichier ordinaire"}}
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("ouverture du registre %s : accès refusé (droits du fichier ou du dossier)", path)
	case err != nil:
		return fmt.Errorf("ouverture du registre %s : erreur du système", path)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	if size == 0 {
		return &IntegrityError{[]string{"le fichier " + path + " est vide : le registre a été tronqué ou effacé"}}
	}
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("lecture du registre %s : %w", path, err)
	}
	head = head[:n]
	metas := []boltMeta{}
	if m, ok := readMeta(head); ok {
		metas = append(metas, m)
	}
	// The second meta page is one page further: its size is the first's,
	// or, when the first is damaged, one of those bbolt uses.
	sizes := []int64{1024, 2048, 4096, 8192, 16384, 32768, 65536}
	if len(metas) == 1 {
		sizes = []int64{int64(metas[0].pageSize)}
	}
	for _, ps := range sizes {
		p := make([]byte, metaChecksumAt+8)
		if _, err := f.ReadAt(p, ps); err != nil {
			continue
		}
		if m, ok := readMeta(p); ok && int64(m.pageSize) == ps {
			metas = append(metas, m)
			break
		}
	}
	if len(metas) == 0 {
		return &IntegrityError{[]string{"le fichier " + path + " est endommagé ou n'est pas un registre etatcivil (en-tête bbolt illisible)"}}
	}
	m := metas[0]
	if len(metas) == 2 && metas[1].txid > m.txid {
		m = metas[1]
	}
	switch {
	case m.pageSize < 512 || m.pageSize > 1<<20 || m.high < 2 || m.root >= m.high || (m.freelist != noFreelist && m.freelist >= m.high):
		return &IntegrityError{[]string{"le fichier " + path + " est endommagé : son en-tête est incohérent"}}
	case size < int64(m.high)*int64(m.pageSize):
		return &IntegrityError{[]string{fmt.Sprintf("le fichier %s est tronqué : il compte %s, son en-tête en annonce au moins %d (fin du fichier perdue : copie interrompue ou disque endommagé)", path, words.Plural(int(size), "octet", "octets"), int64(m.high)*int64(m.pageSize))}}
	}
	return nil
}
