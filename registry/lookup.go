package registry

import (
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// named is a person found in an act of the register, with the role they
// hold there.
type named struct {
	act    *civil.Act
	role   string
	person civil.Person
}

// lookup reads the name index for the acts of registre where a person
// with p's NOM and first prénom holds one of roles, and returns those
// acts and persons.
// Only signed acts count, and drafts when drafts is true; an annulled act
// never does. Persons are matched as the acts' mentions have made them.
func lookup(tx *bolt.Tx, p civil.Person, registre civil.Kind, drafts bool, roles ...string) ([]named, error) {
	if len(p.Prenoms) == 0 {
		return nil, nil
	}
	nom, prenom := civil.FoldedName(p.Nom), civil.FoldedName(p.Prenoms[0])
	if nom == "" || prenom == "" {
		return nil, nil
	}
	// The pairs of the NOM and those of the prénom in that register (act
	// ids hold the register in their high bits: its pairs follow each
	// other), intersected: an act is read only when the same person has
	// both names, however common each is.
	code, ok := kindCodes[registre]
	if !ok {
		return nil, nil
	}
	names := tx.Bucket(bucketNames)
	byNom, err := pairsIn(names, nom, code)
	if err != nil {
		return nil, err
	}
	byPrenom, err := pairsIn(names, prenom, code)
	if err != nil {
		return nil, err
	}
	acts := map[string]*civil.Act{}
	var out []named
	for _, p := range byNom {
		if !matchRole(p.role, roles) {
			continue
		}
		if _, found := slices.BinarySearchFunc(byPrenom, p, comparePostings); !found {
			continue
		}
		ref, _ := idRef(p.id)
		a, err := cachedAct(tx, string(actKey(ref)), acts)
		if err != nil {
			return nil, err
		}
		if a.Statut != civil.StatutSigne && !(drafts && a.Statut == civil.StatutBrouillon) {
			continue
		}
		if _, annulled := a.Annulment(); annulled {
			continue // an annulled act says nothing of anyone
		}
		// The person as the act's mentions have made them (a rectified
		// name); the act itself is returned, to be written to.
		for _, np := range a.Current().Persons() {
			if np.Role == p.role {
				out = append(out, named{a, np.Role, np.Person})
			}
		}
	}
	return out, nil
}

// pairsIn returns the pairs of word's list whose act is of the register
// of code (see kindCodes), in order.
func pairsIn(b *bolt.Bucket, word string, code uint64) ([]posting, error) {
	c := b.Cursor()
	key, _, _ := blockFor(c, word, code<<40)
	if key == nil {
		return nil, nil
	}
	var out []posting
	for k, v := c.Seek(key); ofWord(k, word); k, v = c.Next() {
		_, base, _ := splitBlockKey(k)
		if base>>40 > code {
			break
		}
		n := len(out)
		var err error
		if out, err = decodeBlock(base, v, out); err != nil {
			return nil, &IntegrityError{[]string{"index des noms : bloc « " + word + " » illisible"}}
		}
		kept := out[:n]
		for _, p := range out[n:] {
			if p.id>>40 == code {
				kept = append(kept, p)
			}
		}
		out = kept
	}
	return out, nil
}

func matchRole(role string, roles []string) bool {
	for _, r := range roles {
		if role == r || (strings.HasSuffix(r, "*") && strings.HasPrefix(role, strings.TrimSuffix(r, "*"))) {
			return true
		}
	}
	return false
}

// registerLookup answers civil.Lookup from the name index of the
// register, inside one transaction.
type registerLookup struct{ tx *bolt.Tx }

// BirthOf returns the signed birth act of p held in this register, or nil.
func (l registerLookup) BirthOf(p civil.Person) (*civil.Act, error) {
	found, err := lookup(l.tx, p, civil.Naissance, false, "enfant")
	if err != nil {
		return nil, err
	}
	for _, f := range found {
		if civil.SamePerson(civil.BornAs(f.act.Current()), p) {
			return f.act, nil
		}
	}
	return nil, nil
}

// DeathOf returns the signed death act of p held in this register, or nil.
func (l registerLookup) DeathOf(p civil.Person) (*civil.Act, error) {
	found, err := lookup(l.tx, p, civil.Deces, false, "defunt")
	if err != nil {
		return nil, err
	}
	for _, f := range found {
		if civil.SamePerson(f.person, p) {
			return f.act, nil
		}
	}
	return nil, nil
}

// MarriagesOf returns the marriage acts of this register where p is a
// spouse (drafts and planned marriages too when drafts is true), with the
// index of p in Epoux.
func (l registerLookup) MarriagesOf(p civil.Person, drafts bool) ([]civil.Marriage, error) {
	found, err := lookup(l.tx, p, civil.Mariage, drafts, "epoux1", "epoux2")
	if err != nil {
		return nil, err
	}
	var out []civil.Marriage
	if drafts {
		if out, err = plannedMarriagesOf(l.tx, p); err != nil {
			return nil, err
		}
	}
	for _, f := range found {
		if civil.SamePerson(f.person, p) {
			out = append(out, civil.Marriage{Act: f.act, Spouse: spouseIndex(f.role)})
		}
	}
	return out, nil
}

// spouseIndex returns which spouse of a marriage act the role names.
func spouseIndex(role string) int {
	if role == "epoux2" {
		return 1
	}
	return 0
}

// ChildrenOf returns the signed birth acts of this register that name p
// as a parent.
func (l registerLookup) ChildrenOf(p civil.Person) ([]*civil.Act, error) {
	found, err := lookup(l.tx, p, civil.Naissance, false, "parent*")
	if err != nil {
		return nil, err
	}
	var out []*civil.Act
	for _, f := range found {
		if civil.SamePerson(f.person, p) {
			out = append(out, f.act)
		}
	}
	return out, nil
}

// BannsOf returns the publications of this register that name both
// persons, in any order.
func (l registerLookup) BannsOf(x, y civil.Person) ([]*civil.Banns, error) {
	return bannsOf(l.tx, x, y)
}
