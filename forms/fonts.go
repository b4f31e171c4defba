package forms

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/jung-kurt/gofpdf"

	"etatcivil/internal/fontsubset"
)

// The documents are set in the four faces of Liberation Serif (SIL Open
// Font Licence 1.1: LICENCE-LiberationSerif.txt). gofpdf parses a
// TrueType face each time a document adds it (about 1.5 ms a face, and
// as much again to subset it when the PDF is written): with bold and
// italic that would put a copy over its 10 ms budget. So, once per
// process:
//   - each face is cut down to the characters documents print
//     (fontsubset), which makes gofpdf's own subsetting cheap;
//   - gofpdf parses each small face once, into a prototype document, and
//     every new document receives a copy of that font definition instead
//     of parsing the face again (gofpdf has no API for this: fontDef
//     reaches into its unexported fields, and a test checks that the
//     copy is complete; the gofpdf version is pinned in go.mod).
//
// Text is measured with the face's own advance widths (fontsubset), the
// same that gofpdf writes in the PDF.

const serif = "serif"

// faceKind names a face; the values are gofpdf's style strings.
type faceKind string

const (
	faceRegular    faceKind = ""
	faceBold       faceKind = "B"
	faceItalic     faceKind = "I"
	faceBoldItalic faceKind = "BI"
)

// face is one face: its metrics, and gofpdf's definition of it.
type face struct {
	kind    faceKind
	metrics *fontsubset.Font
	ttf     []byte // the face cut down to printedRunes
}

var faces struct {
	once                              sync.Once
	err                               error
	regular, bold, italic, boldItalic *face
	proto                             *gofpdf.Fpdf
	keys                              map[faceKind]reflect.Value
}

// printedRunes are the characters a document can print: Latin letters
// (with those of court-ordered spellings: ñ ł ø ß…), digits, French and
// typographic punctuation, the non-breaking spaces. Anything else prints
// as "?" (printable).
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
	return append(rs, []rune("ʼˆˇ˘˙˚˛˜˝‐‑‒–—―‘’‚‛“”„†‡•…‰′″‹›⁄€№™\u2009\u202f")...)
}()

// printableRune tells whether r is in the documents' fonts.
func printableRune(r rune) bool {
	if r < 0x7f {
		return r >= 0x20
	}
	return faces.regular.metrics.Has(r)
}

// loadFaces cuts and parses the faces, once per process.
func loadFaces() error {
	faces.once.Do(func() {
		faces.proto = gofpdf.New("P", "mm", "A4", "")
		faces.keys = map[faceKind]reflect.Value{}
		load := func(kind faceKind, name string, ttf []byte) *face {
			whole, err := fontsubset.Parse(name, ttf)
			if err != nil {
				faces.err = errors.Join(faces.err, err)
				return nil
			}
			small := whole.Subset(printedRunes)
			metrics, err := fontsubset.Parse(name, small)
			if err != nil {
				faces.err = errors.Join(faces.err, err)
				return nil
			}
			before := fontMap(faces.proto).MapKeys()
			faces.proto.AddUTF8FontFromBytes(serif, string(kind), small)
			for _, k := range fontMap(faces.proto).MapKeys() {
				if !containsKey(before, k) {
					faces.keys[kind] = k
				}
			}
			if _, ok := faces.keys[kind]; !ok || faces.proto.Err() {
				faces.err = errors.Join(faces.err, fmt.Errorf("police %s : %v", name, faces.proto.Error()))
			}
			return &face{kind: kind, metrics: metrics, ttf: small}
		}
		faces.regular = load(faceRegular, "LiberationSerif", liberationserifregular.TTF)
		faces.bold = load(faceBold, "LiberationSerif-Bold", liberationserifbold.TTF)
		faces.italic = load(faceItalic, "LiberationSerif-Italic", liberationserifitalic.TTF)
		faces.boldItalic = load(faceBoldItalic, "LiberationSerif-BoldItalic", liberationserifbolditalic.TTF)
	})
	return faces.err
}

func containsKey(keys []reflect.Value, k reflect.Value) bool {
	for _, v := range keys {
		if v.String() == k.String() {
			return true
		}
	}
	return false
}

// field returns a settable view of an unexported field of an addressable
// struct value.
func field(v reflect.Value, name string) reflect.Value {
	f := v.FieldByName(name)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// fontMap is gofpdf's map of a document's fonts, by key.
func fontMap(pdf *gofpdf.Fpdf) reflect.Value {
	return field(reflect.ValueOf(pdf).Elem(), "fonts")
}

// addFace gives a document the face kind, as a copy of the prototype's
// font definition: its own set of used characters, its own copy of the
// parsed font and of its bytes (gofpdf subsets them when the PDF is
// written), the parsed widths shared read-only.
func addFace(pdf *gofpdf.Fpdf, kind faceKind) {
	key := faces.keys[kind]
	def := fontMap(faces.proto).MapIndex(key)
	nd := reflect.New(def.Type()).Elem()
	nd.Set(def)
	used := field(nd, "usedRunes")
	fresh := reflect.MakeMapWithSize(used.Type(), used.Len())
	iter := used.MapRange()
	for iter.Next() {
		fresh.SetMapIndex(iter.Key(), iter.Value())
	}
	used.Set(fresh)
	file := field(nd, "utf8File")
	fileCopy := reflect.New(file.Type().Elem())
	fileCopy.Elem().Set(file.Elem())
	reader := field(fileCopy.Elem(), "fileReader")
	readerCopy := reflect.New(reader.Type().Elem())
	readerCopy.Elem().Set(reader.Elem())
	// gofpdf writes into the font's bytes while it subsets them (the
	// padding after a table, the head's checksum): each document gets its
	// own copy (the small face is about 100 KB, copied in microseconds).
	array := field(readerCopy.Elem(), "array")
	array.SetBytes(bytes.Clone(array.Bytes()))
	reader.Set(readerCopy)
	file.Set(fileCopy)
	fontMap(pdf).SetMapIndex(key, nd)
}
