// Package hyphen finds where a French word may be broken at the end of a
// printed line, for the line-breaker of the documents (issue 21 §6: words
// were cut without a hyphen, « BOURBON-PA / RME »).
//
// It runs Liang's algorithm (the one of TeX) over the French patterns of
// hyph-utf8, hyph-fr.tex V2.13 (MIT licence, see NOTICE), embedded in the
// binary and parsed once per process on first use. It needs nothing else
// from the project.
//
// # What a point is
//
// A point is a byte offset p into the word as given (not a rune count):
// the line ends with word[:p] and the next line starts with word[p:]. Cut
// returns both halves with the hyphen to draw: one is added unless the word
// already has a hyphen there. Points are ascending and always fall between
// two runes.
//
// # Rules applied on top of the patterns
//
//   - At least LeftMin letters (2) stay on the line and at least RightMin
//     letters (3) go to the next one, French typographic usage: never 1
//     letter at the end of a line, never fewer than 3 at the start of the
//     next. The pattern file itself asks for 2 and 2 (its "hyphenmins"
//     header and LibreOffice's hyph_fr.dic agree); we keep the stricter
//     value on each side. Letters are counted in runes; an accented letter,
//     æ or œ is one letter, an apostrophe or a hyphen is none.
//   - A word or part of a compound with 4 letters or fewer is never broken
//     (« Anne », « Luc », « Lô »), even with smaller minimums.
//   - Capitals are matched case-insensitively (BOURBON as bourbon); the
//     offsets refer to the word as given. Letters followed by combining
//     accents (NFD input) are matched as their composed form and never
//     separated from their accents.
//   - Compound words: a word that has its own hyphens (BOURBON-PARME,
//     LEROY-BEAULIEU, Jean-Baptiste, Saint-Rémy-en-Bouzemont) breaks only
//     just after one of its hyphens, where no hyphen is added. The parts
//     themselves are not hyphenated unless InsideCompounds is set (for a
//     part too wide for its box): then each part is hyphenated as a word of
//     its own, minimums counted within the part. A non-breaking hyphen
//     (U+2011) joins two parts without a point.
//   - Apostrophes (' ’ ʼ): never a break just before or after one
//     (« l'/enfant » is forbidden); after an elided article the minimum is
//     counted from the apostrophe (« l'en-fant », « d'Anaïs » unbroken);
//     the patterns know the elisions (« au-jour-d'hui »).
//   - Numbers and abbreviations are never split: a word with a digit, a
//     period, a superscript letter (« Mᵐᵉ », « 1ᵉʳ »), or any character
//     other than letters, accents, apostrophes and hyphens has no point;
//     neither has a Roman numeral in capitals (« XVIII », « XIXe ») nor,
//     written in capitals, INSEE, CEDEX, OFPRA, CERFA, COMEDEC, SIRET,
//     SIREN, URSSAF, UNESCO or EHPAD. Punctuation and spaces at either
//     end (« (Marne), », « «Chloë» ») are allowed and kept out of the
//     points, except a final period: the word is then taken for an
//     abbreviation (« départ. ») — the cost is that the last word of a
//     sentence is not hyphenated.
//
// A line-breaker should first try to move a whole word to the next line
// (French usage avoids cutting proper names), then the points of Points,
// last those of a Hyphenator with InsideCompounds.
package hyphen

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed hyph-fr.tex
var frenchTeX []byte

const (
	frenchLeftMin  = 2
	frenchRightMin = 3
	// shortest is the fewest letters a word (or a part of a compound) needs
	// to be broken at all.
	shortest = 5
)

// acronyms are abbreviations written in capitals without periods that can
// appear on civil-status documents and are long enough to be hyphenated by
// the patterns; they are never split (keep the package doc in step).
var acronyms = map[string]bool{
	"INSEE": true, "CEDEX": true, "OFPRA": true, "CERFA": true, "COMEDEC": true,
	"SIRET": true, "SIREN": true, "URSSAF": true, "UNESCO": true, "EHPAD": true,
}

// Hyphenator finds break points with one set of patterns and minimums.
// The zero value has no patterns and finds no point; use French, ParseTeX
// or ParseDic. A Hyphenator is a small value, safe for concurrent use;
// copies share the (read-only) patterns.
type Hyphenator struct {
	// LeftMin and RightMin are the fewest letters left on the line before
	// a point and carried to the next line after it (values below 1 count
	// as 1).
	LeftMin, RightMin int
	// CompoundLeftMin and CompoundRightMin are the fewest letters between
	// a compound's own hyphen and a point inside a part (libhyphen's
	// COMPOUNDLEFTHYPHENMIN/COMPOUNDRIGHTHYPHENMIN); only used with
	// InsideCompounds, never below LeftMin and RightMin.
	CompoundLeftMin, CompoundRightMin int
	// InsideCompounds also gives the points inside each part of a
	// hyphenated word, besides those after its hyphens.
	InsideCompounds bool

	pats *patterns
}

var (
	frenchOnce sync.Once
	french     Hyphenator
)

// French returns the French hyphenator: hyph-fr.tex, LeftMin 2, RightMin
// 3, InsideCompounds off. The patterns are parsed on the first call (about
// 1 ms) and shared by every copy.
func French() Hyphenator {
	frenchOnce.Do(func() {
		h, err := ParseTeX(bytes.NewReader(frenchTeX))
		if err != nil {
			// The embedded file is checked by the tests: this cannot happen
			// in a built binary.
			panic("hyphen: embedded hyph-fr.tex: " + err.Error())
		}
		french = h
	})
	return french
}

// Points returns the break points of word with the French hyphenator: byte
// offsets, ascending (nil when the word cannot be broken). See the package
// documentation for the rules.
func Points(word string) []int { return French().Points(word) }

// Pieces returns word cut at every French break point; joined together the
// pieces give word back. « BOURBON-PARME » gives « BOURBON- », « PARME »;
// « officier » gives « of », « fi », « cier ».
func Pieces(word string) []string { return French().Pieces(word) }

// Cut splits word at the point at (one of those returned by Points) into
// the text that ends the line, with the hyphen to draw, and the text that
// starts the next line. No hyphen is added when word[:at] already ends with
// one (« BOURBON- », « PARME »). An offset outside (0, len(word)) or inside
// a rune gives (word, "").
func Cut(word string, at int) (line, next string) {
	if at <= 0 || at >= len(word) || !utf8.RuneStart(word[at]) {
		return word, ""
	}
	head := word[:at]
	if r, _ := utf8.DecodeLastRuneInString(head); r == '-' || r == '\u2010' {
		return head, word[at:]
	}
	return head + "-", word[at:]
}

// Pieces returns word cut at every point of h.Points.
func (h Hyphenator) Pieces(word string) []string {
	pts := h.Points(word)
	out := make([]string, 0, len(pts)+1)
	last := 0
	for _, p := range pts {
		out = append(out, word[last:p])
		last = p
	}
	return append(out, word[last:])
}

// unit kinds
const (
	kLetter = iota
	kApostrophe
	kHyphen // '-' or U+2010: a point may follow it
	kJoiner // U+2011 non-breaking hyphen: separates parts, no point
)

// unit is one letter (with its combining accents), apostrophe or hyphen of
// the word's core.
type unit struct {
	off  int  // byte offset of its first rune in the word
	key  rune // lower-case, composed; '\'' for apostrophes
	kind uint8
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// edge reports whether r may stand before or after a word without being
// part of it (punctuation, quotes, spaces, hyphens and apostrophes).
func edge(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || isApostrophe(r) || r == '\u2010' || r == '\u2011'
}

// Points returns the byte offsets in word where h allows a line break,
// ascending; nil when there is none. See the package documentation.
func (h Hyphenator) Points(word string) []int {
	if h.pats == nil || len(word) < shortest {
		return nil
	}
	var buf [64]unit
	units, ok := h.scan(word, buf[:0])
	if !ok {
		return nil
	}
	lmin, rmin := max(h.LeftMin, 1), max(h.RightMin, 1)
	letters := 0
	for _, u := range units {
		if u.kind == kLetter {
			letters++
		}
	}
	if letters < shortest || letters < lmin+rmin {
		return nil
	}

	var out []int
	compound := false
	start, before := 0, 0 // first unit of the current part; letters before it
	for i := 0; i <= len(units); i++ {
		if i < len(units) && units[i].kind != kHyphen && units[i].kind != kJoiner {
			continue
		}
		part := units[start:i]
		n := countLetters(part)
		if n == 0 {
			return nil // empty part: "--", "-'-"
		}
		last := i == len(units)
		if !last {
			compound = true
		}
		if !compound && last {
			out = h.partPoints(word, part, lmin, rmin, out)
		} else if h.InsideCompounds {
			pl, pr := lmin, rmin
			if start > 0 {
				pl = max(pl, h.CompoundLeftMin)
			}
			if !last {
				pr = max(pr, h.CompoundRightMin)
			}
			out = h.partPoints(word, part, pl, pr, out)
		}
		before += n
		if !last {
			// The point just after the compound's own hyphen.
			if units[i].kind == kHyphen && i+1 < len(units) && units[i+1].kind == kLetter &&
				units[i-1].kind == kLetter && before >= lmin && letters-before >= rmin {
				out = append(out, units[i+1].off)
			}
			start = i + 1
		}
	}
	return out
}

func countLetters(us []unit) int {
	n := 0
	for _, u := range us {
		if u.kind == kLetter {
			n++
		}
	}
	return n
}

// partPoints appends the pattern points of one part (letters and
// apostrophes, no hyphen) to out.
func (h Hyphenator) partPoints(word string, part []unit, lmin, rmin int, out []int) []int {
	n := countLetters(part)
	if n < shortest || n < lmin+rmin {
		return out
	}
	// values[k] is the value before keys[k], keys = '.', part…, '.'.
	var vbuf [72]uint8
	var kbuf [72]rune
	size := len(part) + 2
	values, keys := vbuf[:0], kbuf[:0]
	if size+1 > len(vbuf) {
		values, keys = make([]uint8, 0, size+1), make([]rune, 0, size)
	}
	values = values[:size+1]
	keys = append(keys, '.')
	for _, u := range part {
		keys = append(keys, u.key)
	}
	keys = append(keys, '.')

	exc, isExc := []int(nil), false
	if h.pats.exc != nil {
		exc, isExc = h.pats.exc[string(keys[1:size-1])]
	}
	if isExc {
		for _, b := range exc {
			values[b+1] = 1
		}
	} else {
		p := h.pats
		for i := range keys {
			node := int32(0)
			for j := i; j < len(keys); j++ {
				next, ok := p.step(node, keys[j])
				if !ok {
					break
				}
				node = next
				if v := p.vals[node]; v != nil {
					for k, x := range v {
						if x > values[i+k] {
							values[i+k] = x
						}
					}
				}
			}
		}
	}

	// A point before part[m] has value values[m+1].
	from := 0 // letters since the part's start or its last apostrophe
	after := n
	for m := 1; m < len(part); m++ {
		prev := part[m-1]
		if prev.kind == kLetter {
			from++
			after--
		} else {
			from = 0
		}
		if values[m+1]%2 == 1 && prev.kind == kLetter && part[m].kind == kLetter &&
			from >= lmin && after >= rmin {
			out = append(out, part[m].off)
		}
	}
	return out
}

// scan reads the core of word (without its edge punctuation) into units.
// ok is false when the word must not be broken at all.
func (h Hyphenator) scan(word string, units []unit) ([]unit, bool) {
	lo, hi := 0, len(word)
	for lo < hi {
		r, size := utf8.DecodeRuneInString(word[lo:])
		if r == utf8.RuneError && size <= 1 || !edge(r) {
			break
		}
		lo += size
	}
	for lo < hi {
		r, size := utf8.DecodeLastRuneInString(word[lo:hi])
		if r == utf8.RuneError && size <= 1 || !edge(r) {
			break
		}
		if r == '.' {
			return nil, false // abbreviation (or the last word of a sentence)
		}
		hi -= size
	}
	upper, lower := false, false
	for i := lo; i < hi; {
		r, size := utf8.DecodeRuneInString(word[i:hi])
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'):
			if r <= 'Z' {
				upper = true
				r += 'a' - 'A'
			} else {
				lower = true
			}
			units = append(units, unit{off: i, key: r, kind: kLetter})
		case isApostrophe(r):
			units = append(units, unit{off: i, key: '\'', kind: kApostrophe})
		case r == '-' || r == '\u2010':
			units = append(units, unit{off: i, key: '-', kind: kHyphen})
		case r == '\u2011':
			units = append(units, unit{off: i, key: '-', kind: kJoiner})
		case r == utf8.RuneError && size <= 1:
			return nil, false
		case unicode.Is(unicode.M, r):
			// A combining accent belongs to the letter before it.
			if len(units) == 0 || units[len(units)-1].kind != kLetter {
				return nil, false
			}
			u := &units[len(units)-1]
			end := i + size
			for end < hi {
				r2, s2 := utf8.DecodeRuneInString(word[end:hi])
				if !unicode.Is(unicode.M, r2) {
					break
				}
				end += s2
			}
			composed := norm.NFC.String(word[u.off:end])
			if c, cs := utf8.DecodeRuneInString(composed); cs == len(composed) {
				u.key = unicode.ToLower(c)
			}
			size = end - i
		case unicode.IsLetter(r) && !unicode.Is(unicode.Lm, r):
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				upper = true
			} else {
				lower = true
			}
			units = append(units, unit{off: i, key: unicode.ToLower(r), kind: kLetter})
		default:
			return nil, false // digit, period, symbol, superscript letter…
		}
		i += size
	}
	if len(units) == 0 {
		return nil, false
	}
	if core := word[lo:hi]; upper && (!lower && acronyms[core] || roman(core)) {
		return nil, false
	}
	return units, true
}

// roman reports whether s is a Roman numeral in capitals, optionally
// followed by a French ordinal ending (« XIX », « XIXe », « Ier »).
func roman(s string) bool {
	for _, suf := range [...]string{"ème", "ère", "er", "re", "e"} {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			s = t
			break
		}
	}
	if s == "" || len(s) > 15 { // MMMDCCCLXXXVIII, the longest below 4000
		return false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		x := romanDigit(s[i])
		if x == 0 {
			return false
		}
		if i+1 < len(s) && romanDigit(s[i+1]) > x {
			v -= x
		} else {
			v += x
		}
	}
	if v <= 0 || v >= 4000 {
		return false
	}
	// Canonical form only: « IIII », « IC » or « CIVIL » are not numerals.
	var buf [16]byte
	out := buf[:0]
	for _, p := range [...]struct {
		n int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for v >= p.n {
			out = append(out, p.s...)
			v -= p.n
		}
	}
	return string(out) == s
}

func romanDigit(c byte) int {
	switch c {
	case 'I':
		return 1
	case 'V':
		return 5
	case 'X':
		return 10
	case 'L':
		return 50
	case 'C':
		return 100
	case 'D':
		return 500
	case 'M':
		return 1000
	}
	return 0
}
