package registry

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

// importLines reads an export back as import lines.
func importLines(t *testing.T, exp string) []ImportLine {
	t.Helper()
	var lines []ImportLine
	for i, l := range strings.Split(strings.TrimSpace(exp), "\n") {
		var x Exported
		if err := jsonUnmarshalStrict([]byte(l), &x); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, ImportLine{i + 1, &x})
	}
	return lines
}

// An import of more acts than ImportBatch is written into a copy of the
// register, a few acts per transaction, then put in place: the register
// holds what an import in one transaction gives (the same export, the same
// search), passes the control, takes the next act, and no temporary file
// stays.
func TestImportInBatches(t *testing.T) {
	s := newStore(t)
	s.SetNumbering(civil.Naissance, 2026, 37)
	fill(t, s, 7)
	exp := exportOf(t, s)
	defer func(n int) { ImportBatch = n }(ImportBatch)
	ImportBatch = 2
	n := newStore(t)
	n.SetNumbering(civil.Naissance, 2026, 37)
	res, err := n.Import(importLines(t, exp))
	if err != nil {
		t.Fatal(err)
	}
	if res.Acts != 7 || len(res.Ranges) != 1 || res.Ranges[0] != "naissance 2026 : n° 38 à 44" {
		t.Fatalf("import: %+v", res)
	}
	if got := exportOf(t, n); got != exp {
		t.Fatalf("export → import in batches → export differs:\n%s\nwant:\n%s", got, exp)
	}
	checkSound(t, n)
	if hits, err := n.Search("muller"); err != nil || len(hits) == 0 {
		t.Fatalf("search after import: %v %v", hits, err)
	}
	a := birth()
	if _, err := n.RegisterWith(a, confirmed); err != nil || a.Numero != 45 {
		t.Fatalf("next act after import: n° %d, %v", a.Numero, err)
	}
	if left, _ := filepath.Glob(filepath.Join(n.Dir(), tempPrefix+"*")); len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	dir := n.Dir()
	n.Close()
	o, err := Open(dir, Options{Now: func() time.Time { return testNow }})
	if err != nil || o.Behind() != nil {
		t.Fatalf("reopened after a batched import: %v %v", err, o.Behind())
	}
	o.Close()
}

// A batched import stopped between the steps of its swap (as a power cut
// would) leaves the register before or after the import, never between:
// it opens, is not behind its witness, passes the control and takes the
// next write.
func TestImportStoppedBetweenItsSteps(t *testing.T) {
	src := newStore(t)
	src.SetNumbering(civil.Naissance, 2026, 37)
	fill(t, src, 5)
	lines := importLines(t, exportOf(t, src))
	defer func(n int) { ImportBatch = n }(ImportBatch)
	ImportBatch = 2
	for _, step := range []string{"lot", "témoin", "renommé"} {
		t.Run(step, func(t *testing.T) {
			s := newStore(t)
			s.SetNumbering(civil.Naissance, 2026, 37)
			dir := s.Dir()
			swapStep = func(st string) {
				if st == step {
					panic("coupure de courant")
				}
			}
			func() {
				defer func() { recover() }()
				s.Import(lines)
			}()
			swapStep = func(string) {}
			s.Close()
			s, err := Open(dir, Options{Now: func() time.Time { return testNow }})
			if err != nil {
				t.Fatalf("after a stop at %q the register does not open: %v", step, err)
			}
			defer s.Close()
			if b := s.Behind(); b != nil {
				t.Fatalf("after a stop at %q the register is behind its witness: %v", step, b)
			}
			got := strings.Count(exportOf(t, s), "\n")
			if want := map[string]int{"lot": 0, "témoin": 0, "renommé": 5}[step]; got != want {
				t.Fatalf("stop at %q: %d acts, want %d", step, got, want)
			}
			checkSound(t, s)
			if _, err := s.RegisterWith(birth(), confirmed); err != nil {
				t.Fatalf("after a stop at %q no write goes through: %v", step, err)
			}
			checkSound(t, s)
		})
	}
}
