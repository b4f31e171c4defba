package hyphen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// patterns is a compiled set of Liang patterns: a trie over lower-case
// runes whose nodes carry the inter-letter values of the pattern that ends
// there. A period stands for a word boundary and the ASCII apostrophe for
// every apostrophe (' ’ ʼ).
type patterns struct {
	child map[uint64]int32 // node<<32 | rune → child node
	vals  [][]uint8        // per node: nil, or len(letters)+1 values
	exc   map[string][]int // exceptions: lower-case word → rune counts before each break
	// dense repeats child for a–z, '\'' and '.' (denseSlots per node, 0
	// for none: the root is nobody's child), built by finish when there
	// are fewer than 65,536 nodes (French: 3,049, 170 KB); Points is about a
	// third faster with it.
	dense []uint16
	arena []uint8 // backing store of vals while parsing
}

const denseSlots = 28

func slot(r rune) int {
	switch {
	case 'a' <= r && r <= 'z':
		return int(r - 'a')
	case r == '\'':
		return 26
	case r == '.':
		return 27
	}
	return -1
}

// finish builds the dense table once every pattern is in.
func (p *patterns) finish() {
	p.dense, p.arena = nil, nil
	if len(p.vals) >= 1<<16 {
		return
	}
	p.dense = make([]uint16, len(p.vals)*denseSlots)
	for k, n := range p.child {
		if s := slot(rune(uint32(k))); s >= 0 {
			p.dense[int(k>>32)*denseSlots+s] = uint16(n)
		}
	}
}

// newPatterns makes an empty trie sized for about n patterns.
func newPatterns(n int) *patterns {
	return &patterns{child: make(map[uint64]int32, 3*n), vals: append(make([][]uint8, 0, 3*n), nil)}
}

func (p *patterns) step(node int32, r rune) (int32, bool) {
	if s := slot(r); s >= 0 && p.dense != nil {
		n := p.dense[int(node)*denseSlots+s]
		return int32(n), n != 0
	}
	n, ok := p.child[uint64(node)<<32|uint64(uint32(r))]
	return n, ok
}

// add inserts one pattern such as "a1b2r" or ".ab3réa". Two patterns with
// the same letters merge by taking the larger value at each place, which is
// what Liang's algorithm would do with both.
func (p *patterns) add(pat string) error {
	if !utf8.ValidString(pat) {
		return errors.New("pattern is not valid UTF-8")
	}
	var lbuf [32]rune
	var vbuf [33]uint8
	letters, vals := lbuf[:0], append(vbuf[:0], 0)
	digitLast := false
	for i, r := range pat {
		switch {
		case r >= '0' && r <= '9':
			if digitLast {
				return fmt.Errorf("pattern %q: two digits in a row", pat)
			}
			vals[len(vals)-1] = uint8(r - '0')
			digitLast = true
			continue
		case r == '.':
			if i != 0 && i != len(pat)-1 {
				return fmt.Errorf("pattern %q: '.' inside a pattern", pat)
			}
		case isApostrophe(r):
			r = '\''
		case r == '-' || unicode.IsLetter(r):
			r = unicode.ToLower(r)
		default:
			return fmt.Errorf("pattern %q: unexpected character %q", pat, r)
		}
		digitLast = false
		letters = append(letters, r)
		vals = append(vals, 0)
	}
	if len(letters) == 0 {
		return fmt.Errorf("pattern %q has no letter", pat)
	}
	node := int32(0)
	for _, r := range letters {
		next, ok := p.step(node, r)
		if !ok {
			next = int32(len(p.vals))
			p.vals = append(p.vals, nil)
			p.child[uint64(node)<<32|uint64(uint32(r))] = next
		}
		node = next
	}
	if old := p.vals[node]; old != nil {
		for i := range vals {
			vals[i] = max(vals[i], old[i])
		}
	}
	for _, v := range vals {
		if v != 0 {
			// One arena for every pattern's values.
			if cap(p.arena)-len(p.arena) < len(vals) {
				p.arena = make([]uint8, 0, max(4096, len(vals)))
			}
			start := len(p.arena)
			p.arena = append(p.arena, vals...)
			p.vals[node] = p.arena[start:len(p.arena):len(p.arena)]
			break
		}
	}
	return nil
}

// addException records a TeX \hyphenation entry such as "ta-ble".
func (p *patterns) addException(word string) error {
	if !utf8.ValidString(word) {
		return errors.New("exception is not valid UTF-8")
	}
	var key []rune
	var breaks []int
	for _, r := range word {
		if r == '-' {
			if len(key) == 0 || (len(breaks) > 0 && breaks[len(breaks)-1] == len(key)) {
				return fmt.Errorf("exception %q: misplaced hyphen", word)
			}
			breaks = append(breaks, len(key))
			continue
		}
		if isApostrophe(r) {
			r = '\''
		} else if !unicode.IsLetter(r) {
			return fmt.Errorf("exception %q: unexpected character %q", word, r)
		}
		key = append(key, unicode.ToLower(r))
	}
	if len(breaks) > 0 && breaks[len(breaks)-1] == len(key) {
		return fmt.Errorf("exception %q: misplaced hyphen", word)
	}
	if p.exc == nil {
		p.exc = map[string][]int{}
	}
	p.exc[string(key)] = breaks
	return nil
}

// ParseTeX reads a TeX pattern file such as hyph-fr.tex: the patterns between
// "\patterns{" and the closing "}", and the words of an optional
// "\hyphenation{…}" (exceptions, hyphenated by hand). '%' starts a comment to
// the end of the line. The result has this package's French hyphen
// minimums (2 and 3) and InsideCompounds off; set them as needed.
func ParseTeX(r io.Reader) (Hyphenator, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Hyphenator{}, err
	}
	// Blank out comments (to the end of their line) in place.
	for i := 0; i < len(data); i++ {
		if data[i] == '%' {
			for ; i < len(data) && data[i] != '\n'; i++ {
				data[i] = ' '
			}
		}
	}
	text := string(data)
	p := newPatterns(strings.Count(text, "\n"))
	found := false
	for _, cmd := range []string{`\patterns{`, `\hyphenation{`} {
		rest := text
		for {
			i := strings.Index(rest, cmd)
			if i < 0 {
				break
			}
			rest = rest[i+len(cmd):]
			j := strings.IndexByte(rest, '}')
			if j < 0 {
				return Hyphenator{}, fmt.Errorf("%s has no closing brace", cmd)
			}
			for _, f := range strings.Fields(rest[:j]) {
				if cmd == `\patterns{` {
					err = p.add(f)
				} else {
					err = p.addException(f)
				}
				if err != nil {
					return Hyphenator{}, err
				}
			}
			if cmd == `\patterns{` {
				found = true
			}
			rest = rest[j+1:]
		}
	}
	if !found {
		return Hyphenator{}, errors.New(`no \patterns{…} in the file`)
	}
	p.finish()
	return Hyphenator{LeftMin: frenchLeftMin, RightMin: frenchRightMin, pats: p}, nil
}

// ErrCompoundLevel is returned by ParseDic for a file whose first level
// (the patterns before NEXTLEVEL) holds patterns other than the declaration
// of hyphens and apostrophes as word boundaries: this package splits
// compounds at their hyphens itself and does not run libhyphen's recursive
// compound-level patterns.
var ErrCompoundLevel = errors.New("compound-level patterns (before NEXTLEVEL) are not supported")

// ParseDic reads a hyphenation dictionary in the format of libhyphen
// (LibreOffice's hyph_*.dic):
//   - the first line names the character set: UTF-8, ISO8859-1 … ISO8859-16,
//     KOI8-R, KOI8-U or microsoft-cp1250 … microsoft-cp1258;
//   - lines starting with '%' or '#', and empty lines, are comments;
//   - LEFTHYPHENMIN, RIGHTHYPHENMIN, COMPOUNDLEFTHYPHENMIN and
//     COMPOUNDRIGHTHYPHENMIN give minimums in letters (the larger value wins
//     when a keyword comes twice, 0 means 2 as in libhyphen); they never
//     lower this package's French minimums (2 and 3);
//   - NOHYPHEN is accepted and has nothing to do: hyphens and apostrophes
//     never get an extra hyphen here;
//   - NEXTLEVEL separates compound-level patterns from word-level ones: the
//     first level may only declare hyphens and apostrophes as boundaries
//     ("1-1", "1'1", "1’1", "1–1"), else ErrCompoundLevel;
//   - a pattern with a non-standard replacement ("ff1f/f=f,1,2") is refused.
//
// Patterns that contain '-' (LibreOffice's way of treating hyphenated words)
// never match here, since words are split at their hyphens before Liang's
// algorithm runs.
func ParseDic(r io.Reader) (Hyphenator, error) {
	br := bufio.NewReader(r)
	first, err := br.ReadString('\n')
	if err != nil && (err != io.EOF || first == "") {
		return Hyphenator{}, errors.New("empty dictionary: the first line must name the character set")
	}
	charset := strings.TrimSpace(strings.TrimPrefix(first, "\ufeff"))
	var dec *encoding.Decoder
	if !strings.EqualFold(charset, "UTF-8") {
		cm := dicCharmap(charset)
		if cm == nil {
			return Hyphenator{}, fmt.Errorf("unsupported character set %q on the first line", charset)
		}
		dec = cm.NewDecoder()
	}
	h := Hyphenator{LeftMin: frenchLeftMin, RightMin: frenchRightMin, pats: newPatterns(1024)}
	nextLevel := false
	firstLevel := []string{}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 2; sc.Scan(); n++ {
		raw := sc.Bytes()
		if dec != nil {
			raw, err = dec.Bytes(raw)
			if err != nil {
				return Hyphenator{}, fmt.Errorf("line %d: %v", n, err)
			}
		} else if !utf8.Valid(raw) {
			return Hyphenator{}, fmt.Errorf("line %d is not valid UTF-8", n)
		}
		line := strings.TrimSpace(string(raw))
		if line == "" || line[0] == '%' || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		switch fields[0] {
		case "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN":
			if len(fields) != 2 {
				return Hyphenator{}, fmt.Errorf("line %d: %s needs one number", n, fields[0])
			}
			v, err := strconv.Atoi(fields[1])
			if err != nil || v < 0 || v > 64 {
				return Hyphenator{}, fmt.Errorf("line %d: %s %q is not a small number", n, fields[0], fields[1])
			}
			switch fields[0] {
			case "LEFTHYPHENMIN":
				h.LeftMin = max(h.LeftMin, v)
			case "RIGHTHYPHENMIN":
				h.RightMin = max(h.RightMin, v)
			case "COMPOUNDLEFTHYPHENMIN":
				h.CompoundLeftMin = max(h.CompoundLeftMin, v)
			case "COMPOUNDRIGHTHYPHENMIN":
				h.CompoundRightMin = max(h.CompoundRightMin, v)
			}
			continue
		case "NOHYPHEN":
			continue
		case "NEXTLEVEL":
			if nextLevel {
				return Hyphenator{}, fmt.Errorf("line %d: NEXTLEVEL twice", n)
			}
			nextLevel = true
			for _, pat := range firstLevel {
				switch strings.ReplaceAll(pat, "’", "'") {
				case "1-1", "1'1", "1–1":
				default:
					return Hyphenator{}, fmt.Errorf("line %d: %w (%q)", n, ErrCompoundLevel, pat)
				}
			}
			h.pats = newPatterns(1024)
			continue
		}
		if len(fields) != 1 {
			return Hyphenator{}, fmt.Errorf("line %d: %q is not one pattern", n, line)
		}
		if strings.ContainsRune(line, '/') {
			return Hyphenator{}, fmt.Errorf("line %d: non-standard hyphenation %q is not supported", n, line)
		}
		if !nextLevel {
			firstLevel = append(firstLevel, line)
		}
		if err := h.pats.add(line); err != nil {
			return Hyphenator{}, fmt.Errorf("line %d: %v", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return Hyphenator{}, err
	}
	h.pats.finish()
	return h, nil
}

// dicCharmap maps libhyphen's names of 8-bit character sets to decoders.
func dicCharmap(name string) *charmap.Charmap {
	n := strings.ToUpper(strings.ReplaceAll(strings.ReplaceAll(name, "-", ""), "_", ""))
	table := map[string]*charmap.Charmap{
		"ISO88591": charmap.ISO8859_1, "ISO88592": charmap.ISO8859_2, "ISO88593": charmap.ISO8859_3,
		"ISO88594": charmap.ISO8859_4, "ISO88595": charmap.ISO8859_5, "ISO88596": charmap.ISO8859_6,
		"ISO88597": charmap.ISO8859_7, "ISO88598": charmap.ISO8859_8, "ISO88599": charmap.ISO8859_9,
		"ISO885910": charmap.ISO8859_10, "ISO885913": charmap.ISO8859_13, "ISO885914": charmap.ISO8859_14,
		"ISO885915": charmap.ISO8859_15, "ISO885916": charmap.ISO8859_16,
		"KOI8R": charmap.KOI8R, "KOI8U": charmap.KOI8U,
		"MICROSOFTCP1250": charmap.Windows1250, "MICROSOFTCP1251": charmap.Windows1251,
		"MICROSOFTCP1252": charmap.Windows1252, "MICROSOFTCP1253": charmap.Windows1253,
		"MICROSOFTCP1254": charmap.Windows1254, "MICROSOFTCP1255": charmap.Windows1255,
		"MICROSOFTCP1256": charmap.Windows1256, "MICROSOFTCP1257": charmap.Windows1257,
		"MICROSOFTCP1258": charmap.Windows1258,
	}
	return table[n]
}
