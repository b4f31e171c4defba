package registry

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// The witness is a small file beside the register file (registre.temoin)
// that remembers the journal's head: the number and hash of the last
// entry committed, and the last few entries (what they wrote, not their
// content). It is rewritten and synced after every committed write. A
// register older than its witness (the file replaced by an older copy,
// one flipped bit in bbolt's newest meta page making bbolt fall back to
// the previous transaction, a disk that lost its last writes) no longer
// holds the entries the witness saw: every write is then refused and the
// clerk is told which entries are missing.
//
// The file holds two slots of witnessSlot bytes, written in turn, each
// with its own checksum: a write torn by a crash damages one slot only,
// and the other still holds the previous head. The checksum is no
// protection against someone who can write the folder (see SECURITY.md):
// signed anchors and the copies on backup media are.
//
// After a commit, the new slot is written in place and its fdatasync
// started in the background: the act is acknowledged without waiting for
// a second disk flush after bbolt's own, and every later command reads
// the slot at once (from the page cache). The next write to the witness
// waits for that fdatasync, and so does Close: a command has made its
// witness durable before it exits. A slot is never overwritten before the
// other one is durable, so that a crash damages at most the slot being
// written, and the durable slot is then at most one transaction behind
// the register, which the check accepts (only a witness ahead of the
// register stops writes). What this costs in protection — a power cut
// within the flush after a write, then a rollback of exactly that
// write — is in SECURITY.md.

// WitnessName is the witness file's name, beside FileName.
const WitnessName = "registre.temoin"

const (
	witnessSlot   = 4096
	witnessMagic  = "etatcivil-temoin/1\n"
	witnessRecent = 24 // entries remembered
)

// keyWitness, in the meta bucket, says that the register has a witness:
// a witness that disappears is then a fault, not an old register.
var keyWitness = []byte("temoin")

// WitnessEntry is one journal entry as the witness remembers it.
type WitnessEntry struct {
	Seq    uint64 `json:"seq"`
	Time   string `json:"horodatage"`
	Action string `json:"action"`
	Ref    string `json:"reference"`
}

// Witness is what the witness file holds.
type Witness struct {
	Generation uint64         `json:"generation"` // which slot is newest
	Seq        uint64         `json:"seq"`        // last entry committed
	Hash       string         `json:"empreinte"`  // hex SHA-256 of its stored bytes
	Time       string         `json:"horodatage"` // its time
	Recent     []WitnessEntry `json:"dernieres,omitempty"`
	// Also is a second head accepted while a restore swaps the register
	// file: the restored register's.
	Also *WitnessHead `json:"restauration,omitempty"`
}

// WitnessHead is a journal head: entry number and hash.
type WitnessHead struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"empreinte"`
}

// witnessFile writes the witness of one open register.
type witnessFile struct {
	mu   sync.Mutex
	f    *os.File
	last Witness // as last written or read
	// durable is the newest generation known to be on the disk (0:
	// none known; a witness read at Open is made durable again).
	durable uint64
	// syncing is the background fdatasync in flight, nil when none.
	syncing *witnessSync
}

// witnessSync is one background fdatasync of the witness file: it makes
// generation gen durable when err is nil, once done is closed.
type witnessSync struct {
	gen  uint64
	done chan struct{}
	err  error
}

// witnessPath returns the witness file of a register folder.
func witnessPath(dir string) string { return filepath.Join(dir, WitnessName) }

// readWitness reads the newest valid slot of the witness file. It
// returns fs.ErrNotExist when there is none, and an error when the file
// exists but no slot is valid.
func readWitness(path string) (Witness, error) {
	data, err := readRegular(path, 1<<20)
	if err != nil {
		return Witness{}, err
	}
	if len(data) == 0 {
		// Made at Open, before the first commit wrote it.
		return Witness{}, fs.ErrNotExist
	}
	var best Witness
	found := false
	for i := 0; i+len(witnessMagic) <= len(data) && i < 2*witnessSlot; i += witnessSlot {
		w, ok := decodeSlot(data[i:min(len(data), i+witnessSlot)])
		if ok && (!found || w.Generation > best.Generation) {
			best, found = w, true
		}
	}
	if !found {
		return Witness{}, errWitnessUnreadable
	}
	return best, nil
}

var errWitnessUnreadable = errors.New("témoin illisible")

// decodeSlot reads one slot: magic line, JSON line, SHA-256 of the JSON.
func decodeSlot(b []byte) (Witness, bool) {
	var w Witness
	rest, ok := bytes.CutPrefix(b, []byte(witnessMagic))
	if !ok {
		return w, false
	}
	body, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return w, false
	}
	sum, _, ok := bytes.Cut(rest, []byte("\n"))
	if !ok || string(sum) != hashHex(body) {
		return w, false
	}
	return w, json.Unmarshal(body, &w) == nil
}

// encodeSlot writes w into a slot, the oldest recent entries dropped to
// fit.
func encodeSlot(w Witness) ([]byte, error) {
	for {
		body, err := json.Marshal(w)
		if err != nil {
			return nil, err
		}
		n := len(witnessMagic) + len(body) + 1 + 64 + 1
		if n <= witnessSlot {
			slot := make([]byte, witnessSlot)
			copy(slot, witnessMagic+string(body)+"\n"+hashHex(body)+"\n")
			return slot, nil
		}
		if len(w.Recent) == 0 {
			return nil, errors.New("témoin trop grand")
		}
		// As many entries as the excess, at their mean size, at once.
		drop := 1 + (n-witnessSlot)*len(w.Recent)/len(body)
		w.Recent = w.Recent[min(drop, len(w.Recent)):]
	}
}

// witnessRefMax bounds a journal reference as the witness keeps it, in
// bytes: a reference can be long (a confirmed duplicate names every act
// it resembles), and 24 entries share a 4 KiB slot.
const witnessRefMax = 64

// witnessRef returns ref as the witness keeps it: whole, or its first
// bytes (whole characters) and « … ».
func witnessRef(ref string) string {
	if len(ref) <= witnessRefMax {
		return ref
	}
	cut := witnessRefMax - len("…")
	for cut > 0 && !utf8.RuneStart(ref[cut]) {
		cut--
	}
	return ref[:cut] + "…"
}

// sameRef tells whether a journal reference is the one a witness entry
// kept (cut, or whole as earlier versions kept it).
func sameRef(ref, kept string) bool { return ref == kept || witnessRef(ref) == kept }

// openWitness opens the witness file of dir for writing, creating it
// when absent.
func openWitness(dir string) (*witnessFile, error) {
	f, err := os.OpenFile(witnessPath(dir), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	wf := &witnessFile{f: f}
	if w, err := readWitness(f.Name()); err == nil {
		wf.last = w
	}
	return wf, nil
}

// write writes w into the slot after the newest, wf.mu held. With
// durable, it returns once the slot is on the disk (fdatasync);
// otherwise at once, its fdatasync started in the background (see
// startSync). Either way the newest slot is first made durable: the slot
// overwritten is then the only one a crash can damage.
func (wf *witnessFile) write(w Witness, durable bool) error {
	if err := wf.makeDurable(); err != nil {
		return err
	}
	w.Generation = wf.last.Generation + 1
	slot, err := encodeSlot(w)
	if err != nil {
		return err
	}
	off := int64(w.Generation%2) * witnessSlot
	if _, err := wf.f.WriteAt(slot, off); err != nil {
		return err
	}
	wf.last = w
	if !durable {
		wf.startSyncLocked()
		return nil
	}
	if err := datasync(wf.f); err != nil {
		return err
	}
	wf.durable = w.Generation
	if witnessSynced != nil {
		witnessSynced(wf.f)
	}
	return nil
}

// witnessSynced, set by tests only, is called with the witness file each
// time an fdatasync of it has succeeded, before anything else is written
// to it: what it then holds is what a power cut leaves.
var witnessSynced func(*os.File)

// startSync starts, in the background, the fdatasync that makes the
// newest slot durable, unless it is known durable or one is in flight.
// Each slot written after a commit starts one; a write transaction also
// calls it at its first journal entry, for a witness this process has
// not synced (written by an earlier command), so that the disk's flush
// overlaps the transaction's work and bbolt's commit.
func (wf *witnessFile) startSync() {
	wf.mu.Lock()
	defer wf.mu.Unlock()
	wf.startSyncLocked()
}

// startSyncLocked is startSync, wf.mu held.
func (wf *witnessFile) startSyncLocked() {
	if wf.syncing != nil || wf.durable >= wf.last.Generation {
		return
	}
	ws := &witnessSync{gen: wf.last.Generation, done: make(chan struct{})}
	f := wf.f
	go func() {
		ws.err = datasync(f)
		if ws.err == nil && witnessSynced != nil {
			witnessSynced(f)
		}
		close(ws.done)
	}()
	wf.syncing = ws
}

// settle waits for the background fdatasync in flight, if any, wf.mu
// held.
func (wf *witnessFile) settle() {
	ws := wf.syncing
	if ws == nil {
		return
	}
	<-ws.done
	wf.syncing = nil
	if ws.err == nil && ws.gen > wf.durable {
		wf.durable = ws.gen
	}
}

// makeDurable returns once the newest slot is on the disk, wf.mu held:
// usually the background fdatasync has already done it.
func (wf *witnessFile) makeDurable() error {
	wf.settle()
	if wf.durable >= wf.last.Generation {
		return nil
	}
	if err := datasync(wf.f); err != nil {
		return err
	}
	wf.durable = wf.last.Generation
	if witnessSynced != nil {
		witnessSynced(wf.f)
	}
	return nil
}

// committed records in the witness the head a write transaction left,
// with the entries it wrote. A head older than the one written last (two
// transactions of this process whose hooks ran out of order) is skipped:
// the witness never goes back.
func (wf *witnessFile) committed(p *pendingWitness) {
	wf.mu.Lock()
	defer wf.mu.Unlock()
	if p.head.Seq <= wf.last.Seq && wf.last.Also == nil && wf.last.Hash != "" {
		return
	}
	w := Witness{Seq: p.head.Seq, Hash: p.head.Hash, Time: p.time}
	w.Recent = append(append([]WitnessEntry(nil), wf.last.Recent...), p.recent...)
	if len(w.Recent) > witnessRecent {
		w.Recent = w.Recent[len(w.Recent)-witnessRecent:]
	}
	// A failed write leaves the witness behind the register, which is
	// harmless (only a witness ahead of the register stops writes); the
	// next commit writes it again.
	wf.write(w, false)
}

// close closes the witness file once the background fdatasync in flight,
// if any, has ended: the last slot written is then on the disk.
func (wf *witnessFile) close() error {
	if wf == nil {
		return nil
	}
	wf.mu.Lock()
	defer wf.mu.Unlock()
	wf.settle()
	return wf.f.Close()
}

// pendingWitness gathers what one write transaction journals, for the
// witness written once it is committed.
type pendingWitness struct {
	head   head
	time   string
	recent []WitnessEntry
}

func (p *pendingWitness) add(e Entry, h head) {
	p.head, p.time = h, e.Time
	p.recent = append(p.recent, WitnessEntry{e.Seq, e.Time, e.Action, witnessRef(e.Ref)})
	if len(p.recent) > 2*witnessRecent {
		p.recent = append(p.recent[:0], p.recent[len(p.recent)-witnessRecent:]...)
	}
}

// BehindError reports a register older than its witness, or a witness
// that disappeared or is unreadable: every write is refused until the
// newer register is put back, a backup restored, or an officer accepts
// the loss. The command exits 3.
type BehindError struct {
	Problem string         // what was found, in French
	Missing []WitnessEntry // the entries the witness saw that the register lacks (the last few)
	From    uint64         // first missing entry, 0 when unknown
	To      uint64         // last missing entry
}

func (e *BehindError) Error() string {
	var b strings.Builder
	b.WriteString(e.Problem)
	if e.From > 0 {
		if e.From == e.To {
			fmt.Fprintf(&b, " ; entrée manquante : n° %d", e.From)
		} else {
			fmt.Fprintf(&b, " ; entrées manquantes : n° %d à %d", e.From, e.To)
		}
		var refs []string
		for _, m := range e.Missing {
			t, _ := time.Parse(time.RFC3339, m.Time)
			refs = append(refs, fmt.Sprintf("n° %d %s %s (%s)", m.Seq, m.Action, m.Ref, t.Local().Format("02/01/2006 à 15:04")))
		}
		if len(refs) > 0 {
			if uint64(len(refs)) < e.To-e.From+1 {
				b.WriteString(", dont les dernières")
			}
			b.WriteString(" :\n  " + strings.Join(refs, "\n  "))
		}
	}
	return b.String()
}

// checkWitness compares the register with its witness, inside tx, and
// returns a *BehindError when the register is older than the witness or
// no longer holds the entry it saw.
func checkWitness(tx *bolt.Tx, dir string) error {
	w, err := readWitness(witnessPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		if tx.Bucket(bucketMeta).Get(keyWitness) != nil {
			return &BehindError{Problem: "le témoin du registre (" + WitnessName + ") a disparu : impossible de vérifier que ce registre est le plus récent (fichier déplacé sans son témoin, ou remplacé)"}
		}
		return nil
	}
	if err != nil {
		return &BehindError{Problem: "le témoin du registre (" + WitnessName + ") est illisible : impossible de vérifier que ce registre est le plus récent"}
	}
	if w.Also != nil && matchesHead(tx, w.Also.Seq, w.Also.Hash) == nil {
		return nil
	}
	return matchesHead(tx, w.Seq, w.Hash, w)
}

// matchesHead checks that the register holds journal entry seq with the
// given hash; the witness w, when given, names the missing entries.
func matchesHead(tx *bolt.Tx, seq uint64, hash string, ws ...Witness) error {
	if seq == 0 {
		return nil
	}
	if v := tx.Bucket(bucketJournal).Get(seqKey(seq)); v != nil && hashHex(v) == hash {
		return nil
	}
	k, _ := tx.Bucket(bucketJournal).Cursor().Last()
	var last uint64
	if k != nil {
		last = binary.BigEndian.Uint64(k)
	}
	e := &BehindError{}
	var when string
	if len(ws) > 0 {
		t, _ := time.Parse(time.RFC3339, ws[0].Time)
		when = ", dernière écriture le " + t.Local().Format("02/01/2006 à 15:04")
	}
	if last < seq {
		e.Problem = fmt.Sprintf("le registre est plus ancien que son témoin (%s%s, entrée n° %d) : son journal s'arrête à l'entrée n° %d ; le fichier %s a été remplacé par une copie plus ancienne, ou le disque a perdu les dernières écritures",
			WitnessName, when, seq, last, FileName)
		e.From, e.To = last+1, seq
	} else {
		e.Problem = fmt.Sprintf("le journal du registre ne contient plus l'entrée n° %d telle que son témoin (%s%s) l'a vue : le registre a été remplacé par une autre copie, ou son journal réécrit",
			seq, WitnessName, when)
		e.From, e.To = seq, seq
		// The entries the witness saw from the first one that differs.
		for _, r := range ws[0:min(len(ws), 1)] {
			for _, m := range r.Recent {
				if v := tx.Bucket(bucketJournal).Get(seqKey(m.Seq)); v == nil || entryField(v, "horodatage") != m.Time || !sameRef(entryField(v, "reference"), m.Ref) {
					if m.Seq < e.From {
						e.From = m.Seq
					}
				}
			}
		}
	}
	if len(ws) > 0 {
		for _, m := range ws[0].Recent {
			if m.Seq >= e.From && m.Seq <= e.To {
				e.Missing = append(e.Missing, m)
			}
		}
	}
	return e
}

// Behind returns the *BehindError found when the register was opened, or
// nil: while it is set, every write is refused.
func (s *Store) Behind() error {
	if s.behind == nil {
		return nil
	}
	return s.behind
}

// startWitness checks the register against its witness at Open and, for
// a register open for writing, opens the witness file to keep it.
func (s *Store) startWitness(readOnly bool) error {
	err := s.db.View(func(tx *bolt.Tx) error { return checkWitness(tx, s.dir) })
	var behind *BehindError
	if errors.As(err, &behind) {
		s.behind = behind
	} else if err != nil {
		return err
	}
	if readOnly || s.behind != nil {
		return nil
	}
	wf, err := openWitness(s.dir)
	if err != nil {
		return fmt.Errorf("témoin du registre %s : %w", witnessPath(s.dir), err)
	}
	s.witness = wf
	return nil
}

// witnessTx prepares the witness of a write transaction at its first
// journal entry: the register records that it has a witness, and the
// witness is written once the transaction is committed.
func (s *Store) witnessTx(tx *bolt.Tx) (*pendingWitness, error) {
	if s.behind != nil {
		return nil, s.behind
	}
	p := &pendingWitness{}
	if s.witness == nil {
		return p, nil
	}
	wf := s.witness
	m := tx.Bucket(bucketMeta)
	if m.Get(keyWitness) == nil {
		// From this commit on, a missing witness stops writes: it must
		// be on the disk, name and slot, before the commit is.
		if err := wf.establish(tx, s.dir); err != nil {
			return nil, fmt.Errorf("témoin du registre %s : %w", witnessPath(s.dir), err)
		}
		if err := m.Put(keyWitness, []byte("1")); err != nil {
			return nil, err
		}
	}
	wf.startSync()
	tx.OnCommit(func() { wf.committed(p) })
	return p, nil
}

// establish makes the witness file durable, its name in the folder
// included, before the transaction tx first records that the register
// has a witness: a power cut right after that commit must not find the
// witness missing or empty. An empty witness is first given the head
// that the register holds before tx. It is done once in a register's
// life.
func (wf *witnessFile) establish(tx *bolt.Tx, dir string) error {
	wf.mu.Lock()
	defer wf.mu.Unlock()
	if wf.last.Generation == 0 {
		h, when := lastHead(tx)
		if err := wf.write(Witness{Seq: h.Seq, Hash: h.Hash, Time: when, Recent: recentEntries(tx, witnessRecent)}, true); err != nil {
			return err
		}
	} else if err := wf.makeDurable(); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// writeWitness replaces the witness of dir by one that holds head (and
// also, during a restore's swap, a second accepted head), synced. The
// register of dir must not be open.
func writeWitness(dir string, h head, also *WitnessHead, recent []WitnessEntry, when string) error {
	wf, err := openWitness(dir)
	if err != nil {
		return err
	}
	defer wf.close()
	wf.mu.Lock()
	defer wf.mu.Unlock()
	return wf.write(Witness{Seq: h.Seq, Hash: h.Hash, Time: when, Recent: recent, Also: also}, true)
}

// lastHead returns the journal's last entry as a head, and its time.
func lastHead(tx *bolt.Tx) (head, string) {
	k, v := tx.Bucket(bucketJournal).Cursor().Last()
	if k == nil {
		return head{}, ""
	}
	return head{binary.BigEndian.Uint64(k), hashHex(v)}, entryField(v, "horodatage")
}

// recentEntries returns the last n journal entries as the witness keeps them.
func recentEntries(tx *bolt.Tx, n int) []WitnessEntry {
	var out []WitnessEntry
	c := tx.Bucket(bucketJournal).Cursor()
	for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
		out = append(out, WitnessEntry{binary.BigEndian.Uint64(k), entryField(v, "horodatage"), entryField(v, "action"), witnessRef(entryField(v, "reference"))})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// AcceptLoss is an officer's decision that the entries a witness saw and
// the register lacks are lost (no newer register, no backup holds them):
// it journals the loss with the entries missing, signs an anchor of the
// journal as it stands with the officer's key, and makes the witness
// follow the register again. The acts lost must be drawn up again; their
// numbers will be given again.
func (s *Store) AcceptLoss(motif string, sg Signer) (*BehindError, error) {
	lost := s.behind
	if lost == nil {
		return nil, civil.Refuse("temoin", "le registre n'est pas en retard sur son témoin : rien à accepter", "", civil.Then(civil.RunControl))
	}
	if strings.TrimSpace(motif) == "" {
		return nil, civil.Refuse("motif", "le motif est obligatoire", "par exemple « registre remplacé par la copie du 20/11, aucune sauvegarde plus récente »")
	}
	// The loss is journaled and anchored first, the witness then made to
	// follow the register: a crash between the two leaves the register
	// behind its witness, and the officer accepts again.
	s.behind = nil
	var h head
	var when string
	var recent []WitnessEntry
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := checkSignerKey(tx, sg); err != nil {
			return err
		}
		data, err := json.Marshal(struct {
			Motif    string         `json:"motif"`
			De       uint64         `json:"de"`
			A        uint64         `json:"a"`
			Perdues  []WitnessEntry `json:"entrees,omitempty"`
			Officier string         `json:"officier"`
		}{motif, lost.From, lost.To, lost.Missing, sg.Officer})
		if err != nil {
			return err
		}
		if err := s.journal(tx, "perte acceptée", "temoin", data); err != nil {
			return err
		}
		m, err := s.newManifest(tx, reasonLoss)
		if err != nil {
			return err
		}
		a, err := signAnchor(m, sg)
		if err != nil {
			return err
		}
		if err := s.putAnchor(tx, a); err != nil {
			return err
		}
		h, when = lastHead(tx)
		recent = recentEntries(tx, witnessRecent)
		return nil
	})
	if err == nil {
		err = writeWitness(s.dir, h, nil, recent, when)
	}
	if err == nil {
		s.witness, err = openWitness(s.dir)
	}
	if err != nil {
		s.behind = lost
		return nil, err
	}
	return lost, nil
}

// WitnessUpToDate is what etatcivil temoin and the counter say of a
// register that is not behind its witness.
const WitnessUpToDate = "Le registre est à jour de son témoin : aucune écriture perdue."

// Accepted says, in French, that the loss was accepted by whom (the
// officer's name): what AcceptLoss recorded and what to do next.
func (e *BehindError) Accepted(by string) []string {
	return []string{"Perte acceptée par " + by + " et inscrite au journal : " + e.Error(),
		"Les écritures reprennent. Ressaisissez les actes perdus ; leurs numéros seront donnés de nouveau."}
}

// Unresolved says what a register behind its witness means until it is
// resolved; the command and the counter add the next steps
// (civil.RestoreBackup, civil.AcceptLoss) in their own words.
const Unresolved = "rien n'a été écrit, et rien ne le sera tant que ce n'est pas résolu. Remettez en place le registre le plus récent s'il existe"
