package forms

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// Page layout in millimetres: A4, a wide left margin for binding, and on
// acts a column for the mentions (etat-civil.md §2).
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	leftMargin   = 25.0
	rightMargin  = 15.0
	topMargin    = 14.0
	bottomMargin = 18.0
	marginColumn = 50.0 // the column for mentions
	gutter       = 6.0
	contentWidth = pageWidth - leftMargin - rightMargin
)

func regular(size, lead float64) style { return style{faces.regular, size, lead} }
func bold(size, lead float64) style    { return style{faces.bold, size, lead} }
func italic(size, lead float64) style  { return style{faces.italic, size, lead} }

// canvas draws on one page of a document, through gofpdf, the page being
// written (page checks it).
type canvas struct {
	d *document
	n int // gofpdf's page number, from 1
}

func (c canvas) sel() *gofpdf.Fpdf {
	p := c.d.pdf
	if p.PageNo() != c.n {
		// A layout bug, never the clerk's input: the PDF would be wrong.
		p.SetErrorf("mise en page : dessin sur la page %d alors que la page %d est en cours", c.n, p.PageNo())
	}
	return p
}

// Text sets s at (x, baseline) in face f at size points.
func (c canvas) Text(f *face, size, x, y float64, s string) {
	p := c.sel()
	p.Text(x, y, c.d.useFace(p, f, size, s))
}

// Gray sets the grey of the text drawn next: 0 black, 1 white.
func (c canvas) Gray(g float64) {
	v := int(g*255 + 0.5)
	c.sel().SetTextColor(v, v, v)
}

// Stroke sets the grey and the width (mm) of the lines drawn next.
func (c canvas) Stroke(gray, width float64) {
	p := c.sel()
	v := int(gray*255 + 0.5)
	p.SetDrawColor(v, v, v)
	p.SetLineWidth(width)
}

// Dash sets a dash pattern (mm on, mm off); zeros give solid lines.
func (c canvas) Dash(on, off float64) {
	if on == 0 {
		c.sel().SetDashPattern([]float64{}, 0)
		return
	}
	c.sel().SetDashPattern([]float64{on, off}, 0)
}

func (c canvas) Line(x1, y1, x2, y2 float64) { c.sel().Line(x1, y1, x2, y2) }
func (c canvas) Rect(x, y, w, h float64)     { c.sel().Rect(x, y, w, h, "D") }
func (c canvas) Circle(x, y, r float64)      { c.sel().Circle(x, y, r, "D") }

// FillRects fills rectangles (x, y, w, h in mm, top left corners) in
// black as one path written straight into the page: going through Rect
// for each of the ~1,500 runs of a QR code cost 2.5 ms.
func (c canvas) FillRects(rects [][4]float64) {
	p := c.sel()
	k := p.GetConversionRatio()
	num := func(b []byte, v float64) []byte { return append(strconv.AppendFloat(b, v*k, 'f', 2, 64), ' ') }
	path := make([]byte, 0, 32*len(rects)+16)
	path = append(path, "q 0 g\n"...)
	for _, r := range rects {
		path = num(path, r[0])
		path = num(path, pageHeight-r[1]-r[3])
		path = num(path, r[2])
		path = num(path, r[3])
		path = append(path, "re\n"...)
	}
	path = append(path, "f Q\n"...)
	p.RawWriteBuf(bytes.NewReader(path))
}

// rect is a frame: every text run of a document lies inside the frame it
// was set in (tests check it through document.runs).
type rect struct{ x, y, w, h float64 }

// textRun is one piece of text as set, kept when a test asks for it.
type textRun struct {
	page        int // from 1, in the whole PDF
	text        string
	x, y, w, h  float64 // y: top of the text's body
	frame       rect
	justifyGaps []float64 // word spaces of a justified line, in mm
	space       float64   // the natural space of its style
}

// document is one PDF being built, holding one or more documents (the
// sheets of several acts, or one copy).
type document struct {
	pdf   *gofpdf.Fpdf
	title string
	// the fonts added to the PDF (family and style), and the one set
	added   map[string]bool
	curFont string
	curSize float64
	// codes are the signed codes of the document, one per act, in order.
	codes []string
	// code is the signed code of the next page's document, set by the
	// caller of page: its text is exact, never trimmed or flattened as
	// markup would be (a base45 text may end with a space).
	code string
	// qr is that code, being encoded in the background.
	qr  func() ([][]bool, error)
	err error
	// record keeps every text run in runs (tests).
	record bool
	runs   []textRun
	// pages counts the pages of each document laid out, in order.
	pages []int
}

// recordRuns makes every new document keep its text runs (tests only).
var recordRuns = false

// setCode gives the next document its signed code, and starts encoding
// its QR code.
func (d *document) setCode(text string) { d.code, d.qr = text, startQR(text) }

// newDocument starts an A4 PDF whose dates are fixed to date, so that the
// same input always gives the same bytes.
func newDocument(title string, date time.Time) *document {
	p := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	d := &document{pdf: p, title: title, record: recordRuns, added: map[string]bool{}}
	d.err = loadFaces()
	p.SetCatalogSort(true)
	p.SetTitle(title, true)
	p.SetCreator("etatcivil", true)
	p.SetMargins(leftMargin, topMargin, rightMargin)
	p.SetAutoPageBreak(false, 0)
	d.setDate(date)
	return d
}

// noDate is the date of a document whose source has no time.
var noDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// setDate fixes the PDF's creation and modification dates.
func (d *document) setDate(t time.Time) {
	if t.IsZero() {
		t = noDate
	}
	t = t.UTC().Truncate(time.Second)
	d.pdf.SetCreationDate(t)
	d.pdf.SetModificationDate(t)
}

// laidOut, when set (tests), receives each document before it is written.
var laidOut func(d *document)

// write finishes the document and writes its bytes.
func (d *document) write(w io.Writer) error {
	if laidOut != nil {
		laidOut(d)
	}
	if d.err != nil {
		return fmt.Errorf("mise en page du PDF : %w", d.err)
	}
	if len(d.codes) > 0 {
		// The codes are also kept in the PDF's keywords, where verifier
		// reads them without rasterising the pages.
		d.pdf.SetKeywords(codeKeywords(d.codes), false)
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("mise en page du PDF : %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("écriture du PDF : %w", err)
	}
	return nil
}

// place is where an item was put: a page of the current document (from 0)
// and the top of the item.
type place struct {
	page int
	y    float64
}

// item is a piece of a column that never splits across pages: a line of
// a paragraph, a row of an extract, a row of signature boxes.
type item struct {
	h      float64
	before float64 // space above, dropped at the top of a page
	// newPage starts the item on a new page (the back of a form).
	newPage bool
	// keep puts the item on the same page as the one before it: the last
	// lines of the act with the closing formula and the signatures, the
	// first two and last two lines of a paragraph.
	keep bool
	draw func(p canvas, page int, x, y float64)
}

// paginate places items in a column: from top on the first page and from
// topN on the next ones, down to bottom(page). A run of items that keep
// together goes to the next page whole when it does not fit, unless it is
// taller than a page.
func paginate(items []item, top, topN float64, bottom func(page int) float64) []place {
	out := make([]place, len(items))
	page, y := 0, top
	atTop := true
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && items[j].keep {
			j++
		}
		h := 0.0
		for k := i; k < j; k++ {
			if k > i || !atTop {
				h += items[k].before
			}
			h += items[k].h
		}
		if items[i].newPage && !atTop {
			page, y, atTop = page+1, topN, true
		}
		if y+h > bottom(page)+0.01 && !atTop {
			full := 0.0
			for k := i; k < j; k++ {
				if k > i {
					full += items[k].before
				}
				full += items[k].h
			}
			if full <= bottom(page+1)-topN {
				page, y, atTop = page+1, topN, true
				continue
			}
		}
		for k := i; k < j; k++ {
			it := items[k]
			if !atTop {
				y += it.before
			}
			if y+it.h > bottom(page)+0.01 && !atTop {
				page, y = page+1, topN
			}
			out[k] = place{page, y}
			y += it.h
			atTop = false
		}
		i = j
	}
	return out
}

// text sets a run of text whose words may hold non-breaking spaces (set
// as gaps), with its baseline at baseline.
func (d *document) text(p canvas, page int, s style, x, baseline float64, txt string, frame rect) {
	if d.record {
		top := baseline - s.font.metrics.CapHeight(s.size)
		d.runs = append(d.runs, textRun{page: page, text: txt, x: x, y: top, w: s.pieceWidth(txt), h: s.font.metrics.CapHeight(s.size), frame: frame, space: s.spaceWidth()})
	}
	for txt != "" {
		i := strings.IndexAny(txt, "\u00a0\u202f")
		if i < 0 {
			p.Text(s.font, s.size, x, baseline, txt)
			return
		}
		if i > 0 {
			p.Text(s.font, s.size, x, baseline, txt[:i])
			x += s.width(txt[:i])
		}
		r := []rune(txt[i:])[0]
		x += s.gap(r)
		txt = txt[i+len(string(r)):]
	}
}

// baseline returns the baseline of a line of style s whose box starts at y.
func (s style) baseline(y float64) float64 { return y + s.lead/2 + 0.3*s.size*25.4/72 }

// drawLine sets one line in a frame x..x+w: justified, or aligned
// ('L', 'C', 'R').
func (d *document) drawLine(p canvas, page int, s style, l line, x, w, y float64, align byte, frame rect) {
	base := s.baseline(y)
	gap := s.spaceWidth()
	if l.justify {
		natural := 0.0
		for _, wd := range l.words {
			natural += s.pieceWidth(wd)
		}
		gap = (w - natural) / float64(len(l.words)-1)
	} else {
		switch align {
		case 'C':
			x += (w - l.width) / 2
		case 'R':
			x += w - l.width
		}
	}
	start := len(d.runs)
	for _, wd := range l.words {
		d.text(p, page, s, x, base, wd, frame)
		x += s.pieceWidth(wd) + gap
	}
	if d.record && l.justify && len(l.words) > 1 {
		for k := start; k < len(d.runs); k++ {
			d.runs[k].justifyGaps = []float64{gap}
		}
	}
}

// paragraph turns a text into line items of a column of width w.
func (d *document) paragraph(txt string, s style, w float64, align byte, before float64) []item {
	lines := breakLines(frenchSpaces(txt), s, w, align == 'J')
	items := make([]item, len(lines))
	n := len(lines)
	for i, l := range lines {
		l := l
		items[i] = item{h: s.lead, keep: i == 1 || (i > 0 && i == n-1), draw: func(p canvas, page int, x, y float64) {
			d.drawLine(p, page, s, l, x, w, y, align, rect{x, y, w, s.lead})
		}}
	}
	if n > 0 {
		items[0].before = before
	}
	return items
}

// textHeight measures a text set in a column of width w.
func textHeight(txt string, s style, w float64) float64 {
	return float64(len(breakLines(frenchSpaces(txt), s, w, false))) * s.lead
}

// drawText sets a whole text at (x, y) in a column of width w, and
// returns the height used.
func (d *document) drawText(p canvas, page int, txt string, s style, x, y, w float64, align byte) float64 {
	lines := breakLines(frenchSpaces(txt), s, w, align == 'J')
	for i, l := range lines {
		d.drawLine(p, page, s, l, x, w, y+float64(i)*s.lead, align, rect{x, y, w, float64(len(lines)) * s.lead})
	}
	return float64(len(lines)) * s.lead
}

// layout is one document (a register sheet or a copy) being laid out.
type layout struct {
	d      *document
	blocks []block
	footer string
	left   []string
	right  []string
	serial string
	code   *block
	// translations are the labels of the plurilingual boxes in the
	// languages of the back page, in the order of the boxes.
	translations [][]string
	// scale shrinks the boxes of a plurilingual extract so that they fit
	// on its front page (1: full size).
	scale float64
}

// page lays out the markup of one document (a register sheet or a copy)
// on new pages: the heading on every page, the text in its column, the
// mentions in the margin column beside it, the closing formula and the
// signatures kept with the last lines of the text, and a footer that
// numbers the pages « page 1/2 ».
func (d *document) page(markup string) {
	if d.err != nil {
		return
	}
	l := &layout{d: d, blocks: parse(markup), scale: 1}
	var margin []block
	hasVisa := false
	for i, b := range l.blocks {
		switch b.kind {
		case "pied":
			l.footer = b.arg(0)
		case "gauche":
			l.left = append(l.left, b.arg(0))
		case "droite":
			l.right = append(l.right, b.arg(0))
		case "numero":
			l.serial = b.arg(0)
		case "code":
			l.code = &l.blocks[i]
		case "marge", "marge-titre", "marge-signature", "marge-copie":
			margin = append(margin, b)
		case "visa", "delivrance":
			hasVisa = true
		}
	}
	var visaCode *block
	codeInMargin := false
	if l.code != nil {
		if hasVisa && len(margin) == 0 {
			visaCode = l.code
		} else {
			codeInMargin = true
		}
	}
	headH := l.headingHeight()
	top := topMargin + headH
	x, w := leftMargin, contentWidth
	if len(margin) > 0 {
		x = leftMargin + marginColumn + gutter
		w = pageWidth - rightMargin - x
	}
	bottom := func(int) float64 { return pageHeight - bottomMargin }
	main := l.items(w, visaCode)
	// A plurilingual extract keeps its boxes on the front page: set them
	// smaller until they fit.
	for l.scale > 0.7 && l.frontOverflows(main, top, bottom) {
		l.scale -= 0.06
		l.translations = nil
		main = l.items(w, visaCode)
	}
	if codeInMargin && len(margin) == 0 {
		bottom = func(page int) float64 {
			if page == 0 {
				return pageHeight - bottomMargin - l.codeBand()
			}
			return pageHeight - bottomMargin
		}
	}
	mainAt := paginate(main, top, top, bottom)
	var marginItems []item
	var marginAt []place
	if len(margin) > 0 {
		for _, b := range margin {
			switch b.kind {
			case "marge-titre":
				marginItems = append(marginItems, d.paragraph(b.arg(0), bold(8.5, 4), marginColumn, 'L', 0)...)
			case "marge-signature", "marge-copie":
				// who signed the mention, where and when, kept with it; on
				// a register sheet, a line for the signature
				its := d.paragraph(b.arg(0), italic(8, 3.6), marginColumn, 'L', 0.8)
				for k := range its {
					its[k].keep = true
				}
				marginItems = append(marginItems, its...)
				if b.kind == "marge-signature" {
					marginItems = append(marginItems, d.signatureLine(marginColumn))
				}
			default:
				marginItems = append(marginItems, d.paragraph(b.arg(0), regular(8.5, 3.9), marginColumn, 'L', 2.5)...)
			}
		}
		marginBottom := bottom
		if codeInMargin {
			marginBottom = func(page int) float64 {
				if page == 0 {
					return pageHeight - bottomMargin - l.codeBand()
				}
				return pageHeight - bottomMargin
			}
		}
		marginAt = paginate(marginItems, top, top, marginBottom)
	}
	pages := 1
	for _, p := range append(mainAt, marginAt...) {
		pages = max(pages, p.page+1)
	}
	// Each page is drawn whole before the next is started: gofpdf sets a
	// font once per page it writes to, and going back to a page would
	// leave its text without one.
	first := d.pdf.PageCount()
	for i := range pages {
		d.pdf.AddPage()
		d.curFont = "" // a new page has no font set
		abs := first + i + 1
		p := canvas{d, abs}
		l.heading(p, abs, i, pages)
		if len(margin) > 0 {
			rx := leftMargin + marginColumn + gutter/2
			bot := pageHeight - bottomMargin
			if codeInMargin && i == 0 {
				bot -= l.codeBand()
			}
			p.Stroke(0.24, 0.2)
			p.Line(rx, top-2, rx, bot)
		}
		for k, it := range main {
			if mainAt[k].page == i {
				it.draw(p, abs, x, mainAt[k].y)
			}
		}
		for k, it := range marginItems {
			if marginAt[k].page == i {
				it.draw(p, abs, leftMargin, marginAt[k].y)
			}
		}
		if codeInMargin && i == 0 {
			if err := d.drawCode(p, abs, l.code.arg(0)); err != nil {
				d.err = err
			}
		}
	}
	if l.code != nil {
		d.codes = append(d.codes, d.code)
	}
	d.pages = append(d.pages, pages)
}

// frontOverflows tells whether the items before the back page (@verso)
// need more than the first page.
func (l *layout) frontOverflows(items []item, top float64, bottom func(int) float64) bool {
	back := -1
	for i, it := range items {
		if it.newPage {
			back = i
			break
		}
	}
	if back < 0 {
		return false
	}
	at := paginate(items[:back], top, top, bottom)
	return at[len(at)-1].page > 0
}

// headingWidths shares the heading's width: the right lines take what
// they need (at most half), the left ones the rest, a gap between.
func (l *layout) headingWidths() (lw, rw float64) {
	rw = 0
	for i, r := range l.right {
		s := regular(10.5, 5.4)
		if i == len(l.right)-1 {
			s = bold(12, 5.4)
		}
		rw = max(rw, s.pieceWidth(frenchSpaces(r)))
	}
	rw = min(rw+0.5, contentWidth/2)
	return contentWidth - rw - 8, rw
}

func (l *layout) leftStyle(i int) style {
	if i == 0 {
		return bold(12, 5.4)
	}
	return regular(10.5, 5.1)
}

func (l *layout) rightStyle(i int) style {
	if i == len(l.right)-1 {
		return bold(12, 5.4)
	}
	return regular(10.5, 5.1)
}

// headingHeight is the height of the heading with its rule and the space
// under it.
func (l *layout) headingHeight() float64 {
	lw, rw := l.headingWidths()
	hl, hr := 0.0, 0.0
	for i, t := range l.left {
		hl += textHeight(t, l.leftStyle(i), lw)
	}
	for i, t := range l.right {
		hr += textHeight(t, l.rightStyle(i), rw)
	}
	h := max(hl, hr) + 3 + 6
	if l.serial != "" {
		h += 5
	}
	return h
}

// heading draws the heading, its rule, and the footer with « page i/n ».
func (l *layout) heading(p canvas, abs, i, n int) {
	d := l.d
	y0 := topMargin
	if l.serial != "" {
		s := regular(8.5, 4)
		d.drawText(p, abs, l.serial, s, leftMargin, y0, contentWidth, 'R')
		y0 += 5
	}
	lw, rw := l.headingWidths()
	y := y0
	for k, t := range l.left {
		y += d.drawText(p, abs, t, l.leftStyle(k), leftMargin, y, lw, 'L')
	}
	yr := y0
	for k, t := range l.right {
		yr += d.drawText(p, abs, t, l.rightStyle(k), pageWidth-rightMargin-rw, yr, rw, 'R')
	}
	rule := topMargin + l.headingHeight() - 6
	p.Stroke(0.24, 0.4)
	p.Line(leftMargin, rule, pageWidth-rightMargin, rule)
	// footer
	fs := regular(7.5, 4)
	p.Gray(0.35)
	fy := pageHeight - bottomMargin + 6
	num := fmt.Sprintf("page %d/%d", i+1, n)
	d.drawText(p, abs, l.footer, fs, leftMargin, fy, contentWidth-22, 'L')
	d.drawText(p, abs, num, fs, pageWidth-rightMargin-20, fy, 20, 'R')
	p.Gray(0)
}

// items turns the blocks of the text column into items.
func (l *layout) items(w float64, visaCode *block) []item {
	d := l.d
	var out []item
	blocks := l.blocks
	keepNext := -1
	for i := 0; i < len(blocks); i++ {
		if keepNext >= 0 && len(out) > keepNext {
			out[keepNext].keep = true
			keepNext = -1
		}
		b := blocks[i]
		switch b.kind {
		case "titre":
			out = append(out, d.paragraph(b.arg(0), bold(15, 7.5), w, 'C', 0)...)
		case "sous-titre":
			before := 0.0
			if i > 0 && blocks[i-1].kind != "titre" && blocks[i-1].kind != "sous-titre" {
				before = 4 // a heading inside the document
			}
			out = append(out, d.paragraph(b.arg(0), bold(12, 6), w, 'C', before)...)
			out = append(out, item{h: 3, draw: func(canvas, int, float64, float64) {}, keep: true})
			keepNext = len(out) // a heading never ends a page
		case "texte":
			its := d.paragraph(b.arg(0), regular(11, 5.6), w, 'J', 2.5)
			if len(its) > 0 && i > 0 && blocks[i-1].kind == "encadre" {
				its[0].keep = true // « (Suivent les signatures.) » after the outage statement
			}
			out = append(out, its...)
		case "bandeau":
			out = append(out, d.banner(b, w))
		case "adresse":
			j := i
			var lines []string
			for j < len(blocks) && blocks[j].kind == "adresse" {
				lines = append(lines, blocks[j].arg(0))
				j++
			}
			out = append(out, d.address(lines, w))
			i = j - 1
		case "encadre":
			// The outage statement closes the act: it stays with its last lines.
			it := d.framed(b.arg(0), w)
			it.keep = true
			out = append(out, it)
		case "ligne":
			out = append(out, d.row(w, b))
		case "champ", "date":
			out = append(out, l.field(w, b))
		case "paire", "paire-date":
			out = append(out, l.pair(w, b))
		case "colonnes":
			out = append(out, l.columns(w, b))
		case "delivrance":
			out = append(out, l.delivery(w, b, visaCode))
		case "verso":
			out = append(out, l.verso(w, b)...)
		case "legende":
			out = append(out, d.paragraph(b.arg(0), italic(7.5, 3.6), w, 'L', 1)...)
		case "signature":
			j := i
			for j < len(blocks) && blocks[j].kind == "signature" {
				j++
			}
			rows := signatureRows(blocks[i:j])
			for _, row := range rows {
				out = append(out, d.signatures(w, row, len(rows) > 1 || signatureGroups(blocks) > 1))
			}
			i = j - 1
		case "certification":
			s := regular(10.5, 5.3)
			before := 0.0
			if i == 0 || blocks[i-1].kind != "certification" {
				s, before = bold(11, 5.3), 3
			}
			its := d.paragraph(b.arg(0), s, w, 'L', before)
			for k := range its {
				its[k].keep = true
			}
			out = append(out, its...)
		case "visa":
			out = append(out, d.visa(w, b, visaCode))
		}
	}
	return out
}

// address is the address block of a letter, in the right half of the
// column, as a window envelope shows it.
func (d *document) address(lines []string, w float64) item {
	s := regular(11, 5.2)
	aw := w * 0.55
	var set []line
	for _, t := range lines {
		set = append(set, breakLines(frenchSpaces(t), s, aw, false)...)
	}
	h := float64(len(set))*s.lead + 2
	return item{h: h, before: 2, draw: func(p canvas, page int, x, y float64) {
		ax := x + w - aw
		for i, l := range set {
			d.drawLine(p, page, s, l, ax, aw, y+1+float64(i)*s.lead, 'L', rect{ax, y, aw, h})
		}
	}}
}

// banner is a framed title and text under the document's title: the
// statement that a sheet is a duplicate.
func (d *document) banner(b block, w float64) item {
	ts, xs := bold(12, 5.6), regular(9.5, 4.6)
	const pad = 2.0
	title := breakLines(frenchSpaces(b.arg(0)), ts, w-2*pad, false)
	text := breakLines(frenchSpaces(b.arg(1)), xs, w-2*pad, false)
	h := float64(len(title))*ts.lead + float64(len(text))*xs.lead + 2*pad
	return item{h: h, before: 1, draw: func(p canvas, page int, x, y float64) {
		p.Stroke(0, 0.6)
		p.Rect(x, y, w, h)
		ty := y + pad
		for _, l := range title {
			d.drawLine(p, page, ts, l, x+pad, w-2*pad, ty, 'C', rect{x, y, w, h})
			ty += ts.lead
		}
		for _, l := range text {
			d.drawLine(p, page, xs, l, x+pad, w-2*pad, ty, 'C', rect{x, y, w, h})
			ty += xs.lead
		}
	}}
}

// signatureLine is a rule on which the officer signs a mention.
func (d *document) signatureLine(w float64) item {
	s := italic(7, 3)
	return item{h: 8, keep: true, draw: func(p canvas, page int, x, y float64) {
		lw := s.width("Signature :")
		d.drawLine(p, page, s, line{words: []string{"Signature\u00a0:"}, width: lw}, x, w, y+4, 'L', rect{x, y, w, 8})
		p.Stroke(0.24, 0.2)
		p.Dash(0.6, 0.6)
		p.Line(x+lw+2, y+7, x+w-2, y+7)
		p.Dash(0, 0)
	}}
}

// framed is a statement in a frame (the outage statement).
func (d *document) framed(txt string, w float64) item {
	s := regular(9.5, 4.8)
	const pad = 1.5
	lines := breakLines(frenchSpaces(txt), s, w-2*pad, true)
	h := float64(len(lines))*s.lead + 2*pad
	return item{h: h, before: 3, draw: func(p canvas, page int, x, y float64) {
		p.Stroke(0.24, 0.2)
		p.Rect(x, y, w, h)
		for i, l := range lines {
			d.drawLine(p, page, s, l, x+pad, w-2*pad, y+pad+float64(i)*s.lead, 'L', rect{x, y, w, h})
		}
	}}
}

// row is "LIBELLÉ   valeur" for an extract.
func (d *document) row(w float64, b block) item {
	const labelW = 46.0
	ls, vs := bold(10, 5.4), regular(11, 5.4)
	label := breakLines(frenchSpaces(b.arg(0)), ls, labelW-3, false)
	value := breakLines(frenchSpaces(b.arg(1)), vs, w-labelW, false)
	h := float64(max(len(label), len(value), 1)) * 5.4
	return item{h: h, before: 1.5, draw: func(p canvas, page int, x, y float64) {
		for i, l := range label {
			d.drawLine(p, page, ls, l, x, labelW-3, y+float64(i)*5.4, 'L', rect{x, y, labelW - 3, h})
		}
		for i, l := range value {
			d.drawLine(p, page, vs, l, x+labelW, w-labelW, y+float64(i)*5.4, 'L', rect{x + labelW, y, w - labelW, h})
		}
	}}
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Signature boxes: at most maxSignatures in a row; lower when there are
// several rows (a marriage: the spouses and the officer, then the
// witnesses), so that the act and all its signatures fit on one sheet.
// A box grows when the names it holds need more lines.
const (
	maxSignatures       = 4
	signatureHeight     = 34.0
	signatureHeightRows = 24.0
	signatureRoom       = 13.0 // free height kept for the signature itself
)

// signatureRows splits a run of signature boxes into rows of at most
// maxSignatures.
func signatureRows(blocks []block) [][]block {
	var rows [][]block
	for len(blocks) > maxSignatures {
		rows, blocks = append(rows, blocks[:maxSignatures]), blocks[maxSignatures:]
	}
	return append(rows, blocks)
}

// signatureGroups counts the runs of signature boxes of a page (a
// @rangee, or any other block, ends a run).
func signatureGroups(blocks []block) int {
	n := 0
	for i, b := range blocks {
		if b.kind == "signature" && (i == 0 || blocks[i-1].kind != "signature") {
			n++
		}
	}
	return n
}

// signatures is a row of boxes for handwritten signatures, kept on the
// page of the text before it.
func (d *document) signatures(w float64, blocks []block, low bool) item {
	h := signatureHeight
	if low {
		h = signatureHeightRows
	}
	bw := w / float64(len(blocks))
	ls, ns, os := bold(9.5, 4.2), regular(9, 4), italic(8.5, 4)
	type box struct{ label, name, note []line }
	boxes := make([]box, len(blocks))
	signed := false
	for i, b := range blocks {
		boxes[i] = box{breakLines(frenchSpaces(b.arg(0)), ls, bw-5, false), breakLines(frenchSpaces(b.arg(1)), ns, bw-5, false), breakLines(frenchSpaces(b.arg(2)), os, bw-5, false)}
		signed = signed || b.arg(2) != ""
	}
	if signed {
		h = 0 // a duplicate: no room to sign again
	}
	for _, bx := range boxes {
		room := signatureRoom
		if signed {
			room = 3
		}
		h = max(h, 1.5+float64(len(bx.label))*ls.lead+float64(len(bx.name))*ns.lead+float64(len(bx.note))*os.lead+room)
	}
	return item{h: h, before: 3, keep: true, draw: func(p canvas, page int, x, y float64) {
		for i, bx := range boxes {
			fx := x + float64(i)*bw
			frame := rect{fx + 1, y, bw - 2, h}
			p.Stroke(0.24, 0.2)
			p.Rect(frame.x, frame.y, frame.w, frame.h)
			ty := y + 1.5
			for _, l := range bx.label {
				d.drawLine(p, page, ls, l, fx+2.5, bw-5, ty, 'C', frame)
				ty += ls.lead
			}
			for _, l := range bx.name {
				d.drawLine(p, page, ns, l, fx+2.5, bw-5, ty, 'C', frame)
				ty += ns.lead
			}
			for _, l := range bx.note {
				d.drawLine(p, page, os, l, fx+2.5, bw-5, ty, 'C', frame)
				ty += os.lead
			}
		}
	}}
}

// visa is a box for the officer's handwritten signature and a circle for
// the seal of the commune, under the certification of a copy; with the
// signed code at its right and the code's caption under the row.
func (d *document) visa(w float64, b block, code *block) item {
	const h = 36.0
	sw := w * 0.58
	cs := regular(6.5, 2.8)
	var caption []line
	capH := 0.0
	if code != nil {
		sw = w - h - visaCodeSize - 2*quietZone
		caption = breakLines(frenchSpaces(code.arg(0)), cs, w, false)
		capH = quietZone + float64(len(caption))*cs.lead
	}
	ls := regular(8.5, 4)
	label := breakLines(frenchSpaces(b.arg(0)), ls, sw-3, false)
	r := h/2 - 1
	seal := regular(8, 3.6)
	sealLines := breakLines(frenchSpaces(b.arg(1)), seal, 2*r-8, false)
	return item{h: h + capH, before: 2, keep: true, draw: func(p canvas, page int, x, y float64) {
		if code != nil {
			if err := d.drawQR(p, x+w-visaCodeSize, y+(h-visaCodeSize)/2, visaCodeSize); err != nil {
				d.err = err
			}
			p.Gray(0.24)
			for i, l := range caption {
				d.drawLine(p, page, cs, l, x, w, y+h+quietZone+float64(i)*cs.lead, 'R', rect{x, y + h, w, capH})
			}
			p.Gray(0)
		}
		p.Stroke(0.24, 0.2)
		p.Rect(x, y, sw, h)
		for i, l := range label {
			d.drawLine(p, page, ls, l, x+1.5, sw-3, y+1+float64(i)*ls.lead, 'L', rect{x, y, sw, h})
		}
		cx := x + sw + (w-sw)/2
		if code != nil {
			cx = x + sw + h/2 + 1
		}
		p.Dash(1, 1)
		p.Circle(cx, y+h/2, r)
		p.Dash(0, 0)
		sy := y + h/2 - float64(len(sealLines))*seal.lead/2
		for i, l := range sealLines {
			d.drawLine(p, page, seal, l, cx-r+4, 2*r-8, sy+float64(i)*seal.lead, 'C', rect{cx - r, y, 2 * r, h})
		}
	}}
}
