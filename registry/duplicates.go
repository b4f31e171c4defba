package registry

import (
	"encoding/json"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// RegisterOptions tunes RegisterWith and CorrectWith.
type RegisterOptions struct {
	// DuplicateConfirmed writes the act although the register holds an
	// act of the same event (see Duplicates): the clerk checked that it
	// is another event (another person of the same name). The journal
	// records the confirmation, with the acts it was told apart from.
	DuplicateConfirmed bool
}

// duplicatesIn returns the acts of the register that record the same
// event as a (civil.Act.Identity): signed acts and drafts, never a number
// left unused; self is left out. (The planned marriages are read by
// plannedDuplicates.) It reads the name index under the NOM
// of the event's first person, in a's register: the acts read are those
// of the persons with the same NOM and first prénom only.
func duplicatesIn(tx *bolt.Tx, a *civil.Act, self civil.Ref) ([]*civil.Act, error) {
	id, ok := a.Identity()
	if !ok {
		return nil, nil
	}
	first := id.Persons[0]
	found, err := lookup(tx, first.Person, a.Type.Register(), true, first.Roles...)
	if err != nil {
		return nil, err
	}
	var out []*civil.Act
	seen := map[civil.Ref]bool{}
	for _, f := range found {
		r := f.act.Ref()
		if seen[r] || r == self {
			continue
		}
		seen[r] = true
		if other, ok := f.act.Identity(); ok && id.Same(other) {
			out = append(out, f.act)
		}
	}
	return out, nil
}

// Duplicates returns the acts of the register that record the same event
// as a (same kind, same day, same persons: see civil.Act.Identity), drafts,
// signed acts and planned marriages, without writing anything: the guided entry asks the
// clerk about them, the counter page shows them before saving. Register
// refuses a when there are any, unless the clerk confirms.
func (s *Store) Duplicates(a *civil.Act) ([]*civil.Act, error) {
	c := *a
	civil.Normalize(&c)
	var out []*civil.Act
	err := s.db.View(func(tx *bolt.Tx) error {
		found, err := duplicatesIn(tx, &c, civil.Ref{})
		if err != nil {
			return err
		}
		planned, err := plannedDuplicates(tx, &c, c.Prevu)
		out = append(found, planned...)
		return err
	})
	return out, err
}

// checkDuplicates refuses a when the register already records its event,
// unless o confirms it; a confirmation is journaled (before the act's own
// entry) under the act's reference and those of the acts found.
func (s *Store) checkDuplicates(tx *bolt.Tx, a *civil.Act, self civil.Ref, o RegisterOptions) (confirm func(ref string) error, err error) {
	dups, err := duplicatesIn(tx, a, self)
	if err != nil {
		return nil, err
	}
	planned, err := plannedDuplicates(tx, a, a.Prevu)
	if err != nil {
		return nil, err
	}
	dups = append(dups, planned...)
	if len(dups) == 0 {
		return func(string) error { return nil }, nil
	}
	var refs, found []string
	for _, d := range dups {
		refs = append(refs, d.Reference())
		found = append(found, d.Reference()+" ("+civil.StatusLabel(d.Statut)+")")
	}
	if !o.DuplicateConfirmed {
		return nil, civil.DuplicateRefusal(a, found, refs[0])
	}
	return func(ref string) error {
		data, err := json.Marshal(struct {
			Acte       string   `json:"acte"`
			Semblables []string `json:"semblables"`
		}{ref, refs})
		if err != nil {
			return err
		}
		return s.journal(tx, actionDuplicate, ref+" ≈ "+strings.Join(refs, ", "), data)
	}, nil
}

// actionDuplicate is the journal action of a duplicate confirmed by the
// clerk; its reference is "naissance/2026/39 ≈ naissance/2026/38" (the
// act written ≈ the acts of the same event), a record the journal alone
// keeps.
const actionDuplicate = "doublon-confirme"
