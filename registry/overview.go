package registry

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// Cheap reads for the counter's home page (etatcivil guichet): what waits
// for the clerk today, read without walking the whole register.

// YearNumbering is the numbering of one register for one year.
type YearNumbering struct {
	Registre civil.Kind
	Annee    int
	// Set tells that the numbering exists: fixed by etatcivil numerotation.
	// Until it is, the register-year takes no act (see nextNumber): its
	// first act would take number 1, wrong whenever the main system had
	// already numbered acts that year.
	Set   bool
	Start int    // last number of the main system before this register took over
	Last  int    // last number given
	Clos  string // when the register-year was closed; empty while open
}

// Numbering returns the numbering of each register (naissance, deces,
// mariage, reconnaissance, in that order: civil.Registers) for the year.
func (s *Store) Numbering(annee int) ([]YearNumbering, error) {
	out := make([]YearNumbering, 0, len(civil.Registers))
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, reg := range civil.Registers {
			y := YearNumbering{Registre: reg, Annee: annee}
			if v := tx.Bucket(bucketNumbering).Get(counterKey(string(reg), annee)); v != nil {
				var c counter
				if err := json.Unmarshal(v, &c); err != nil {
					return &IntegrityError{[]string{fmt.Sprintf("numérotation %s %d illisible", reg, annee)}}
				}
				y.Set, y.Start, y.Last, y.Clos = true, c.Start, c.Last, c.Clos
			}
			out = append(out, y)
		}
		return nil
	})
	return out, err
}

// draftMark is how a draft's status ends in a stored act. It starts with
// a letter rare in JSON, so that the search skips quickly through the
// others; an act that holds it elsewhere (a profession « brouillon ») is
// only decoded for nothing.
var draftMark = []byte(civil.StatutBrouillon + `"`)

// Drafts calls fn on each act still a draft (drawn up, not signed nor
// cancelled) among the last `depth` acts of each register-year from
// fromYear on that is not yet closed, newest first within a register-year.
// It returns whether older acts were left unread (a register-year before
// fromYear, or beyond `depth` acts), where older drafts may remain:
// etatcivil rapprochement lists them all. Acts that are not drafts are not
// decoded: a thousand acts of a register-year read in about half a
// millisecond.
func (s *Store) Drafts(fromYear, depth int, fn func(*civil.Act) error) (more bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		acts := tx.Bucket(bucketActs)
		return tx.Bucket(bucketNumbering).ForEach(func(k, v []byte) error {
			reg, year, _ := strings.Cut(string(k), "/")
			if !civil.Kind(reg).Valid() {
				return nil // banns have their own numbering
			}
			var c counter
			if err := json.Unmarshal(v, &c); err != nil {
				return &IntegrityError{[]string{"numérotation " + reg + " " + year + " illisible"}}
			}
			if c.Clos != "" {
				return nil
			}
			annee, _ := strconv.Atoi(year) // keys hold the year on four digits
			if annee < fromYear {
				more = more || c.Last > 0
				return nil
			}
			prefix := registerYearKey(reg, annee)
			cur := acts.Cursor()
			// Walk back from the register-year's last key.
			ak, av := cur.Seek(append(bytes.Clone(prefix), 0xff))
			if ak == nil {
				ak, av = cur.Last()
			} else {
				ak, av = cur.Prev()
			}
			for n := 0; ak != nil && bytes.HasPrefix(ak, prefix); ak, av = cur.Prev() {
				if n == depth {
					more = true
					return nil
				}
				n++
				av, err := actJSON(av)
				if err != nil {
					return &IntegrityError{[]string{"acte " + string(ak) + " illisible"}}
				}
				if bytes.Contains(av, draftMark) {
					var a civil.Act
					if err := json.Unmarshal(av, &a); err != nil {
						return &IntegrityError{[]string{"acte " + string(ak) + " illisible"}}
					}
					if a.Statut == civil.StatutBrouillon {
						a.Empreinte = hashHex(av)
						if err := fn(&a); err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
	})
	return more, err
}

// JournalBefore returns at most n journal entries numbered below before
// (the newest ones when before is 0), newest first: a page of the journal
// read from its end, whatever its length.
func (s *Store) JournalBefore(before uint64, n int) ([]Entry, error) {
	var out []Entry
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketJournal).Cursor()
		var k, v []byte
		if before == 0 {
			k, v = c.Last()
		} else {
			c.Seek(seqKey(before))
			k, v = c.Prev()
		}
		for ; k != nil && len(out) < n; k, v = c.Prev() {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return &IntegrityError{[]string{fmt.Sprintf("entrée de journal n° %d illisible", binary.BigEndian.Uint64(k))}}
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}
