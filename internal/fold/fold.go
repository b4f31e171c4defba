// Package fold reduces names to a comparable form: accents removed,
// lower case, ligatures spelled out, hyphens and apostrophes turned into
// spaces. "LEFÈVRE-Durand" and "lefevre durand" fold the same.
package fold

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var ligatures = strings.NewReplacer("œ", "oe", "Œ", "OE", "æ", "ae", "Æ", "AE", "ß", "ss")

var (
	mu    sync.RWMutex
	cache = map[rune]string{}
)

// strip returns r without its diacritics, as a string (ligatures spelled
// out), decomposing it once with Unicode NFD and caching the result.
func strip(r rune) string {
	mu.RLock()
	s, ok := cache[r]
	mu.RUnlock()
	if ok {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, err := transform.String(t, ligatures.Replace(string(r)))
	if err != nil {
		s = string(r)
	}
	mu.Lock()
	cache[r] = s
	mu.Unlock()
	return s
}

// Accents removes diacritics and spells out ligatures, keeping case:
// "Zoé MÜLLER" gives "Zoe MULLER".
func Accents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
		} else {
			b.WriteString(strip(r))
		}
	}
	return b.String()
}

// Key folds s for comparison: no accents, lower case, every run of
// characters other than letters and digits turned into one space, trimmed.
func Key(s string) string {
	s = strings.ToLower(Accents(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// Words splits the folded form of s into its words.
func Words(s string) []string {
	return strings.Fields(Key(s))
}

// Equal tells whether a and b are the same once folded.
func Equal(a, b string) bool {
	return Key(a) == Key(b)
}

var apostrophes = strings.NewReplacer("\u2019", "'", "\u02bc", "'", "\u2018", "'")

// Name puts a name typed or pasted from elsewhere in its canonical form:
// Unicode NFC (a letter and its combining accent become one character)
// and the typographic apostrophe ’ written '.
func Name(s string) string {
	return apostrophes.Replace(norm.NFC.String(s))
}

// french collates the way French tables are sorted: accents, case and
// ligatures do not count (É sorts with E, Œ with OE).
// A collator is not safe for concurrent use: frenchMu guards it.
var (
	french   = collate.New(language.French, collate.Loose)
	frenchMu sync.Mutex
)

// SortKey returns a key that sorts s the French way (see french): keys
// compare as byte strings.
func SortKey(s string) string {
	frenchMu.Lock()
	defer frenchMu.Unlock()
	var buf collate.Buffer
	return string(french.KeyFromString(&buf, s))
}
