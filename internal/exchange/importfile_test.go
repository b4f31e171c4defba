package exchange

import (
	"testing"

	"etatcivil/registry"
)

// The report of an import agrees its counts; no copy is « sans copie »,
// never « avec aucune copie ».
func TestReportAgrees(t *testing.T) {
	for _, c := range []struct {
		acts, copies int
		want         string
	}{
		{1, 0, "1 acte importé, sans copie :"},
		{12, 0, "12 actes importés, sans copie :"},
		{12, 1, "12 actes importés, avec 1 copie :"},
		{12, 3, "12 actes importés, avec 3 copies :"},
	} {
		if got := Report(registry.Imported{Acts: c.acts, Copies: c.copies})[0]; got != c.want {
			t.Errorf("Report(%d acts, %d copies) = %q, want %q", c.acts, c.copies, got, c.want)
		}
	}
}
