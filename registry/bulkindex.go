package registry

import (
	"slices"

	bolt "go.etcd.io/bbolt"
)

// bulkIndex gathers the index pairs of the acts of an import (or a
// migration) and merges them into the posting lists at the end, word by
// word in order (see addPostings): each block is then written once per
// transaction instead of once per act, and bbolt's pages are touched in
// key order.
type bulkIndex struct {
	words map[string][]posting
	roles map[string]string // one copy of each role's string
}

func newBulkIndex() *bulkIndex {
	return &bulkIndex{words: map[string][]posting{}, roles: map[string]string{}}
}

// addAll keeps the pairs of one act.
func (x *bulkIndex) addAll(ps []wordPosting) {
	for _, p := range ps {
		role, ok := x.roles[p.role]
		if !ok {
			role = p.role
			x.roles[role] = role
		}
		x.words[p.word] = append(x.words[p.word], posting{p.id, role})
	}
}

// write merges every pair into b, word by word in order.
func (x *bulkIndex) write(b *bolt.Bucket) error {
	words := make([]string, 0, len(x.words))
	for w := range x.words {
		words = append(words, w)
	}
	slices.Sort(words)
	for _, w := range words {
		ps := x.words[w]
		if !slices.IsSortedFunc(ps, comparePostings) {
			slices.SortFunc(ps, comparePostings)
		}
		ps = slices.CompactFunc(ps, func(a, b posting) bool { return a == b })
		if err := addPostings(b, w, ps); err != nil {
			return err
		}
	}
	return nil
}
