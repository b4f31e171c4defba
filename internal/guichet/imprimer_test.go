package guichet

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// unlock opens o1's key.
func unlock(t testing.TB, c *client) {
	t.Helper()
	if rec := c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {phrase}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("unlock: %d %s", rec.Code, rec.Body)
	}
}

// pdfText extracts a PDF's text with pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPrintThenSign(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	body := must(t, c.get("/imprimer?acte=naissance/2026/38"), http.StatusOK, `<tr class="choisi">`, "naissance/2026/38 <strong>(l'acte enregistré)</strong>",
		"Zoé, Chloë MÜLLER", "pas encore imprimée", "Pour imprimer, l'officier ouvre sa clé", `name="signe" value="naissance/2026/38"`)
	if !strings.Contains(between(body, `form="feuille-naissance-2026-38"`, "</button>"), "disabled") {
		t.Fatal("print button enabled without the key")
	}
	// Signed before its sheet was printed: the register refuses.
	body = must(t, c.post("/imprimer", url.Values{"signe": {"naissance/2026/38"}}), http.StatusUnprocessableEntity,
		"aucune feuille de l&#39;acte naissance/2026/38 n&#39;a été imprimée", `<a href="/imprimer?acte=naissance%2F2026%2F38">imprimer la feuille</a>`)
	// Nothing ticked.
	must(t, c.post("/imprimer", url.Values{}), http.StatusUnprocessableEntity, "aucun acte coché")
	// The sheet without the key: open it first, then back here.
	rec := c.post("/imprimer/feuille", url.Values{"acte": {"naissance/2026/38"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/ouverture?suite=%2Fimprimer%3Facte%3Dnaissance%252F2026%252F38" {
		t.Fatalf("locked: %d %v", rec.Code, rec.Header())
	}
	unlock(t, c)
	rec = c.post("/imprimer/feuille", url.Values{"acte": {"naissance/2026/38"}})
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || rec.Header().Get("Cache-Control") != "no-store" ||
		rec.Header().Get("Content-Disposition") != `inline; filename=feuille-naissance-2026-38.pdf` {
		t.Fatalf("sheet: %d %v", rec.Code, rec.Header())
	}
	text := pdfText(t, rec.Body.Bytes())
	for _, w := range []string{"Registre des naissances", "38", "MÜLLER", "Zoé, Chloë"} {
		if !strings.Contains(text, w) {
			t.Fatalf("sheet without %q:\n%s", w, text)
		}
	}
	must(t, c.get("/imprimer"), http.StatusOK, "imprimée le ")
	// An unknown act: refused on the list, in words.
	must(t, c.post("/imprimer/feuille", url.Values{"acte": {"naissance/2026/99"}}), http.StatusUnprocessableEntity, "naissance/2026/99")
	must(t, c.post("/imprimer/feuille", url.Values{"acte": {"n'importe quoi"}}), http.StatusUnprocessableEntity, "À corriger")
	// Signed in ink: frozen.
	rec = c.post("/imprimer", url.Values{"signe": {"naissance/2026/38"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("sign: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/imprimer"), http.StatusOK, "Acte naissance/2026/38 signé : il est désormais figé (Zoé, Chloë MÜLLER).", "Aucun acte n'attend de signature.")
	srv.read(func(s *registry.Store) error {
		a, err := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38})
		if err != nil || a.Statut != civil.StatutSigne {
			t.Fatalf("not signed: %v %v", a, err)
		}
		return nil
	})
	// The whole register of the deaths.
	rec = c.post("/imprimer/registre", url.Values{"registre": {"deces"}, "annee": {"2026"}})
	if rec.Code != http.StatusOK || !strings.Contains(pdfText(t, rec.Body.Bytes()), "LEFÈVRE") {
		t.Fatalf("register: %d", rec.Code)
	}
	must(t, c.post("/imprimer/registre", url.Values{"registre": {"mariage"}, "annee": {"2026"}}), http.StatusUnprocessableEntity, "ne contient aucun acte")
}

func TestCancelADraft(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.post("/imprimer/annuler", url.Values{"acte": {"naissance/2026/38"}}), http.StatusUnprocessableEntity, "motif")
	rec := c.post("/imprimer/annuler", url.Values{"acte": {"naissance/2026/38"}, "motif": {"le déclarant est reparti sans signer"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/imprimer"), http.StatusOK, "Acte naissance/2026/38 annulé (Zoé, Chloë MÜLLER)", "Aucun acte n'attend de signature.")
	must(t, c.post("/imprimer/annuler", url.Values{"acte": {"deces/2026/1"}, "motif": {"erreur"}}), http.StatusUnprocessableEntity, "deces/2026/1")
}

// A sheet asked for with the key open, while a command holds the register,
// and the key locked during the wait (« Verrouiller » in another tab): the
// request signs with the key it read once (Ctx.Seal, the request's copy)
// instead of finding it gone after the wait (« Erreur inattendue »); the
// key stays locked.
func TestSheetSignedThoughTheKeyIsLockedDuringTheWait(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	unlock(t, c)
	held, err := registry.Open(srv.cfg.Dir, registry.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- c.post("/imprimer/feuille", url.Values{"acte": {"naissance/2026/38"}}) }()
	time.Sleep(50 * time.Millisecond) // the request waits for the register (Timeout 200 ms)
	srv.keys.lock()
	held.Close()
	if rec := <-done; rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF")) {
		t.Fatalf("sheet: %d %.300s", rec.Code, rec.Body)
	}
	if srv.keys.get() != nil {
		t.Fatal("the key opened again")
	}
}
