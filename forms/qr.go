package forms

import (
	"fmt"

	"github.com/boombuler/barcode/qr"
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
func (d *document) drawCode(text, caption string) error {
	x0 := leftMargin
	y0 := pageHeight - bottomMargin - codeBand + quietZone
	if err := d.drawQR(x0, y0, codeSize, text); err != nil {
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

// drawQR draws the QR code of text as a square of side size at (x0, y0),
// as vector rectangles (one per run of dark modules). Error correction
// level M survives a stain or a fold; alphanumeric mode holds base45 at
// its densest.
func (d *document) drawQR(x0, y0, size float64, text string) error {
	code, err := qr.Encode(text, qr.M, qr.AlphaNumeric)
	if err != nil {
		return fmt.Errorf("code signé : %w", err)
	}
	p := d.pdf
	n := code.Bounds().Dx()
	module := size / float64(n)
	p.SetFillColor(0, 0, 0)
	for y := 0; y < n; y++ {
		for x := 0; x < n; {
			if !dark(code.At(x, y)) {
				x++
				continue
			}
			run := x
			for run < n && dark(code.At(run, y)) {
				run++
			}
			// A hair of overlap closes the seams between rows at any zoom.
			p.Rect(x0+float64(x)*module, y0+float64(y)*module, float64(run-x)*module, module+0.01, "F")
			x = run
		}
	}
	return nil
}

// dark tells whether a module of the code is dark.
func dark(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, _, _, _ := c.RGBA()
	return r < 0x8000
}
