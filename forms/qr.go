package forms

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/skip2/go-qrcode"
)

// The signed code is drawn in a band at the bottom left of the first page
// of each document, under the margin column; on a full-width copy (an
// extract), beside the seal in the row kept for the officer's signature.
const (
	visaCodeSize = 30.0 // side of the code in the signature row
	codeBand     = 47.0 // height kept free for the code and its caption
	codeSize     = 33.0 // side of the QR code, quiet zone excluded
	quietZone    = 3.0  // white around the code (more than 4 modules), which scanners need
)

// drawCode draws the QR code of text at the bottom left of the current
// page, with the caption under it.
func (d *document) drawCode(caption string) error {
	x0 := leftMargin
	y0 := pageHeight - bottomMargin - codeBand + quietZone
	if err := d.drawQR(x0, y0, codeSize); err != nil {
		return err
	}
	p := d.pdf
	d.font(false, 6.5)
	p.SetTextColor(60, 60, 60)
	p.SetXY(x0, y0+codeSize+quietZone)
	p.MultiCell(marginColumn, 2.8, caption, "", "L", false)
	p.SetTextColor(0, 0, 0)
	return nil
}

// drawQR draws the document's QR code (setCode) as a square of side size
// at (x0, y0), as vector rectangles (one per run of dark modules). Error
// correction level M survives a stain or a fold; base45 text is encoded in
// alphanumeric mode, its densest. (skip2/go-qrcode encodes it in about
// 2 ms; boombuler/barcode took 8 ms, more than the whole page.)
func (d *document) drawQR(x0, y0, size float64) error {
	if d.qr == nil {
		return fmt.Errorf("code signé absent")
	}
	bits, err := d.qr()
	if err != nil {
		return fmt.Errorf("code signé : %w", err)
	}
	n := len(bits)
	module := size / float64(n)
	// One path of rectangles written straight into the page, filled once:
	// going through Rect for each of the ~1,500 runs cost 2.5 ms.
	k := d.pdf.GetConversionRatio()
	num := func(b []byte, v float64) []byte { return append(strconv.AppendFloat(b, v*k, 'f', 2, 64), ' ') }
	path := make([]byte, 0, 64*1024)
	path = append(path, "q 0 g\n"...)
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
			path = num(path, x0+float64(x)*module)
			path = num(path, pageHeight-y0-float64(y+1)*module-0.01)
			path = num(path, float64(run-x)*module)
			path = num(path, module+0.01)
			path = append(path, "re\n"...)
			x = run
		}
	}
	path = append(path, "f Q\n"...)
	d.pdf.RawWriteBuf(bytes.NewReader(path))
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
