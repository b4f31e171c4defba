package registry

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
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

// Check recomputes the journal chain, checks every act, officer, line of
// the copy log and the commune against the hash of its last journal entry, checks that the
// numbers of each register-year follow each other, and runs bbolt's own
// consistency check; and asks each part of Options.Parts to check its own
// records. It reads only; it never repairs.
//
// bbolt's check, which walks every page of the file, runs on a second
// core in its own read transaction while the records are checked.
func (s *Store) Check() (Report, error) {
	defer s.warm()()
	var r Report
	structure := make(chan []string, 1)
	go func() {
		var breaks []string
		err := s.db.View(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				breaks = append(breaks, "structure du fichier bbolt : "+err.Error())
			}
			return nil
		})
		if err != nil {
			breaks = append(breaks, "structure du fichier bbolt : "+err.Error())
		}
		structure <- breaks
	}()
	var progress *stepper
	err := s.db.View(func(tx *bolt.Tx) error {
		progress = s.stepper("Contrôle", "entrées et actes", int(readHead(tx).Seq)+actsEstimate(tx))
		last := map[string]string{} // reference -> data hash of its last entry
		var prevHash string
		var want uint64 = 1
		err := tx.Bucket(bucketJournal).ForEach(func(k, v []byte) error {
			r.Entries++
			progress.add()
			seq := binary.BigEndian.Uint64(k)
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				r.Breaks = append(r.Breaks, fmt.Sprintf("journal, entrée n° %d : illisible", seq))
				prevHash = hashHex(v)
				want = seq + 1
				return nil
			}
			if seq != want {
				r.Breaks = append(r.Breaks, fmt.Sprintf("journal : entrée n° %d attendue, n° %d trouvée (entrée supprimée ?)", want, seq))
			}
			if e.Seq != seq {
				r.Breaks = append(r.Breaks, fmt.Sprintf("journal, entrée n° %d : porte le numéro %d", seq, e.Seq))
			}
			if e.PrevHash != prevHash {
				r.Breaks = append(r.Breaks, fmt.Sprintf("journal, entrée n° %d (%s %s) : la chaîne est rompue, l'entrée précédente a été modifiée ou supprimée", seq, e.Action, e.Ref))
			}
			prevHash = hashHex(v)
			want = seq + 1
			last[e.Ref] = e.DataHash
			return nil
		})
		if err != nil {
			return err
		}
		if h := readHead(tx); h.Seq != want-1 || h.Hash != prevHash {
			r.Breaks = append(r.Breaks, fmt.Sprintf("journal : la dernière entrée enregistrée est la n° %d, le journal s'arrête à la n° %d (entrée finale supprimée ou modifiée)", h.Seq, want-1))
		}
		r.Breaks = append(r.Breaks, checkRecord(last, "commune", "commune", tx.Bucket(bucketMeta).Get(keyCommune))...)
		for _, ref := range []string{"sauvegarde", "reglages", actionClock} {
			if v := tx.Bucket(bucketMeta).Get([]byte(metaKeys[ref])); v != nil {
				r.Breaks = append(r.Breaks, checkRecord(last, ref, "fiche « "+ref+" »", v)...)
			}
		}
		tx.Bucket(bucketOfficers).ForEach(func(k, v []byte) error {
			r.Breaks = append(r.Breaks, checkRecord(last, "officier/"+string(k), "officier "+string(k), v)...)
			return nil
		})
		if b := tx.Bucket(bucketKeys); b != nil {
			b.ForEach(func(k, v []byte) error {
				r.Breaks = append(r.Breaks, checkRecord(last, keyRef(k), "clé « "+string(k)+" »", v)...)
				delete(last, keyRef(k))
				return nil
			})
		}
		if b := tx.Bucket(bucketCopies); b != nil {
			b.ForEach(func(k, v []byte) error {
				ref := copyRef(binary.BigEndian.Uint64(k))
				r.Breaks = append(r.Breaks, checkRecord(last, ref, "registre des copies, ligne n° "+strings.TrimPrefix(ref, "copie/"), v)...)
				delete(last, ref)
				return nil
			})
		}
		numbers := map[string][]int{}
		if b := tx.Bucket(bucketBanns); b != nil {
			b.ForEach(func(k, v []byte) error {
				y, n, ok := parseBannsKey(k)
				if !ok {
					r.Breaks = append(r.Breaks, "clé de publication de bans illisible : "+string(k))
					return nil
				}
				ref := fmt.Sprintf("bans/%d/%d", y, n)
				r.Breaks = append(r.Breaks, checkRecord(last, ref, "publication de bans "+ref, v)...)
				delete(last, ref)
				numbers[fmt.Sprintf("%s %d", civil.Bans, y)] = append(numbers[fmt.Sprintf("%s %d", civil.Bans, y)], n)
				return nil
			})
		}
		if b := tx.Bucket(bucketNotices); b != nil {
			b.ForEach(func(k, v []byte) error {
				ref := noticeRef(binary.BigEndian.Uint64(k))
				r.Breaks = append(r.Breaks, checkRecord(last, ref, "avis de mention n° "+strings.TrimPrefix(ref, "avis/"), v)...)
				delete(last, ref)
				return nil
			})
		}
		for _, p := range s.parts {
			r.Breaks = append(r.Breaks, p.Check(&Tx{tx, s}, &Journaled{last})...)
		}
		err = tx.Bucket(bucketActs).ForEach(func(k, v []byte) error {
			r.Acts++
			progress.add()
			ref, err := refFromKey(k)
			if err != nil {
				r.Breaks = append(r.Breaks, "clé d'acte illisible : "+string(k))
				return nil
			}
			r.Breaks = append(r.Breaks, checkRecord(last, ref.String(), "acte "+ref.String(), v)...)
			delete(last, ref.String())
			rk := fmt.Sprintf("%s %d", ref.Registre, ref.Annee)
			numbers[rk] = append(numbers[rk], ref.Numero)
			return nil
		})
		if err != nil {
			return err
		}
		var gone []string
		for ref := range last {
			if _, err := civil.ParseRef(ref); err == nil {
				gone = append(gone, "acte "+ref+" : présent au journal mais absent du registre (acte supprimé)")
			} else if id, ok := strings.CutPrefix(ref, "officier/"); ok && tx.Bucket(bucketOfficers).Get([]byte(id)) == nil {
				gone = append(gone, "officier "+id+" : présent au journal mais absent du registre (officier supprimé)")
			} else if name, ok := strings.CutPrefix(ref, "cle/"); ok {
				gone = append(gone, "clé « "+name+" » : présente au journal mais absente du registre (clé supprimée)")
			} else if n, ok := strings.CutPrefix(ref, "copie/"); ok {
				gone = append(gone, "registre des copies, ligne n° "+n+" : présente au journal mais absente du registre (ligne supprimée)")
			} else if n, ok := strings.CutPrefix(ref, "avis/"); ok {
				gone = append(gone, "avis de mention n° "+n+" : présent au journal mais absent du registre (avis supprimé)")
			} else if strings.HasPrefix(ref, "bans/") {
				gone = append(gone, "publication "+ref+" : présente au journal mais absente du registre (publication supprimée)")
			} else if last[ref] != hashHex(purged) {
				for _, p := range s.parts {
					if g := p.Gone(ref); g != "" {
						gone = append(gone, g)
					}
				}
			}
		}
		sort.Strings(gone)
		r.Breaks = append(r.Breaks, gone...)
		r.Breaks = append(r.Breaks, checkNumbers(tx, numbers)...)
		return nil
	})
	r.Breaks = append(<-structure, r.Breaks...)
	if progress != nil {
		progress.end()
	}
	return r, err
}

// checkRecord compares a stored record with the data hash of its last journal entry.
func checkRecord(last map[string]string, ref, what string, v []byte) []string {
	h, ok := last[ref]
	switch {
	case v == nil:
		return []string{what + " : absent du registre"}
	case !ok:
		return []string{what + " : aucune entrée de journal ne l'a écrit (ajouté hors du programme, ou entrée supprimée)"}
	case h != hashHex(v):
		return []string{what + " : son contenu ne correspond plus à son empreinte au journal (modifié hors du programme)"}
	}
	return nil
}

// checkNumbers reports gaps in the numbers of each register-year: every
// number from the first one after the numbering start to the last one
// given must be held by an act (signed, draft or non utilisé).
func checkNumbers(tx *bolt.Tx, numbers map[string][]int) []string {
	var out []string
	tx.Bucket(bucketNumbering).ForEach(func(k, v []byte) error {
		var c counter
		if json.Unmarshal(v, &c) != nil {
			out = append(out, "numérotation "+string(k)+" illisible")
			return nil
		}
		reg, year, _ := strings.Cut(string(k), "/")
		what := reg
		if reg == civil.Bans {
			what = "publications de bans"
		}
		have := map[int]bool{}
		for _, n := range numbers[reg+" "+year] {
			have[n] = true
			if n <= c.Start || n > c.Last {
				out = append(out, fmt.Sprintf("%s %s : l'acte n° %d est hors de la numérotation (%d à %d)", what, year, n, c.Start+1, c.Last))
			}
		}
		var missing []string
		for n := c.Start + 1; n <= c.Last; n++ {
			if !have[n] {
				missing = append(missing, fmt.Sprint(n))
			}
		}
		if len(missing) > 0 {
			out = append(out, fmt.Sprintf("%s %s : numéro(s) %s attribué(s) mais absent(s) du registre", what, year, strings.Join(missing, ", ")))
		}
		return nil
	})
	return out
}
