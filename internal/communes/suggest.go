package communes

import (
	"sort"
	"strings"

	"etatcivil/internal/fold"
)

// MaxSuggestions is the number of names Suggest returns at most when the
// caller asks for none in particular (max <= 0).
const MaxSuggestions = 5

// Suggest returns the communes of the official list whose names are
// closest to nom, a name that Find did not find, best first, at most max
// (MaxSuggestions if max <= 0): « Gravelinnes » gives Gravelines (Nord).
//
// Names are compared folded (accents, case, hyphens and apostrophes do
// not count; « St » and « Ste » are read « Saint » and « Sainte ») by
// their edit distance (a letter added, removed, changed, or two
// neighbours swapped), within 1 for a name of up to 4 letters, 2 up to 8
// and 3 beyond; then come the names that begin with what was typed (3
// letters or more), shortest first, so that a name being typed is
// completed. Ties keep the list's order (by département, then name), a
// commune actuelle before a commune déléguée or associée of the same name.
//
// With a known département (name or code), only its communes are
// proposed; with an empty or unknown one, all of France's. Each call scans
// the embedded list (about 37,600 names) without building anything: it is
// fast enough to run at each key a clerk types (see BENCHMARKS.md).
func Suggest(nom, departement string, max int) []Commune {
	if max <= 0 {
		max = MaxSuggestions
	}
	q := suggestKey(nom)
	if q == "" {
		return nil
	}
	k := 3
	switch {
	case len(q) <= 4:
		k = 1
	case len(q) <= 8:
		k = 2
	}
	lo, hi := 0, len(list)
	if d, ok := Departement(departement); ok {
		lo, hi = deptRange(fold.Key(d))
	}
	type hit struct {
		line  int // byte offset of the line
		score int // distance, or k+1+length for a prefix
	}
	var hits []hit
	var bag [32]int
	for i := 0; i < len(q); i++ {
		bag[q[i]&31]++
	}
	r0, r1, r2 := make([]int, 0, 64), make([]int, 0, 64), make([]int, 0, 64)
	for i := lo; i < hi; {
		end := strings.IndexByte(list[i:hi], '\n')
		if end < 0 {
			end = hi
		} else {
			end += i
		}
		bar := strings.IndexByte(list[i:end], '|') + i
		tab := strings.IndexByte(list[bar:end], '\t') + bar
		name := list[bar+1 : tab] // the list spells Saint and Sainte out
		score := -1
		if diff := len(name) - len(q); diff <= k && diff >= -k && bagDiff(&bag, name) <= 2*k {
			if d := distance(q, name, k, &r0, &r1, &r2); d <= k {
				score = d
			}
		}
		if score < 0 && len(q) >= 3 && strings.HasPrefix(name, q) {
			score = k + 1 + len(name)
		}
		if score >= 0 {
			hits = append(hits, hit{i, score})
		}
		i = end + 1
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score < hits[b].score })
	var out []Commune
	seen := map[string]bool{}
	for _, h := range hits {
		if len(out) == max {
			break
		}
		s, e := lineAt(h.line)
		c := row(list[s:e])
		if seen[c.Departement+"|"+c.Nom] {
			continue
		}
		seen[c.Departement+"|"+c.Nom] = true
		out = append(out, c)
	}
	// Within a name, a commune actuelle first: rows of one name are
	// adjacent in the list, and the dedup above kept the first one, so
	// replace it by the commune actuelle when there is one.
	for i, c := range out {
		if c.Type == "commune-actuelle" {
			continue
		}
		for _, f := range Find(c.Nom, c.Departement) {
			if f.Type == "commune-actuelle" {
				out[i] = f
				break
			}
		}
	}
	return out
}

// suggestKey folds a typed name like the list's keys, with St and Ste
// spelled out.
func suggestKey(nom string) string { return expandSaint(fold.Key(nom)) }

// expandSaint spells out the words st and ste of a folded name.
func expandSaint(k string) string {
	if !strings.Contains(k, "st") {
		return k
	}
	w := strings.Fields(k)
	changed := false
	for i, x := range w {
		switch x {
		case "st":
			w[i], changed = "saint", true
		case "ste":
			w[i], changed = "sainte", true
		}
	}
	if !changed {
		return k
	}
	return strings.Join(w, " ")
}

// deptRange returns the bytes of list holding the lines of a département,
// given by its folded name (the lines are sorted by "département|name").
func deptRange(dept string) (lo, hi int) {
	// The predicates hold from a line's first byte on: the indexes found
	// are line starts (or the end of the list).
	lo = sort.Search(len(list), func(i int) bool {
		s, e := lineAt(i)
		return list[s:e] >= dept+"|"
	})
	hi = sort.Search(len(list), func(i int) bool {
		s, e := lineAt(i)
		return list[s:e] >= dept+"}" // '}' follows '|'
	})
	return lo, hi
}

// bagDiff returns how many bytes of name and of the query (counted in bag,
// by their low 5 bits) are not matched by a byte of the other: each edit
// changes that count by at most 2, so distance >= bagDiff/2, and a name
// with bagDiff > 2k is skipped without computing its distance.
func bagDiff(bag *[32]int, name string) int {
	c := *bag
	for i := 0; i < len(name); i++ {
		c[name[i]&31]--
	}
	d := 0
	for _, v := range c {
		if v < 0 {
			v = -v
		}
		d += v
	}
	return d
}

// distance returns the optimal string alignment distance (Levenshtein plus
// the swap of two neighbours) between a and b, bytes of folded names, or
// k+1 as soon as it must exceed k. The rows are reused between calls.
func distance(a, b string, k int, rowp, prevp, prev2p *[]int) int {
	n := len(b)
	row, prev, prev2 := (*rowp)[:0], (*prevp)[:0], (*prev2p)[:0]
	for j := 0; j <= n; j++ {
		prev = append(prev, j)
		row = append(row, 0)
		prev2 = append(prev2, 0)
	}
	for i := 1; i <= len(a); i++ {
		row[0] = i
		best := row[0]
		for j := 1; j <= n; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, row[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			row[j] = v
			best = min(best, v)
		}
		if best > k {
			*rowp, *prevp, *prev2p = row, prev, prev2
			return k + 1
		}
		prev2, prev, row = prev, row, prev2
	}
	d := prev[n]
	*rowp, *prevp, *prev2p = row, prev, prev2
	return d
}
