package registry

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// The name and sound indexes (schema 3) are posting lists: for each
// folded name word (bucketNames) or phonetic key (bucketSounds), the
// people it names, as (act id, role) pairs sorted by act id then role,
// kept in blocks of at most maxBlock pairs. A block's key is the word, a
// zero byte, and the block's base, an act id on 8 bytes (big-endian) not
// above its first pair's: the blocks of a word follow each other in act
// order and never overlap. Registering an act rewrites one block per
// word of its people (usually the word's last), never a whole list.
//
// A block is: uvarint(number of roles), each role as uvarint(length) and
// its bytes; then each pair as uvarint(act id − previous act id, the
// first from the base) and uvarint(the role's rank in that list).
//
// The words of each person's names, which a search of several words or
// a lookup by NOM and prénom checks, are kept once per act in
// bucketPersons: key the act id, value each person as uvarint(length)
// role, uvarint(length) the person's folded words separated by spaces.

var (
	bucketNames   = []byte("index_noms")
	bucketSounds  = []byte("index_sons")
	bucketPersons = []byte("index_personnes")
	// The indexes of schema 2 and earlier: one key (word, act key,
	// role) per entry. Dropped by the migration to schema 3.
	bucketOldIdxName = []byte("index_nom")
	bucketOldIdxPhon = []byte("index_phonetique")
)

// maxBlock bounds the pairs of one posting block (about 3 bytes each):
// registering an act rewrites at most that many per word. The pairs of
// one act are never split between two blocks: a block may hold a few
// more.
const maxBlock = 128

// kindCodes gives each register its rank in act ids, in the order of
// the act keys (actKey). Never renumber: act ids are stored.
var kindCodes = map[civil.Kind]uint64{civil.Deces: 1, civil.Mariage: 2, civil.Naissance: 3, civil.Reconnaissance: 4}

// actID packs an act's reference in 64 bits, in the order of its key:
// register (8 bits from bit 40), year (20 bits from bit 20), number (20
// bits; parse.MaxActNumber is under 2^20).
func actID(r civil.Ref) (uint64, error) {
	k, ok := kindCodes[r.Registre]
	if !ok || r.Annee < 0 || r.Annee >= 1<<20 || r.Numero < 0 || r.Numero >= 1<<20 {
		return 0, fmt.Errorf("référence %s hors des bornes de l'index", r)
	}
	return k<<40 | uint64(r.Annee)<<20 | uint64(r.Numero), nil
}

// idRef returns the reference an act id packs.
func idRef(id uint64) (civil.Ref, bool) {
	for k, c := range kindCodes {
		if c == id>>40 {
			return civil.Ref{Registre: k, Annee: int(id >> 20 & (1<<20 - 1)), Numero: int(id & (1<<20 - 1))}, true
		}
	}
	return civil.Ref{}, false
}

// idKey is an act id as a key of bucketPersons, or a block's base.
func idKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

// posting is one person in a posting list: an act and the role the
// person holds there.
type posting struct {
	id   uint64
	role string
}

func comparePostings(a, b posting) int {
	if a.id != b.id {
		if a.id < b.id {
			return -1
		}
		return 1
	}
	return strings.Compare(a.role, b.role)
}

var errBlock = errors.New("bloc d'index illisible")

// decodeBlock reads a posting block whose base is base.
func decodeBlock(base uint64, v []byte, out []posting) ([]posting, error) {
	rb, pairs, err := blockPairs(v, nil)
	if err != nil {
		return out, err
	}
	roles := make([]string, len(rb))
	for i, r := range rb {
		roles[i] = string(r)
	}
	for id := base; len(pairs) > 0; {
		gap, rank, n := nextPair(pairs, len(roles))
		if n == 0 {
			return out, errBlock
		}
		id, pairs = id+gap, pairs[n:]
		out = append(out, posting{id, roles[rank]})
	}
	return out, nil
}

// blockPairs splits a posting block into its roles, appended to roles
// (without copying), and the bytes of its pairs, which nextPair reads.
func blockPairs(v []byte, roles [][]byte) ([][]byte, []byte, error) {
	n, w := uvarint(v)
	if w <= 0 || n > 1<<16 {
		return roles, nil, errBlock
	}
	v = v[w:]
	for range n {
		l, w := uvarint(v)
		if w <= 0 || uint64(len(v)-w) < l {
			return roles, nil, errBlock
		}
		roles, v = append(roles, v[w:w+int(l)]), v[w+int(l):]
	}
	return roles, v, nil
}

// nextPair reads the first of a block's pairs (see blockPairs): the gap
// from the previous pair's act id (from the block's base for the first),
// the rank of its role among the block's roles, and the number of bytes
// it takes (0 when they do not decode). Most pairs are two bytes: read
// here, in the caller (inlined).
func nextPair(pairs []byte, roles int) (gap uint64, rank, n int) {
	if len(pairs) >= 2 && pairs[0] < 0x80 && int(pairs[1]) < roles {
		return uint64(pairs[0]), int(pairs[1]), 2
	}
	return nextLongPair(pairs, roles)
}

// nextLongPair is nextPair for a pair of more than two bytes.
func nextLongPair(pairs []byte, roles int) (gap uint64, rank, n int) {
	d, w := uvarint(pairs)
	if w <= 0 {
		return 0, 0, 0
	}
	r, w2 := uvarint(pairs[w:])
	if w2 <= 0 || r >= uint64(roles) {
		return 0, 0, 0
	}
	return d, int(r), w + w2
}

// uvarint is binary.Uvarint, quicker for the one-byte numbers that most
// of a posting block holds.
func uvarint(v []byte) (uint64, int) {
	if len(v) > 0 && v[0] < 0x80 {
		return uint64(v[0]), 1
	}
	return binary.Uvarint(v)
}

// encodeBlock writes the postings ps (sorted) as a block of base base.
func encodeBlock(base uint64, ps []posting) []byte {
	var roles []string
	for _, p := range ps {
		if !slices.Contains(roles, p.role) {
			roles = append(roles, p.role)
		}
	}
	out := binary.AppendUvarint(make([]byte, 0, 8*len(roles)+3*len(ps)), uint64(len(roles)))
	for _, r := range roles {
		out = append(binary.AppendUvarint(out, uint64(len(r))), r...)
	}
	prev := base
	for _, p := range ps {
		out = binary.AppendUvarint(out, p.id-prev)
		out = binary.AppendUvarint(out, uint64(slices.Index(roles, p.role)))
		prev = p.id
	}
	return out
}

// blockKey is the key of the block of word whose base is base.
func blockKey(word string, base uint64) []byte {
	return binary.BigEndian.AppendUint64(append(append(make([]byte, 0, len(word)+9), word...), 0), base)
}

// splitBlockKey returns the word and base of a block key.
func splitBlockKey(k []byte) (word []byte, base uint64, ok bool) {
	if len(k) < 10 || k[len(k)-9] != 0 {
		return nil, 0, false
	}
	return k[:len(k)-9], binary.BigEndian.Uint64(k[len(k)-8:]), true
}

// ofWord tells whether k is a block key of word.
func ofWord(k []byte, word string) bool {
	return len(k) == len(word)+9 && k[len(word)] == 0 && string(k[:len(word)]) == word
}

// blockFor finds the block of word where the pair of act id belongs: the
// last block whose base is not above id, else the word's first block.
// It returns its key (nil when the word has none), and the base of the
// block after it (^0 when none).
func blockFor(c *bolt.Cursor, word string, id uint64) (key, val []byte, next uint64) {
	next = ^uint64(0)
	seek := blockKey(word, id)
	k, v := c.Seek(seek)
	if k != nil && bytes.Equal(k, seek) {
		key, val = k, v
		if nk, _ := c.Next(); ofWord(nk, word) {
			_, next, _ = splitBlockKey(nk)
		}
		return key, val, next
	}
	var pk, pv []byte
	if k == nil {
		pk, pv = c.Last()
	} else {
		pk, pv = c.Prev()
	}
	if ofWord(pk, word) {
		if ofWord(k, word) {
			_, next, _ = splitBlockKey(k)
		}
		return pk, pv, next
	}
	if !ofWord(k, word) {
		return nil, nil, next
	}
	// Before the word's first block: that block, whose base comes down.
	if k, v = c.Seek(seek); !ofWord(k, word) {
		return nil, nil, next
	}
	key, val = k, v
	if nk, _ := c.Next(); ofWord(nk, word) {
		_, next, _ = splitBlockKey(nk)
	}
	return key, val, next
}

// addPostings adds the pairs add (sorted by comparePostings, no two
// alike) to word's list in b. Pairs already held are kept once.
func addPostings(b *bolt.Bucket, word string, add []posting) error {
	c := b.Cursor()
	for len(add) > 0 {
		key, base, held, n, err := heldBlock(c, word, add)
		if err != nil {
			return err
		}
		if key == nil {
			base = add[0].id
		}
		appended := len(held) == 0 || comparePostings(held[len(held)-1], add[0]) < 0
		merged := mergePostings(held, add[:n])
		add = add[n:]
		if err := putBlocks(b, word, key, min(base, merged[0].id), merged, appended); err != nil {
			return err
		}
		c = b.Cursor() // the bucket changed under the cursor
	}
	return nil
}

// heldBlock finds the block of word where the first of the pairs ps
// (sorted) belongs (see blockFor) and decodes it: it returns the block's
// key (a copy, nil when the word has no block), its base and pairs, and
// how many of ps go to it (those below the next block's base).
func heldBlock(c *bolt.Cursor, word string, ps []posting) (key []byte, base uint64, held []posting, n int, err error) {
	key, val, next := blockFor(c, word, ps[0].id)
	n = len(ps)
	for i, p := range ps {
		if p.id >= next {
			n = i
			break
		}
	}
	if key == nil {
		return nil, 0, nil, n, nil
	}
	_, base, _ = splitBlockKey(key)
	if held, err = decodeBlock(base, val, nil); err != nil {
		return nil, 0, nil, 0, &IntegrityError{[]string{fmt.Sprintf("index, mot « %s » : %v", word, err)}}
	}
	return bytes.Clone(key), base, held, n, nil
}

// mergePostings merges two sorted lists, keeping pairs held in both once.
func mergePostings(a, b []posting) []posting {
	out := make([]posting, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch c := comparePostings(a[0], b[0]); {
		case c < 0:
			out, a = append(out, a[0]), a[1:]
		case c > 0:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// putBlocks writes the pairs ps (sorted, not empty) of word in place of
// the block key (nil for none), the first of base base: in one block when
// they fit, else in blocks of maxBlock pairs when they were appended at
// the end (a list that grows at its end keeps its blocks full), else in
// blocks of equal size.
func putBlocks(b *bolt.Bucket, word string, key []byte, base uint64, ps []posting, appended bool) error {
	if key != nil {
		if _, kb, _ := splitBlockKey(key); kb != base {
			if err := b.Delete(key); err != nil {
				return err
			}
		}
	}
	size := maxBlock
	if !appended {
		parts := (len(ps) + maxBlock - 1) / maxBlock
		size = (len(ps) + parts - 1) / parts
	}
	for len(ps) > 0 {
		n := min(size, len(ps))
		for n < len(ps) && ps[n].id == ps[n-1].id {
			n++ // the pairs of one act stay in one block (see blockFor)
		}
		if err := b.Put(blockKey(word, base), encodeBlock(base, ps[:n])); err != nil {
			return err
		}
		ps = ps[n:]
		if len(ps) > 0 {
			base = ps[0].id
		}
	}
	return nil
}

// removePostings removes the pairs del (sorted) from word's list in b;
// pairs it does not hold are ignored. An emptied block is deleted.
func removePostings(b *bolt.Bucket, word string, del []posting) error {
	c := b.Cursor()
	for len(del) > 0 {
		key, base, held, n, err := heldBlock(c, word, del)
		if err != nil || key == nil {
			return err
		}
		kept := held[:0]
		for _, p := range held {
			if _, found := slices.BinarySearchFunc(del[:n], p, comparePostings); !found {
				kept = append(kept, p)
			}
		}
		del = del[n:]
		switch {
		case len(kept) == 0:
			err = b.Delete(key)
		case len(kept) < len(held):
			err = b.Put(key, encodeBlock(base, kept))
		}
		if err != nil {
			return err
		}
		c = b.Cursor()
	}
	return nil
}

// holds tells whether word's list in b holds the pair p.
func holds(b *bolt.Bucket, word string, p posting) bool {
	key, val, _ := blockFor(b.Cursor(), word, p.id)
	if key == nil {
		return false
	}
	_, base, _ := splitBlockKey(key)
	ps, err := decodeBlock(base, val, nil)
	if err != nil {
		return false
	}
	_, found := slices.BinarySearchFunc(ps, p, comparePostings)
	return found
}

// personWords is one person of an act as the indexes hold them: the
// role, and the folded words of the names (see nameTokens).
type personWords struct {
	role   string
	tokens []string
}

// encodePersons writes the persons record of an act.
func encodePersons(ps []personWords) []byte {
	var out []byte
	for _, p := range ps {
		out = append(binary.AppendUvarint(out, uint64(len(p.role))), p.role...)
		words := strings.Join(p.tokens, " ")
		out = append(binary.AppendUvarint(out, uint64(len(words))), words...)
	}
	return out
}

// personTokensOf returns the words (separated by spaces) of the person of
// role in a persons record, without copying; ok is false when the record
// does not decode.
func personTokensOf(rec []byte, role string) (words []byte, found, ok bool) {
	for len(rec) > 0 {
		l, w := binary.Uvarint(rec)
		if w <= 0 || uint64(len(rec)-w) < l {
			return nil, false, false
		}
		r := rec[w : w+int(l)]
		rec = rec[w+int(l):]
		l, w = binary.Uvarint(rec)
		if w <= 0 || uint64(len(rec)-w) < l {
			return nil, false, false
		}
		ws := rec[w : w+int(l)]
		rec = rec[w+int(l):]
		if string(r) == role {
			return ws, true, true
		}
	}
	return nil, false, true
}

// actIndex is what the indexes hold of one act: its id, its persons
// record, and its pairs in each index by word, each list sorted.
type actIndexData struct {
	id      uint64
	persons []byte
	names   []wordPosting
	sounds  []wordPosting
}

// wordPosting is one pair of an index under one word.
type wordPosting struct {
	word string
	posting
}

// indexData returns what the indexes hold of an act: each person under
// the names the act gives and, when its mentions changed them (a
// rectified prénom, a new name), under the new ones too, so that the
// person is found by either; the persons record holds all the words of
// both. Pairs are sorted by word then posting, with no two alike.
func indexData(a *civil.Act) (actIndexData, error) {
	id, err := actID(a.Ref())
	if err != nil {
		return actIndexData{}, err
	}
	persons := a.Persons()
	pw := make([]personWords, len(persons))
	for i, np := range persons {
		pw[i] = personWords{np.Role, nameTokens(np.Person)}
	}
	if cur := a.Current(); cur != a {
		for _, np := range cur.Persons() {
			i := slices.IndexFunc(pw, func(x personWords) bool { return x.role == np.Role })
			if i < 0 {
				pw = append(pw, personWords{np.Role, nameTokens(np.Person)})
				continue
			}
			for _, t := range nameTokens(np.Person) {
				if !slices.Contains(pw[i].tokens, t) {
					pw[i].tokens = append(pw[i].tokens, t)
				}
			}
		}
	}
	d := actIndexData{id: id, persons: encodePersons(pw)}
	for _, p := range pw {
		for _, t := range p.tokens {
			d.names = append(d.names, wordPosting{t, posting{id, p.role}})
			if ph := Phonetic(t); ph != "" {
				d.sounds = append(d.sounds, wordPosting{ph, posting{id, p.role}})
			}
		}
	}
	d.names, d.sounds = sortWordPostings(d.names), sortWordPostings(d.sounds)
	return d, nil
}

// sortWordPostings sorts pairs by word then posting and drops those
// alike (two words of one name may sound alike).
func sortWordPostings(ps []wordPosting) []wordPosting {
	slices.SortFunc(ps, func(a, b wordPosting) int {
		if c := strings.Compare(a.word, b.word); c != 0 {
			return c
		}
		return comparePostings(a.posting, b.posting)
	})
	return slices.CompactFunc(ps, func(a, b wordPosting) bool { return a.word == b.word && a.posting == b.posting })
}

// eachWord calls fn with each word of ps (sorted) and its pairs.
func eachWord(ps []wordPosting, fn func(word string, ps []posting) error) error {
	var list []posting
	for i, p := range ps {
		list = append(list, p.posting)
		if i == len(ps)-1 || ps[i+1].word != p.word {
			if err := fn(p.word, list); err != nil {
				return err
			}
			list = list[:0]
		}
	}
	return nil
}

// indexAct adds (add) or removes the index entries of an act's people.
func indexAct(tx *bolt.Tx, a *civil.Act, add bool) error {
	d, err := indexData(a)
	if err != nil {
		return err
	}
	names, sounds, persons := tx.Bucket(bucketNames), tx.Bucket(bucketSounds), tx.Bucket(bucketPersons)
	for _, idx := range []struct {
		b  *bolt.Bucket
		ps []wordPosting
	}{{names, d.names}, {sounds, d.sounds}} {
		err := eachWord(idx.ps, func(word string, ps []posting) error {
			if add {
				return addPostings(filled(idx.b), word, ps)
			}
			return removePostings(idx.b, word, ps)
		})
		if err != nil {
			return err
		}
	}
	if add {
		return filled(persons).Put(idKey(d.id), d.persons)
	}
	return persons.Delete(idKey(d.id))
}
