package registry

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/fold"
)

// NamedPerson is a person named in an act, with their role in it.
type NamedPerson struct {
	Role   string // enfant, parent1, parent2, defunt, conjoint, declarant, epoux1, epoux2, parent-epoux1-1…, temoin1…
	Person Person
}

// RoleLabel returns the role in French words.
func RoleLabel(role string) string {
	switch role {
	case "parent1", "parent2":
		return "parent"
	case "defunt":
		return "défunt"
	case "declarant":
		return "déclarant"
	case "epoux1", "epoux2":
		return "époux"
	}
	switch {
	case strings.HasPrefix(role, "parent-epoux"):
		return "parent d'époux"
	case strings.HasPrefix(role, "temoin"):
		return "témoin"
	}
	return role
}

// People returns every person named in an act.
func People(a *Act) []NamedPerson {
	var out []NamedPerson
	if a.Enfant != nil {
		out = append(out, NamedPerson{"enfant", *a.Enfant})
	}
	if a.Defunt != nil {
		out = append(out, NamedPerson{"defunt", a.Defunt.Person})
		if s := a.Defunt.Conjoint; s != nil {
			out = append(out, NamedPerson{"conjoint", Person{Nom: s.Nom, Prenoms: s.Prenoms}})
		}
	}
	for i, p := range a.Parents {
		out = append(out, NamedPerson{"parent" + string(rune('1'+i)), p})
	}
	for i, e := range a.Epoux {
		sp := fmt.Sprintf("epoux%d", i+1)
		out = append(out, NamedPerson{sp, e.Person})
		for j, p := range e.Parents {
			out = append(out, NamedPerson{fmt.Sprintf("parent-%s-%d", sp, j+1), p})
		}
	}
	for i, t := range a.Temoins {
		out = append(out, NamedPerson{fmt.Sprintf("temoin%d", i+1), t})
	}
	if d := a.Declarant; d != nil && d.Nom != "" {
		out = append(out, NamedPerson{"declarant", d.Person})
	}
	return out
}

// nameTokens returns the folded words of a person's names, plus each
// compound name with its hyphens and spaces removed ("lefevredurand"), so
// that hyphens never matter.
func nameTokens(p Person) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, n := range append([]string{p.Nom}, p.Prenoms...) {
		ws := fold.Words(n)
		for _, w := range ws {
			add(w)
		}
		if len(ws) > 1 {
			add(strings.Join(ws, ""))
		}
	}
	return out
}

func indexKey(token string, actKey []byte, role string) []byte {
	return []byte(token + "\x00" + string(actKey) + "\x00" + role)
}

// indexAct adds (add) or removes the index entries of an act's people.
func indexAct(tx *bolt.Tx, a *Act, add bool) error {
	names, phons := indexKeys(a)
	for _, k := range names {
		if err := set(tx.Bucket(bucketIdxName), k, add); err != nil {
			return err
		}
	}
	for _, k := range phons {
		if err := set(tx.Bucket(bucketIdxPhon), k, add); err != nil {
			return err
		}
	}
	return nil
}

// indexKeys returns the keys of an act in the name and phonetic indexes.
func indexKeys(a *Act) (names, phons [][]byte) {
	ak := a.Ref().key()
	for _, np := range People(a) {
		for _, t := range nameTokens(np.Person) {
			names = append(names, indexKey(t, ak, np.Role))
			if ph := Phonetic(t); ph != "" {
				phons = append(phons, indexKey(ph, ak, np.Role))
			}
		}
	}
	return names, phons
}

// putSorted puts keys with empty values in increasing order: within one
// transaction bbolt keeps a growing node in memory until commit, and
// keys put in order are appended to it instead of shifting it each time
// (an import of 100,000 acts takes seconds instead of minutes).
func putSorted(b *bolt.Bucket, keys [][]byte) error {
	slices.SortFunc(keys, bytes.Compare)
	for _, k := range keys {
		if err := b.Put(k, []byte{}); err != nil {
			return err
		}
	}
	return nil
}

// set puts (add) or deletes an index key.
func set(b *bolt.Bucket, k []byte, add bool) error {
	if add {
		return b.Put(k, []byte{})
	}
	return b.Delete(k)
}

// Hit is one person found by Search.
type Hit struct {
	Ref      Ref
	Role     string
	Person   Person
	Statut   string
	Date     string // date of the event
	Phonetic bool   // found only by sound, not by spelling
}

type hitKey struct{ act, role string }

// scan collects the (act, role) pairs of the index entries starting with prefix.
func scan(b *bolt.Bucket, prefix []byte, into map[hitKey]bool) {
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		parts := bytes.SplitN(k, []byte{0}, 3)
		if len(parts) == 3 {
			into[hitKey{string(parts[1]), string(parts[2])}] = true
		}
	}
}

// MaxHits bounds the number of people Search returns.
const MaxHits = 200

// Search finds the people named in acts whose names match every word of
// the query, accents, case and hyphens ignored: a word matches a name that
// starts with it ("mul" finds MÜLLER), or that sounds the same in French
// ("Lefèbvre" finds LEFEVRE). It reads the index buckets, not the acts,
// then loads only the acts found.
func (s *Store) Search(query string) ([]Hit, error) {
	words := fold.Words(query)
	if len(words) == 0 {
		return nil, Refuse("recherche", "texte de recherche vide", "donnez un nom ou un prénom, par exemple : etatcivil recherche muller")
	}
	var hits []Hit
	err := s.db.View(func(tx *bolt.Tx) error {
		var all, spelled map[hitKey]bool
		for i, w := range words {
			byName, byBoth := map[hitKey]bool{}, map[hitKey]bool{}
			scan(tx.Bucket(bucketIdxName), []byte(w), byName)
			if ph := Phonetic(w); ph != "" {
				scan(tx.Bucket(bucketIdxPhon), []byte(ph+"\x00"), byBoth)
			}
			for k := range byName {
				byBoth[k] = true
			}
			if i == 0 {
				all, spelled = byBoth, byName
				continue
			}
			for k := range all {
				if !byBoth[k] {
					delete(all, k)
				}
			}
			for k := range spelled {
				if !byName[k] {
					delete(spelled, k)
				}
			}
		}
		// Keep at most MaxHits people, those found by spelling first, and
		// load each act once: the cost stays bounded however many match.
		keys := make([]hitKey, 0, len(all))
		for k := range all {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if si, sj := spelled[keys[i]], spelled[keys[j]]; si != sj {
				return si
			}
			if keys[i].act != keys[j].act {
				return keys[i].act < keys[j].act
			}
			return keys[i].role < keys[j].role
		})
		if len(keys) > MaxHits {
			keys = keys[:MaxHits]
		}
		acts := map[string]*Act{}
		for _, k := range keys {
			a, ok := acts[k.act]
			if !ok {
				ref, err := refFromKey([]byte(k.act))
				if err != nil {
					return &IntegrityError{[]string{"entrée d'index illisible : " + k.act}}
				}
				if a, _, err = getAct(tx, ref); err != nil {
					return err
				}
				acts[k.act] = a
			}
			for _, np := range People(a) {
				if np.Role == k.role {
					hits = append(hits, Hit{Ref: a.Ref(), Role: np.Role, Person: np.Person, Statut: a.Statut, Date: a.Date, Phonetic: !spelled[k]})
				}
			}
		}
		return nil
	})
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Phonetic != hits[j].Phonetic {
			return !hits[i].Phonetic
		}
		if fi, fj := fold.Key(hits[i].Person.Nom), fold.Key(hits[j].Person.Nom); fi != fj {
			return fi < fj
		}
		return string(hits[i].Ref.key()) < string(hits[j].Ref.key())
	})
	return hits, err
}
