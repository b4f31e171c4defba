package registry

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"etatcivil/civil"
	"etatcivil/internal/fold"
)

// The fuzz targets of the registry. Their seeds run with go test; the
// script .ci/fuzz runs each for a minute. Nothing may panic, and each
// checks a property that must hold for any input.

func FuzzNames(f *testing.F) {
	for _, s := range []string{"MÜLLER", "N'DIAYE", "DUPONT-DURAND", "Jean-Pierre", "jean-PIERRE", "Œdipe", "  ", "O''NEIL", "Zoé Chloë", "\u00e9", "e\u0301", "LEFÈBVRE", "Mueller"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if k := fold.Key(s); fold.Key(k) != k {
			t.Fatalf("fold.Key is not stable on %q: %q then %q", s, k, fold.Key(k))
		}
		if p := Phonetic(s); Phonetic(strings.ToLower(s)) != p {
			t.Fatalf("Phonetic depends on case: %q", s)
		}
	})
}

// FuzzImport imports a JSON Lines file into a new register: any file is
// imported whole or refused whole, and what is imported passes control.
func FuzzImport(f *testing.F) {
	src := newStore(f)
	if err := src.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		f.Fatal(err)
	}
	for range 2 {
		numbered(f, src, birth())
		if _, err := src.RegisterWith(birth(), confirmed); err != nil {
			f.Fatal(err)
		}
	}
	printed(f, src, civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38})
	if _, _, err := src.Sign(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38}); err != nil {
		f.Fatal(err)
	}
	var export bytes.Buffer
	src.Export("", func(x *Exported) error {
		b, _ := json.Marshal(x)
		export.Write(append(b, '\n'))
		return nil
	})
	f.Add(export.Bytes())
	f.Add(bytes.Replace(export.Bytes(), []byte(`"numero":39`), []byte(`"numero":41`), 1))
	f.Add(bytes.Replace(export.Bytes(), []byte("MÜLLER"), []byte("MULLER"), 1))
	f.Add([]byte(`{"type":"naissance","annee":2026,"numero":38}`))
	f.Fuzz(func(t *testing.T, file []byte) {
		var lines []ImportLine
		for i, l := range bytes.Split(file, []byte("\n")) {
			x := new(Exported)
			if json.Unmarshal(l, x) == nil {
				lines = append(lines, ImportLine{Line: i + 1, Act: x})
			}
		}
		if len(lines) == 0 || len(lines) > 50 {
			return
		}
		s := newStore(t)
		if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
			t.Fatal(err)
		}
		_, err := s.Import(lines)
		rep, cerr := s.Check()
		if cerr != nil || rep.Err() != nil {
			t.Fatalf("import (%v) left a register that fails control: %v %v", err, cerr, rep.Err())
		}
		if err != nil && rep.Acts != 0 {
			t.Fatalf("refused import (%v) wrote %d acts", err, rep.Acts)
		}
	})
}
