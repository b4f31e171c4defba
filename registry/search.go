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

// indexEntry is one key of the name or phonetic index. Its value holds
// all the folded words of the person's names, separated by spaces, so
// that a search of several words, or a lookup by NOM and prénom, checks
// the other words on the entry itself instead of reading the act.
// Registers written before this kept empty values: readers then read the
// act (see personTokens).
type indexEntry struct{ key, value []byte }

// indexAct adds (add) or removes the index entries of an act's people.
func indexAct(tx *bolt.Tx, a *Act, add bool) error {
	names, phons := indexKeys(a)
	for _, e := range names {
		if err := set(tx.Bucket(bucketIdxName), e, add); err != nil {
			return err
		}
	}
	for _, e := range phons {
		if err := set(tx.Bucket(bucketIdxPhon), e, add); err != nil {
			return err
		}
	}
	return nil
}

// indexKeys returns the entries of an act in the name and phonetic indexes.
func indexKeys(a *Act) (names, phons []indexEntry) {
	ak := a.Ref().key()
	for _, np := range People(a) {
		tokens := nameTokens(np.Person)
		value := []byte(strings.Join(tokens, " "))
		for _, t := range tokens {
			names = append(names, indexEntry{indexKey(t, ak, np.Role), value})
			if ph := Phonetic(t); ph != "" {
				phons = append(phons, indexEntry{indexKey(ph, ak, np.Role), value})
			}
		}
	}
	return names, phons
}

// putSorted puts entries in increasing key order: within one transaction
// bbolt keeps a growing node in memory until commit, and keys put in
// order are appended to it instead of shifting it each time (an import
// of 100,000 acts takes seconds instead of minutes).
func putSorted(b *bolt.Bucket, entries []indexEntry) error {
	slices.SortFunc(entries, func(x, y indexEntry) int { return bytes.Compare(x.key, y.key) })
	for _, e := range entries {
		if err := b.Put(e.key, e.value); err != nil {
			return err
		}
	}
	return nil
}

// set puts (add) or deletes an index entry.
func set(b *bolt.Bucket, e indexEntry, add bool) error {
	if add {
		return b.Put(e.key, e.value)
	}
	return b.Delete(e.key)
}

// splitIndexKey returns the act key and the role of an index key.
func splitIndexKey(k []byte) (act, role []byte, ok bool) {
	parts := bytes.SplitN(k, []byte{0}, 3)
	if len(parts) != 3 {
		return nil, nil, false
	}
	return parts[1], parts[2], true
}

// personTokens returns the folded words of the names of the person an
// index entry points to: from the entry's value, or, for an entry written
// before values were kept, from the act itself (acts caches the acts read).
func personTokens(tx *bolt.Tx, k, v []byte, acts map[string]*Act) ([]string, error) {
	if len(v) > 0 {
		return strings.Fields(string(v)), nil
	}
	ak, role, ok := splitIndexKey(k)
	if !ok {
		return nil, &IntegrityError{[]string{"entrée d'index illisible : " + string(k)}}
	}
	a, err := cachedAct(tx, string(ak), acts)
	if err != nil {
		return nil, err
	}
	for _, np := range People(a) {
		if np.Role == string(role) {
			return nameTokens(np.Person), nil
		}
	}
	return nil, nil
}

// cachedAct reads the act of an index key once per search.
func cachedAct(tx *bolt.Tx, ak string, acts map[string]*Act) (*Act, error) {
	if a, ok := acts[ak]; ok {
		return a, nil
	}
	ref, err := refFromKey([]byte(ak))
	if err != nil {
		return nil, &IntegrityError{[]string{"entrée d'index illisible : " + ak}}
	}
	a, _, err := getAct(tx, ref)
	if err != nil {
		return nil, err
	}
	acts[ak] = a
	return a, nil
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

// MaxHits bounds the number of people Search returns.
const MaxHits = 200

// countCap bounds the counting of a word's index entries when Search
// chooses which word to scan: past it, a word is common enough.
const countCap = 2048

// count returns the number of keys of b starting with prefix, up to limit.
func count(b *bolt.Bucket, prefix []byte, limit int) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && n < limit; k, _ = c.Next() {
		n++
	}
	return n
}

// matchWords tells whether a person's folded name words match every word
// of a query: by spelling (a name starts with the word) or by sound (a
// name has the same phonetic key, phons[i] for words[i]); spelled is true
// when every word matched by spelling.
func matchWords(tokens, words, phons []string) (ok, spelled bool) {
	spelled = true
	for i, w := range words {
		found := false
		for _, t := range tokens {
			if strings.HasPrefix(t, w) {
				found = true
				break
			}
		}
		if found {
			continue
		}
		spelled = false
		for _, t := range tokens {
			if phons[i] != "" && Phonetic(t) == phons[i] {
				found = true
				break
			}
		}
		if !found {
			return false, false
		}
	}
	return true, spelled
}

// Search finds the people named in acts whose names match every word of
// the query, accents, case and hyphens ignored: a word matches a name that
// starts with it ("mul" finds MÜLLER), or that sounds the same in French
// ("Lefèbvre" finds LEFEVRE). At most MaxHits people are returned, those
// found by spelling first.
//
// Its cost does not grow with the register: it scans the index entries of
// one word only, the rarest of the query (each entry carries the person's
// other names, so the other words are checked on the entry), and stops
// once MaxHits people are found; then it reads only the acts found.
func (s *Store) Search(query string) ([]Hit, error) {
	words := fold.Words(query)
	if len(words) == 0 {
		return nil, Refuse("recherche", "texte de recherche vide", "donnez un nom ou un prénom, par exemple : etatcivil recherche muller")
	}
	phons := make([]string, len(words))
	for i, w := range words {
		phons[i] = Phonetic(w)
	}
	var hits []Hit
	err := s.db.View(func(tx *bolt.Tx) error {
		names, sounds := tx.Bucket(bucketIdxName), tx.Bucket(bucketIdxPhon)
		// The word to scan: the one with the fewest entries.
		d, least := 0, -1
		for i, w := range words {
			n := count(names, []byte(w), countCap)
			if phons[i] != "" {
				n += count(sounds, []byte(phons[i]+"\x00"), countCap)
			}
			if least < 0 || n < least {
				d, least = i, n
			}
		}
		acts := map[string]*Act{}
		seen := map[hitKey]bool{}
		var spelled, sounded []hitKey
		// visit checks one entry of the scanned word; it returns false
		// when enough people are found.
		visit := func(k, v []byte, enough func() bool) (bool, error) {
			ak, role, ok := splitIndexKey(k)
			if !ok {
				return false, &IntegrityError{[]string{"entrée d'index illisible : " + string(k)}}
			}
			hk := hitKey{string(ak), string(role)}
			if seen[hk] {
				return true, nil
			}
			seen[hk] = true
			tokens, err := personTokens(tx, k, v, acts)
			if err != nil {
				return false, err
			}
			switch ok, bySpelling := matchWords(tokens, words, phons); {
			case ok && bySpelling:
				spelled = append(spelled, hk)
			case ok && len(sounded) < MaxHits:
				sounded = append(sounded, hk)
			}
			return !enough(), nil
		}
		scanEntries := func(b *bolt.Bucket, prefix []byte, enough func() bool) error {
			c := b.Cursor()
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				more, err := visit(k, v, enough)
				if err != nil || !more {
					return err
				}
			}
			return nil
		}
		if err := scanEntries(names, []byte(words[d]), func() bool { return len(spelled) >= MaxHits }); err != nil {
			return err
		}
		if len(spelled) < MaxHits && phons[d] != "" {
			if err := scanEntries(sounds, []byte(phons[d]+"\x00"), func() bool { return len(spelled)+len(sounded) >= MaxHits }); err != nil {
				return err
			}
		}
		keys := append(spelled, sounded[:min(len(sounded), MaxHits-len(spelled))]...)
		found := map[hitKey]bool{}
		for _, k := range spelled {
			found[k] = true
		}
		for _, k := range keys {
			a, err := cachedAct(tx, k.act, acts)
			if err != nil {
				return err
			}
			for _, np := range People(a) {
				if np.Role == k.role {
					hits = append(hits, Hit{Ref: a.Ref(), Role: np.Role, Person: np.Person, Statut: a.Statut, Date: a.Date, Phonetic: !found[k]})
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
