package forms

import (
	"fmt"

	"github.com/skip2/go-qrcode"
)

// The signed code is drawn at the bottom of the margin column of the
// first page of each document, its caption under it inside the column; on
// a full-width copy (an extract), beside the seal in the row kept for the
// officer's signature.
const (
	visaCodeSize = 30.0 // side of the code in the signature row
	codeSize     = 33.0 // side of the QR code, quiet zone excluded
	quietZone    = 3.0  // white around the code (more than 4 modules), which scanners need
)

// codeCaption is the style of the code's caption.
func codeCaption() style { return regular(6.5, 2.8) }

// codeBand is the height kept free at the bottom of the margin column for
// the code and its caption, with a blank line above the footer.
func (l *layout) codeBand() float64 {
	s := codeCaption()
	n := len(breakLines(frenchSpaces(l.code.arg(0)), s, marginColumn, false))
	return 2*quietZone + codeSize + float64(n)*s.lead + 3
}

// drawCode draws the QR code of the document's text at the bottom of the
// margin column of page p, with the caption under it.
func (d *document) drawCode(p canvas, page int, caption string) error {
	s := codeCaption()
	lines := breakLines(frenchSpaces(caption), s, marginColumn, false)
	capH := float64(len(lines)) * s.lead
	y0 := pageHeight - bottomMargin - 3 - capH - quietZone - codeSize
	if err := d.drawQR(p, leftMargin, y0, codeSize); err != nil {
		return err
	}
	p.Gray(0.24)
	for i, l := range lines {
		y := y0 + codeSize + quietZone + float64(i)*s.lead
		d.drawLine(p, page, s, l, leftMargin, marginColumn, y, 'L', rect{leftMargin, y0 + codeSize, marginColumn, capH + quietZone})
	}
	p.Gray(0)
	return nil
}

// drawQR draws the document's QR code (setCode) as a square of side size
// at (x0, y0), as one filled path of rectangles, one per run of dark
// modules. Error correction level M survives a stain or a fold; base45
// text is encoded in alphanumeric mode, its densest. (skip2/go-qrcode
// encodes it in about 2 ms; boombuler/barcode took 8 ms, more than the
// whole page.)
func (d *document) drawQR(p canvas, x0, y0, size float64) error {
	if d.qr == nil {
		return fmt.Errorf("code signé absent")
	}
	bits, err := d.qr()
	if err != nil {
		return fmt.Errorf("code signé : %w", err)
	}
	n := len(bits)
	module := size / float64(n)
	rects := make([][4]float64, 0, 2*n*n/5)
	for y, row := range bits {
		for x := 0; x < n; {
			if !row[x] {
				x++
				continue
			}
			run := x
			for run < n && row[run] {
				run++
			}
			// A hair of overlap closes the seams between rows at any zoom.
			rects = append(rects, [4]float64{x0 + float64(x)*module, y0 + float64(y)*module, float64(run-x) * module, module + 0.004})
			x = run
		}
	}
	p.FillRects(rects)
	return nil
}

// startQR encodes text as a QR code in the background (about 2 ms, done
// while the document is set up) and returns a function that waits for its
// modules.
func startQR(text string) func() ([][]bool, error) {
	type result struct {
		bits [][]bool
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		code, err := qrcode.New(text, qrcode.Medium)
		if err != nil {
			ch <- result{nil, err}
			return
		}
		code.DisableBorder = true // the page's white is the quiet zone
		ch <- result{code.Bitmap(), nil}
	}()
	var r *result
	return func() ([][]bool, error) {
		if r == nil {
			got := <-ch
			r = &got
		}
		return r.bits, r.err
	}
}
