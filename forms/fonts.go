package forms

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/encoding/charmap"

	"etatcivil/internal/fontsubset"
)

// The documents are set in the four faces of Liberation Serif (SIL Open
// Font Licence 1.1: LICENCE-LiberationSerif.txt): regular, bold, italic
// and bold italic.
//
// gofpdf parses a TrueType face each time a document adds it with
// AddUTF8FontFromBytes (about 1.5 ms a face), then subsets and compresses
// it again when the PDF is written (as much again): with bold and italic
// a copy would miss its budget. So each face is prepared once per
// process, in two forms:
//
//   - for text in the Windows-1252 character set (all French and almost
//     every name: é, œ, Ÿ, ñ, ß, « », —, …), a simple TrueType font cut to
//     those characters and compressed once; a document adds it with
//     AddFontFromBytes, which reads a small font definition and embeds the
//     compressed bytes as they are: no parsing, no subsetting, no
//     compression per document;
//   - for a run of text outside it (a court-ordered spelling such as
//     « Łukasz »), the face cut to every character a document may print
//     (printedRunes), added as a Unicode font only by the documents that
//     need it.
//
// Text is measured with the face's own advance widths (fontsubset), the
// same that gofpdf writes in the PDF.

const (
	serif        = "serif"  // the Windows-1252 fonts
	serifUnicode = "serifu" // the Unicode fonts, for what Windows-1252 lacks
)

// faceKind names a face; the values are gofpdf's style strings.
type faceKind string

const (
	faceRegular    faceKind = ""
	faceBold       faceKind = "B"
	faceItalic     faceKind = "I"
	faceBoldItalic faceKind = "BI"
)

// face is one face, prepared once.
type face struct {
	kind    faceKind
	metrics *fontsubset.Font // advances of every printable character
	ttf     []byte           // the face cut to printedRunes, for the Unicode font
	winDef  []byte           // gofpdf's definition of the Windows-1252 font (JSON)
	winZ    []byte           // that font's program, compressed
}

var faces struct {
	once                              sync.Once
	err                               error
	regular, bold, italic, boldItalic *face
}

// printedRunes are the characters a document can print: Latin letters
// (with those of court-ordered spellings: ñ ł ø ß…), digits, French and
// typographic punctuation. Anything else prints as "?" (printable).
var printedRunes = func() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x7f; r++ {
		rs = append(rs, r)
	}
	for r := rune(0xa0); r < 0x250; r++ { // Latin-1, Latin Extended-A and B
		rs = append(rs, r)
	}
	for r := rune(0x1e00); r < 0x1f00; r++ { // Latin Extended Additional
		rs = append(rs, r)
	}
	return append(rs, []rune("ʼˆˇ˘˙˚˛˜˝‐‑‒–—―‘’‚‛“”„†‡•…‰′″‹›⁄€№™")...)
}()

// win1252 maps the codes 0–255 of Windows-1252 to their characters (0
// for the five codes it leaves unassigned).
var win1252 = func() (m [256]rune) {
	for c := range 256 {
		if r := charmap.Windows1252.DecodeByte(byte(c)); r != '\ufffd' {
			m[c] = r
		}
	}
	return m
}()

// toWin1252 encodes s in Windows-1252, or tells that it cannot.
func toWin1252(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s, true
	}
	var b strings.Builder
	for _, r := range s {
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return "", false
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

// printableRune tells whether r is in the documents' fonts.
func printableRune(r rune) bool {
	if r < 0x7f {
		return r >= 0x20
	}
	return faces.regular.metrics.Has(r)
}

// loadFaces prepares the faces, once per process.
func loadFaces() error {
	faces.once.Do(func() {
		load := func(kind faceKind, name string, ttf []byte) *face {
			f, err := prepareFace(kind, name, ttf)
			if err != nil {
				faces.err = errors.Join(faces.err, fmt.Errorf("police %s : %w", name, err))
			}
			return f
		}
		faces.regular = load(faceRegular, "LiberationSerif", liberationserifregular.TTF)
		faces.bold = load(faceBold, "LiberationSerif-Bold", liberationserifbold.TTF)
		faces.italic = load(faceItalic, "LiberationSerif-Italic", liberationserifitalic.TTF)
		faces.boldItalic = load(faceBoldItalic, "LiberationSerif-BoldItalic", liberationserifbolditalic.TTF)
	})
	return faces.err
}

// prepareFace cuts a face to the printable characters and builds its
// Windows-1252 font: the program (cut to those 251 characters, without
// hinting, compressed) and gofpdf's definition of it.
func prepareFace(kind faceKind, name string, ttf []byte) (*face, error) {
	whole, err := fontsubset.Parse(name, ttf)
	if err != nil {
		return nil, err
	}
	small := whole.Subset(printedRunes)
	metrics, err := fontsubset.Parse(name, small)
	if err != nil {
		return nil, err
	}
	var winRunes []rune
	for _, r := range win1252 {
		if r >= 0x20 {
			winRunes = append(winRunes, r)
		}
	}
	program := whole.SubsetUnhinted(winRunes)
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(program)
	w.Close()

	m := metrics.Metrics()
	widths := make([]int, 256)
	for c, r := range win1252 {
		if r == 0 {
			r = '?'
		}
		widths[c] = int(metrics.Advance(r) + 0.5)
	}
	flags := 32 | 2 // nonsymbolic, serif
	if m.ItalicAngle != 0 {
		flags |= 64
	}
	// A subset's name starts with a tag of six capitals (PDF 32000-1 §9.6.4).
	tag := map[faceKind]string{faceRegular: "ECIVRG", faceBold: "ECIVBD", faceItalic: "ECIVIT", faceBoldItalic: "ECIVBI"}[kind]
	def := map[string]any{
		"Tp":   "TrueType",
		"Name": tag + "+" + name,
		"Desc": map[string]any{"Ascent": m.Ascent, "Descent": m.Descent, "CapHeight": m.CapHeight, "Flags": flags,
			"FontBBox":    map[string]int{"Xmin": m.BBox[0], "Ymin": m.BBox[1], "Xmax": m.BBox[2], "Ymax": m.BBox[3]},
			"ItalicAngle": int(m.ItalicAngle), "StemV": m.StemV, "MissingWidth": widths['?']},
		"Up": -100, "Ut": 50,
		"Cw":           widths,
		"Enc":          "cp1252",
		"File":         strings.ToLower(tag) + ".z", // ".z": gofpdf embeds it as compressed
		"OriginalSize": len(program),
	}
	js, err := json.Marshal(def)
	if err != nil {
		return nil, err
	}
	return &face{kind: kind, metrics: metrics, ttf: small, winDef: js, winZ: z.Bytes()}, nil
}

// useFace sets face f at size on the document for text s, adding the
// font the first time, and returns s as that font wants it: encoded in
// Windows-1252 when it can be, else as is for the Unicode font.
func (d *document) useFace(p *gofpdf.Fpdf, f *face, size float64, s string) string {
	family := serif
	text, ok := toWin1252(s)
	if !ok {
		family, text = serifUnicode, s
	}
	key := family + string(f.kind)
	if !d.added[key] {
		if family == serif {
			p.AddFontFromBytes(serif, string(f.kind), f.winDef, f.winZ)
		} else {
			// gofpdf writes into the bytes it is given: its own copy.
			p.AddUTF8FontFromBytes(serifUnicode, string(f.kind), bytes.Clone(f.ttf))
		}
		d.added[key] = true
	}
	if d.curFont != key || d.curSize != size {
		p.SetFont(family, string(f.kind), size)
		d.curFont, d.curSize = key, size
	}
	return text
}
