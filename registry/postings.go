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
	n, w := binary.Uvarint(v)
	if w <= 0 || n > 1<<16 {
		return out, errBlock
	}
	v = v[w:]
	roles := make([]string, n)
	for i := range roles {
		l, w := binary.Uvarint(v)
		if w <= 0 || uint64(len(v)-w) < l {
			return out, errBlock
		}
		roles[i], v = string(v[w:w+int(l)]), v[w+int(l):]
	}
	id := base
	for len(v) > 0 {
		d, w := binary.Uvarint(v)
		if w <= 0 {
			return out, errBlock
		}
		r, w2 := binary.Uvarint(v[w:])
		if w2 <= 0 || r >= uint64(len(roles)) {
			return out, errBlock
		}
		v = v[w+w2:]
		id += d
		out = append(out, posting{id, roles[r]})
	}
	return out, nil
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
		key, val, next := blockFor(c, word, add[0].id)
		var held []posting
		base := add[0].id
		if key != nil {
			var err error
			_, base, _ = splitBlockKey(key)
			if held, err = decodeBlock(base, val, nil); err != nil {
				return &IntegrityError{[]string{fmt.Sprintf("index, mot « %s » : %v", word, err)}}
			}
			key = bytes.Clone(key)
		}
		n := len(add)
		for i, p := range add {
			if p.id >= next {
				n = i
				break
			}
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
		key, val, next := blockFor(c, word, del[0].id)
		if key == nil {
			return nil
		}
		_, base, _ := splitBlockKey(key)
		held, err := decodeBlock(base, val, nil)
		if err != nil {
			return &IntegrityError{[]string{fmt.Sprintf("index, mot « %s » : %v", word, err)}}
		}
		key = bytes.Clone(key)
		n := len(del)
		for i, p := range del {
			if p.id >= next {
				n = i
				break
			}
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
