package hyphen

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// marked shows the pieces of word joined by "|".
func marked(h Hyphenator, word string) string { return strings.Join(h.Pieces(word), "|") }

// TestTeXReference compares every word of testdata/texref with TeX's own
// hyphenation over the same pattern file (see testdata/texref/README.md),
// in lower case, in capitals and with a capital initial.
func TestTeXReference(t *testing.T) {
	ref := readReference(t)
	if len(ref) < 1000 {
		t.Fatalf("only %d reference words", len(ref))
	}
	h := French()
	for _, r := range ref {
		if got := strings.Join(h.Pieces(r.word), "-"); got != r.want {
			t.Errorf("%s: got %s, TeX gives %s", r.word, got, r.want)
		}
		up := strings.ToUpper(r.word)
		if acronyms[up] {
			continue // CEDEX, EHPAD: never broken in capitals
		}
		if got, want := strings.Join(h.Pieces(up), "-"), strings.ToUpper(r.want); got != want {
			t.Errorf("%s: got %s, want %s", up, got, want)
		}
		first, size := utf8.DecodeRuneInString(r.word)
		title := strings.ToUpper(string(first)) + r.word[size:]
		if got, want := strings.Join(h.Pieces(title), "-"), strings.ToUpper(string(first))+r.want[size:]; got != want {
			t.Errorf("%s: got %s, want %s", title, got, want)
		}
	}
}

type refWord struct{ word, want string }

func readReference(t testing.TB) []refWord {
	data, err := os.ReadFile("testdata/texref/tex-fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []refWord
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		w, want, ok := strings.Cut(line, "\t")
		if !ok || strings.ReplaceAll(want, "-", "") != w {
			t.Fatalf("bad reference line %q", line)
		}
		out = append(out, refWord{w, want})
	}
	return out
}

func TestExamples(t *testing.T) {
	h := French()
	inside := French()
	inside.InsideCompounds = true
	for _, c := range []struct {
		word, want, inside string // pieces joined by "|"; inside "" means same as want
	}{
		// The two words of issue 21 §6 and other compound names: only after
		// their own hyphen; inside the parts, TeX's points (bour-bon,
		// le-roy, beau-lieu; parme is not broken: "me" is under 3 letters).
		{"BOURBON-PARME", "BOURBON-|PARME", "BOUR|BON-|PARME"},
		{"LEROY-BEAULIEU", "LEROY-|BEAULIEU", "LE|ROY-|BEAU|LIEU"},
		{"Jean-Baptiste", "Jean-|Baptiste", "Jean-|Bap|tiste"},
		{"ROCHEFOUCAULD-D'ESTAING", "ROCHEFOUCAULD-|D'ESTAING", "RO|CHE|FOU|CAULD-|D'ES|TAING"},
		{"D'AUVERGNE-LAURAGUAIS", "D'AUVERGNE-|LAURAGUAIS", "D'AU|VERGNE-|LAU|RA|GUAIS"},
		{"Saint-Rémy-en-Bouzemont", "Saint-|Rémy-|en-|Bouzemont", "Saint-|Rémy-|en-|Bou|ze|mont"},
		{"Jean\u2010Baptiste", "Jean\u2010|Baptiste", "Jean\u2010|Bap|tiste"}, // U+2010 HYPHEN
		{"Jean\u2011Baptiste", "Jean\u2011Baptiste", "Jean\u2011Bap|tiste"},   // non-breaking hyphen
		{"Saint-Lô", "Saint-Lô", ""},                                          // 2 letters after the hyphen
		{"Jean--Luc", "Jean--Luc", ""},                                        // not a compound we understand
		// Names with accents, ligatures, capitals (TeX reference).
		{"Anaïs", "Anaïs", ""},
		{"Lefèvre", "Le|fèvre", ""},
		{"LEFÈVRE", "LE|FÈVRE", ""},
		{"Œuvre", "Œuvre", ""},
		{"ŒHLER", "ŒH|LER", ""},
		{"Lætitia", "Læ|ti|tia", ""},
		{"Héloïse", "Hé|loïse", ""},
		{"Éléonore", "Éléo|nore", ""},
		{"Ÿsolde", "Ÿsolde", ""},
		// The same letters with combining accents (NFD): same points,
		// never between a letter and its accent.
		{"Lefe\u0300vre", "Le|fe\u0300vre", ""},
		{"He\u0301loi\u0308se", "He\u0301|loi\u0308se", ""},
		// Apostrophes, straight or typographic; elided articles.
		{"l'enfant", "l'en|fant", ""},
		{"L’ENFANT", "L’EN|FANT", ""},
		{"l'officier", "l'of|fi|cier", ""},
		{"d'éducation", "d'édu|ca|tion", ""},
		{"aujourd'hui", "au|jour|d'hui", ""},
		{"presqu’île", "pres|qu’île", ""},
		{"d'Anaïs", "d'Anaïs", ""},
		{"l'ami", "l'ami", ""},
		// Short words are never broken, numbers and abbreviations neither.
		{"Anne", "Anne", ""},
		{"1204", "1204", ""},
		{"1er", "1er", ""},
		{"2026,", "2026,", ""},
		{"n°", "n°", ""},
		{"Mᵐᵉ", "Mᵐᵉ", ""},
		{"départ.", "départ.", ""},
		{"c.-à-d.", "c.-à-d.", ""},
		{"XVIII", "XVIII", ""},
		{"XIXe", "XIXe", ""},
		{"MMXXVI", "MMXXVI", ""},
		{"INSEE", "INSEE", ""},
		{"CEDEX", "CEDEX", ""},
		{"B12-ter", "B12-ter", ""},
		// Not numerals or acronyms: hyphenated as words.
		{"CIVIL", "CI|VIL", ""},
		{"Cedex", "Ce|dex", ""},
		// Punctuation and spaces around a word stay out of the points.
		{"(Champagne),", "(Cham|pagne),", ""},
		{"«\u00a0mariage\u00a0»", "«\u00a0ma|riage\u00a0»", ""},
		{"naissance;", "nais|sance;", ""},
		{"-mariage-", "-ma|riage-", ""},
		// Invalid or odd input.
		{"", "", ""},
		{"nais\xffsance", "nais\xffsance", ""},
		{"\xff\xfe\xfd\xfc\xfb", "\xff\xfe\xfd\xfc\xfb", ""},
		{"'''''", "'''''", ""},
		{"\u0301\u0301mariage", "\u0301\u0301mariage", ""},
	} {
		if got := marked(h, c.word); got != c.want {
			t.Errorf("%q: got %q, want %q", c.word, got, c.want)
		}
		want := c.inside
		if want == "" {
			want = c.want
		}
		if got := marked(inside, c.word); got != want {
			t.Errorf("%q inside compounds: got %q, want %q", c.word, got, want)
		}
	}
}

// TestShortNamesNeverBroken lowers the minimums to 1 letter: a word of 4
// letters or fewer still has no point.
func TestShortNamesNeverBroken(t *testing.T) {
	h := French()
	h.LeftMin, h.RightMin = 1, 1
	h.InsideCompounds = true
	for _, w := range []string{"Anne", "Jean", "Noël", "Zoé", "Éloi", "LÉA", "Inès", "Jean-Luc", "Marc-Élie"} {
		for _, p := range h.Points(w) {
			if before, _, _ := strings.Cut(w, "-"); !strings.Contains(w, "-") || p != len(before)+1 {
				t.Errorf("%s broken at %d with minimums 1", w, p)
			}
		}
	}
	// With minimums 1 a 5-letter word can be broken closer to its ends,
	// which the French minimums forbid (2 letters after the point).
	if got := marked(h, "Bruno"); got != "Bru|no" {
		t.Errorf("Bruno with minimums 1: got %q", got)
	}
	if got := Pieces("Bruno"); len(got) != 1 {
		t.Errorf("Bruno with French minimums: got %q", got)
	}
}

func TestCut(t *testing.T) {
	for _, c := range []struct {
		word       string
		at         int
		line, next string
	}{
		{"BOURBON-PARME", 8, "BOURBON-", "PARME"},
		{"BOURBON-PARME", 4, "BOUR-", "BON-PARME"},
		{"Lefèvre", 2, "Le-", "fèvre"},
		{"Jean\u2010Baptiste", 7, "Jean\u2010", "Baptiste"},
		{"officier", 0, "officier", ""},
		{"officier", 8, "officier", ""},
		{"officier", -3, "officier", ""},
		{"Lefèvre", 4, "Lefèvre", ""}, // inside the two bytes of è
	} {
		line, next := Cut(c.word, c.at)
		if line != c.line || next != c.next {
			t.Errorf("Cut(%q, %d) = %q, %q; want %q, %q", c.word, c.at, line, next, c.line, c.next)
		}
	}
	// Every point of a real word cuts into a line ending with one hyphen.
	for _, p := range Points("LEROY-BEAULIEU") {
		line, next := Cut("LEROY-BEAULIEU", p)
		if !strings.HasSuffix(line, "-") || strings.HasSuffix(line, "--") || next == "" {
			t.Errorf("Cut at %d: %q / %q", p, line, next)
		}
	}
}

// TestPatternFileMinimums checks that the French minimums are never looser
// than those the pattern file asks for in its header.
func TestPatternFileMinimums(t *testing.T) {
	left, right := 0, 0
	in := false
	for _, line := range strings.Split(string(frenchTeX), "\n") {
		s := strings.TrimSpace(strings.TrimPrefix(line, "%"))
		switch {
		case strings.HasPrefix(s, "hyphenmins:"):
			in = true
		case in && strings.HasPrefix(s, "left:"):
			left, _ = strconv.Atoi(strings.TrimSpace(s[len("left:"):]))
		case in && strings.HasPrefix(s, "right:") && right == 0:
			right, _ = strconv.Atoi(strings.TrimSpace(s[len("right:"):]))
		}
	}
	if left == 0 || right == 0 {
		t.Fatal("no hyphenmins in the header of hyph-fr.tex")
	}
	h := French()
	if h.LeftMin < left || h.RightMin < right {
		t.Errorf("minimums %d/%d looser than the file's %d/%d", h.LeftMin, h.RightMin, left, right)
	}
	if h.LeftMin != 2 || h.RightMin != 3 {
		t.Errorf("French minimums %d/%d, want 2/3", h.LeftMin, h.RightMin)
	}
	if !bytes.Contains(frenchTeX, []byte("name: MIT")) {
		t.Error("the embedded pattern file no longer says it is under the MIT licence")
	}
}

func TestZeroHyphenator(t *testing.T) {
	var h Hyphenator
	if p := h.Points("officier"); p != nil {
		t.Errorf("zero Hyphenator found %v", p)
	}
	if got := h.Pieces("officier"); len(got) != 1 || got[0] != "officier" {
		t.Errorf("zero Hyphenator pieces %q", got)
	}
}

func TestParseTeX(t *testing.T) {
	src := `% a comment \patterns{x1y}
\patterns{
1ba 1be % comment
.ta2b
}
\hyphenation{ta-ble-au  Bé-bé}
`
	h, err := ParseTeX(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	h.LeftMin, h.RightMin = 1, 1
	for _, c := range []struct{ word, want string }{
		{"abababa", "a|ba|ba|ba"},
		{"tabab", "tabab"},       // ".ta2b" overrides "1ba" at the start
		{"tableau", "ta|ble|au"}, // exception
		{"TABLEAU", "TA|BLE|AU"}, // exceptions are matched case-insensitively
		{"bébés", "bébés"},       // exception given in capitals, other word
		{"xxyxx", "xxyxx"},       // the commented-out pattern is not loaded
	} {
		if got := marked(h, c.word); got != c.want {
			t.Errorf("%s: got %q, want %q", c.word, got, c.want)
		}
	}
	for _, bad := range []string{
		`no patterns here`,
		`\patterns{1ba`,
		`\patterns{1b22a}`,
		`\patterns{b.a}`,
		`\patterns{1b@}`,
		`\patterns{12}`,
		`\patterns{1ba} \hyphenation{-ab}`,
		`\patterns{1ba} \hyphenation{a--b}`,
		`\patterns{1ba} \hyphenation{ab-}`,
		`\patterns{1ba} \hyphenation{a1b}`,
		"\\patterns{1b\xffa}",
	} {
		if _, err := ParseTeX(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseTeX(%q) accepted", bad)
		}
	}
}

func TestParseDic(t *testing.T) {
	// Latin-1: "1ç" is the bytes '1', 0xE7. Minimums from the file (never
	// below the French ones), a compound level declaring the hyphen only,
	// a comment, NOHYPHEN.
	latin := "ISO8859-1\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 4\nCOMPOUNDLEFTHYPHENMIN 4\n1-1\nNEXTLEVEL\n% comment\nNOHYPHEN -\n1b\n1\xe7\n"
	h, err := ParseDic(strings.NewReader(latin))
	if err != nil {
		t.Fatal(err)
	}
	if h.LeftMin != 2 || h.RightMin != 4 || h.CompoundLeftMin != 4 {
		t.Errorf("minimums %d/%d/%d, want 2 (never below French), 4, 4", h.LeftMin, h.RightMin, h.CompoundLeftMin)
	}
	// Breaks before b and ç, at least 2 letters before and 4 after.
	if got := marked(h, "abaçabaçab"); got != "aba|ça|baçab" {
		t.Errorf("got %q", got)
	}
	// Inside the second part, at least 4 letters after the hyphen.
	h.InsideCompounds = true
	if got := marked(h, "abaçabaçab-abaçabaçab"); got != "aba|ça|baçab-|abaça|baçab" {
		t.Errorf("compound: got %q", got)
	}

	// UTF-8 with a byte-order mark, no NEXTLEVEL, French minimums.
	h, err = ParseDic(strings.NewReader("\ufeffUTF-8\n1b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := marked(h, "abababa"); got != "aba|baba" {
		t.Errorf("utf-8: got %q", got)
	}

	for _, c := range []struct {
		src  string
		want error
	}{
		{"", nil},
		{"KLINGON\n1b\n", nil},
		{"UTF-8\nLEFTHYPHENMIN two\n", nil},
		{"UTF-8\nLEFTHYPHENMIN\n", nil},
		{"UTF-8\n1ba\nNEXTLEVEL\n1b\n", ErrCompoundLevel},
		{"UTF-8\nNEXTLEVEL\n1b\nNEXTLEVEL\n", nil},
		{"UTF-8\nNEXTLEVEL\nf1f/ff=f,1,2\n", nil},
		{"UTF-8\nNEXTLEVEL\n1b 1c\n", nil},
		{"UTF-8\nNEXTLEVEL\n1\xe9\n", nil},
		{"UTF-8\nNEXTLEVEL\n1b22\n", nil},
	} {
		_, err := ParseDic(strings.NewReader(c.src))
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("ParseDic(%q): err = %v, want %v", c.src, err, c.want)
		}
	}
}

// TestDicReference reads LibreOffice's hyph_fr.dic when it is installed
// (Debian package hyphen-fr) and checks it against the same reference:
// pyphen over that file gave exactly the TeX results (see
// testdata/texref/README.md). The file is LGPL and is not shipped.
func TestDicReference(t *testing.T) {
	f, err := os.Open("/usr/share/hyphen/hyph_fr.dic")
	if err != nil {
		t.Skip("hyph_fr.dic is not installed:", err)
	}
	defer f.Close()
	h, err := ParseDic(f)
	if err != nil {
		t.Fatal(err)
	}
	if h.LeftMin != 2 || h.RightMin != 3 {
		t.Errorf("minimums %d/%d", h.LeftMin, h.RightMin)
	}
	for _, r := range readReference(t) {
		if got := strings.Join(h.Pieces(r.word), "-"); got != r.want {
			t.Errorf("%s: got %s, want %s", r.word, got, r.want)
		}
	}
}

// TestInvariantsOnReference checks the fuzz invariants on every reference
// word, alone and glued into compounds.
func TestInvariantsOnReference(t *testing.T) {
	ref := readReference(t)
	for i, r := range ref {
		checkInvariants(t, r.word)
		checkInvariants(t, r.word+"-"+ref[(i+7)%len(ref)].word)
		checkInvariants(t, strings.ToUpper(r.word)+"-"+ref[(i+3)%len(ref)].word+"-"+r.word)
	}
}
