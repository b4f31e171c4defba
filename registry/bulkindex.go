package registry

import (
	"bytes"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// bulkIndex gathers the index entries of a big import and puts them in
// key order at the end: bbolt holds every page a transaction touches in
// memory until commit, and keys put out of order land in the middle of
// those pages, shifting them each time.
//
// Entries are grouped by token (the first part of their key) and their
// bytes kept in large chunks without pointers, so that sorting costs the
// number of distinct names, not of entries, and the garbage collector
// has little to scan.
type bulkIndex struct {
	chunks [][]byte
	chunk  int // bytes of each chunk
	tokens map[string]*[]bulkEntry
}

// bulkEntry locates an entry's key suffix ("\x00" act key "\x00" role)
// and its value in the chunks.
type bulkEntry struct {
	sChunk, sOff, sLen uint32
	vChunk, vOff, vLen uint32
}

const bulkChunk = 64 << 20

func newBulkIndex() *bulkIndex { return newBulkIndexSized(bulkChunk) }

// newBulkIndexSized returns a bulkIndex whose chunks hold chunk bytes.
func newBulkIndexSized(chunk int) *bulkIndex {
	return &bulkIndex{chunk: chunk, tokens: map[string]*[]bulkEntry{}}
}

// put copies b into the current chunk and returns where it is.
func (x *bulkIndex) put(b []byte) (chunk, off uint32) {
	if n := len(x.chunks); n == 0 || len(x.chunks[n-1])+len(b) > cap(x.chunks[n-1]) {
		x.chunks = append(x.chunks, make([]byte, 0, max(x.chunk, len(b))))
	}
	c := len(x.chunks) - 1
	off = uint32(len(x.chunks[c]))
	x.chunks[c] = append(x.chunks[c], b...)
	return uint32(c), off
}

// addAll keeps the entries of one act, which should be sorted by key
// (see sortEntries): acts added in key order then leave each name's
// entries in key order, with nothing to sort at the end. The entries of
// one person share their value (the same slice): it is stored once.
func (x *bulkIndex) addAll(es []indexEntry) {
	type stored struct {
		first *byte
		at    bulkEntry
	}
	var values []stored // the values of this act's people, stored
	for _, e := range es {
		i := bytes.IndexByte(e.key, 0)
		token, suffix := e.key[:i], e.key[i:]
		var be bulkEntry
		found := false
		for _, v := range values {
			if len(e.value) > 0 && v.first == &e.value[0] && v.at.vLen == uint32(len(e.value)) {
				be.vChunk, be.vOff, be.vLen, found = v.at.vChunk, v.at.vOff, v.at.vLen, true
				break
			}
		}
		if !found {
			be.vChunk, be.vOff = x.put(e.value)
			be.vLen = uint32(len(e.value))
			if len(e.value) > 0 {
				values = append(values, stored{&e.value[0], be})
			}
		}
		be.sChunk, be.sOff = x.put(suffix)
		be.sLen = uint32(len(suffix))
		list := x.tokens[string(token)]
		if list == nil {
			list = new([]bulkEntry)
			x.tokens[string(token)] = list
		}
		*list = append(*list, be)
	}
}

// sortEntries sorts the entries of one act by key.
func sortEntries(es []indexEntry) {
	slices.SortFunc(es, func(a, b indexEntry) int { return bytes.Compare(a.key, b.key) })
}

// write puts every entry into b in key order.
func (x *bulkIndex) write(b *bolt.Bucket) error {
	tokens := make([]string, 0, len(x.tokens))
	for t := range x.tokens {
		tokens = append(tokens, t)
	}
	slices.Sort(tokens)
	suffix := func(e bulkEntry) []byte { return x.chunks[e.sChunk][e.sOff : e.sOff+e.sLen] }
	cmp := func(a, b bulkEntry) int { return bytes.Compare(suffix(a), suffix(b)) }
	var key []byte
	for _, t := range tokens {
		es := *x.tokens[t]
		if !slices.IsSortedFunc(es, cmp) {
			slices.SortFunc(es, cmp)
		}
		for _, e := range es {
			key = append(append(key[:0], t...), suffix(e)...) // bbolt copies the key
			c := x.chunks[e.vChunk]
			if err := b.Put(key, c[e.vOff:e.vOff+e.vLen:e.vOff+e.vLen]); err != nil {
				return err
			}
		}
	}
	return nil
}
