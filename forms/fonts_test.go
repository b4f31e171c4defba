package forms

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// TestFaceCopyIsComplete: a document given a copy of the prototype's font
// definition writes the same bytes as one that parsed the face itself,
// for every face, and two documents sharing the prototype do not affect
// each other's subsets.
func TestFaceCopyIsComplete(t *testing.T) {
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	render := func(copied bool, f *face, text string) []byte {
		p := gofpdf.New("P", "mm", "A4", "")
		p.SetCreationDate(time.Unix(0, 0))
		p.SetModificationDate(time.Unix(0, 0))
		if copied {
			addFace(p, f.kind)
		} else {
			p.AddUTF8FontFromBytes(serif, string(f.kind), f.ttf)
		}
		p.AddPage()
		p.SetFont(serif, string(f.kind), 11)
		p.Text(20, 20, text)
		var b bytes.Buffer
		if err := p.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, f := range []*face{faces.regular, faces.bold, faces.italic, faces.boldItalic} {
		for _, text := range []string{"Zoé, Chloë MÜLLER « n° 38 »", "ŒUVRE — Łukasz Ñandú ÿ"} {
			if !bytes.Equal(render(true, f, text), render(false, f, text)) {
				t.Errorf("face %q: the copied definition writes other bytes than parsing the face", f.kind)
			}
		}
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
