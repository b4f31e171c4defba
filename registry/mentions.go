package registry

import (
	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// AddMention adds a mention in the margin of a signed act, in one
// transaction with its journal entry. The mention is checked and
// completed by civil.PrepareMention against the act as it stands (its
// nature, its data, the field a rectification names, the officer, who is
// the act's when none is given) and its text is written from its data.
// A mention that changes a name (rectification, change of name or of
// prénoms, recognition) adds the new names to the name index, the old
// ones staying: the person is found by either.
func (s *Store) AddMention(ref civil.Ref, m civil.Mention) (*civil.Act, error) {
	if ps := civil.TextProblems("", m); len(ps) > 0 {
		return nil, &civil.RefusedError{Problems: ps}
	}
	return s.update(ref, "mention", func(tx *bolt.Tx, a *civil.Act) error {
		switch a.Statut {
		case civil.StatutBrouillon:
			return civil.Refuse("référence", "l'acte "+ref.String()+" n'est pas encore signé", "un brouillon se corrige", civil.Then(civil.CorrectDraft, ref.String()))
		case civil.StatutNonUtilise:
			return statusRefusal(a, "")
		}
		if err := civil.PrepareMention(a, &m, func(id string) (civil.Officer, bool) { return readOfficer(tx, id) }, s.Now()); err != nil {
			return err
		}
		a.Mentions = append(a.Mentions, s.stamped(m))
		return indexAct(tx, a, true)
	})
}

// CheckMention checks a mention as AddMention would, writing nothing, and
// returns it as it would be written (nature, legal basis, text).
func (s *Store) CheckMention(ref civil.Ref, m civil.Mention) (civil.Mention, error) {
	err := s.db.View(func(tx *bolt.Tx) error {
		a, _, err := getAct(tx, ref)
		if err != nil {
			return err
		}
		return civil.PrepareMention(a, &m, func(id string) (civil.Officer, bool) { return readOfficer(tx, id) }, s.Now())
	})
	return m, err
}
