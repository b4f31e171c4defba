package registry

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// bucketSheets holds, per draft act, the sheets printed of it: the hash
// of the content each was printed from (civil.Act.ContentHash). Registers
// made before it existed get it at their first print.
var bucketSheets = []byte("feuilles")

// SheetPrint is one printing of an act's register sheet.
type SheetPrint struct {
	Empreinte string `json:"empreinte"` // civil.Act.ContentHash of the act as printed
	Le        string `json:"le"`        // when, RFC 3339 (the last time, for a content printed again)
	Agent     string `json:"agent"`
}

// sheetRecord is the record of the sheets printed of one act.
type sheetRecord struct {
	Impressions []SheetPrint `json:"impressions"`
}

func sheetRef(r civil.Ref) string { return "feuille/" + r.String() }

func loadSheets(tx *bolt.Tx, ref civil.Ref) (sheetRecord, error) {
	var r sheetRecord
	b := tx.Bucket(bucketSheets)
	if b == nil {
		return r, nil
	}
	v := b.Get(actKey(ref))
	if v == nil {
		return r, nil
	}
	if err := json.Unmarshal(v, &r); err != nil {
		return r, &IntegrityError{[]string{"feuilles imprimées de l'acte " + ref.String() + " : fiche illisible"}}
	}
	return r, nil
}

// RecordPrints records, with a journal entry each, that the register
// sheets of acts were printed as given (the acts as read to print them:
// an act corrected in the meantime keeps the print of its former
// content, which does not allow it to be signed). Only drafts are
// recorded: a signed act no longer needs its sheet to be signed, and a
// number left unused has nothing to sign. Call it once the document is
// written, and make the document visible only if it succeeds.
func (s *Store) RecordPrints(acts []*civil.Act) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		now := s.Now().Format(time.RFC3339)
		for _, a := range acts {
			if a.Statut != civil.StatutBrouillon {
				continue
			}
			cur, _, err := getAct(tx, a.Ref())
			if err != nil {
				return err
			}
			if cur.Statut != civil.StatutBrouillon {
				continue
			}
			b, err := tx.CreateBucketIfNotExists(bucketSheets)
			if err != nil {
				return err
			}
			r, err := loadSheets(tx, a.Ref())
			if err != nil {
				return err
			}
			h := a.ContentHash()
			r.Impressions = slices.DeleteFunc(r.Impressions, func(p SheetPrint) bool { return p.Empreinte == h })
			r.Impressions = append(r.Impressions, SheetPrint{Empreinte: h, Le: now, Agent: s.Agent})
			data, err := json.Marshal(r)
			if err != nil {
				return err
			}
			if err := b.Put(actKey(a.Ref()), data); err != nil {
				return err
			}
			if err := s.journal(tx, "impression", sheetRef(a.Ref()), data); err != nil {
				return err
			}
		}
		return nil
	})
}

// dropSheets deletes the print record of an act whose number changes:
// the sheets printed carry the old number. It tells whether there was one.
func dropSheets(s *Store, tx *bolt.Tx, ref civil.Ref) (bool, error) {
	b := tx.Bucket(bucketSheets)
	if b == nil || b.Get(actKey(ref)) == nil {
		return false, nil
	}
	if err := b.Delete(actKey(ref)); err != nil {
		return false, err
	}
	return true, s.journal(tx, "renumerotation", sheetRef(ref), purged)
}

// printedRefusal refuses to sign a draft when no sheet of its current
// content was printed: the paper signed in ink must be the act frozen.
func printedRefusal(tx *bolt.Tx, a *civil.Act) error {
	r, err := loadSheets(tx, a.Ref())
	if err != nil {
		return err
	}
	h := a.ContentHash()
	if slices.ContainsFunc(r.Impressions, func(p SheetPrint) bool { return p.Empreinte == h }) {
		return nil
	}
	ref := a.Ref().String()
	rule := "aucune feuille de l'acte " + ref + " n'a été imprimée : la feuille signée à l'encre doit être celle de l'acte enregistré"
	if n := len(r.Impressions); n > 0 {
		last := r.Impressions[n-1]
		rule = fmt.Sprintf("la feuille de l'acte %s imprimée le %s montre l'acte avant sa dernière correction : le papier signé ne serait pas l'acte enregistré", ref, shortStamp(last.Le))
	}
	return &civil.RefusedError{Problems: []civil.Problem{{Field: "référence", Rule: rule,
		Hint: "imprimez la feuille et faites-la signer ; puis enregistrez la signature",
		Next: []civil.Next{civil.Then(civil.PrintSheet, ref), civil.Then(civil.SignAct, ref)}}}}
}

// Printed tells whether a sheet of the act's current content was
// printed, and when the last sheet of it was (RFC 3339, "" when never).
func (s *Store) Printed(ref civil.Ref) (current bool, last string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		a, _, err := getAct(tx, ref)
		if err != nil {
			return err
		}
		r, err := loadSheets(tx, ref)
		if err != nil {
			return err
		}
		h := a.ContentHash()
		for _, p := range r.Impressions {
			if p.Empreinte == h {
				current = true
			}
			if p.Le > last {
				last = p.Le
			}
		}
		return nil
	})
	return current, last, err
}

// sheetRecords are the print records of the drafts' sheets.
type sheetRecords struct{}

func (sheetRecords) Check(t *Tx, j *Journaled) []string {
	b := t.tx.Bucket(bucketSheets)
	if b == nil {
		return nil
	}
	var out []string
	b.ForEach(func(k, v []byte) error {
		ref, err := refFromKey(k)
		if err != nil {
			out = append(out, "feuilles imprimées : clé illisible "+string(k))
			return nil
		}
		out = append(out, j.Record(sheetRef(ref), "feuilles imprimées de l'acte "+ref.String(), v)...)
		return nil
	})
	return out
}

// Gone describes a print record the journal wrote and the register no
// longer holds, or returns "" when ref is not one.
func (sheetRecords) Gone(ref string) string {
	if r, ok := strings.CutPrefix(ref, "feuille/"); ok {
		return "feuilles imprimées de l'acte " + r + " : présentes au journal mais absentes du registre (fiche supprimée)"
	}
	return ""
}
