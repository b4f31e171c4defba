package fontsubset

import (
	"encoding/binary"
	"sort"
)

// Subset builds a TrueType font holding only the glyphs of runes (and
// the components of composite glyphs), renumbered from 1 in the order of
// the runes, with a Unicode cmap (format 4) and the tables a PDF library
// reads: head, hhea, maxp, hmtx, loca, glyf, cmap, name, OS/2, post
// (format 3, no glyph names), and the hinting tables. Runes the face
// lacks are left out; runes above U+FFFF are refused by format 4 and
// left out too.
func (f *Font) Subset(runes []rune) []byte { return f.subset(runes, true) }

// SubsetUnhinted is Subset without the hinting programs (cvt, fpgm,
// prep): a smaller font for a PDF that embeds it whole (about a third
// less), which printers and PDF viewers render from the outlines alone.
func (f *Font) SubsetUnhinted(runes []rune) []byte { return f.subset(runes, false) }

func (f *Font) subset(runes []rune, hinting bool) []byte {
	rs := append([]rune(nil), runes...)
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	glyphs := []int{0}
	newID := map[int]uint16{0: 0}
	var mapped []rune
	var gids []uint16
	for _, r := range rs {
		g, ok := f.cmap[r]
		if !ok || r > 0xFFFE || (len(mapped) > 0 && mapped[len(mapped)-1] == r) {
			continue
		}
		id, seen := newID[int(g)]
		if !seen {
			id = uint16(len(glyphs))
			newID[int(g)] = id
			glyphs = append(glyphs, int(g))
		}
		mapped = append(mapped, r)
		gids = append(gids, id)
	}
	for i := 0; i < len(glyphs); i++ { // components, added as found
		for _, c := range components(f.glyphData(glyphs[i])) {
			if _, seen := newID[c]; !seen && c < f.numGlyphs {
				newID[c] = uint16(len(glyphs))
				glyphs = append(glyphs, c)
			}
		}
	}
	n := len(glyphs)
	size := 0
	for _, g := range glyphs {
		size += (len(f.glyphData(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(n+1))
	src := f.tables["hmtx"]
	hmtx := make([]byte, 4*n)
	for i, g := range glyphs {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		at := len(glyf)
		glyf = append(glyf, f.glyphData(g)...)
		renumber(glyf[at:], newID)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], f.advance[g])
		if g < f.numHMetric {
			copy(hmtx[4*i+2:4*i+4], src[4*g+2:])
		} else if at := 4*f.numHMetric + 2*(g-f.numHMetric); at+2 <= len(src) {
			copy(hmtx[4*i+2:4*i+4], src[at:])
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	maxp := clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	hhea := clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	post := make([]byte, 32)
	if p := f.tables["post"]; len(p) >= 32 {
		copy(post, p[:32])
	}
	binary.BigEndian.PutUint32(post, 0x00030000)
	tables := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf,
		"cmap": cmap4(mapped, gids), "post": post}
	keep := []string{"OS/2", "name"}
	if hinting {
		keep = append(keep, "cvt ", "fpgm", "prep")
	}
	for _, t := range keep {
		if d := f.tables[t]; d != nil {
			tables[t] = d
		}
	}
	out := writeTables(tables)
	// head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
	sum := checksum(out)
	at := tableOffset(out, "head")
	binary.BigEndian.PutUint32(out[at+8:], 0xB1B0AFBA-sum)
	return out
}

// cmap4 writes a cmap table with one subtable, platform 3 encoding 1,
// format 4: runes (sorted) to glyph ids, in segments of consecutive runes
// with consecutive ids.
func cmap4(runes []rune, gids []uint16) []byte {
	type seg struct{ start, end, delta int }
	var segs []seg
	for i, r := range runes {
		d := int(gids[i]) - int(r)
		if k := len(segs) - 1; k >= 0 && segs[k].end == int(r)-1 && segs[k].delta == d {
			segs[k].end = int(r)
			continue
		}
		segs = append(segs, seg{int(r), int(r), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	sub := make([]byte, 16+8*n)
	put := func(at, v int) { binary.BigEndian.PutUint16(sub[at:], uint16(v)) }
	put(0, 4)
	put(2, len(sub))
	put(6, 2*n)
	put(8, 2<<es)
	put(10, es)
	put(12, 2*n-2<<es)
	for i, sg := range segs {
		put(14+2*i, sg.end)
		put(16+2*n+2*i, sg.start)
		put(16+4*n+2*i, sg.delta&0xFFFF)
		put(16+6*n+2*i, 0)
	}
	out := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(out[2:], 1)
	binary.BigEndian.PutUint16(out[4:], 3)
	binary.BigEndian.PutUint16(out[6:], 1)
	binary.BigEndian.PutUint32(out[8:], 12)
	return append(out, sub...)
}

// renumber rewrites the component glyph ids of a composite glyph, in place.
func renumber(data []byte, newID map[int]uint16) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	p := 10
	for p+4 <= len(data) {
		flags := binary.BigEndian.Uint16(data[p:])
		binary.BigEndian.PutUint16(data[p+2:], newID[int(binary.BigEndian.Uint16(data[p+2:]))])
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
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// writeTables lays out a font file: the table directory sorted by tag,
// then each table padded to four bytes.
func writeTables(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	total := 0
	for t, d := range tables {
		tags = append(tags, t)
		total += (len(d) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	dir := 12 + 16*n
	out := make([]byte, dir, dir+total)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(d))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func tableOffset(font []byte, tag string) int {
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		rec := font[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:]))
		}
	}
	return 0
}
