package guichet

import (
	"net/http"
	"testing"
)

// « Registre » lists the acts as etatcivil lister does and shows one
// act's text as etatcivil afficher does.
func TestRegistreListsAndShows(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/registre"), http.StatusOK, "Tous les registres — 2026 : 2 actes</caption>",
		`<a href="/registre?registre=&amp;annee=2026&amp;acte=naissance%2f2026%2f38">naissance/2026/38</a>`, "brouillon", "Zoé, Chloë MÜLLER",
		"deces/2026/1", "signé", `<a href="/copie?acte=deces%2f2026%2f1">copie`)
	must(t, c.get("/registre?registre=deces&annee=2026&acte=deces/2026/1"), http.StatusOK, "Registre des décès — 2026 : 1 acte</caption>",
		"Acte deces/2026/1", `<pre class="texte-acte">`, "LEFÈVRE", "Délivrer une copie")
	must(t, c.get("/registre?annee=2025"), http.StatusOK, "Aucun acte.")
	must(t, c.get("/registre?registre=divorce"), http.StatusUnprocessableEntity, "« divorce » n&#39;est pas un registre")
	must(t, c.get("/registre?acte=naissance/2026/99"), http.StatusUnprocessableEntity)
}
