package registry

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// listMarks counts the words that searches checked on their posting
// lists, for the tests.
var listMarks atomic.Int64

// listCost is how many pairs of a posting list cost as much to read as
// one candidate's persons record: a list is read in order, about a
// thousand pairs a page (some 5 ns a pair), while the records of a
// search's candidates are scattered over the register, a page apiece
// (2 to 5 µs in a new process, most of it the page fault; BENCHMARKS.md,
// issue 23). A variable for the tests.
var listCost = 400

// firstCheck is the number of candidates checked on their persons records
// before a search weighs reading its other words' lists instead: enough
// to tell a common pair of names (« jean martin », whose matches come
// quickly) from a rare one.
const firstCheck = 32

// roleCodes numbers the roles a search meets, so that a pair packs in 64
// bits: the act id shifted by 8 bits (actID uses 43), then the role's
// number, from 1.
type roleCodes map[string]uint64

// of returns the number of a role, given one if it had none; false when
// 255 roles are numbered already (a register has about twenty).
func (rc roleCodes) of(role []byte) (uint64, bool) {
	if c, ok := rc[string(role)]; ok {
		return c, true
	}
	if len(rc) >= 255 {
		return 0, false
	}
	c := uint64(len(rc) + 1)
	rc[string(role)] = c
	return c, true
}

// pack returns a pair packed; false when its role has no number and
// cannot be given one.
func (rc roleCodes) pack(p posting) (uint64, bool) {
	c, ok := rc[p.role]
	if !ok {
		c, ok = rc.of([]byte(p.role))
	}
	return p.id<<8 | c, ok
}

// errRoles is returned by markBlock when a block names more roles than
// roleCodes can number: its word is then checked on the persons records.
var errRoles = errors.New("trop de rôles pour la recherche")

// checker walks the candidates of one phase of a search of several
// words, the pairs of its driving word, and checks them against the
// other words. It reads the persons records of the first candidates; the
// rate of matches then tells whether reading the other words' posting
// lists costs less than the records the search would still read (see
// listCost). If so, it reads the remaining candidates ahead and marks
// those that each word's lists name; a word whose lists are too long is
// still checked on the persons records, of the candidates that the lists
// of the others kept. Both ways find exactly the same people: both
// indexes hold each person under the words of their persons record
// (indexData).
type checker struct {
	q      *searcher
	d      int  // the driving word
	sound  bool // the phase by sound: a word matches by spelling or by sound
	names  *bolt.Bucket
	sounds *bolt.Bucket
	scan   *entries
	value  func(posting) ([]byte, error)

	p      posting // the current candidate
	steps  int     // its rank in the walk, from 1
	marked bool    // it was read ahead and marked
	again  bool    // it follows those read ahead: weigh again

	ahead  []posting         // the candidates read ahead
	pos    int               // the next one
	marks  map[uint64]uint64 // per candidate read ahead, packed: the words whose lists name it
	filter []uint64          // a bit per hash of the candidates read ahead
	done   uint64            // the words whose lists marked them all
	others uint64            // the bits of the words but the driving one (those lists can check)

	checked, hits int
}

// maxListWords bounds the words of a query that can be checked on their
// lists (a bit each); the others are checked on the persons records.
const maxListWords = 64

func newChecker(q *searcher, d int, sound bool, names, sounds *bolt.Bucket, scan *entries, value func(posting) ([]byte, error)) *checker {
	ck := &checker{q: q, d: d, sound: sound, names: names, sounds: sounds, scan: scan, value: value}
	for i := range min(len(q.words), maxListWords) {
		if i != d {
			ck.others |= 1 << i
		}
	}
	return ck
}

// next moves to the next candidate; false when there is none.
func (ck *checker) next() bool {
	ck.marked = ck.pos < len(ck.ahead)
	if ck.marked {
		ck.p = ck.ahead[ck.pos]
		ck.pos++
	} else if ck.scan.next() {
		ck.p = ck.scan.p
		ck.again = len(ck.ahead) > 0
	} else {
		return false
	}
	ck.steps++
	return true
}

// err is the error that stopped the walk, if any.
func (ck *checker) err() error { return ck.scan.err }

// check tells whether the current candidate matches every word of the
// query but the driving one. remaining bounds the candidates left after
// it, need the people still wanted.
func (ck *checker) check(remaining, need int) (bool, error) {
	if ck.checked++; ck.checked == firstCheck || ck.again {
		if err := ck.weigh(remaining, need); err != nil {
			return false, err
		}
	}
	done := uint64(0)
	if ck.marked {
		x, _ := ck.q.rc.pack(ck.p)
		if ck.done&^ck.marks[x] != 0 {
			return false, nil
		}
		done = ck.done
	}
	if done != ck.others {
		v, err := ck.value(ck.p)
		if err != nil {
			return false, err
		}
		for i := range ck.q.words {
			if i != ck.d && done&(1<<i) == 0 && !ck.q.wordMatches(v, i, ck.sound) {
				return false, nil
			}
		}
	}
	ck.hits++
	return true, nil
}

// weigh reads candidates ahead and marks them on the lists of the other
// words, when that costs less than the persons records the search would
// still read: those of the remaining candidates, or of twice as many as
// the rate of matches so far says it takes to find need more people
// (and, when it weighs again, twice as many as it read ahead before).
func (ck *checker) weigh(remaining, need int) error {
	expected := min(remaining, max(2*need*(ck.checked+2)/(ck.hits+1), 2*len(ck.ahead)))
	limit := listCost * expected
	if limit <= 0 {
		return nil
	}
	ck.ahead, ck.pos, ck.done, ck.again = make([]posting, 0, expected), 0, 0, false
	for len(ck.ahead) < expected && ck.scan.next() {
		ck.ahead = append(ck.ahead, ck.scan.p)
	}
	if ck.scan.err != nil || len(ck.ahead) == 0 {
		return ck.scan.err
	}
	ck.marks = make(map[uint64]uint64, len(ck.ahead))
	ck.filter = make([]uint64, filterWords(len(ck.ahead)))
	for _, p := range ck.ahead {
		x, ok := ck.q.rc.pack(p)
		if !ok {
			return nil // no list can name it: every candidate is checked on its record
		}
		ck.marks[x] = 0
		h := filterHash(x, len(ck.filter))
		ck.filter[h/64] |= 1 << (h % 64)
	}
	// The lists of the other words are read in step, a block each in
	// turn, so that the shortest is read first. Once a word's lists are
	// read, the records still to read are those of the candidates that
	// they and the others read kept: reading the rest stops when it
	// would cost more.
	var walks []*listWalk
	for i := range min(len(ck.q.words), maxListWords) {
		if i != ck.d {
			w := &listWalk{bit: 1 << i, prefixes: [][]byte{[]byte(ck.q.words[i])}, b: []*bolt.Bucket{ck.names}}
			if ck.sound && ck.q.phons[i] != "" {
				w.prefixes, w.b = append(w.prefixes, []byte(ck.q.phons[i]+"\x00")), append(w.b, ck.sounds)
			}
			walks = append(walks, w)
		}
	}
	pairs := 0
	for len(walks) > 0 && pairs <= limit {
		for j := 0; j < len(walks); j++ {
			w := walks[j]
			n, more, err := w.step(ck)
			if err != nil {
				return err
			}
			pairs += n
			if more {
				continue
			}
			walks = slices.Delete(walks, j, j+1)
			j--
			if w.whole {
				listMarks.Add(1)
				ck.done |= w.bit
				kept := 0
				for _, m := range ck.marks {
					if m&ck.done == ck.done {
						kept++
					}
				}
				limit = min(limit, pairs+listCost*kept)
			}
		}
	}
	return nil
}

// listWalk reads the lists of one word of a query (see checker.weigh).
type listWalk struct {
	bit      uint64         // the word's bit in the marks
	prefixes [][]byte       // the keys of its lists start with one of them
	b        []*bolt.Bucket // the bucket of each
	c        *bolt.Cursor
	k, v     []byte // the next block
	roles    [][]byte
	codes    []uint64
	whole    bool // every list was read
}

// step marks the candidates that the next block names and returns the
// number of pairs it holds, and whether any remains.
func (w *listWalk) step(ck *checker) (int, bool, error) {
	for w.c == nil || w.k == nil || !bytes.HasPrefix(w.k, w.prefixes[0]) {
		if w.c != nil {
			w.prefixes, w.b = w.prefixes[1:], w.b[1:]
		}
		if len(w.prefixes) == 0 {
			w.whole = true
			return 0, false, nil
		}
		w.c = w.b[0].Cursor()
		w.k, w.v = w.c.Seek(w.prefixes[0])
	}
	_, base, ok := splitBlockKey(w.k)
	if !ok {
		return 0, false, &IntegrityError{[]string{fmt.Sprintf("index : clé illisible %q", w.k)}}
	}
	n, err := ck.markBlock(base, w.v, &w.roles, &w.codes, w.bit)
	if err == errRoles {
		return n, false, nil
	}
	if err != nil {
		return 0, false, &IntegrityError{[]string{fmt.Sprintf("index : bloc %q illisible", w.k)}}
	}
	w.k, w.v = w.c.Next()
	return n, true, nil
}

// filterWords is the size, in 64-bit words, of the filter of n candidates:
// about 16 bits each, so that a pair that is no candidate is mostly
// turned away without a lookup in the map.
func filterWords(n int) int {
	w := 1
	for w*64 < 16*n {
		w *= 2
	}
	return w
}

// filterHash is the bit of a packed pair in a filter of words 64-bit words.
func filterHash(x uint64, words int) uint64 {
	return (x * 0x9e3779b97f4a7c15) >> 32 & uint64(words*64-1)
}

// markPair sets bit in the marks of the packed pair x, if a candidate.
func (ck *checker) markPair(x, bit uint64) {
	if h := filterHash(x, len(ck.filter)); ck.filter[h/64]&(1<<(h%64)) != 0 {
		if m, ok := ck.marks[x]; ok {
			ck.marks[x] = m | bit
		}
	}
}

// markBlock sets bit in the marks of the candidates that a posting block
// (see decodeBlock) names; it returns the number of pairs it holds.
// roles and codes are room for the block's roles and their numbers.
func (ck *checker) markBlock(base uint64, v []byte, roles *[][]byte, codes *[]uint64, bit uint64) (int, error) {
	var pairs []byte
	var err error
	if *roles, pairs, err = blockPairs(v, (*roles)[:0]); err != nil {
		return 0, err
	}
	*codes = (*codes)[:0]
	for _, r := range *roles {
		c, ok := ck.q.rc.of(r)
		if !ok {
			return 0, errRoles
		}
		*codes = append(*codes, c)
	}
	count := 0
	for id := base; len(pairs) > 0; count++ {
		gap, rank, n := nextPair(pairs, len(*codes))
		if n == 0 {
			return 0, errBlock
		}
		id, pairs = id+gap, pairs[n:]
		ck.markPair(id<<8|(*codes)[rank], bit)
	}
	return count, nil
}
