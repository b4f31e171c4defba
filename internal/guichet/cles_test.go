package guichet

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// « Clés et secours »: the seal's passphrase is checked as the commands
// check it (nothing written when wrong); the certificate is downloaded,
// never kept; the recovery key's sheet is shown once and its public part
// recorded; secours creer's refusal of a second key without « remplacer »;
// cles phrase's refusals, then the new phrase opens the seal.
func TestKeysFromThePage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/cles"), http.StatusOK, "Sceau de la commune, empreinte", "Pas de clé de secours")
	must(t, c.post("/cles", url.Values{"phrase": {"pas la bonne"}}), http.StatusUnprocessableEntity, "phrase secrète incorrecte : la clé du sceau de la commune ne s&#39;ouvre pas")
	rec := c.post("/cles", url.Values{"phrase": {sealPhrase}})
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" || !strings.Contains(rec.Header().Get("Content-Disposition"), "commune.pem") {
		t.Fatalf("certificate: %d %v", rec.Code, rec.Header())
	}
	trust, err := seal.ReadBundle(rec.Body.Bytes())
	if err != nil || len(keyring.Officers(trust)) == 0 {
		t.Fatalf("the bundle does not read: %v", err)
	}
	rec = c.post("/cles", url.Values{"phrase": {sealPhrase}, "revocations": {"oui"}})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), "revocations.pem") {
		t.Fatalf("revocation list: %d %v", rec.Code, rec.Header())
	}

	must(t, c.post("/secours", url.Values{"phrase": {sealPhrase}, "signer": {"oui"}}), http.StatusUnprocessableEntity, "ce registre n&#39;a pas de clé de secours", `href="/secours"`)
	must(t, c.post("/secours", url.Values{"phrase": {"pas la bonne"}}), http.StatusUnprocessableEntity, "phrase secrète incorrecte")
	body := must(t, c.post("/secours", url.Values{"phrase": {sealPhrase}}), http.StatusOK, "Clé de secours créée, empreinte", "AGE-SECRET-KEY-1", "BEGIN CERTIFICATE", "Imprimez cette page")
	sheet := body[strings.Index(body, "<pre"):]
	key, err := seal.ParseRecovery(strings.NewReader(html.UnescapeString(strings.TrimPrefix(sheet[:strings.Index(sheet, "</pre>")], `<pre class="imprimable">`))))
	if err != nil || key.Commune == nil {
		t.Fatalf("the sheet shown does not read as the key: %v", err)
	}
	var k *registry.RecoveryKey
	srv.read(func(s *registry.Store) (err error) { k, err = s.RecoveryKey(); return err })
	if k == nil || k.Destinataire != key.Recipient() {
		t.Fatalf("recorded %v, shown %s", k, key.Recipient())
	}
	must(t, c.get("/cles"), http.StatusOK, "Clé de secours en service, empreinte "+key.Fingerprint())
	must(t, c.post("/secours", url.Values{"phrase": {sealPhrase}, "signer": {"oui"}}), http.StatusUnprocessableEntity, "est déjà signée par le sceau")
	must(t, c.post("/secours", url.Values{"phrase": {sealPhrase}}), http.StatusUnprocessableEntity, "remplacer")
	must(t, c.post("/secours", url.Values{"phrase": {sealPhrase}, "remplacer": {"oui"}}), http.StatusOK, "L&#39;ancienne clé (empreinte "+key.Fingerprint())

	must(t, c.post("/cles/phrase", url.Values{"ancienne": {sealPhrase}, "nouvelle": {"court"}, "confirmation": {"autre"}}), http.StatusUnprocessableEntity, "les deux phrases secrètes diffèrent")
	must(t, c.post("/cles/phrase", url.Values{"ancienne": {"fausse"}, "nouvelle": {"court"}, "confirmation": {"court"}}), http.StatusUnprocessableEntity, `id="champ-ancienne-erreur">`, "phrase secrète incorrecte")
	must(t, c.post("/cles/phrase", url.Values{"ancienne": {sealPhrase}, "nouvelle": {phrase}, "confirmation": {phrase}}), http.StatusUnprocessableEntity, "cette phrase ouvre aussi la clé d&#39;un officier")
	nw := "girafe orange sous la pluie de mars"
	if rec := c.post("/cles/phrase", url.Values{"ancienne": {sealPhrase}, "nouvelle": {nw}, "confirmation": {nw}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("new phrase: %d %s", rec.Code, rec.Body)
	}
	if err := srv.read(func(s *registry.Store) error { _, err := keyring.OpenSeal(s, nw); return err }); err != nil {
		t.Fatal(err)
	}
}
