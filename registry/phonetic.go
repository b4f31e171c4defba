package registry

import (
	"strings"

	"etatcivil/internal/fold"
)

// phoneticRules rewrite French spellings that sound alike into one form.
// They are applied in order to an upper-case word without accents.
var phoneticRules = strings.NewReplacer(
	"EAUX", "O", "EAU", "O", "AUX", "O", "AU", "O",
	// the "ch" sound is written C, which no other rule outputs
	"SCH", "C", "CHR", "KR", "CH", "C", "SH", "C",
	"PH", "F", "TH", "T", "GH", "G",
	"QU", "K", "CK", "K", "Q", "K",
	"BV", "V", "W", "V", "Z", "S", "X", "KS", "Y", "I",
	"OU", "U", "OE", "E", "UE", "U", "AE", "E",
	"EI", "E", "AI", "E",
	"GUE", "GE", "GUI", "GI",
	"CE", "SE", "CI", "SI", "GE", "JE", "GI", "JI",
	"C", "K", "H", "",
)

// Phonetic returns a French phonetic key of one word: words that a clerk
// would hear the same ("Lefèbvre" and "Lefevre", "Muller" and "Mueller",
// "Philippe" and "Filipe") share a key. The first letter's sound is kept,
// other vowels are dropped, doubled letters merged and silent endings cut.
func Phonetic(word string) string {
	w := strings.ToUpper(fold.Accents(word))
	var b strings.Builder
	for _, r := range w {
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	w = phoneticRules.Replace(b.String())
	if w == "" {
		return ""
	}
	// silent endings: -S, -T, -D, -X (now KS), -E, -ENT is kept as written
	for len(w) > 2 {
		last := w[len(w)-1]
		if last == 'S' || last == 'T' || last == 'D' || last == 'E' {
			w = w[:len(w)-1]
			continue
		}
		break
	}
	out := []byte{vowelClass(w[0])}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if isVowel(c) {
			continue
		}
		if c == out[len(out)-1] {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

func isVowel(c byte) bool { return strings.IndexByte("AEIOU", c) >= 0 }

// vowelClass keeps a leading consonant and folds any leading vowel to A,
// so that "Émile" and "Amile" do not differ by their first vowel only.
func vowelClass(c byte) byte {
	if isVowel(c) {
		return 'A'
	}
	return c
}
