package guichet

import (
	"bytes"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"etatcivil/registry"
)

// « Import / export »: the export downloaded as etatcivil export writes it
// (never kept by the browser); a date refused in the command's words; the
// import all or nothing, its refused lines listed as the command lists
// them, nothing written; then imported, with the command's report.
func TestExportAndImportFromThePage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/export"), http.StatusOK, `name="csv"`)
	rec := c.post("/export", url.Values{})
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" || !strings.Contains(rec.Header().Get("Content-Disposition"), ".jsonl") {
		t.Fatalf("export: %d %v", rec.Code, rec.Header())
	}
	var want bytes.Buffer
	srv.read(func(s *registry.Store) error { _, err := s.WriteExport(&want, "jsonl", ""); return err })
	if want.Len() == 0 || rec.Body.String() != want.String() {
		t.Fatalf("the page's export is not the command's:\n%s\n%s", rec.Body, want.String())
	}
	if rec := c.post("/export", url.Values{"csv": {"oui"}}); !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") || !strings.Contains(rec.Body.String(), ";") {
		t.Fatalf("csv: %v %s", rec.Header(), rec.Body)
	}
	must(t, c.post("/export", url.Values{"depuis": {"31/02/2026"}}), http.StatusUnprocessableEntity, `id="champ-depuis-erreur"`)
	// Written to a file, as etatcivil export -o writes it: never over a
	// file, never a file of the register, in an existing folder.
	stick := t.TempDir()
	out := filepath.Join(stick, "export.jsonl")
	if rec := c.post("/export", url.Values{"sortie": {out}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("export to a file: %d %s", rec.Code, rec.Body)
	}
	if got, _ := os.ReadFile(out); string(got) != want.String() {
		t.Fatalf("the file written is not the command's export:\n%s", got)
	}
	must(t, c.get("/export"), http.StatusOK, "actes exportés dans "+out)
	must(t, c.post("/export", url.Values{"sortie": {out}}), http.StatusUnprocessableEntity, "existe déjà : il n&#39;est jamais remplacé — choisissez un autre nom<", `id="champ-sortie-erreur"`)
	reg := filepath.Join(srv.cfg.Dir, registry.FileName)
	must(t, c.post("/export", url.Values{"sortie": {reg}}), http.StatusUnprocessableEntity, "c&#39;est un fichier du registre")
	must(t, c.post("/export", url.Values{"sortie": {filepath.Join(stick, "absent", "x.jsonl")}}), http.StatusUnprocessableEntity, "n&#39;existe pas")

	must(t, c.post("/import", url.Values{}), http.StatusUnprocessableEntity, "aucun fichier choisi")
	// A file of more than the form's megabyte, sent from the browser.
	many := bytes.Repeat([]byte("\n"), 3<<20)
	must(t, c.postFile("/import", nil, "fichier", "vide.jsonl", many), http.StatusUnprocessableEntity, "aucun acte dans « vide.jsonl »")
	good := `{"type":"naissance","registre":"naissance","annee":2026,"numero":39,"statut":"non_utilise","motif":"feuille abîmée"}` + "\n"
	bad := good + "{pas du json\n" + `{"type":"naissance","inconnu":1}` + "\n"
	before, _ := os.ReadFile(filepath.Join(srv.cfg.Dir, registry.FileName))
	must(t, c.postFile("/import", nil, "fichier", "lundi.jsonl", []byte(bad)), http.StatusUnprocessableEntity,
		"ligne 2 : illisible : ce n&#39;est pas un acte du fichier d&#39;échange", "demandez-en un nouveau", "ligne 3, inconnu : champ inconnu « inconnu »")
	if after, _ := os.ReadFile(filepath.Join(srv.cfg.Dir, registry.FileName)); !bytes.Equal(before, after) {
		t.Fatal("a refused import wrote in the register")
	}
	if rec := c.postFile("/import", nil, "fichier", "lundi.jsonl", []byte(good)); rec.Code != http.StatusSeeOther {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/import"), http.StatusOK, "1 acte importé, sans copie :")
	path := filepath.Join(t.TempDir(), "vide.jsonl")
	os.WriteFile(path, []byte("\n\n"), 0o600)
	must(t, c.post("/import", url.Values{"chemin": {path}}), http.StatusUnprocessableEntity, "aucun acte dans « "+path+" »")
}

// The page has no -o, --remplacer or --fichier: its refusals name its own
// fields and never offer to replace a file (the page never does). A clerk
// knows the exchange file, not JSON: neither the pages nor their refusals
// say it.
func TestExchangeRefusalsSayNoCommandLine(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	out := filepath.Join(t.TempDir(), "export.jsonl")
	os.WriteFile(out, []byte("x"), 0o600)
	reg := filepath.Join(srv.cfg.Dir, registry.FileName)
	bad := filepath.Join(t.TempDir(), "lundi.jsonl")
	os.WriteFile(bad, []byte("{pas du json\n"), 0o600)
	good := `{"type":"naissance","registre":"naissance","annee":2026,"numero":39,"statut":"non_utilise","motif":"feuille abîmée"}`
	for _, rec := range []*httptest.ResponseRecorder{
		c.post("/export", url.Values{"sortie": {out}}),
		c.post("/export", url.Values{"sortie": {reg}}),
		c.post("/import", url.Values{"chemin": {bad}}),
		c.postFile("/import", nil, "fichier", "lundi.jsonl", []byte("\xff\xfe{}\n")),
		c.postFile("/import", nil, "fichier", "lundi.jsonl", []byte("[1]\n"+good+" {}\n"+good[:40]+"\n"+`{"numero":"39"}`+"\n")),
		c.postFile("/import", nil, "fichier", "vide.jsonl", []byte("\n")),
	} {
		body := must(t, rec, http.StatusUnprocessableEntity)
		main := body[strings.Index(body, "<main"):]
		for _, w := range []string{"--remplacer", "--fichier", "-o ", "sur demande", "JSON", "FICHIER", "voir docs/"} {
			if strings.Contains(main, w) {
				t.Errorf("the page's refusal says %q:\n%s", w, main)
			}
		}
	}
	if got, _ := os.ReadFile(out); string(got) != "x" {
		t.Fatal("a refused export wrote over the file")
	}
	for _, path := range []string{"/export", "/import"} {
		body := must(t, c.get(path), http.StatusOK, "ichier d&#39;échange")
		if main := body[strings.Index(body, "<main"):]; strings.Contains(main, "JSON") {
			t.Errorf("%s says JSON:\n%s", path, main)
		}
	}
}

// A write the system refuses (a USB stick pulled out, full, read-only)
// is said on the page as etatcivil says it, in French, not hidden behind
// « Erreur inattendue ».
func TestSystemErrorSaidOnThePage(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc here: no folder where a file cannot be created")
	}
	srv, _ := start(t)
	c := open(t, srv)
	body := must(t, c.post("/export", url.Values{"sortie": {"/proc/export.jsonl"}}), http.StatusInternalServerError,
		"Écriture ou lecture impossible", "ouverture de /proc/", "fichier ou dossier introuvable", "support")
	if strings.Contains(body, "no such file") {
		t.Fatalf("English on the page:\n%s", body)
	}
}

// A name without its folder would be written wherever the program was
// started from (on Windows, perhaps the program's own folder): the page
// asks for the whole path, and writes nothing.
func TestExportToAFileNeedsItsWholePath(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	t.Chdir(t.TempDir())
	must(t, c.post("/export", url.Values{"sortie": {"export.jsonl"}}), http.StatusUnprocessableEntity,
		`id="champ-sortie-erreur"`, "chemin complet")
	if _, err := os.Stat("export.jsonl"); err == nil {
		t.Fatal("the export was written in the current folder")
	}
}

// « Importer » by path opens the file as etatcivil import does
// (exchange.OpenImport): the register's own files are refused before they
// are read, beside the field, in French, nothing written; a big file maps
// the register at once as the command maps it (registry.ImportMapSize),
// and is written in batches into a copy put in place at the end: all or
// nothing.
func TestImportByPathAsTheCommand(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	dir := srv.cfg.Dir
	reg := filepath.Join(dir, registry.FileName)
	before, _ := os.ReadFile(reg)
	line := func(n int) string {
		return `{"type":"naissance","registre":"naissance","annee":2026,"numero":` + strconv.Itoa(n) + `,"statut":"non_utilise","motif":"feuille abîmée"}` + "\n"
	}
	inside := filepath.Join(dir, "lundi.jsonl")
	os.WriteFile(inside, []byte(line(39)), 0o600)
	linked := filepath.Join(t.TempDir(), "copie.db")
	if err := os.Link(reg, linked); err != nil {
		t.Fatal(err)
	}
	symlinked := filepath.Join(t.TempDir(), "temoin.jsonl")
	if err := os.Symlink(filepath.Join(dir, registry.WitnessName), symlinked); err != nil {
		t.Fatal(err)
	}
	for path, what := range map[string]string{
		reg: "est le registre lui-même (registre.db)", filepath.Join(dir, registry.WitnessName): "est le témoin du registre",
		linked: "est le registre lui-même", symlinked: "est le témoin du registre", inside: "est dans le dossier du registre (" + dir + ")",
	} {
		body := must(t, c.post("/import", url.Values{"chemin": {path}}), http.StatusUnprocessableEntity, `id="champ-chemin-erreur"`,
			html.EscapeString(what), "jamais un fichier du registre", "placé hors du dossier du registre")
		for _, parsed := range []string{"ligne 1", "mal encodé", "JSON mal formé"} {
			if strings.Contains(body, parsed) {
				t.Fatalf("%s read as an import file: %q", path, parsed)
			}
		}
	}
	if after, _ := os.ReadFile(reg); !bytes.Equal(before, after) {
		t.Fatal("a refused import wrote in the register")
	}

	// A big file (BigImport lowered): the register opened for it with the
	// command's mapping, written in batches of two acts.
	defer func(b int64, n int) { registry.BigImport, registry.ImportBatch = b, n }(registry.BigImport, registry.ImportBatch)
	registry.BigImport, registry.ImportBatch = 100, 2
	var mapped []int
	defer func() { openRegister = registry.Open }()
	openRegister = func(dir string, o registry.Options) (*registry.Store, error) {
		if !o.ReadOnly {
			mapped = append(mapped, o.MmapSize)
		}
		return registry.Open(dir, o)
	}
	var good strings.Builder
	for n := 39; n <= 45; n++ {
		good.WriteString(line(n))
	}
	big := filepath.Join(t.TempDir(), "actes-papier.jsonl")
	os.WriteFile(big, []byte(good.String()+`{"type":"naissance","inconnu":1}`+"\n"), 0o600)
	st, _ := os.Stat(big)
	want := registry.ImportMapSize(dir, st.Size())
	if want == 0 {
		t.Fatal("no mapping for a big file")
	}
	before, _ = os.ReadFile(reg)
	length := journalLength(t, srv)
	must(t, c.post("/import", url.Values{"chemin": {big}}), http.StatusUnprocessableEntity, "ligne 8, inconnu : champ inconnu « inconnu »")
	if after, _ := os.ReadFile(reg); !bytes.Equal(before, after) || journalLength(t, srv) != length {
		t.Fatal("a refused big import wrote in the register")
	}
	if len(mapped) != 1 || mapped[0] != want {
		t.Fatalf("register mapped %v for the import, want [%d] as etatcivil import", mapped, want)
	}
	os.WriteFile(big, []byte(good.String()), 0o600)
	st, _ = os.Stat(big)
	want, mapped = registry.ImportMapSize(dir, st.Size()), nil
	if rec := c.post("/import", url.Values{"chemin": {big}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("big import: %d %s", rec.Code, rec.Body)
	}
	if len(mapped) != 1 || mapped[0] != want {
		t.Fatalf("register mapped %v for the import, want [%d] as etatcivil import", mapped, want)
	}
	if n := journalLength(t, srv); n != length+7 {
		t.Fatalf("%d journal entries written, want 7 (one an act)", n-length)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".etatcivil-*")); len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	must(t, c.post("/controle", nil), http.StatusOK, "Aucune anomalie")
}
