package guichet

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// TestPreparerFromTheRegister: a marriage numbered before its day (as an
// earlier version did; here numbered on its day, then the clock set back
// and confirmed) is made a planned marriage again from « Registre »: its
// number left unused, with the command's words.
func TestPreparerFromTheRegister(t *testing.T) {
	srv, clock := start(t)
	c := open(t, srv)
	if rec := c.post("/numerotation", url.Values{"registre": {"mariage"}, "annee": {"2026"}, "dernier": {"3"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("numbering: %d %s", rec.Code, rec.Body)
	}
	clock.Advance(4*24*time.Hour + 2*time.Hour) // Saturday 28 November, 10:00
	v := marriageForm("28/11/2026")
	if rec := c.post("/dresser/mariage", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("marriage: %d %s", rec.Code, rec.Body)
	}
	clock.Advance(-4*24*time.Hour - 2*time.Hour)
	unlock(t, c) // locked meanwhile, idle for days
	if rec := c.post("/horloge", nil); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/horloge" {
		t.Fatalf("clock statement: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/registre?registre=mariage&annee=2026"), http.StatusOK, "mariage/2026/4", "numéroté avant le jour de la célébration",
		`<input type="hidden" name="acte" value="mariage/2026/4">`, "En faire un mariage prévu")
	// A marriage that is not one: refused in the library's words, nothing written.
	before := journalLength(t, srv)
	must(t, c.post("/registre/preparer", url.Values{"acte": {"naissance/2026/38"}}), http.StatusUnprocessableEntity, "Refusé")
	if journalLength(t, srv) != before {
		t.Fatal("a refused preparer wrote")
	}
	rec := c.post("/registre/preparer", url.Values{"acte": {"mariage/2026/4"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/imprimer#t-prevus" {
		t.Fatalf("preparer: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/imprimer"), http.StatusOK, "Numéro mariage/2026/4 non utilisé (motif : mariage saisi avant le jour de sa célébration",
		"Il ne sera jamais repris ; détruisez la feuille imprimée avec ce numéro.", "Mariage prévu mariage/prevu/1, sans numéro", "Mariages prévus : 1")
}
