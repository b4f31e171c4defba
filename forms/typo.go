package forms

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"etatcivil/internal/hyphen"
)

// French typography (Lexique des règles typographiques en usage à
// l'Imprimerie nationale): the spaces that must not break a line, words
// cut with a hyphen, and justified lines that are never loose.

const (
	nbsp       = '\u00a0' // espace insécable (justifiante)
	narrowNbsp = '\u202f' // espace fine insécable
)

// months are the names after which a day number must not be separated.
var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// streets are the words of an address that stay with the house number
// before them (« 7 rue du Bourg », « 147 bis avenue »), as a day stays
// with its month.
var streets = []string{"bis", "ter", "rue", "avenue", "allée", "boulevard", "place", "chemin", "impasse", "route", "quai", "cours", "square", "résidence", "lotissement", "sentier", "voie", "passage", "cité", "hameau", "faubourg", "parvis", "esplanade", "promenade", "rond-point", "chaussée", "mail", "venelle", "ruelle"}

// units are words that stay with the number before them.
var units = []string{"ans", "an", "heures", "heure", "h", "minutes", "mm", "cm", "m", "km", "kg", "g", "%", "€", "jours", "jour", "mois"}

// frenchSpaces puts non-breaking spaces where French typography wants
// them: a narrow one before ; ! ? and a word space before : and », after «,
// between a day and its month (« 2 mars », « 1er décembre »), a number and
// its unit (« 45 ans »), « n° » and its number, « art. » and its article,
// and the parts of a date in figures. Existing spaces there are replaced;
// none is added where the text had none, except inside guillemets.
func frenchSpaces(s string) string {
	if !strings.ContainsAny(s, " ;!?:«»") {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs)+4)
	wordBefore := func(i int) string { // the word ending just before index i (a space)
		j := i
		for j > 0 && rs[j-1] != ' ' && rs[j-1] != nbsp {
			j--
		}
		return string(rs[j:i])
	}
	wordAfter := func(i int) string { // the word starting at index i
		j := i
		for j < len(rs) && rs[j] != ' ' && rs[j] != nbsp {
			j++
		}
		return string(rs[i:j])
	}
	for i, r := range rs {
		switch r {
		case '«':
			out = append(out, r)
			if i+1 < len(rs) && rs[i+1] != ' ' && rs[i+1] != nbsp && rs[i+1] != narrowNbsp {
				out = append(out, nbsp)
			}
			continue
		case '»':
			if n := len(out); n > 0 && out[n-1] != ' ' && out[n-1] != nbsp && out[n-1] != narrowNbsp {
				out = append(out, nbsp)
			}
		case ' ':
			if i > 0 && i+1 < len(rs) && keepTogether(rs, i, wordBefore(i), wordAfter(i+1)) {
				if next := rs[i+1]; next == ';' || next == '!' || next == '?' {
					out = append(out, narrowNbsp)
				} else {
					out = append(out, nbsp)
				}
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// keepTogether tells whether the space at rs[i], between the words
// before and after, must not break.
func keepTogether(rs []rune, i int, before, after string) bool {
	next := rs[i+1]
	if next == ';' || next == '!' || next == '?' || next == ':' || next == '»' {
		return true
	}
	if rs[i-1] == '«' {
		return true
	}
	low := strings.ToLower(strings.TrimRight(after, ",.;:)"))
	if isNumber(before) || before == "1er" || before == "premier" {
		for _, m := range months {
			if low == m {
				return true
			}
		}
		for _, u := range units {
			if low == u {
				return true
			}
		}
		for _, w := range streets {
			if low == w {
				return true
			}
		}
	}
	if (before == "bis" || before == "ter") && isNumber(wordBefore2(rs, i)) {
		for _, w := range streets[2:] {
			if low == w {
				return true
			}
		}
	}
	switch strings.ToLower(before) {
	case "n°", "no", "art.", "article", "p.", "m.", "mme", "maître", "me":
		return isNumber(strings.TrimRight(after, ",.;:)")) || before == "M." || before == "Mme" || before == "Maître"
	}
	return false
}

// wordBefore2 returns the word before the one that ends at rs[i] (a
// space): "147" in « 147 bis avenue » seen from the space after « bis ».
func wordBefore2(rs []rune, i int) string {
	j := i
	for j > 0 && rs[j-1] != ' ' && rs[j-1] != nbsp {
		j--
	}
	if j == 0 {
		return ""
	}
	end := j - 1
	k := end
	for k > 0 && rs[k-1] != ' ' && rs[k-1] != nbsp {
		k--
	}
	return string(rs[k:end])
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '-' && r != '/' {
			return false
		}
	}
	return unicode.IsDigit([]rune(s)[0])
}

// Hyphenation (internal/hyphen, Liang's algorithm over the French TeX
// patterns): where a word may be cut at the end of a line, as byte
// offsets. A line first takes whole words; a word that does not fit is cut
// at the last of these points that fits, a compound just after one of its
// own hyphens; only when none fits, inside a part of a compound
// (« SAINT-ÆGI-DIUS »).
var (
	breakPoints       = hyphen.Points
	insideHyphenation = func() hyphen.Hyphenator { h := hyphen.French(); h.InsideCompounds = true; return h }
	breakPointsInside = func(word string) []int { return insideHyphenation().Points(word) }
)

// style is a face at a size, with the distance between baselines.
type style struct {
	font *face
	size float64 // points
	lead float64 // mm between baselines
}

func (s style) width(text string) float64 { return s.font.metrics.Width(text, s.size) }

// spaceWidth is the natural word space, in mm.
func (s style) spaceWidth() float64 { return s.font.metrics.Width(" ", s.size) }

// pieceWidth measures a word that may hold non-breaking spaces: they
// print as gaps, never as glyphs (pdftotext then reads a plain space).
func (s style) pieceWidth(word string) float64 {
	w := 0.0
	for word != "" {
		i := strings.IndexAny(word, "\u00a0\u202f")
		if i < 0 {
			return w + s.width(word)
		}
		w += s.width(word[:i])
		r, n := utf8.DecodeRuneInString(word[i:])
		w += s.gap(r)
		word = word[i+n:]
	}
	return w
}

func (s style) gap(r rune) float64 {
	if r == narrowNbsp {
		return s.size * 0.17 * 25.4 / 72
	}
	return s.spaceWidth()
}

// line is one line of a paragraph: its words, and whether it is
// stretched to the full width.
type line struct {
	words   []string
	width   float64 // natural width, with normal spaces
	justify bool
}

// maxStretch is how much a justified line's word spaces may grow, as a
// multiple of the natural space; a line that would need more is set
// flush left instead (a loose line is worse than a ragged one).
const maxStretch = 1.9

// breakLines cuts text into lines of at most width mm. Words that do not
// fit are cut at a hyphen they hold or at a hyphenation point (with a
// hyphen added); a word longer than a whole line with no such point is
// cut where it must, with a hyphen. The last line is never justified.
func breakLines(text string, s style, width float64, justify bool) []line {
	// Only breakable spaces separate words: strings.Fields would also
	// break at the non-breaking ones.
	words := strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u2009'
	})
	var lines []line
	var cur []string
	curW := 0.0
	sp := s.spaceWidth()
	flush := func(last bool) {
		if len(cur) == 0 {
			return
		}
		l := line{words: cur, width: curW}
		if justify && !last && len(cur) > 1 {
			extra := (width - curW) / float64(len(cur)-1)
			l.justify = extra <= sp*(maxStretch-1)
		}
		lines = append(lines, l)
		cur, curW = nil, 0
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		ww := s.pieceWidth(w)
		need := ww
		if len(cur) > 0 {
			need += sp
		}
		if curW+need <= width+0.01 {
			cur = append(cur, w)
			curW += need
			continue
		}
		// Cut the word so that its head fills the line, when the line
		// would be loose without it (French usage prefers whole words,
		// above all proper names).
		room := width - curW
		if len(cur) > 0 {
			room -= sp
		}
		head, tail := "", w
		if len(cur) == 0 || loose(cur, width-curW, width, sp, justify) {
			head, tail = cut(w, s, room, len(cur) == 0)
		}
		if head != "" {
			if len(cur) > 0 {
				curW += sp
			}
			cur = append(cur, head)
			curW += s.pieceWidth(head)
			flush(false)
			words[i] = tail
			i--
			continue
		}
		flush(false)
		i--
	}
	flush(true)
	return lines
}

// properName tells whether a word starts with a capital: a name, which
// French usage cuts only after a hyphen of its own (« BOURBON-/PARME »,
// never « PE-/TIT »), unless it is wider than a whole line.
func properName(word string) bool {
	for _, r := range word {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// afterHyphens keeps the points that follow a hyphen of the word.
func afterHyphens(word string, pts []int) []int {
	var out []int
	for _, p := range pts {
		if p > 0 && word[p-1] == '-' {
			out = append(out, p)
		}
	}
	return out
}

// loose tells whether a line of words with free mm left over would look
// loose: justified, its spaces would grow by more than 60 %; ragged, it
// would stop short of three quarters of the width.
func loose(words []string, free, width, space float64, justify bool) bool {
	if justify && len(words) > 1 {
		return free/float64(len(words)-1) > 0.6*space
	}
	return free > width/4
}

// cut splits word so that head (with the hyphen to draw) fits in room
// mm; head is "" when no cut fits. When force is set (the word starts a
// line), a word with no point that fits is cut where the line ends, with
// a hyphen.
func cut(word string, s style, room float64, force bool) (head, tail string) {
	for _, points := range []func(string) []int{breakPoints, breakPointsInside} {
		pts := points(word)
		if properName(word) && !force {
			pts = afterHyphens(word, pts)
		}
		for k := len(pts) - 1; k >= 0; k-- {
			line, next := hyphen.Cut(word, pts[k])
			if s.pieceWidth(line) <= room {
				return line, next
			}
		}
	}
	if !force {
		return "", word
	}
	// No point fits a line of its own: cut where the line ends.
	at := 0
	for i := range word {
		if i > 0 && s.pieceWidth(word[:i]+"-") > room {
			break
		}
		at = i
	}
	if at == 0 {
		_, n := utf8.DecodeRuneInString(word)
		at = n
	}
	if at >= len(word) {
		return word, ""
	}
	return word[:at] + "-", word[at:]
}
