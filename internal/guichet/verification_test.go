package guichet

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"etatcivil/internal/keyring"
	"etatcivil/internal/verify"
	"etatcivil/registry"
)

// postFile sends a form with a file, as the page's multipart form does.
func (c *client) postFile(path string, fields url.Values, field, name string, data []byte) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := mw.CreateFormFile(field, name)
		fw.Write(data)
	}
	mw.Close()
	r := httptest.NewRequest("POST", path, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Origin", "http://"+c.host)
	return c.do(r)
}

// deliverCopy delivers the full copy of the fixture's birth to its mother
// (the key open) and returns its PDF.
func deliverCopy(t *testing.T, srv *Server, c *client) []byte {
	t.Helper()
	signBirth(t, srv)
	unlock(t, c)
	v := url.Values{"acte": {"naissance/2026/38"}, "forme": {"integrale"}, "demandeur": {"Anaïs Müller"}, "qualite": {"pere-mere"}, "parents": {"anais muller"}, "etape": {"delivrer"}}
	if rec := c.post("/copie", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("deliver: %d %s", rec.Code, rec.Body)
	}
	rec := c.get("/copie/document?n=1")
	if rec.Code != http.StatusOK {
		t.Fatalf("document: %d", rec.Code)
	}
	return rec.Body.Bytes()
}

// journalLength is the number of entries in the register's journal.
func journalLength(t *testing.T, srv *Server) int {
	t.Helper()
	n := 0
	if err := srv.read(func(s *registry.Store) error {
		return s.Journal(func(registry.Entry) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestVerificationPage(t *testing.T) {
	srv, clock := start(t)
	c := open(t, srv)
	must(t, c.get("/verification"), http.StatusOK, `enctype="multipart/form-data"`, `<label for="champ-document">`, `<label for="champ-code">`, `accesskey="f"`)
	pdf := deliverCopy(t, srv, c)
	before := journalLength(t, srv)

	// The copy delivered: AUTHENTIQUE, with the same lines as etatcivil
	// verifier (verify.Check is the command's verdict).
	body := must(t, c.postFile("/verification", nil, "document", "copie.pdf", pdf), http.StatusOK,
		"Réponse pour copie.pdf", "✔ AUTHENTIQUE — copie intégrale n° 59350-2026-000001 de l&#39;acte naissance/2026/38",
		"Faits certifiés", "<th scope=\"row\">", "Signature du PDF : valide", "à jour")
	if strings.Contains(body, "✘") {
		t.Fatalf("authentic copy shown with a failure:\n%s", body)
	}
	var want *verify.Verdict
	srv.read(func(s *registry.Store) error {
		trust, err := keyring.Trust(s)
		if err == nil {
			want = verify.Check(&verify.Input{PDF: pdf, From: "du PDF"}, trust, s, clock.Now())
		}
		return err
	})
	for _, l := range want.Lines {
		text := strings.TrimSpace(l.Text)
		if l.Label != "" {
			text = l.Value
		}
		if !strings.Contains(body, html.EscapeString(text)) {
			t.Errorf("page without the command's line %q", text)
		}
	}

	// One byte changed: FALSIFIÉ OU MODIFIÉ, with what to do.
	forged := bytes.Replace(pdf, []byte("MÜLLER"), []byte("MILLER"), 1)
	if bytes.Equal(forged, pdf) {
		forged = append([]byte(nil), pdf...)
		forged[len(forged)/2] ^= 1
	}
	must(t, c.postFile("/verification", nil, "document", "copie.pdf", forged), http.StatusOK,
		"✘ ", "→ ", "prévenez la mairie")

	// The code read from a scan of the paper: CODE AUTHENTIQUE, the facts to compare.
	if _, err := exec.LookPath("pdftoppm"); err == nil {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "c.pdf"), pdf, 0o600)
		if out, err := exec.Command("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", filepath.Join(dir, "c.pdf"), filepath.Join(dir, "scan")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		png, _ := os.ReadFile(filepath.Join(dir, "scan.png"))
		must(t, c.postFile("/verification", nil, "document", "scan.png", png), http.StatusOK,
			"✔ CODE AUTHENTIQUE — copie intégrale", "comparez-les un à un avec la page présentée", "Vérifié à partir de l&#39;image")
	}

	// A code cut short: a verdict; a text that is no code: refused beside
	// the field, in the command's words.
	must(t, c.postFile("/verification", url.Values{"code": {"EC1:pas-un-code"}}, "", "", nil), http.StatusOK,
		"✘ FALSIFIÉ OU MODIFIÉ — code illisible")
	must(t, c.postFile("/verification", url.Values{"code": {"bonjour"}}, "", "", nil), http.StatusUnprocessableEntity,
		"À corriger", "copiez tout le texte lu par le téléphone")
	// Nothing given.
	must(t, c.postFile("/verification", nil, "", "", nil), http.StatusUnprocessableEntity, "aucun document choisi ni texte de code collé")
	// An image without a code.
	must(t, c.postFile("/verification", nil, "document", "photo.png", []byte("\x89PNG\r\n\x1a\nrien")), http.StatusUnprocessableEntity, "photo.png : ")

	if after := journalLength(t, srv); after != before {
		t.Fatalf("verifying wrote to the journal: %d entries, then %d", before, after)
	}

	// The act annulled since: the code still authentic, the copy not to be accepted.
	rec := c.post("/mentions", url.Values{"acte": {"naissance/2026/38"}, "nature": {"annulation"},
		"donnees.decision.autorite": {"tribunal judiciaire de Lille"}, "donnees.decision.date": {"23/11/2026"}, "donnees.decision.reference": {"RG 26/1234"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("annulment: %d %s", rec.Code, rec.Body)
	}
	body = must(t, c.postFile("/verification", nil, "document", "copie.pdf", pdf), http.StatusOK,
		"⚠ AUTHENTIQUE — copie intégrale", "✘ ACTE ANNULÉ : l&#39;acte naissance/2026/38", "→ ")
	if strings.Contains(body, "✔") {
		t.Fatalf("an annulled act's copy shown as good:\n%s", body)
	}
}
