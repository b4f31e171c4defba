package fontsubset

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/jung-kurt/gofpdf"

	"etatcivil/internal/pdftest"
)

const sample = "ÀÂÄÉÈÊËÏÎÔÖÙÛÜŸÇÆŒ àâäéèêëïîôöùûüÿçæœ ñłøß « n° 38 » — l'acte…"

func latin() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x250; r++ {
		rs = append(rs, r)
	}
	return append(rs, []rune("‐‑–—‘’‚“”„…‹›€\u202f\u2009")...)
}

// TestSubsetKeepsMetricsAndText: the small font measures like the face,
// and gofpdf embeds it so that every letter reads back.
func TestSubsetKeepsMetricsAndText(t *testing.T) {
	for _, ttf := range [][]byte{liberationserifregular.TTF, liberationserifbold.TTF} {
		face, err := Parse("face", ttf)
		if err != nil {
			t.Fatal(err)
		}
		small := face.Subset(latin())
		if len(small) > len(ttf)/3 {
			t.Errorf("subset of %d bytes from %d", len(small), len(ttf))
		}
		sub, err := Parse("subset", small)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range sample {
			if sub.Advance(r) != face.Advance(r) || !sub.Has(r) {
				t.Errorf("%q: advance %v, want %v", r, sub.Advance(r), face.Advance(r))
			}
		}
		if sub.Has('Ж') || !face.Has('Ж') {
			t.Error("Cyrillic kept")
		}
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", small)
		pdf.AddPage()
		pdf.SetFont("serif", "", 12)
		pdf.Text(20, 30, sample)
		if w := pdf.GetStringWidth(sample); w < face.Width(sample, 12)-0.2 || w > face.Width(sample, 12)+0.2 {
			t.Errorf("gofpdf measures %v mm, the face %v mm", w, face.Width(sample, 12))
		}
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		pdftest.NeedPoppler(t)
		path := filepath.Join(t.TempDir(), "s.pdf")
		os.WriteFile(path, b.Bytes(), 0o644)
		if err := pdftest.Validate(path); err != nil {
			t.Fatal(err)
		}
		text, err := pdftest.Text(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, sample) {
			t.Fatalf("read back %q", text)
		}
	}
}

func BenchmarkGofpdfSubsetFace(b *testing.B) {
	face, _ := Parse("face", liberationserifregular.TTF)
	small := face.Subset(latin())
	for b.Loop() {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", small)
		pdf.AddPage()
		pdf.SetFont("serif", "", 12)
		pdf.Text(20, 30, sample)
		pdf.Output(&bytes.Buffer{})
	}
}

func BenchmarkGofpdfWholeFace(b *testing.B) {
	for b.Loop() {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
		pdf.AddPage()
		pdf.SetFont("serif", "", 12)
		pdf.Text(20, 30, sample)
		pdf.Output(&bytes.Buffer{})
	}
}
