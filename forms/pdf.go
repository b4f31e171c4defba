package forms

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-fonts/liberation/liberationserifregular"
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
	serif        = "serif" // Liberation Serif, SIL Open Font Licence 1.1: LICENCE-LiberationSerif.txt
)

// document is one PDF being built. It is the only place that knows the
// PDF library.
type document struct {
	pdf    *gofpdf.Fpdf
	footer string
	// codePage is the page whose bottom left holds a signed code (0: none).
	codePage int
	// visaCode is the signed code drawn in the signature row instead.
	visaCode *block
	// codes are the signed codes of the document, one per act, in order.
	codes []string
	// code is the signed code of the next page's document, set by the
	// caller of page: its text is exact, never trimmed or flattened as
	// markup would be (a base45 text may end with a space).
	code string
	// qr is that code, being encoded in the background.
	qr func() ([][]bool, error)
}

// setCode gives the next document its signed code, and starts encoding
// its QR code.
func (d *document) setCode(text string) { d.code, d.qr = text, startQR(text) }

// newDocument starts an A4 PDF whose dates are fixed to date, so that the
// same input always gives the same bytes.
func newDocument(title string, date time.Time) *document {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	pdf.AddUTF8FontFromBytes(serif, "", liberationserifregular.TTF)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(title, true)
	pdf.SetCreator("etatcivil", true)
	pdf.SetMargins(leftMargin, topMargin, rightMargin)
	pdf.SetAutoPageBreak(true, bottomMargin)
	pdf.SetDrawColor(60, 60, 60)
	d := &document{pdf: pdf}
	d.setDate(date)
	pdf.SetFooterFunc(d.drawFooter)
	// The band kept for a signed code is only on the page that holds it:
	// leaving it restores the normal bottom margin.
	pdf.SetAcceptPageBreakFunc(func() bool {
		pdf.SetAutoPageBreak(true, bottomMargin)
		return true
	})
	return d
}

// bottom returns how far down the current page the content may go.
func (d *document) bottom() float64 {
	if d.codePage != 0 && d.pdf.PageNo() == d.codePage {
		return pageHeight - bottomMargin - codeBand
	}
	return pageHeight - bottomMargin
}

// noDate is the date of a document whose source has no time.
var noDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// setDate fixes the PDF's creation and modification dates; gofpdf would
// write the current time for a zero date, so noDate stands in for it.
func (d *document) setDate(t time.Time) {
	if t.IsZero() {
		t = noDate
	}
	t = t.UTC().Truncate(time.Second)
	d.pdf.SetCreationDate(t)
	d.pdf.SetModificationDate(t)
}

// write finishes the document and writes its bytes.
func (d *document) write(w io.Writer) error {
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

// font sets the size of the text and whether it is bold. Only the
// regular face is embedded: each embedded face costs about 4 ms per
// document in gofpdf (parsing, subsetting, compressing), which would put a
// copy over its 10 ms budget. Bold is drawn by also stroking the letters'
// outline, which prints and reads back (pdftotext) like the regular text.
func (d *document) font(bold bool, size float64) {
	p := d.pdf
	p.SetFont(serif, "", size)
	if bold {
		p.SetTextRenderingMode(2)
		p.SetLineWidth(size * 0.017)
	} else {
		p.SetTextRenderingMode(0)
	}
}

// pen sets the width of the rules and frames drawn next.
func (d *document) pen(width float64) { d.pdf.SetLineWidth(width) }

func (d *document) drawFooter() {
	p := d.pdf
	p.SetY(pageHeight - bottomMargin + 6)
	d.font(false, 7.5)
	p.SetTextColor(90, 90, 90)
	p.SetX(leftMargin)
	p.CellFormat(contentWidth-20, 4, d.footer, "", 0, "L", false, 0, "")
	p.CellFormat(20, 4, fmt.Sprintf("page %d", p.PageNo()), "", 0, "R", false, 0, "")
	p.SetTextColor(0, 0, 0)
}

// page lays out the markup of one document (a register sheet or a copy)
// on a new page, continuing on further pages when it is long.
func (d *document) page(markup string) {
	blocks := parse(markup)
	p := d.pdf
	d.footer = ""
	for _, b := range blocks {
		if b.kind == "pied" {
			d.footer = b.arg(0)
		}
	}
	p.SetAutoPageBreak(true, bottomMargin)
	p.AddPage()
	d.codePage, d.visaCode = 0, nil
	var code *block
	hasMargin, hasVisa := false, false
	for i, b := range blocks {
		switch b.kind {
		case "code":
			code = &blocks[i]
		case "marge", "marge-titre":
			hasMargin = true
		case "visa":
			hasVisa = true
		}
	}
	switch {
	case code != nil && hasVisa && !hasMargin:
		d.visaCode, code = code, nil
	case code != nil:
		d.codePage = p.PageNo()
		p.SetAutoPageBreak(true, bottomMargin+codeBand)
	}
	d.heading(blocks)

	var margin, below []block
	for _, b := range blocks {
		if b.kind == "marge" || b.kind == "marge-titre" {
			margin = append(margin, b)
		}
	}
	x, w := leftMargin, contentWidth
	top := p.GetY()
	if len(margin) > 0 && top+d.marginHeight(margin) > d.bottom() {
		below = margin // too many mentions for the column: after the text
		margin = nil
	}
	if len(margin) > 0 {
		x = leftMargin + marginColumn + gutter
		w = pageWidth - rightMargin - x
		if code != nil {
			// The code sits under the margin column: the text beside it
			// may go down to the bottom margin.
			p.SetAutoPageBreak(true, bottomMargin)
		}
	}
	pageOfTop := p.PageNo()
	p.SetLeftMargin(x)
	p.SetX(x)
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.kind {
		case "titre":
			d.font(true, 15)
			p.MultiCell(w, 7.5, b.arg(0), "", "C", false)
		case "sous-titre":
			d.font(true, 12)
			p.MultiCell(w, 6, b.arg(0), "", "C", false)
			p.Ln(3)
		case "texte":
			d.font(false, 11)
			p.MultiCell(w, 5.6, b.arg(0), "", "J", false)
			p.Ln(2.5)
		case "encadre":
			p.Ln(1)
			d.font(false, 9.5)
			d.pen(0.2)
			p.MultiCell(w, 4.8, b.arg(0), "1", "J", false)
			p.Ln(3)
		case "ligne":
			d.row(x, w, b)
		case "champ", "date":
			d.field(x, w, b)
		case "legende":
			d.font(false, 7.5)
			p.MultiCell(w, 3.6, b.arg(0), "", "L", false)
			p.Ln(1)
		case "signature":
			j := i
			for j < len(blocks) && blocks[j].kind == "signature" {
				j++
			}
			h := signatureHeight
			if signatureGroups(blocks) > 1 || j-i > maxSignatures {
				h = signatureHeightRows
			}
			for _, row := range signatureRows(blocks[i:j]) {
				d.signatures(x, w, h, row)
			}
			i = j - 1
		case "certification":
			if i == 0 || blocks[i-1].kind != "certification" {
				p.Ln(3)
				d.font(true, 11)
			} else {
				d.font(false, 10.5)
			}
			p.SetX(x)
			p.MultiCell(w, 5.3, b.arg(0), "", "L", false)
		case "visa":
			d.visa(x, w, b)
		}
		if len(below) > 0 && (i+1 == len(blocks) || blocks[i+1].kind == "signature" || blocks[i+1].kind == "certification") {
			d.mentionsBelow(x, w, below)
			below = nil
		}
	}
	if len(margin) > 0 {
		d.marginColumn(pageOfTop, top, margin)
	}
	p.SetLeftMargin(leftMargin)
	if code != nil {
		last, y := p.PageNo(), p.GetY()
		p.SetPage(pageOfTop)
		p.SetAutoPageBreak(false, 0)
		if err := d.drawCode(code.arg(0)); err != nil {
			p.SetError(err)
		}
		p.SetAutoPageBreak(true, bottomMargin)
		p.SetPage(last)
		p.SetY(y)
		d.codes = append(d.codes, d.code)
	}
}

// heading draws the left and right heading lines and the copy's serial.
func (d *document) heading(blocks []block) {
	p := d.pdf
	var left, right []string
	var serial string
	for _, b := range blocks {
		switch b.kind {
		case "gauche":
			left = append(left, b.arg(0))
		case "droite":
			right = append(right, b.arg(0))
		case "numero":
			serial = b.arg(0)
		}
	}
	y0 := topMargin
	if serial != "" {
		d.font(false, 8.5)
		p.SetXY(leftMargin, y0)
		p.CellFormat(contentWidth, 4, serial, "", 0, "R", false, 0, "")
		y0 += 5
	}
	half := contentWidth / 2
	for i, l := range left {
		if i == 0 {
			d.font(true, 12)
		} else {
			d.font(false, 10.5)
		}
		p.SetXY(leftMargin, y0+float64(i)*5.4)
		p.CellFormat(half, 5.4, l, "", 0, "L", false, 0, "")
	}
	for i, r := range right {
		if i == len(right)-1 {
			d.font(true, 12)
		} else {
			d.font(false, 10.5)
		}
		p.SetXY(leftMargin+half, y0+float64(i)*5.4)
		p.CellFormat(half, 5.4, r, "", 0, "R", false, 0, "")
	}
	y := y0 + float64(max(len(left), len(right)))*5.4 + 3
	d.pen(0.4)
	p.Line(leftMargin, y, pageWidth-rightMargin, y)
	p.SetXY(leftMargin, y+6)
}

// marginHeight measures the mentions of the margin column.
func (d *document) marginHeight(blocks []block) float64 {
	p := d.pdf
	h := 0.0
	for _, b := range blocks {
		if b.kind == "marge-titre" {
			d.font(true, 8.5)
			h += float64(len(p.SplitText(b.arg(0), marginColumn)))*4 + 1.5
			continue
		}
		d.font(false, 8.5)
		h += float64(len(p.SplitText(b.arg(0), marginColumn)))*3.9 + 2
	}
	return h
}

// marginColumn draws the mentions in the column left of the act, from top
// on the first page of the document, with a rule that separates it.
func (d *document) marginColumn(pageNo int, top float64, blocks []block) {
	p := d.pdf
	last := p.PageNo()
	lastY := p.GetY()
	p.SetPage(pageNo)
	x := leftMargin + marginColumn + gutter/2
	d.pen(0.2)
	bottom := pageHeight - bottomMargin
	if pageNo == d.codePage {
		bottom -= codeBand
	}
	p.Line(x, top-2, x, bottom)
	p.SetAutoPageBreak(false, 0)
	p.SetLeftMargin(leftMargin)
	p.SetXY(leftMargin, top)
	for _, b := range blocks {
		if b.kind == "marge-titre" {
			d.font(true, 8.5)
			p.MultiCell(marginColumn, 4, b.arg(0), "", "L", false)
			p.Ln(1.5)
			continue
		}
		d.font(false, 8.5)
		p.MultiCell(marginColumn, 3.9, b.arg(0), "", "J", false)
		p.Ln(2)
	}
	p.SetAutoPageBreak(true, bottomMargin)
	p.SetPage(last)
	p.SetY(lastY)
}

// mentionsBelow draws the mentions after the text, when there are too
// many for the margin column.
func (d *document) mentionsBelow(x, w float64, blocks []block) {
	p := d.pdf
	p.Ln(2)
	for _, b := range blocks {
		p.SetX(x)
		if b.kind == "marge-titre" {
			d.font(true, 10)
			p.MultiCell(w, 5, b.arg(0), "", "L", false)
			continue
		}
		d.font(false, 10)
		p.MultiCell(w, 4.8, b.arg(0), "", "J", false)
		p.Ln(1.5)
	}
}

// room starts a new page when less than h millimetres are left.
func (d *document) room(x, h float64) {
	if d.pdf.GetY()+h > d.bottom() {
		d.pdf.AddPage()
		d.pdf.SetX(x)
	}
}

// row draws "LIBELLÉ   valeur" for an extract.
func (d *document) row(x, w float64, b block) {
	p := d.pdf
	const labelW = 46.0
	d.font(false, 11)
	lines := len(p.SplitText(b.arg(1), w-labelW))
	d.room(x, float64(max(lines, 1))*5.4+1.5)
	y := p.GetY()
	d.font(true, 10)
	p.SetXY(x, y)
	p.MultiCell(labelW, 5.4, b.arg(0), "", "L", false)
	d.font(false, 11)
	p.SetXY(x+labelW, y)
	p.MultiCell(w-labelW, 5.4, b.arg(1), "", "L", false)
	p.SetY(max(p.GetY(), y+5.4) + 1.5)
	p.SetX(x)
}

// field draws one numbered row of the plurilingual extract: the label in
// French (bold) and in the other languages (italic), and the value in
// capitals, or a date as Jo Mo An.
func (d *document) field(x, w float64, b block) {
	p := d.pdf
	if len(b.args) < 3 { // number, at least one label, value
		b.args = append(b.args, "", "", "")[:3]
	}
	const numW, valueW = 8.0, 56.0
	labelW := w - numW - valueW
	fr := b.arg(1)
	others := strings.Join(nonEmpty(b.args[2:len(b.args)-1]), " · ")
	value := b.arg(len(b.args) - 1)
	d.font(false, 7.5)
	otherLines := p.SplitText(others, labelW-2)
	h := 5.4 + float64(len(otherLines))*3.3 + 1.2
	d.font(true, 11)
	if b.kind != "date" {
		h = max(h, float64(len(p.SplitText(value, valueW-2)))*5.2+2)
	} else {
		h = max(h, 11)
	}
	d.room(x, h)
	y := p.GetY()
	d.pen(0.2)
	p.Rect(x, y, w, h, "D")
	p.Line(x+numW, y, x+numW, y+h)
	p.Line(x+numW+labelW, y, x+numW+labelW, y+h)
	d.font(true, 10)
	p.SetXY(x, y+0.8)
	p.CellFormat(numW, 5, b.arg(0), "", 0, "C", false, 0, "")
	p.SetXY(x+numW+1, y+0.8)
	p.CellFormat(labelW-2, 5, fr, "", 0, "L", false, 0, "")
	d.font(false, 7.5)
	p.SetXY(x+numW+1, y+5.6)
	p.MultiCell(labelW-2, 3.3, others, "", "L", false)
	vx := x + numW + labelW
	if b.kind == "date" {
		parts := strings.Split(value, "-") // AAAA-MM-JJ
		if len(parts) == 3 {
			parts = []string{parts[2], parts[1], parts[0]}
		} else {
			parts = []string{"", "", value}
		}
		cols := []struct {
			sym string
			w   float64
		}{{"Jo", 16}, {"Mo", 16}, {"An", valueW - 32}}
		cx := vx
		for i, c := range cols {
			if i > 0 {
				d.pen(0.2)
				p.Line(cx, y, cx, y+h)
			}
			d.font(false, 7)
			p.SetXY(cx, y+0.8)
			p.CellFormat(c.w, 3, c.sym, "", 0, "C", false, 0, "")
			d.font(true, 11)
			p.SetXY(cx, y+4.5)
			p.CellFormat(c.w, 5.5, parts[i], "", 0, "C", false, 0, "")
			cx += c.w
		}
	} else {
		d.font(true, 11)
		p.SetXY(vx+1, y+1)
		p.MultiCell(valueW-2, 5.2, value, "", "L", false)
	}
	p.SetXY(x, y+h)
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
const (
	maxSignatures       = 4
	signatureHeight     = 34.0
	signatureHeightRows = 24.0
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

// signatures draws a row of boxes for handwritten signatures.
func (d *document) signatures(x, w, h float64, blocks []block) {
	p := d.pdf
	p.Ln(2)
	d.room(x, h)
	y := p.GetY()
	bw := w / float64(len(blocks))
	for i, b := range blocks {
		bx := x + float64(i)*bw
		d.pen(0.2)
		p.Rect(bx+1, y, bw-2, h, "D")
		d.font(true, 9.5)
		p.SetXY(bx+2, y+1.5)
		p.MultiCell(bw-4, 4.2, b.arg(0), "", "C", false)
		d.font(false, 9)
		p.SetX(bx + 2)
		p.MultiCell(bw-4, 4, b.arg(1), "", "C", false)
	}
	p.SetXY(x, y+h+3)
}

// visa draws a box for the officer's handwritten signature and a circle
// for the seal of the commune, under the certification of a copy.
func (d *document) visa(x, w float64, b block) {
	p := d.pdf
	const h = 36.0
	p.Ln(2)
	d.room(x, h+4)
	y := p.GetY()
	sw := w * 0.58
	if c := d.visaCode; c != nil {
		// signature box | seal | code, the code's caption under the row
		sw = w - h - visaCodeSize - 2*quietZone
		if err := d.drawQR(x+w-visaCodeSize, y+(h-visaCodeSize)/2, visaCodeSize); err != nil {
			p.SetError(err)
		}
		d.codes = append(d.codes, d.code)
		d.font(false, 6.5)
		p.SetTextColor(60, 60, 60)
		p.SetXY(x, y+h+quietZone)
		p.CellFormat(w, 2.8, c.arg(0), "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
		defer p.SetXY(x, y+h+quietZone+5)
	}
	d.pen(0.2)
	p.Rect(x, y, sw, h, "D")
	d.font(false, 8.5)
	p.SetXY(x+1, y+1)
	p.CellFormat(sw-2, 4, b.arg(0), "", 0, "L", false, 0, "")
	r := h/2 - 1
	cx := x + sw + (w-sw)/2
	if d.visaCode != nil {
		cx = x + sw + h/2 + 1
	}
	d.pen(0.2)
	p.SetDashPattern([]float64{1, 1}, 0)
	p.Circle(cx, y+h/2, r, "D")
	p.SetDashPattern([]float64{}, 0)
	d.font(false, 8)
	lines := p.SplitText(b.arg(1), 2*r-6)
	p.SetXY(cx-r+3, y+h/2-float64(len(lines))*1.8)
	p.MultiCell(2*r-6, 3.6, b.arg(1), "", "C", false)
	p.SetXY(x, y+h+3)
}
