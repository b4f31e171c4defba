package registry

import (
	"bytes"
	"fmt"
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

// entries walks the pairs of one query word: those of the name index
// under the words that start with it, then, when phon is set, those of
// the sound index under that key. Each pair's person words are read from
// the persons records (see value).
type entries struct {
	sounds   *bolt.Bucket
	c        *bolt.Cursor
	prefix   []byte
	phon     []byte
	started  bool
	inSounds bool
	steps    int
	block    []posting // the pairs of the block read, from pos on
	pos      int
	p        posting // the current pair
	err      error
}

func newEntries(names, sounds *bolt.Bucket, word, phon string) *entries {
	e := &entries{sounds: sounds, c: names.Cursor(), prefix: []byte(word)}
	if phon != "" {
		e.phon = []byte(phon + "\x00")
	}
	return e
}

// next moves to the next pair; it returns false when there is none (or a
// block does not decode: then err is set).
func (e *entries) next() bool {
	e.steps++
	for e.pos >= len(e.block) {
		var k, v []byte
		if !e.started {
			e.started = true
			k, v = e.c.Seek(e.prefix)
		} else {
			k, v = e.c.Next()
		}
		if k == nil || !bytes.HasPrefix(k, e.prefix) {
			if e.inSounds || e.phon == nil {
				e.block, e.pos = nil, 0
				return false
			}
			e.inSounds, e.prefix, e.c, e.started = true, e.phon, e.sounds.Cursor(), false
			continue
		}
		_, base, ok := splitBlockKey(k)
		if !ok {
			e.err = &IntegrityError{[]string{fmt.Sprintf("index : clé illisible %q", k)}}
			return false
		}
		var err error
		if e.block, err = decodeBlock(base, v, e.block[:0]); err != nil {
			e.err = &IntegrityError{[]string{fmt.Sprintf("index : bloc %q illisible", k)}}
			return false
		}
		e.pos = 0
	}
	e.p = e.block[e.pos]
	e.pos++
	return true
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
	rc           roleCodes         // the roles met in posting lists
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

// wordMatches tells whether a person's folded name words (separated by
// spaces) match word i of the query: a name starts with it or, when sound
// is set, a name has its phonetic key.
func (q *searcher) wordMatches(tokens []byte, i int, sound bool) bool {
	if hasWordPrefix(tokens, q.words[i]) {
		return true
	}
	if !sound || q.phons[i] == "" {
		return false
	}
	for rest := tokens; len(rest) > 0; {
		t := rest
		if sp := bytes.IndexByte(rest, ' '); sp >= 0 {
			t, rest = rest[:sp], rest[sp+1:]
		} else {
			rest = nil
		}
		if q.phonetic(t) == q.phons[i] {
			return true
		}
	}
	return false
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
// By spelling, it walks the pairs of the query's rarest word (found by
// walking every word's pairs in step) and stops at MaxHits people; by
// sound, it walks at most soundBudget pairs. A query of several words
// checks the other words on each candidate's persons record, a random
// page read each, or, when matches are rare among many candidates and
// that costs less, on the other words' posting lists, read in order (see
// checker): the same people either way. At 1,000,000 acts a search takes
// 10 to 25 ms as a process (BENCHMARKS.md, issue 23).
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
	q := &searcher{words: words, phons: phons, sound: map[string]string{}, rc: roleCodes{}}
	var found Found
	err := s.db.View(func(tx *bolt.Tx) error {
		names, sounds, persons := tx.Bucket(bucketNames), tx.Bucket(bucketSounds), tx.Bucket(bucketPersons)
		seen := map[posting]bool{}
		var spelled, sounded []posting
		// add keeps the person of a pair once; into tells how it matched.
		add := func(p posting, into *[]posting) {
			if !seen[p] {
				seen[p] = true
				*into = append(*into, p)
			}
		}
		// value returns the name words of a pair's person, from the act's
		// persons record. A query of one word needs none: every pair
		// of its walk matches it (by spelling or by sound).
		// The pairs of a word come in act order: the persons cursor
		// mostly moves forward a few records instead of seeking.
		pc := persons.Cursor()
		var pk, pv []byte
		value := func(p posting) ([]byte, error) {
			want := idKey(p.id)
			c := bytes.Compare(pk, want)
			for steps := 0; pk != nil && c < 0 && steps < 8; steps++ {
				pk, pv = pc.Next()
				c = bytes.Compare(pk, want)
			}
			if pk == nil || c != 0 {
				pk, pv = pc.Seek(want)
			}
			var rec []byte
			if bytes.Equal(pk, want) {
				rec = pv
			}
			words, found, ok := personTokensOf(rec, p.role)
			if !ok || !found {
				r, _ := idRef(p.id)
				return nil, &IntegrityError{[]string{fmt.Sprintf("index des personnes, acte %s : %s absent ou illisible (lancez le contrôle)", r, p.role)}}
			}
			return words, nil
		}

		// By spelling: the rarest word's name entries.
		walks := make([]*entries, len(words))
		for i, w := range words {
			walks[i] = newEntries(names, sounds, w, "")
		}
		d, count := 0, 0
		if len(words) > 1 {
			if d = rarest(walks, -1); walks[d].err != nil {
				return walks[d].err
			}
			count = walks[d].steps - 1
		}
		ck := newChecker(q, d, false, names, sounds, newEntries(names, sounds, words[d], ""), value)
		for len(spelled) < MaxHits && ck.next() {
			if len(words) > 1 {
				ok, err := ck.check(count-ck.steps, MaxHits-len(spelled))
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
			}
			add(ck.p, &spelled)
		}
		if err := ck.err(); err != nil {
			return err
		}

		// By sound: the entries, by spelling and by sound, of the word
		// that has the fewest, within the budget.
		if len(spelled) < MaxHits && anySound {
			for i, w := range words {
				walks[i] = newEntries(names, sounds, w, phons[i])
			}
			d = 0
			if len(words) > 1 {
				if d = rarest(walks, soundBudget/(2*len(words))); d >= 0 && walks[d].err != nil {
					return walks[d].err
				}
			}
			budget := soundBudget / 2
			count = budget
			if d >= 0 {
				count = min(budget, walks[d].steps-1)
			}
			if d < 0 {
				// Every word is common: the longest has the most telling sound.
				for i, w := range words {
					if d < 0 || len(w) > len(words[d]) {
						d = i
					}
				}
			}
			ck = newChecker(q, d, true, names, sounds, newEntries(names, sounds, words[d], phons[d]), value)
			for len(spelled)+len(sounded) < MaxHits && ck.next() {
				if ck.steps > budget {
					found.SoundsCut = true
					break
				}
				if seen[ck.p] {
					continue
				}
				if len(words) > 1 {
					ok, err := ck.check(count-ck.steps, MaxHits-len(spelled)-len(sounded))
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
				}
				add(ck.p, &sounded)
			}
			if err := ck.err(); err != nil {
				return err
			}
		}

		keys := make([]hitKey, 0, len(spelled)+len(sounded))
		for _, p := range append(spelled, sounded...) {
			r, ok := idRef(p.id)
			if !ok {
				return &IntegrityError{[]string{fmt.Sprintf("index : acte n° %x inconnu", p.id)}}
			}
			keys = append(keys, hitKey{string(actKey(r)), p.role})
		}
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
		if _, err := decodeAct(acts[order[i]], &a); err != nil {
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
