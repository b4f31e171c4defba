package registry

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// Migration is what opening a register written by an earlier version
// changed in it (see migrate).
type Migration struct {
	From int `json:"de"`
	To   int `json:"a"`
	// Acts is the number of acts rewritten; each has its journal entry.
	Acts int `json:"actes"`
	// Structured counts the automatic mentions given their data; Autre the
	// free mentions now of nature autre.
	Structured int `json:"mentions_structurees"`
	Autre      int `json:"mentions_autre"`
	// Kept lists the mentions whose nature is kept without data: their
	// text stays, they change nothing on the extracts.
	Kept []KeptMention `json:"mentions_gardees_en_texte,omitempty"`
	// NoCivilite lists the officers whose civilité is unknown.
	NoCivilite []string `json:"officiers_sans_civilite,omitempty"`
}

// KeptMention is a mention of version 1 whose data could not be read.
type KeptMention struct {
	Acte   string `json:"acte"`
	Index  int    `json:"rang"`
	Nature string `json:"nature"`
	Texte  string `json:"texte"`
}

// mentionsSchema is the schema of the mentions of format version 2,
// which migrate brings a register of schema 1 to (in place, journaled);
// the new layout (layoutSchema) follows, in a copy (see Compact).
const mentionsSchema = 2

// actionMigration is the journal action of a migration's writes.
const actionMigration = "migration"

// Migrated returns what opening the register migrated, or nil.
func (s *Store) Migrated() *Migration { return s.migrated }

// MigrationError returns why a migration due could not be made, or nil:
// the register is then read as it is, and the migration is tried again
// at the next opening for writing.
func (s *Store) MigrationError() error { return s.migrationErr }

// migrate brings a register written by an earlier version to this
// version's schema, in place, in one transaction with its journal
// entries, when it is opened for writing:
//
//   - schema 1 to 2 (format version 2 of the mentions): each mention
//     written by version 1 becomes a mention of version 2 as
//     civil.MigrateMentions says (automatic mentions structured from the
//     act that caused them, when this register holds it and the text
//     matches exactly; other natures kept with their text, never
//     guessed; free mentions of nature autre). Each act rewritten is
//     journaled (action migration) so that the control finds it matching
//     its entry; a last entry (reference schema) records the summary.
//     Officers keep an unknown civilité, listed for the clerk.
//
// A register already at this version is left untouched.
func (s *Store) migrate() error {
	var from int
	if err := s.db.View(func(tx *bolt.Tx) error {
		return json.Unmarshal(tx.Bucket(bucketMeta).Get(keySchema), &from)
	}); err != nil || from >= mentionsSchema {
		return err
	}
	mg := &Migration{From: from, To: mentionsSchema}
	err := s.db.Update(func(tx *bolt.Tx) error {
		acts := tx.Bucket(bucketActs)
		source := func(ref string) *civil.Act {
			r, err := civil.ParseRef(ref)
			if err != nil {
				return nil
			}
			a, _, err := getAct(tx, r)
			if err != nil {
				return nil
			}
			return a
		}
		type rewrite struct {
			key []byte
			act *civil.Act
		}
		var rewrites []rewrite
		err := acts.ForEach(func(k, v []byte) error {
			v, err := actJSON(v)
			if err != nil {
				return &IntegrityError{[]string{"acte " + string(k) + " illisible : " + err.Error()}}
			}
			if !bytes.Contains(v, []byte(`"mentions":[`)) {
				return nil // no mention: nothing to migrate, nothing decoded
			}
			var a civil.Act
			if err := json.Unmarshal(v, &a); err != nil {
				return &IntegrityError{[]string{"acte " + string(k) + " illisible : " + err.Error()}}
			}
			out, changed := civil.MigrateMentions(&a, source)
			for _, r := range out {
				switch r.Outcome {
				case civil.MigratedStructured:
					mg.Structured++
				case civil.MigratedAutre:
					mg.Autre++
				case civil.MigratedKept:
					mg.Kept = append(mg.Kept, KeptMention{a.Ref().String(), r.Index, r.Nature, r.Texte})
				}
			}
			if changed {
				rewrites = append(rewrites, rewrite{bytes.Clone(k), &a})
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Written after the walk: a bucket is not changed while it is walked.
		for _, r := range rewrites {
			data, err := putAct(tx, r.act)
			if err != nil {
				return err
			}
			if err := s.journal(tx, actionMigration, r.act.Ref().String(), data); err != nil {
				return err
			}
			mg.Acts++
		}
		officers, err := readOfficers(tx)
		if err != nil {
			return err
		}
		for _, o := range officers {
			if o.Civilite == "" {
				mg.NoCivilite = append(mg.NoCivilite, o.ID)
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keySchema, []byte(fmt.Sprint(mentionsSchema))); err != nil {
			return err
		}
		summary, err := json.Marshal(mg)
		if err != nil {
			return err
		}
		return s.journal(tx, actionMigration, "schema", summary)
	})
	if err != nil {
		return err
	}
	s.migrated = mg
	return nil
}
