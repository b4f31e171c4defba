package forms

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/internal/pdftest"
)

// TestBothFontsPrintExactly: text in Windows-1252 goes through the fonts
// prepared once per process, a court-ordered spelling outside it through
// the Unicode font; both read back exactly, in the four faces.
func TestBothFontsPrintExactly(t *testing.T) {
	pdftest.NeedPoppler(t)
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	lines := []string{"Zoé, Chloë MÜLLER « n° 38 » — Œuvre, Ÿ, ñ, ß, 1er…", "Łukasz, Ștefan, Őrs, Đorđe"}
	d := newDocument("test", time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	d.pdf.AddPage()
	p := canvas{d, 1}
	y := 30.0
	for _, f := range []*face{faces.regular, faces.bold, faces.italic, faces.boldItalic} {
		for _, l := range lines {
			p.Text(f, 11, 20, y, l)
			y += 8
		}
	}
	var b bytes.Buffer
	if err := d.write(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "fonts.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	if err := pdftest.Validate(path); err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.Text(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if n := strings.Count(text, l); n != 4 {
			t.Errorf("%q read back %d times, want 4:\n%s", l, n, text)
		}
	}
	if !bytes.Contains(b.Bytes(), []byte("/Subtype /TrueType")) || !bytes.Contains(b.Bytes(), []byte("/Subtype /Type0")) {
		t.Error("want both a Windows-1252 and a Unicode font")
	}
}

// TestFacesSharedAcrossGoroutines: documents rendered at the same time
// share the prototype's font definitions without racing (go test -race)
// and each writes the bytes it writes alone.
func TestFacesSharedAcrossGoroutines(t *testing.T) {
	a := load(t, "naissance")
	want := renderCopy(t, a, "integrale", nil)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			if got := renderCopy(t, a, "integrale", nil); !bytes.Equal(got, want) {
				errs <- fmt.Errorf("a copy rendered beside others differs")
				return
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
