package registry

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"regexp"
	"slices"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/words"
)

// Report is the result of a full check of the register.
type Report struct {
	Acts    int      // acts checked
	Entries int      // journal entries checked
	Breaks  []string // every problem found, with its place; empty when sound
}

// Err returns an *IntegrityError when the check found breaks.
func (r Report) Err() error {
	if len(r.Breaks) == 0 {
		return nil
	}
	return &IntegrityError{r.Breaks}
}

// Check recomputes the journal chain, then asks each part of the
// register to check its own records (see Part): the register's own parts
// (registryParts: the commune and settings, officers, keys, copy log,
// banns, notices, acts, the name and phonetic indexes recomputed from the
// acts, the numbering recomputed from the acts and the journal) and each
// part of Options.Parts (the agenda); then reports every record the
// journal wrote that the register no longer holds, and runs bbolt's own
// consistency check. It reads only; it never repairs.
//
// bbolt's check, which walks every page of the file, runs on a second
// core in its own read transaction while the records are checked. The
// pages of the file read through bbolt's map are given back to the
// system as the check goes (see releaseMap), so that the memory the
// process holds does not grow with the file.
func (s *Store) Check() (Report, error) {
	defer s.warm()()
	var r Report
	structure := make(chan []string, 1)
	go func() {
		var found []error
		err := s.db.View(func(tx *bolt.Tx) error {
			// This walk may outlast the records' check: it gives the
			// pages it reads back too.
			defer s.releaseMap(tx)()
			for err := range tx.Check() {
				found = append(found, err)
			}
			return nil
		})
		if err != nil {
			found = append(found, err)
		}
		structure <- structureBreaks(found)
	}()
	var progress *stepper
	err := s.db.View(func(tx *bolt.Tx) error {
		defer s.releaseMap(tx)()
		progress = s.stepper("Contrôle", "entrées et actes", int(readHead(tx).Seq)+2*actsEstimate(tx))
		j := newJournaled(tx, progress)
		r.Breaks = append(r.Breaks, checkJournal(tx, j, &r.Entries)...)
		t := &Tx{tx, s}
		all := append(append([]Part{}, registryParts...), s.parts...)
		for _, p := range all {
			r.Breaks = append(r.Breaks, p.Check(t, j)...)
		}
		r.Acts = j.acts
		r.Breaks = append(r.Breaks, goneRecords(j, all)...)
		return nil
	})
	r.Breaks = append(<-structure, r.Breaks...)
	if progress != nil {
		progress.end()
	}
	return r, err
}

// checkJournal recomputes the journal chain, counts its entries in
// *entries, and keeps in j what the parts need: the data hash of the last
// entry of each reference, and the numbering's entries.
func checkJournal(tx *bolt.Tx, j *Journaled, entries *int) []string {
	var out []string
	var prevHash string
	var want uint64 = 1
	tx.Bucket(bucketJournal).ForEach(func(k, v []byte) error {
		*entries++
		j.progress.add()
		seq := binary.BigEndian.Uint64(k)
		var e Entry
		if err := json.Unmarshal(v, &e); err != nil {
			out = append(out, fmt.Sprintf("journal, entrée n° %d : illisible", seq))
			prevHash = hashHex(v)
			want = seq + 1
			return nil
		}
		if seq != want {
			out = append(out, fmt.Sprintf("journal : entrée n° %d attendue, n° %d trouvée (entrée supprimée ?)", want, seq))
		}
		if e.Seq != seq {
			out = append(out, fmt.Sprintf("journal, entrée n° %d : porte le numéro %d", seq, e.Seq))
		}
		if e.PrevHash != prevHash {
			out = append(out, fmt.Sprintf("journal, entrée n° %d (%s %s) : la chaîne est rompue, l'entrée précédente a été modifiée ou supprimée", seq, e.Action, e.Ref))
		}
		prevHash = hashHex(v)
		want = seq + 1
		e.Seq = seq // where the entry is, to read it again
		j.entry(e)
		return nil
	})
	if h, err := readHeadChecked(tx); err != nil {
		out = append(out, "journal : la fiche de la dernière entrée est illisible")
	} else if h.Seq != want-1 || h.Hash != prevHash {
		out = append(out, fmt.Sprintf("journal : la dernière entrée enregistrée est la n° %d, le journal s'arrête à la n° %d (entrée finale supprimée ou modifiée)", h.Seq, want-1))
	}
	return out
}

// goneRecords reports the records that the journal wrote and that no
// part found (see Journaled.Record): each part describes its own; a
// record deleted on purpose (see JournalPurge) is not reported.
func goneRecords(j *Journaled, parts []Part) []string {
	purgedHash := hashHex(purged)
	var gone []string
	for _, le := range j.last {
		e, err := j.entryAt(le.seq)
		if err != nil || e.DataHash == purgedHash {
			continue
		}
		for _, p := range parts {
			if g := p.Gone(e.Ref); g != "" {
				gone = append(gone, g)
				break
			}
		}
	}
	sort.Strings(gone)
	return gone
}

// entryAt reads journal entry seq again.
func (j *Journaled) entryAt(seq uint64) (Entry, error) {
	var e Entry
	v := j.tx.Bucket(bucketJournal).Get(seqKey(seq))
	if v == nil {
		return e, fmt.Errorf("entrée de journal n° %d absente", seq)
	}
	err := json.Unmarshal(v, &e)
	return e, err
}

// lastOf finds the data hash of the last journal entry of ref by reading
// the journal from its end: only for two references whose hashes
// collide (about one control in thirty million at a million records).
func (j *Journaled) lastOf(ref string) (string, bool) {
	c := j.tx.Bucket(bucketJournal).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var e Entry
		if json.Unmarshal(v, &e) == nil && e.Ref == ref {
			return e.DataHash, true
		}
	}
	return "", false
}

// numberingEntries are the journal entries of one register-year's
// numbering (reference numerotation/REGISTRE/ANNEE).
type numberingEntries struct {
	lastAction string // action of the newest entry
	set        string // data hash of the newest entry setting its start
	closed     string // data hash of the newest closing
}

// numberingPrefix starts the journal reference of a register-year's numbering.
const numberingPrefix = "numerotation/"

// newJournaled returns an empty Journaled that counts on progress.
func newJournaled(tx *bolt.Tx, progress *stepper) *Journaled {
	return &Journaled{seed: maphash.MakeSeed(), last: map[uint64]lastEntry{}, tx: tx, numbering: map[string]*numberingEntries{}, progress: progress}
}

// entry keeps what the parts need of one journal entry.
func (j *Journaled) entry(e Entry) {
	if strings.HasPrefix(e.Ref, numberingPrefix) {
		n := j.numbering[e.Ref]
		if n == nil {
			n = &numberingEntries{}
			j.numbering[e.Ref] = n
		}
		n.lastAction = e.Action
		if e.Action == actionClosing {
			n.closed = e.DataHash
		} else {
			n.set = e.DataHash
		}
		return
	}
	le := lastEntry{seq: e.Seq}
	// A data hash that is not hexadecimal keeps zeros: no record
	// matches it, and Record reads the entry again.
	hex.Decode(le.hash[:], []byte(e.DataHash[:min(32, len(e.DataHash))]))
	j.last[maphash.String(j.seed, e.Ref)] = le
}

// actionClosing is the journal action of a register-year's closing.
const actionClosing = "cloture"

// readHeadChecked reads the journal's head; a head that does not decode
// is an error.
func readHeadChecked(tx *bolt.Tx) (head, error) {
	var h head
	v := tx.Bucket(bucketMeta).Get(keyHead)
	if v == nil {
		return h, nil
	}
	if err := json.Unmarshal(v, &h); err != nil {
		return h, &IntegrityError{[]string{"fiche de la dernière entrée du journal illisible"}}
	}
	return h, nil
}

// structureBreaks describes in French what bbolt's own check found (its
// messages are English): the pages concerned.
func structureBreaks(found []error) []string {
	if len(found) == 0 {
		return nil
	}
	var pages []string
	for _, err := range found {
		for _, m := range pageNumber.FindAllStringSubmatch(err.Error(), -1) {
			if !slices.Contains(pages, m[1]) && len(pages) < 20 {
				pages = append(pages, m[1])
			}
		}
	}
	what := "structure du fichier : " + words.Plural(len(found), "incohérence", "incohérences") + " entre les pages du fichier (endommagé ou modifié hors du programme)"
	if len(pages) > 0 {
		what += ", pages n° " + strings.Join(pages, ", ")
	}
	return []string{what}
}

var pageNumber = regexp.MustCompile(`page (\d+)`)
