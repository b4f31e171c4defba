// Package fontsubset cuts a TrueType face down, once per process, to the
// characters the documents print (Latin letters, digits, French and
// typographic punctuation), so that the PDF library parses and subsets a
// small font for each document instead of the whole face, and it measures
// text with the face's own advance widths. It neither draws nor writes
// PDF: github.com/jung-kurt/gofpdf embeds the small font.
package fontsubset

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Font is a TrueType face, parsed once (it is read-only after Parse, so
// goroutines may share it).
type Font struct {
	name       string // PostScript name, without the subset tag
	data       []byte
	tables     map[string][]byte
	unitsPerEm float64
	numGlyphs  int
	longLoca   bool
	numHMetric int
	cmap       map[rune]uint16
	advance    []uint16 // per glyph, in font units
	capHeight  int      // thousandths of an em
	// Descriptor values for a PDF font dictionary, in thousandths of an
	// em (Metrics).
	ascent, descent, stemV int
	bbox                   [4]int
	italicAngle            float64
	// ascii holds the advances of the first 128 runes, to measure without
	// a map lookup (font units; -1 when absent).
	ascii [128]int32
}

// ErrFont is returned for data that is not a TrueType font this package
// can embed.
var ErrFont = errors.New("police TrueType illisible")

// Parse reads a TrueType face (glyf outlines); name is only for messages.
func Parse(name string, data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, ErrFont
	}
	f := &Font{name: name, data: data, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, ErrFont
	}
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, fmt.Errorf("%w : table %s hors du fichier", ErrFont, tag)
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("%w : table %s absente", ErrFont, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, ErrFont
	}
	f.unitsPerEm = float64(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm == 0 {
		return nil, ErrFont
	}
	k := 1000 / f.unitsPerEm
	s16 := func(b []byte) int { return int(int16(binary.BigEndian.Uint16(b))) }
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.numHMetric = int(binary.BigEndian.Uint16(hhea[34:]))
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	f.ascent, f.descent = int(float64(s16(hhea[4:]))*k), int(float64(s16(hhea[6:]))*k)
	f.capHeight = f.ascent
	f.bbox = [4]int{int(float64(s16(head[36:])) * k), int(float64(s16(head[38:])) * k), int(float64(s16(head[40:])) * k), int(float64(s16(head[42:])) * k)}
	if post := f.tables["post"]; len(post) >= 8 {
		f.italicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	}
	f.stemV = 80
	if os2 := f.tables["OS/2"]; len(os2) >= 6 && binary.BigEndian.Uint16(os2[4:]) >= 600 {
		f.stemV = 140 // a bold weight
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		f.capHeight = int(float64(s16(os2[88:])) * k)
	}
	hmtx := f.tables["hmtx"]
	if f.numHMetric == 0 || len(hmtx) < 4*f.numHMetric || f.numHMetric > f.numGlyphs {
		return nil, ErrFont
	}
	f.advance = make([]uint16, f.numGlyphs)
	for g := range f.numGlyphs {
		i := min(g, f.numHMetric-1)
		f.advance[g] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	locaLen := 2
	if f.longLoca {
		locaLen = 4
	}
	if len(f.tables["loca"]) < locaLen*(f.numGlyphs+1) {
		return nil, ErrFont
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	for r := range f.ascii {
		f.ascii[r] = -1
		if g, ok := f.cmap[rune(r)]; ok {
			f.ascii[r] = int32(f.advance[g])
		}
	}
	return f, nil
}

// parseCmap reads the Unicode cmap: format 12 (3,10) when present, else
// format 4 (3,1 or 0,x).
func (f *Font) parseCmap() error {
	c := f.tables["cmap"]
	if len(c) < 4 {
		return ErrFont
	}
	n := int(binary.BigEndian.Uint16(c[2:]))
	var best []byte
	bestRank := 0
	for i := range n {
		rec := c[4+8*i:]
		if len(rec) < 8 {
			return ErrFont
		}
		pid, eid, off := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:]), binary.BigEndian.Uint32(rec[4:])
		if int(off)+4 > len(c) {
			continue
		}
		sub := c[off:]
		format := binary.BigEndian.Uint16(sub)
		rank := 0
		switch {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			rank = 3
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = sub, rank
		}
	}
	if best == nil {
		return fmt.Errorf("%w : pas de table cmap Unicode", ErrFont)
	}
	f.cmap = map[rune]uint16{}
	u16 := func(b []byte, i int) int { return int(binary.BigEndian.Uint16(b[i:])) }
	switch bestRank {
	case 3:
		if len(best) < 16 {
			return ErrFont
		}
		groups := int(binary.BigEndian.Uint32(best[12:]))
		if len(best) < 16+12*groups {
			return ErrFont
		}
		for i := range groups {
			g := best[16+12*i:]
			start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
			if end > 0x10FFFF || end < start {
				continue
			}
			for r := start; r <= end; r++ {
				if id := gid + r - start; id < uint32(f.numGlyphs) && id != 0 {
					f.cmap[rune(r)] = uint16(id)
				}
			}
		}
	case 2:
		if len(best) < 14 {
			return ErrFont
		}
		segX2 := u16(best, 6)
		if len(best) < 16+4*segX2 {
			return ErrFont
		}
		ends, starts := best[14:], best[16+segX2:]
		deltas, ranges := best[16+2*segX2:], best[16+3*segX2:]
		for s := 0; s < segX2; s += 2 {
			end, start := u16(ends, s), u16(starts, s)
			delta, ro := u16(deltas, s), u16(ranges, s)
			for r := start; r <= end && r != 0xFFFF; r++ {
				var gid int
				if ro == 0 {
					gid = (r + delta) & 0xFFFF
				} else {
					at := 16 + 3*segX2 + s + ro + 2*(r-start)
					if at+2 > len(best) {
						continue
					}
					gid = u16(best, at)
					if gid != 0 {
						gid = (gid + delta) & 0xFFFF
					}
				}
				if gid != 0 && gid < f.numGlyphs {
					f.cmap[rune(r)] = uint16(gid)
				}
			}
		}
	}
	return nil
}

// Metrics are the values of a PDF font descriptor, in thousandths of an
// em (PDF 32000-1 §9.8): the face's ascent and descent, the height of its
// capitals, its bounding box, italic angle in degrees, and a stem width.
type Metrics struct {
	Ascent, Descent, CapHeight, StemV int
	BBox                              [4]int
	ItalicAngle                       float64
}

// Metrics returns the face's descriptor values.
func (f *Font) Metrics() Metrics {
	return Metrics{Ascent: f.ascent, Descent: f.descent, CapHeight: f.capHeight, StemV: f.stemV, BBox: f.bbox, ItalicAngle: f.italicAngle}
}

// Has tells whether the font has a glyph for r.
func (f *Font) Has(r rune) bool {
	if r >= 0 && r < 128 {
		return f.ascii[r] >= 0
	}
	_, ok := f.cmap[r]
	return ok
}

// mmPerPt converts points to millimetres.
const mmPerPt = 25.4 / 72

// glyph returns the glyph of r, or the glyph of "?" when the font has none.
func (f *Font) glyph(r rune) uint16 {
	if g, ok := f.cmap[r]; ok {
		return g
	}
	return f.cmap['?']
}

// Advance returns the advance width of r in thousandths of an em (that of
// "?" when the font lacks r).
func (f *Font) Advance(r rune) float64 {
	if r >= 0 && r < 128 && f.ascii[r] >= 0 {
		return float64(f.ascii[r]) * 1000 / f.unitsPerEm
	}
	return float64(f.advance[f.glyph(r)]) * 1000 / f.unitsPerEm
}

// Width returns the width of s set at size points, in millimetres.
func (f *Font) Width(s string, size float64) float64 {
	units := 0.0
	for _, r := range s {
		if r >= 0 && r < 128 && f.ascii[r] >= 0 {
			units += float64(f.ascii[r])
			continue
		}
		units += float64(f.advance[f.glyph(r)])
	}
	return units / f.unitsPerEm * size * mmPerPt
}

// CapHeight returns the height of the capitals above the baseline at size
// points, in millimetres.
func (f *Font) CapHeight(size float64) float64 {
	return float64(f.capHeight) / 1000 * size * mmPerPt
}

// glyphData returns the outline data of glyph g.
func (f *Font) glyphData(g int) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var a, b int
	if f.longLoca {
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if a >= b || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// components returns the glyphs a composite glyph is made of.
func components(data []byte) []int {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	var out []int
	p := 10
	for p+4 <= len(data) {
		flags := binary.BigEndian.Uint16(data[p:])
		out = append(out, int(binary.BigEndian.Uint16(data[p+2:])))
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			break
		}
	}
	return out
}
