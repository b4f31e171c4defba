package guichet

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"etatcivil/registry"
)

// « Compacter »: refused without the confirmation (nothing rewritten),
// refused while a command holds the register (« Registre occupé »), then
// the file rewritten and checked, the old one kept beside, the sizes said.
func TestCompactFromThePage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	dir := srv.cfg.Dir
	must(t, c.get("/compacter"), http.StatusOK, "Taille actuelle du fichier du registre :")
	before, _ := os.Stat(filepath.Join(dir, registry.FileName))
	must(t, c.post("/compacter", url.Values{}), http.StatusUnprocessableEntity, "compactage non confirmé")
	// A command holds the register.
	held, err := registry.Open(dir, registry.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	must(t, c.post("/compacter", url.Values{"confirme": {"oui"}}), http.StatusServiceUnavailable, "Registre occupé")
	held.Close()
	if after, _ := os.Stat(filepath.Join(dir, registry.FileName)); !os.SameFile(before, after) {
		t.Fatal("a refused compaction replaced the file")
	}
	if rec := c.post("/compacter", url.Values{"confirme": {"oui"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("compact: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/compacter"), http.StatusOK, "Registre compacté : ", "contrôle sans anomalie", "L&#39;ancien fichier est gardé sous registre.db.avant-compactage-")
	if kept, _ := filepath.Glob(filepath.Join(dir, registry.FileName+".avant-compactage-*")); len(kept) != 1 {
		t.Fatalf("old file kept: %v", kept)
	}
	must(t, c.get("/registre"), http.StatusOK)
}
