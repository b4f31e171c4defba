package registry

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/fold"
)

// nameTokens returns the folded words of a person's names, plus each
// compound name with its hyphens and spaces removed ("lefevredurand"), so
// that hyphens never matter.
func nameTokens(p civil.Person) []string {
	out := make([]string, 0, 8)
	add := func(t string) {
		if t != "" && !slices.Contains(out, t) {
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
	k := make([]byte, 0, len(token)+len(actKey)+len(role)+2)
	k = append(append(k, token...), 0)
	k = append(append(k, actKey...), 0)
	return append(k, role...)
}

// indexEntry is one key of the name or phonetic index. Its value holds
// all the folded words of the person's names, separated by spaces, so
// that a search of several words, or a lookup by NOM and prénom, checks
// the other words on the entry itself instead of reading the act.
// Registers written before this kept empty values: readers then read the
// act (see personTokens).
type indexEntry struct{ key, value []byte }

// indexAct adds (add) or removes the index entries of an act's people.
func indexAct(tx *bolt.Tx, a *civil.Act, add bool) error {
	names, phons := indexKeys(a)
	for _, e := range names {
		if err := set(filled(tx.Bucket(bucketIdxName)), e, add); err != nil {
			return err
		}
	}
	for _, e := range phons {
		if err := set(filled(tx.Bucket(bucketIdxPhon)), e, add); err != nil {
			return err
		}
	}
	return nil
}

// indexKeys returns the entries of an act in the name and phonetic
// indexes: each person under the names the act gives and, when its
// mentions changed them (a rectified prénom, a new name), under the new
// ones too, so that the person is found by either; the value of each
// entry holds all the words of both.
func indexKeys(a *civil.Act) (names, phons []indexEntry) {
	ak := actKey(a.Ref())
	persons := a.Persons()
	tokens := make([][]string, len(persons))
	for i, np := range persons {
		tokens[i] = nameTokens(np.Person)
	}
	if cur := a.Current(); cur != a {
		for _, np := range cur.Persons() {
			i := slices.IndexFunc(persons, func(x civil.NamedPerson) bool { return x.Role == np.Role })
			if i < 0 {
				persons, tokens = append(persons, np), append(tokens, nameTokens(np.Person))
				continue
			}
			for _, t := range nameTokens(np.Person) {
				if !slices.Contains(tokens[i], t) {
					tokens[i] = append(tokens[i], t)
				}
			}
		}
	}
	for i, np := range persons {
		value := []byte(strings.Join(tokens[i], " "))
		for _, t := range tokens[i] {
			names = append(names, indexEntry{indexKey(t, ak, np.Role), value})
			if ph := Phonetic(t); ph != "" {
				phons = append(phons, indexEntry{indexKey(ph, ak, np.Role), value})
			}
		}
	}
	return names, phons
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
func personTokens(tx *bolt.Tx, k, v []byte, acts map[string]*civil.Act) ([]string, error) {
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
	for _, np := range a.Persons() {
		if np.Role == string(role) {
			return nameTokens(np.Person), nil
		}
	}
	return nil, nil
}

// cachedAct reads the act of an index key once per search.
func cachedAct(tx *bolt.Tx, ak string, acts map[string]*civil.Act) (*civil.Act, error) {
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
	Ref      civil.Ref
	Role     string
	Person   civil.Person
	Statut   string
	Date     string // date of the event
	Phonetic bool   // found only by sound, not by spelling
	Annule   bool   // the act is annulled (a mention of annulation)
}

type hitKey struct{ act, role string }

// MaxHits bounds the number of people Search returns.
const MaxHits = 200

// soundBudget bounds the index entries read to find people by sound
// (about 3 ms): a short phonetic key such as "MR" (Marie, Moreau, Maury…)
// can stand for a tenth of the register.
// A variable for the tests.
var soundBudget = 20_000

// entries walks the index entries of one query word: those of the name
// index that start with the word, then, when phon is set, those of the
// phonetic index under that key.
type entries struct {
	sounds   *bolt.Bucket
	c        *bolt.Cursor
	prefix   []byte
	phon     []byte
	k, v     []byte
	started  bool
	inSounds bool
	steps    int
}

func newEntries(names, sounds *bolt.Bucket, word, phon string) *entries {
	e := &entries{sounds: sounds, c: names.Cursor(), prefix: []byte(word)}
	if phon != "" {
		e.phon = []byte(phon + "\x00")
	}
	return e
}

// next moves to the next entry; it returns false when there is none.
func (e *entries) next() bool {
	e.steps++
	switch {
	case !e.started:
		e.started = true
		e.k, e.v = e.c.Seek(e.prefix)
	case e.k != nil:
		e.k, e.v = e.c.Next()
	}
	if e.k != nil && bytes.HasPrefix(e.k, e.prefix) {
		return true
	}
	e.k = nil
	if e.inSounds || e.phon == nil {
		return false
	}
	e.inSounds, e.prefix, e.c = true, e.phon, e.sounds.Cursor()
	e.k, e.v = e.c.Seek(e.prefix)
	if e.k != nil && bytes.HasPrefix(e.k, e.prefix) {
		return true
	}
	e.k = nil
	return false
}

// rarest walks the entries of every word in step and returns the index
// of the first to run out, the word with the fewest entries, at the cost
// of the number of words times its entries; or -1 when none ran out
// within limit entries (no limit when limit < 0).
func rarest(walks []*entries, limit int) int {
	for n := 0; limit < 0 || n < limit; n++ {
		for i, e := range walks {
			if !e.next() {
				return i
			}
		}
	}
	return -1
}

// searcher is a search's words and what it learnt of the names it met.
type searcher struct {
	words, phons []string
	sound        map[string]string // phonetic keys of the name words met
}

// phonetic returns the phonetic key of a name word, computed once per search.
func (q *searcher) phonetic(t []byte) string {
	if ph, ok := q.sound[string(t)]; ok {
		return ph
	}
	ph := Phonetic(string(t))
	q.sound[string(t)] = ph
	return ph
}

// spelled tells whether a person's folded name words (separated by
// spaces) match every word of the query by spelling: a name starts with
// the word.
func (q *searcher) spelled(tokens []byte) bool {
	for _, w := range q.words {
		if !hasWordPrefix(tokens, w) {
			return false
		}
	}
	return true
}

// match tells whether a person's folded name words match every word of
// the query, by spelling or by sound (a name with the word's phonetic key).
func (q *searcher) match(tokens []byte) bool {
	for i, w := range q.words {
		if hasWordPrefix(tokens, w) {
			continue
		}
		found := false
		for rest := tokens; len(rest) > 0 && !found && q.phons[i] != ""; {
			t := rest
			if sp := bytes.IndexByte(rest, ' '); sp >= 0 {
				t, rest = rest[:sp], rest[sp+1:]
			} else {
				rest = nil
			}
			found = q.phonetic(t) == q.phons[i]
		}
		if !found {
			return false
		}
	}
	return true
}

// hasWordPrefix tells whether one of the space-separated words of tokens starts with w.
func hasWordPrefix(tokens []byte, w string) bool {
	for len(tokens) > 0 {
		t := tokens
		if sp := bytes.IndexByte(tokens, ' '); sp >= 0 {
			t, tokens = tokens[:sp], tokens[sp+1:]
		} else {
			tokens = nil
		}
		if len(t) >= len(w) && string(t[:len(w)]) == w {
			return true
		}
	}
	return false
}

// Found is what Find returns.
type Found struct {
	Hits []Hit
	// SoundsCut tells that the search by sound stopped before reading
	// every candidate (see soundBudget): people spelled otherwise may be
	// missing; those found by spelling never are.
	SoundsCut bool
}

// Search is Find without the note on the search by sound.
func (s *Store) Search(query string) ([]Hit, error) {
	f, err := s.Find(query)
	return f.Hits, err
}

// Find finds the people named in acts whose names match every word of
// the query, accents, case and hyphens ignored: a word matches a name that
// starts with it ("mul" finds MÜLLER), or that sounds the same in French
// ("Lefèbvre" finds LEFEVRE). At most MaxHits people are returned, those
// found by spelling first.
//
// Its cost does not grow with the register. Each index entry carries the
// person's name words, so one word's entries are enough to check the
// others. By spelling, it reads the entries of the query's rarest word
// (found by walking every word's entries in step) and stops at MaxHits
// people. By sound, it reads at most soundBudget entries.
func (s *Store) Find(query string) (Found, error) {
	words := fold.Words(query)
	if len(words) == 0 {
		return Found{}, civil.Refuse("recherche", "texte de recherche vide", "donnez un nom ou un prénom, par exemple « muller »")
	}
	// A word is also matched by sound when its phonetic key holds two
	// sounds at least: "Léo", "Lee" and "Lili" all give "L", which would
	// find half the register.
	phons := make([]string, len(words))
	anySound := false
	for i, w := range words {
		if ph := Phonetic(w); len(ph) >= 2 {
			phons[i], anySound = ph, true
		}
	}
	q := &searcher{words: words, phons: phons, sound: map[string]string{}}
	var found Found
	err := s.db.View(func(tx *bolt.Tx) error {
		names, sounds := tx.Bucket(bucketIdxName), tx.Bucket(bucketIdxPhon)
		acts := map[string]*civil.Act{}
		seen := map[hitKey]bool{}
		var spelled, sounded []hitKey
		// add keeps the person of an entry once; by tells how it matched.
		add := func(k []byte, into *[]hitKey) error {
			ak, role, ok := splitIndexKey(k)
			if !ok {
				return &IntegrityError{[]string{"entrée d'index illisible : " + string(k)}}
			}
			hk := hitKey{string(ak), string(role)}
			if !seen[hk] {
				seen[hk] = true
				*into = append(*into, hk)
			}
			return nil
		}
		// value returns the name words an entry carries (read from the
		// act for an entry written before values were kept).
		value := func(k, v []byte) ([]byte, error) {
			if len(v) > 0 {
				return v, nil
			}
			tokens, err := personTokens(tx, k, v, acts)
			return []byte(strings.Join(tokens, " ")), err
		}

		// By spelling: the rarest word's name entries.
		walks := make([]*entries, len(words))
		for i, w := range words {
			walks[i] = newEntries(names, sounds, w, "")
		}
		d := 0
		if len(words) > 1 {
			d = rarest(walks, -1)
		}
		scan := newEntries(names, sounds, words[d], "")
		for len(spelled) < MaxHits && scan.next() {
			v, err := value(scan.k, scan.v)
			if err != nil {
				return err
			}
			if q.spelled(v) {
				if err := add(scan.k, &spelled); err != nil {
					return err
				}
			}
		}

		// By sound: the entries, by spelling and by sound, of the word
		// that has the fewest, within the budget.
		if len(spelled) < MaxHits && anySound {
			for i, w := range words {
				walks[i] = newEntries(names, sounds, w, phons[i])
			}
			d = 0
			if len(words) > 1 {
				d = rarest(walks, soundBudget/(2*len(words)))
			}
			budget := soundBudget / 2
			if d < 0 {
				// Every word is common: the longest has the most telling sound.
				for i, w := range words {
					if d < 0 || len(w) > len(words[d]) {
						d = i
					}
				}
			}
			scan = newEntries(names, sounds, words[d], phons[d])
			for len(spelled)+len(sounded) < MaxHits && scan.next() {
				if scan.steps > budget {
					found.SoundsCut = true
					break
				}
				v, err := value(scan.k, scan.v)
				if err != nil {
					return err
				}
				if q.match(v) {
					if err := add(scan.k, &sounded); err != nil {
						return err
					}
				}
			}
		}

		keys := append(spelled, sounded...)
		hits, err := loadHits(tx, keys, len(spelled))
		found.Hits = hits
		return err
	})
	return found, err
}

// loadHits reads the acts of the people found, the first spelled of them
// found by spelling, and returns them sorted for the clerk: by spelling
// first, then by NOM, then in register order. The acts' bytes are read in
// the transaction and decoded on every core.
func loadHits(tx *bolt.Tx, keys []hitKey, spelled int) ([]Hit, error) {
	acts := map[string][]byte{}
	var order []string
	for _, k := range keys {
		if _, ok := acts[k.act]; ok {
			continue
		}
		v := tx.Bucket(bucketActs).Get([]byte(k.act))
		if v == nil {
			return nil, &IntegrityError{[]string{"l'index nomme un acte absent du registre : " + k.act}}
		}
		acts[k.act] = v
		order = append(order, k.act)
	}
	decoded := make([]*civil.Act, len(order))
	errs := make([]error, len(order))
	parallel(len(order), func(i int) {
		var a civil.Act
		if err := json.Unmarshal(acts[order[i]], &a); err != nil {
			errs[i] = &IntegrityError{[]string{"acte " + order[i] + " illisible : " + err.Error()}}
		}
		decoded[i] = &a
	})
	byKey := map[string]*civil.Act{}
	for i, k := range order {
		if errs[i] != nil {
			return nil, errs[i]
		}
		byKey[k] = decoded[i]
	}
	type sorted struct {
		Hit
		nom string
		key string
	}
	var out []sorted
	for i, k := range keys {
		a := byKey[k.act]
		_, annulled := a.Annulment()
		// The person as the act's mentions have made them: « Fañch »
		// once rectified, found by either spelling.
		for _, np := range a.Current().Persons() {
			if np.Role == k.role {
				out = append(out, sorted{Hit{Ref: a.Ref(), Role: np.Role, Person: np.Person, Statut: a.Statut, Date: a.EventDate(), Phonetic: i >= spelled, Annule: annulled}, fold.Key(np.Person.Nom), k.act})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Phonetic != out[j].Phonetic {
			return !out[i].Phonetic
		}
		if out[i].nom != out[j].nom {
			return out[i].nom < out[j].nom
		}
		return out[i].key < out[j].key
	})
	hits := make([]Hit, len(out))
	for i, h := range out {
		hits[i] = h.Hit
	}
	return hits, nil
}
