package registry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"etatcivil/civil"
)

// SchemaVersion is the version of the bbolt layout written by this
// program. Version 2: the mentions of format version 2 (nature and data);
// a register of version 1 is migrated when opened for writing (see
// migrate). Version 3: the indexes as posting lists and the acts
// compressed (see layoutSchema, migrateLayout).
const SchemaVersion = layoutSchema

// FileName is the name of the register file inside the data folder.
const FileName = "registre.db"

var (
	bucketMeta      = []byte("meta")
	bucketOfficers  = []byte("officiers")
	bucketActs      = []byte("actes")
	bucketNumbering = []byte("numerotation")
	bucketJournal   = []byte("journal")
	// bucketCopies is the copy log. Registers made before it existed get
	// it at their first copy.
	bucketCopies = []byte("copies")
	allBuckets   = [][]byte{bucketMeta, bucketOfficers, bucketActs, bucketNumbering, bucketJournal, bucketNames, bucketSounds, bucketPersons, bucketCopies, bucketKeys}

	keySchema  = []byte("schema")
	keyCommune = []byte("commune")
	keyHead    = []byte("journal_tete")
)

// Store is an open register. Every write is one bbolt transaction that
// also appends its journal entry.
type Store struct {
	db  *guardedDB
	dir string
	// Now gives the time written in the journal and used by validation.
	Now func() time.Time
	// Agent is who prepares the acts (the operating system user by default).
	Agent string
	// progress is Options.Progress.
	progress func(Progress)
	// parts is Options.Parts.
	parts []Part
	// head is the journal's head as last written, and the write
	// transaction it was written in (see journal).
	head struct {
		tx      *bolt.Tx
		h       head
		pending *pendingWitness
	}
	// witness is the witness file beside the register, kept after each
	// commit (nil for a register open read-only); behind is set when the
	// register was found older than its witness: writes are refused.
	witness *witnessFile
	behind  *BehindError
	// migrated is what opening the register migrated (see migrate);
	// migrationErr why a migration due could not be made.
	migrated     *Migration
	migrationErr error
	// layoutMigrated is what bringing the register to the new layout at
	// opening did (see migrateAtOpening).
	layoutMigrated *Compacted
	// opts are the options it was opened with, to open it again after
	// Pause; closed is set by Close.
	opts   Options
	closed bool
}

// Progress tells how far a long operation has gone: the control of the
// whole register, an import, an export.
type Progress struct {
	Step  string // what is being done, in French: « Contrôle », « Import : vérification »…
	Unit  string // what is counted: « actes », « entrées »
	Done  int
	Total int // an estimate, 0 when unknown; Done reaches it when the step ends
}

// progressEvery is how many items pass between two calls of the progress hook.
const progressEvery = 2048

// stepper reports one step's progress every progressEvery items.
type stepper struct {
	fn          func(Progress)
	step, unit  string
	done, total int
}

func (s *Store) stepper(step, unit string, total int) *stepper {
	return &stepper{fn: s.progress, step: step, unit: unit, total: total}
}

// add counts one item done.
func (p *stepper) add() {
	p.done++
	if p.fn != nil && p.done%progressEvery == 0 {
		done := p.done
		if p.total > 0 {
			done = min(done, p.total-1)
		}
		p.fn(Progress{p.step, p.unit, done, p.total})
	}
}

// end reports the step finished.
func (p *stepper) end() {
	if p.fn != nil {
		p.fn(Progress{p.step, p.unit, max(p.done, p.total), max(p.done, p.total)})
	}
}

// actsEstimate returns the number of acts the numbering has given, a
// cheap estimate of the acts held, for progress.
func actsEstimate(tx *bolt.Tx) int {
	n := 0
	tx.Bucket(bucketNumbering).ForEach(func(_, v []byte) error {
		var c counter
		if json.Unmarshal(v, &c) == nil && counterBounds("", 0, c) == nil {
			n += c.Last - c.Start
		}
		return nil
	})
	return n
}

// Options tunes Open.
type Options struct {
	ReadOnly bool
	// Timeout is how long to wait for another process to release the
	// register; 2 seconds when zero.
	Timeout time.Duration
	// Agent is who prepares the acts, written in the journal; the
	// operating system user when empty.
	Agent string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// MmapSize, when set, maps that many bytes of the file at once: a big
	// import grows the file by gigabytes, and each time bbolt maps it
	// again it copies every page the transaction holds out of the map.
	MmapSize int
	// Progress, when set, is told how far the long operations have gone
	// (control, import, export), every few thousand items.
	Progress func(Progress)
	// Parts are the parts of the program that keep their own records in
	// the register file (the agenda): the control asks each to check its
	// records. A part left out is not checked.
	Parts []Part
	// Upkeep, when set, is the register's own housekeeping (the agenda's
	// purge): it runs inside the first write transaction of the opened
	// register that commits, before what that transaction writes, and is
	// written or undone with it, so that a refused command writes nothing
	// of it either. It returns a function called once it has been
	// written (nil: nothing to tell). A read-only register never runs it.
	Upkeep func(*Tx) (done func(), err error)
	// OldLayout opens a register of schema 2 as it is, without bringing
	// it to the new layout (for Compact, which does it): only Compact may
	// then be called.
	OldLayout bool
}

// DefaultDir returns the user's data folder for etatcivil.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "etatcivil"), nil
	}
	if runtime.GOOS == "linux" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "etatcivil"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "etatcivil"), nil
}

// openDB opens the register file at path: it is checked first (see
// checkFile), and a file that bbolt cannot open is an *IntegrityError.
func openDB(path string, o Options) (db *guardedDB, err error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if o.Timeout == 0 {
		o.Timeout = 2 * time.Second
	}
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			if !DamagePanic(r) {
				panic(r)
			}
			db, err = nil, damagedFile(path)
		}
	}()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: o.Timeout, ReadOnly: o.ReadOnly, InitialMmapSize: o.MmapSize})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, ErrBusy
	case errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch):
		return nil, &IntegrityError{[]string{"le fichier " + path + " est endommagé ou n'est pas un registre etatcivil (en-tête bbolt illisible)"}}
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
		return nil, &AccessError{Path: path, Err: err}
	case err != nil && strings.Contains(err.Error(), "file size too small"):
		return nil, &IntegrityError{[]string{"le fichier " + path + " est tronqué : il est plus court que l'en-tête d'un registre"}}
	case err != nil:
		return nil, fmt.Errorf("ouverture du registre %s : %w", path, err)
	}
	return &guardedDB{DB: bdb}, nil
}

func storeFor(db *guardedDB, dir string, o Options) *Store {
	s := &Store{db: db, dir: dir, Now: o.Now, Agent: o.Agent, progress: o.Progress, parts: o.Parts, opts: o}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Agent == "" {
		s.Agent = os.Getenv("USER")
	}
	if s.Agent == "" {
		s.Agent = "agent"
	}
	return s
}

// Exists tells whether dir holds a register.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, FileName))
	return err == nil
}

// Open opens the register kept in dir. It refuses a folder without a
// register, a folder or register file that other users may write
// (*UnsafeFolderError), waits at most o.Timeout for another process (then
// ErrBusy), and refuses a register written by a newer version of the
// program.
func Open(dir string, o Options) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := lostRegister(dir); err != nil {
			return nil, err
		}
		return nil, civil.Refuse("dossier", "aucun registre dans "+dir,
			"créez-le, ou indiquez le dossier qui le contient", civil.Then(civil.CreateRegister), civil.Then(civil.ChooseFolder))
	}
	if err := checkPrivate(dir); err != nil {
		return nil, err
	}
	db, err := openDB(path, o)
	if err != nil {
		return nil, err
	}
	s := storeFor(db, dir, o)
	err = db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			return &IntegrityError{[]string{"le fichier " + path + " n'est pas un registre etatcivil (métadonnées absentes)"}}
		}
		var v int
		if err := json.Unmarshal(m.Get(keySchema), &v); err != nil {
			return &IntegrityError{[]string{"version de schéma illisible dans " + path}}
		}
		if v > SchemaVersion {
			return fmt.Errorf("ce registre a été écrit par une version plus récente d'etatcivil (schéma %d, cette version connaît le schéma %d) : utilisez la version la plus récente du programme, rien n'a été modifié", v, SchemaVersion)
		}
		return nil
	})
	if err == nil {
		err = s.startWitness(o.ReadOnly)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	if o.ReadOnly && !o.OldLayout && s.OldLayout() {
		// A register of an earlier layout is brought to this one by an
		// opening for writing, then opened again for reading.
		db.Close()
		w := o
		w.ReadOnly, w.Upkeep = false, nil
		ws, err := Open(dir, w)
		var denied *AccessError
		if errors.As(err, &denied) {
			return nil, civil.Refuse("dossier", "le registre de "+dir+" a été écrit par une version précédente d'etatcivil : il doit être converti une fois, ce qui demande d'écrire dans son dossier, et cette session ne le peut pas (support en lecture seule, ou droits)",
				"copiez le dossier du registre sur le disque de ce poste, puis ouvrez la copie ; rien n'a été lu ni écrit")
		}
		if err != nil {
			return nil, err
		}
		migrated := ws.layoutMigrated
		ws.Close()
		if s, err = Open(dir, o); err == nil {
			s.layoutMigrated = migrated
		}
		return s, err
	}
	if !o.ReadOnly {
		// A register of an earlier version is brought to this one; when
		// that cannot be done now, it is read as it is (see Migrated).
		s.migrationErr = s.migrate()
		if s.migrationErr == nil && !o.OldLayout && s.OldLayout() {
			if err := s.migrateAtOpening(); err != nil {
				s.Close()
				return nil, err
			}
		}
		if o.Upkeep != nil {
			db.upkeep = func(tx *bolt.Tx) (func(), error) {
				if s.behind != nil {
					// No housekeeping in a register older than its
					// witness: only the officer's acceptance writes.
					return nil, nil
				}
				return o.Upkeep(&Tx{tx, s})
			}
		}
	}
	return s, nil
}

// Create makes a new register in dir (folder 0700, file 0600) for the
// commune, with the commune's seal key when seal is not nil, and journals
// it. It refuses a folder that already holds one.
func Create(dir string, c civil.Commune, seal *KeyRecord, o Options) (*Store, error) {
	if Exists(dir) {
		return nil, civil.Refuse("dossier", "un registre existe déjà dans "+dir, "il n'y a qu'un registre par dossier : utilisez-le, ou choisissez un autre dossier", civil.Then(civil.ChooseFolder))
	}
	if err := lostRegister(dir); err != nil {
		return nil, err
	}
	// A new folder is made exactly 0700 (the Chmod undoes the umask); an
	// existing folder chosen by the user keeps its permissions. The
	// register file itself is always 0600.
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("création du dossier %s : %w", dir, err)
		}
		if err := os.Chmod(dir, 0o700); err != nil {
			return nil, err
		}
	} else if err := checkPrivate(dir); err != nil {
		return nil, err
	}
	db, err := openDB(filepath.Join(dir, FileName), o)
	if err != nil {
		return nil, err
	}
	s := storeFor(db, dir, o)
	if s.witness, err = openWitness(dir); err != nil {
		db.Close()
		os.Remove(filepath.Join(dir, FileName))
		return nil, fmt.Errorf("témoin du registre : %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		m := tx.Bucket(bucketMeta)
		if err := m.Put(keySchema, []byte(fmt.Sprint(SchemaVersion))); err != nil {
			return err
		}
		data, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if err := m.Put(keyCommune, data); err != nil {
			return err
		}
		if err := s.journal(tx, "init", "commune", data); err != nil {
			return err
		}
		if seal == nil {
			return nil
		}
		return s.addKey(tx, keySeal, seal, "sceau")
	})
	if err != nil {
		s.Close()
		os.Remove(filepath.Join(dir, FileName))
		os.Remove(witnessPath(dir))
		return nil, err
	}
	return s, nil
}

// lostRegister refuses a folder without a register file that shows one
// was there: a register set aside by a restore, or the witness of a
// register. Creating a new register there would restart the numbering.
func lostRegister(dir string) error {
	aside, _ := filepath.Glob(filepath.Join(dir, FileName+".avant-restauration-*"))
	if len(aside) > 0 {
		last := aside[len(aside)-1]
		return civil.Refuse("dossier", "le dossier "+dir+" n'a plus de "+FileName+", mais garde le registre mis de côté par une restauration ("+filepath.Base(last)+") : une restauration a été interrompue",
			"ne créez pas de nouveau registre (la numérotation repartirait de zéro) : relancez la restauration, ou remettez l'ancien registre en place : mv "+last+" "+filepath.Join(dir, FileName),
			civil.Then(civil.RestoreBackup))
	}
	if _, err := os.Stat(witnessPath(dir)); err == nil {
		return civil.Refuse("dossier", "le dossier "+dir+" n'a plus de "+FileName+", mais garde son témoin ("+WitnessName+") : le registre a été déplacé ou effacé",
			"ne créez pas de nouveau registre (la numérotation repartirait de zéro) : remettez le fichier "+FileName+" en place, ou restaurez la dernière sauvegarde",
			civil.Then(civil.RestoreBackup))
	}
	return nil
}

// UnsafeFolderError is a register folder, or register file, that users
// other than its owner may write (group or others have the write bit):
// any of them could have replaced the register or the files beside it,
// so the program does not trust it until the permissions are fixed.
type UnsafeFolderError struct {
	Path string
	Mode fs.FileMode
}

func (e *UnsafeFolderError) Error() string {
	return fmt.Sprintf("%s est modifiable par d'autres utilisateurs de cet ordinateur (droits %04o) : le registre a pu y être remplacé", e.Path, e.Mode.Perm())
}

// checkPrivate refuses a folder, or the register file in it, that group
// or others may write. Windows keeps no such bits: not checked there.
func checkPrivate(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	for _, p := range []string{dir, filepath.Join(dir, FileName)} {
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if fi.Mode().Perm()&0o022 != 0 {
			return &UnsafeFolderError{Path: p, Mode: fi.Mode()}
		}
	}
	return nil
}

// Close releases the register.
func (s *Store) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.db.Close()
	if s.witness != nil {
		s.witness.close()
		s.witness = nil
	}
	return err
}

// Dir returns the data folder.
func (s *Store) Dir() string { return s.dir }

// Pause lets the register go while fn runs — a person typing an answer
// or a passphrase — so that other commands and other clerks keep working
// meanwhile (issue 18 §4), then opens it again as Open does, with the
// same options, checks included. What was read before may have changed
// since: every write checks again in its own transaction. A closed
// register stays closed. It returns fn's error, or the error of opening
// the register again (ErrBusy when another command holds it longer than
// the timeout).
func (s *Store) Pause(fn func() error) error {
	if s.closed {
		return fn()
	}
	if err := s.Close(); err != nil {
		return err
	}
	ferr := fn()
	o := s.opts
	again, err := Open(s.dir, o)
	if err != nil {
		return err
	}
	*s = *again
	return ferr
}

// Commune returns the commune that keeps this register.
func (s *Store) Commune() (civil.Commune, error) {
	var c civil.Commune
	err := s.db.View(func(tx *bolt.Tx) error { return readCommune(tx, &c) })
	return c, err
}

func readCommune(tx *bolt.Tx, c *civil.Commune) error {
	if err := json.Unmarshal(tx.Bucket(bucketMeta).Get(keyCommune), c); err != nil {
		return &IntegrityError{[]string{"fiche de la commune illisible"}}
	}
	return nil
}

// AddOfficer records an officer, with the officer's signing key when key
// is not nil, in one transaction. An id already used is refused.
func (s *Store) AddOfficer(o civil.Officer, key *KeyRecord) error {
	if err := civil.ValidateOfficer(&o); err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOfficers)
		if b.Get([]byte(o.ID)) != nil {
			return civil.Refuse("id", "l'identifiant « "+o.ID+" » est déjà pris", "choisissez un autre identifiant", civil.Then(civil.SeeOfficers))
		}
		data, err := json.Marshal(o)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(o.ID), data); err != nil {
			return err
		}
		if err := s.journal(tx, "officier", "officier/"+o.ID, data); err != nil {
			return err
		}
		if key == nil {
			return nil
		}
		key.Officier = o.ID
		return s.addKey(tx, officerKeyName(o.ID), key, "clé")
	})
}

// Officers returns the officers, sorted by id.
func (s *Store) Officers() ([]civil.Officer, error) {
	var out []civil.Officer
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = readOfficers(tx)
		return err
	})
	return out, err
}

// OfficersInOffice returns the officers who may still receive an act, by
// id: those whose key was not revoked at the end of their mandate (see
// officerInOffice).
func (s *Store) OfficersInOffice() ([]civil.Officer, error) {
	var out []civil.Officer
	err := s.db.View(func(tx *bolt.Tx) error {
		all, err := readOfficers(tx)
		if err != nil {
			return err
		}
		for _, o := range all {
			var refused *civil.RefusedError
			switch err := officerInOffice(tx, o.ID); {
			case err == nil:
				out = append(out, o)
			case !errors.As(err, &refused):
				return err
			}
		}
		return nil
	})
	return out, err
}

// readOfficers returns the officers inside tx, sorted by id.
func readOfficers(tx *bolt.Tx) ([]civil.Officer, error) {
	var out []civil.Officer
	err := tx.Bucket(bucketOfficers).ForEach(func(k, v []byte) error {
		var o civil.Officer
		if err := json.Unmarshal(v, &o); err != nil {
			return &IntegrityError{[]string{"officier " + string(k) + " illisible"}}
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// Officer returns one officer.
func (s *Store) Officer(id string) (civil.Officer, bool) {
	var o civil.Officer
	found := false
	s.db.View(func(tx *bolt.Tx) error {
		o, found = readOfficer(tx, id)
		return nil
	})
	return o, found
}

// readOfficer reads one officer inside tx. It answers the rules'
// lookups, which take no error: an officer's record that does not decode
// is raised as an *IntegrityError panic, which the transaction returns
// (see guardedDB), instead of « officier inconnu ».
func readOfficer(tx *bolt.Tx, id string) (civil.Officer, bool) {
	var o civil.Officer
	v := tx.Bucket(bucketOfficers).Get([]byte(id))
	if v == nil {
		return o, false
	}
	if err := json.Unmarshal(v, &o); err != nil {
		panic(&IntegrityError{[]string{"officier " + id + " illisible"}})
	}
	return o, true
}

// fillPercent is how full bbolt leaves a page it splits. Its default, half
// full, suits keys written in random order; the big buckets here grow
// mostly at their end (acts by number, the journal) or in sorted batches
// (the index, on import), and half-full pages made the register file
// twice the size of its data, and every backup, copy and control twice
// as long.
const fillPercent = 0.9

// filled sets a bucket's fill percent for the writes of this transaction.
func filled(b *bolt.Bucket) *bolt.Bucket {
	b.FillPercent = fillPercent
	return b
}

// warm reads the register file from start to end in the background, until
// stop is called, so that a walk over the whole register (control,
// export) finds its pages in memory: a register written over the years
// has its pages scattered in the file, and reading them one by one as
// the walk meets them, from a cold disk, took 55 s for a million acts
// where reading the file in order takes 3 s.
func (s *Store) warm() (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		f, err := os.Open(s.db.Path())
		if err != nil {
			return
		}
		defer f.Close()
		buf := make([]byte, 4<<20)
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := f.Read(buf); err != nil {
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}

// parallel calls fn(0) to fn(n-1) on every core. A panic of fn, or a
// memory fault (fn may read the register's map), is raised again in the
// caller's goroutine once every worker has stopped, where the
// transaction's guard sees it (see guardedDB): a worker's panic would
// otherwise end the process.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	var once sync.Once
	var failed any
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			debug.SetPanicOnFault(true)
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { failed = r })
				}
			}()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
	if failed != nil {
		panic(failed)
	}
}

// hasPrefix tells whether bucket b holds a key starting with prefix.
func hasPrefix(b *bolt.Bucket, prefix []byte) bool {
	k, _ := b.Cursor().Seek(prefix)
	return k != nil && bytes.HasPrefix(k, prefix)
}

// SetOfficerCivilite records an officer's civilité (civil.CiviliteMadame
// or civil.CiviliteMonsieur), with its journal entry, so that the titles
// printed in their name agree (« maire déléguée »). It returns the
// officer as recorded.
func (s *Store) SetOfficerCivilite(id, civilite string) (civil.Officer, error) {
	var o civil.Officer
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOfficers)
		v := b.Get([]byte(id))
		if v == nil {
			return UnknownOfficer(id)
		}
		if err := json.Unmarshal(v, &o); err != nil {
			return &IntegrityError{[]string{"officier " + id + " illisible"}}
		}
		if o.Civilite == civilite {
			return civil.Refuse("civilite", "la civilité de l'officier "+id+" est déjà « "+civilite+" »", "rien à faire")
		}
		o.Civilite = civilite
		if err := civil.ValidateOfficer(&o); err != nil {
			return err
		}
		data, err := json.Marshal(o)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(id), data); err != nil {
			return err
		}
		return s.journal(tx, "officier modifié", "officier/"+id, data)
	})
	return o, err
}

// UnknownOfficer refuses an officer the register does not know.
func UnknownOfficer(id string) error {
	return civil.Refuse("officier", "officier « "+id+" » inconnu", "choisissez un officier du registre", civil.Then(civil.SeeOfficers))
}
