package hyphen

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkInvariants checks, for the French hyphenator with and without
// InsideCompounds, what must hold for any input:
//   - points ascend strictly, lie in (0, len(word)) and start a rune;
//   - the pieces join back to the word, and Cut at each point gives back
//     the word once the added hyphen is removed;
//   - at least LeftMin letters before each point and RightMin after it;
//   - no point next to an apostrophe, none in a word with a digit, none
//     in a word of 4 letters or fewer;
//   - in a compound (a hyphen inside the word, not at its ends), Points
//     only gives points just after a hyphen.
func checkInvariants(t testing.TB, word string) {
	t.Helper()
	fr := French()
	inside := fr
	inside.InsideCompounds = true
	hasDigit := strings.IndexFunc(word, unicode.IsDigit) >= 0
	letters := 0
	for _, r := range word {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	for _, h := range []Hyphenator{fr, inside} {
		pts := h.Points(word)
		if len(pts) > 0 && (hasDigit || letters < shortest) {
			t.Fatalf("%q (inside %v): points %v in a number or a short word", word, h.InsideCompounds, pts)
		}
		last := 0
		for _, p := range pts {
			if p <= last || p >= len(word) || !utf8.RuneStart(word[p]) {
				t.Fatalf("%q: bad point %d in %v", word, p, pts)
			}
			last = p
			before, after := countLetterRunes(word[:p]), countLetterRunes(word[p:])
			if before < h.LeftMin || after < h.RightMin {
				t.Fatalf("%q: point %d leaves %d letters before, %d after", word, p, before, after)
			}
			r1, _ := utf8.DecodeLastRuneInString(word[:p])
			r2, _ := utf8.DecodeRuneInString(word[p:])
			if isApostrophe(r1) || isApostrophe(r2) {
				t.Fatalf("%q: point %d next to an apostrophe", word, p)
			}
			if unicode.Is(unicode.M, r2) {
				t.Fatalf("%q: point %d separates an accent from its letter", word, p)
			}
			if !h.InsideCompounds && strings.ContainsAny(strings.TrimFunc(word, edge), "-\u2010\u2011") && r1 != '-' && r1 != '\u2010' {
				t.Fatalf("%q: point %d inside a part of a compound", word, p)
			}
			line, next := Cut(word, p)
			if next != word[p:] || (line != word[:p] && line != word[:p]+"-") {
				t.Fatalf("%q: Cut at %d gave %q, %q", word, p, line, next)
			}
		}
		if joined := strings.Join(h.Pieces(word), ""); joined != word {
			t.Fatalf("%q: pieces join to %q", word, joined)
		}
	}
}

func countLetterRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Lm, r) {
			n++
		}
	}
	return n
}

func FuzzPoints(f *testing.F) {
	for _, s := range []string{
		"BOURBON-PARME", "LEROY-BEAULIEU", "Jean-Baptiste", "Anaïs", "Lefèvre", "Œuvre",
		"l'enfant", "L’ENFANT", "aujourd'hui", "presqu’île", "Lefe\u0300vre",
		"Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson", "ROCHEFOUCAULD-D'ESTAING",
		"(Champagne),", "«\u00a0mariage\u00a0»", "XIXe", "INSEE", "1204", "c.-à-d.",
		"Jean\u2011Baptiste", "nais\xffsance", "\u0301\u0301", "''-''", "--", "a-b-c-d-e-f",
		"constitutionnellement", "ﬁnancière", "İSTANBUL", "ǅemal", "ΣΟΦΙΑ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		checkInvariants(t, word)
	})
}

// actText is the body of a marriage act as the documents print it (from
// shared/cases/documents/06): the words a line-breaker hyphenates.
const actText = `Le vingt-huit novembre deux mille vingt-six, à quinze heures trente, en
la mairie de Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson (Marne), devant nous,
Marie-Hélène, Éléonore DE LA ROCHEFOUCAULD-D'ESTAING, maire, officier de l'état civil, ont
comparu publiquement : Marie-Æmilia, Bérénice, Clothilde DE LA TOUR D'AUVERGNE-LAURAGUAIS,
conseillère principale d'éducation, née le 3 février 1991 à Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson
(Marne), demeurant appartement 1204, bâtiment B, résidence des Grands-Chênes, 147 bis avenue du
Général-de-Gaulle, Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson (Marne), fille d'Henri-Charles
DE LA TOUR D'AUVERGNE-LAURAGUAIS et de Béatrice SAINT-ÆGIDIUS ; et Chloé, Ÿsolde ŒHLER, architecte,
née le 8 juillet 1990 à Vitry-le-François (Marne), demeurant appartement 1204, bâtiment B,
résidence des Grands-Chênes, 147 bis avenue du Général-de-Gaulle, fille de Jean-Christophe ŒHLER
et d'Anne LÆTITIA-MOREAU. Les bans ont été publiés le 10 novembre 2026. Les époux ont déclaré
qu'un contrat de mariage a été reçu le 12 octobre 2026 par Maître Anne-Sophie
GARNIER-DE-MONTESQUIOU, notaire associée à Châlons-en-Champagne (Marne). Chacun d'eux a déclaré,
l'un après l'autre, vouloir prendre l'autre pour époux, et nous avons prononcé, au nom de la loi,
qu'ils sont unis par le mariage. En présence d'Inès, Marie LEROY-BEAULIEU, architecte, demeurant
5 rue Pasteur, Châlons-en-Champagne (Marne) ; d'Hugo MOREAU, professeur agrégé, demeurant
2 allée des Tilleuls, Reims (Marne) ; de Chloé FONTAINE, infirmière, demeurant 11 rue de Lille,
Épernay (Marne) ; et de Pieter-Jan VAN DEN BERGHE, ingénieur, demeurant Grote Markt 1, Gent
(Belgique), témoins majeurs. Lecture faite, les époux et les témoins ont signé avec nous.`

// BenchmarkPoints measures Points on every word of a typical act, once
// the patterns are loaded; the figure is per word.
func BenchmarkPoints(b *testing.B) {
	words := strings.Fields(actText)
	French()
	h := French()
	h.InsideCompounds = true
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := words[i%len(words)]
		_ = h.Points(w)
	}
}

// BenchmarkParse measures the one-time cost of reading the embedded
// patterns (paid once per process, on first use).
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseTeX(strings.NewReader(string(frenchTeX))); err != nil {
			b.Fatal(err)
		}
	}
}
