package registry

import (
	"bytes"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/fold"
)

// The register recognises a person across acts by names, date and place
// of birth, accents, case and hyphens ignored (etat-civil.md §4: "matched
// by name, birth date and place").

// foldedName joins the folded words of a name: "Jean-Pierre" and
// "JEAN PIERRE" both give "jeanpierre". It is also the name index's token
// for the whole name (a name in several words is indexed joined too).
func foldedName(s string) string { return strings.Join(fold.Words(s), "") }

// sameNames tells whether two persons have the same NOM and first prénom.
// Later prénoms are not compared: an act may give them all, another only
// the first.
func sameNames(a, b Person) bool {
	if foldedName(a.Nom) == "" || foldedName(a.Nom) != foldedName(b.Nom) {
		return false
	}
	if len(a.Prenoms) == 0 || len(b.Prenoms) == 0 {
		return false
	}
	return foldedName(a.Prenoms[0]) == foldedName(b.Prenoms[0])
}

// samePerson tells whether two persons are the same: same names, same
// date and place of birth. Without a date of birth on both, never.
func samePerson(a, b Person) bool {
	return a.DateNaissance != "" && a.DateNaissance == b.DateNaissance &&
		fold.Key(a.LieuNaissance) == fold.Key(b.LieuNaissance) && sameNames(a, b)
}

// bornAs returns the person a signed birth act is about, with the date
// and place of birth that the act records.
func bornAs(a *Act) Person {
	p := *a.Enfant
	p.DateNaissance, p.LieuNaissance = a.Date, a.Lieu
	return p
}

// named is a person found in an act of the register, with the role they
// hold there.
type named struct {
	act    *Act
	role   string
	person Person
}

// lookup reads the name index for the acts of registre where a person
// with p's NOM and first prénom holds one of roles, and returns those
// acts and persons.
// Only signed acts count, and drafts when drafts is true.
func lookup(tx *bolt.Tx, p Person, registre string, drafts bool, roles ...string) ([]named, error) {
	if len(p.Prenoms) == 0 {
		return nil, nil
	}
	nom, prenom := foldedName(p.Nom), foldedName(p.Prenoms[0])
	if nom == "" || prenom == "" {
		return nil, nil
	}
	// The entries of the NOM in that register: each carries the person's
	// name words, so an act is read only when the same person has both
	// names, however common the NOM.
	prefix := []byte(nom + "\x00" + registre + "/")
	c := tx.Bucket(bucketIdxName).Cursor()
	acts := map[string]*Act{}
	var out []named
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		ak, role, ok := splitIndexKey(k)
		if !ok || !matchRole(string(role), roles) {
			continue
		}
		tokens, err := personTokens(tx, k, v, acts)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(tokens, prenom) {
			continue
		}
		a, err := cachedAct(tx, string(ak), acts)
		if err != nil {
			return nil, err
		}
		if a.Statut != StatutSigne && !(drafts && a.Statut == StatutBrouillon) {
			continue
		}
		for _, np := range People(a) {
			if np.Role == string(role) {
				out = append(out, named{a, np.Role, np.Person})
			}
		}
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

// birthOf returns the signed birth act of p held in this register, or nil.
func birthOf(tx *bolt.Tx, p Person) (*Act, error) {
	found, err := lookup(tx, p, Naissance, false, "enfant")
	if err != nil {
		return nil, err
	}
	for _, f := range found {
		if samePerson(bornAs(f.act), p) {
			return f.act, nil
		}
	}
	return nil, nil
}

// deathOf returns the signed death act of p held in this register, or nil.
func deathOf(tx *bolt.Tx, p Person) (*Act, error) {
	found, err := lookup(tx, p, Deces, false, "defunt")
	if err != nil {
		return nil, err
	}
	for _, f := range found {
		if samePerson(f.person, p) {
			return f.act, nil
		}
	}
	return nil, nil
}

// marriagesOf returns the marriage acts of this register where p is a
// spouse (drafts too when drafts is true), with the index of p in Epoux.
func marriagesOf(tx *bolt.Tx, p Person, drafts bool) ([]named, error) {
	found, err := lookup(tx, p, Mariage, drafts, "epoux1", "epoux2")
	if err != nil {
		return nil, err
	}
	var out []named
	for _, f := range found {
		if samePerson(f.person, p) {
			out = append(out, f)
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

// dissolved tells whether a marriage act of the register is known to be
// over: a mention of divorce or death in its margin, or a signed death
// act of either spouse in this register.
func dissolved(tx *bolt.Tx, m *Act) (bool, error) {
	if !openMarriage(m) {
		return true, nil
	}
	for _, e := range m.Epoux {
		if d, err := deathOf(tx, e.Person); err != nil || d != nil {
			return d != nil, err
		}
	}
	return false, nil
}

// endsMarriage tells whether a free mention's text records a divorce or a death.
func endsMarriage(text string) bool {
	k := fold.Key(text)
	for _, w := range []string{"divorc", "deced", "deces"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// kin is a relative found in the register: who, and how related.
type kin struct {
	person Person
	how    string // "père ou mère", "grand-parent"…
	depth  int    // generations away: 1 parents, 2 grandparents…
}

// maxGenerations bounds how far up and down the register is searched.
const maxGenerations = 4

// ancestors returns the ascendants of p that the birth acts of the
// register show, nearest first.
func ancestors(tx *bolt.Tx, p Person) ([]kin, error) {
	var out []kin
	level := []Person{p}
	for depth := 1; depth <= maxGenerations && len(level) > 0; depth++ {
		var next []Person
		for _, x := range level {
			b, err := birthOf(tx, x)
			if err != nil {
				return nil, err
			}
			if b == nil {
				continue
			}
			for _, parent := range b.Parents {
				out = append(out, kin{parent, ascendantWord(depth), depth})
				next = append(next, parent)
			}
		}
		level = next
	}
	return out, nil
}

// descendants returns the descendants of p that the birth acts of the
// register show, nearest first.
func descendants(tx *bolt.Tx, p Person) ([]kin, error) {
	var out []kin
	level := []Person{p}
	for depth := 1; depth <= maxGenerations && len(level) > 0; depth++ {
		var next []Person
		for _, x := range level {
			found, err := lookup(tx, x, Naissance, false, "parent*")
			if err != nil {
				return nil, err
			}
			for _, f := range found {
				if samePerson(f.person, x) {
					child := bornAs(f.act)
					out = append(out, kin{child, descendantWord(depth), depth})
					next = append(next, child)
				}
			}
		}
		level = next
	}
	return out, nil
}

func ascendantWord(depth int) string {
	switch depth {
	case 1:
		return "parent"
	case 2:
		return "grand-parent"
	}
	return "ascendant"
}

func descendantWord(depth int) string {
	switch depth {
	case 1:
		return "enfant"
	case 2:
		return "petit-enfant"
	}
	return "descendant"
}

// parentsOf returns the parents that p's birth act in the register gives.
func parentsOf(tx *bolt.Tx, p Person) ([]Person, error) {
	b, err := birthOf(tx, p)
	if err != nil || b == nil {
		return nil, err
	}
	return b.Parents, nil
}

func shareParent(a, b []Person) (Person, bool) {
	for _, x := range a {
		for _, y := range b {
			if samePerson(x, y) {
				return x, true
			}
		}
	}
	return Person{}, false
}
