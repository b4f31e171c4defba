package guichet

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

func TestIdleLockWithATestClock(t *testing.T) {
	srv, clock := start(t)
	c := open(t, srv)
	rec := c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {phrase}, "suite": {"/journal"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/journal" {
		t.Fatalf("unlock: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/journal"), http.StatusOK, "Clé ouverte", "Anne-Sophie DELCOURT, maire délégué", "se verrouille à 08:15", "Clé ouverte : Anne-Sophie DELCOURT")
	// Activity within the idle time keeps it open, and starts the time again.
	clock.Advance(14 * time.Minute)
	must(t, c.get("/"), http.StatusOK, "Clé ouverte", "se verrouille à 08:29")
	clock.Advance(14 * time.Minute)
	if srv.keys.expire() || srv.keys.get() == nil {
		t.Fatal("locked before the idle time")
	}
	// Fifteen minutes without activity: the background check drops it…
	clock.Advance(time.Minute)
	if !srv.keys.expire() || srv.keys.get() != nil {
		t.Fatal("still open after 15 minutes without activity")
	}
	must(t, c.get("/"), http.StatusOK, "Clé verrouillée", "Ouvrir la clé")
	// …and so does the next request, when it comes first.
	c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {phrase}})
	sl := srv.keys.get()
	if sl == nil {
		t.Fatal("not reopened")
	}
	clock.Advance(16 * time.Minute)
	body := must(t, c.get("/"), http.StatusOK, "Clé verrouillée")
	if strings.Contains(body, `<span class="etat">Clé ouverte`) || srv.keys.get() != nil || sl.Key != nil {
		t.Fatal("the key outlived its idle time")
	}
}

func TestLockAndCloseDropTheKey(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {phrase}})
	sl := srv.keys.get()
	if sl == nil || sl.Key == nil {
		t.Fatal("not open")
	}
	rec := c.post("/verrouiller", nil)
	if rec.Code != http.StatusSeeOther || srv.keys.get() != nil || sl.Key != nil {
		t.Fatalf("after Verrouiller: %d, key %v", rec.Code, srv.keys.get())
	}
	must(t, c.get("/"), http.StatusOK, "Clé verrouillée : elle n&#39;est plus en mémoire")
	c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {phrase}})
	sl = srv.keys.get()
	srv.Close()
	if srv.keys.get() != nil || sl.Key != nil {
		t.Fatal("key kept after Close")
	}
}

func TestOuvertureShowsEachProblemBesideItsField(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	body := must(t, c.get("/ouverture"), http.StatusOK, `<option value="o1">Anne-Sophie DELCOURT, maire délégué</option>`, `<label for="champ-phrase">Phrase secrète`)
	if strings.Contains(body, "resume-erreurs") {
		t.Fatal("problems before any input")
	}
	// Nothing chosen, nothing typed: both fields, in the summary and beside each.
	body = must(t, c.post("/ouverture", url.Values{}), http.StatusUnprocessableEntity,
		`<a href="#champ-officier">Officier de l&#39;état civil</a> : officier non choisi`,
		`<a href="#champ-phrase">Phrase secrète</a> : phrase secrète manquante`)
	if !strings.Contains(between(body, `id="champ-phrase-bloc"`, "</div>"), "Erreur :</strong> phrase secrète manquante") {
		t.Fatalf("problem not beside its field:\n%s", body)
	}
	// A wrong passphrase: beside the passphrase, the officer kept, the phrase not echoed.
	body = must(t, c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {"mauvaise phrase secrète"}}), http.StatusUnprocessableEntity,
		`<option value="o1" selected>`, "phrase secrète incorrecte : la clé d&#39;Anne-Sophie DELCOURT (o1) ne s&#39;ouvre pas", "c&#39;est la phrase personnelle de l&#39;officier")
	bloc := between(body, `id="champ-phrase-bloc"`, "</div>")
	if !strings.Contains(bloc, "phrase secrète incorrecte") || !strings.Contains(bloc, `aria-invalid="true"`) || strings.Contains(body, "mauvaise") {
		t.Fatalf("wrong passphrase:\n%s", bloc)
	}
	if srv.keys.get() != nil {
		t.Fatal("opened with a wrong passphrase")
	}
	// The seal's passphrase does not open an officer's key: each officer
	// has their own (issue 19 §7).
	must(t, c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {sealPhrase}}), http.StatusUnprocessableEntity, "phrase secrète incorrecte")
	if srv.keys.get() != nil {
		t.Fatal("the seal's passphrase opened the officer's key")
	}
	// An officer without a key: beside the officer.
	body = must(t, c.post("/ouverture", url.Values{"officier": {"o2"}, "phrase": {phrase}}), http.StatusUnprocessableEntity)
	if !strings.Contains(between(body, `id="champ-officier-bloc"`, "</div>"), "Karim BENALI (o2) n&#39;a pas de clé de signature") {
		t.Fatalf("officer without key:\n%s", body)
	}
	// The way back after opening stays on this site.
	rec := c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {phrase}, "suite": {"//evil.example/"}})
	if rec.Header().Get("Location") != "/" {
		t.Fatalf("redirected to %q", rec.Header().Get("Location"))
	}
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

func TestAccueilShowsTheDay(t *testing.T) {
	srv, clock := start(t)
	c := open(t, srv)
	must(t, c.get("/"), http.StatusOK,
		"mardi 24 novembre 2026",
		"Actes à signer <span class=\"compte\">(1)</span>", "naissance/2026/38", "Zoé, Chloë MÜLLER",
		"<li>avis/1 — pour Jean-Pierre, Marcel LEFÈVRE, à Mairie de Roubaix (Nord) ; échéance : jeudi 26 novembre 2026</li>",
		"Rendez-vous du jour <span class=\"compte\">(2)</span>", "<td>09:15</td><td class=\"nombre\">1</td><td>Thomas MERCIER</td>",
		"Sauvegarde à faire", "aucune sauvegarde depuis la création du registre", "à 17:00, 2 actes dressés depuis.", "Pas de clé de secours",
		"Non fixée pour :</strong> mariages",
		"Aucune saisie interrompue")
	// Two days later, the notice is due; three days later, late.
	clock.Advance(48 * time.Hour)
	must(t, c.get("/"), http.StatusOK, "<strong>Aujourd'hui</strong> avis/1")
	clock.Advance(24 * time.Hour)
	must(t, c.get("/"), http.StatusOK, "(1, dont 1 en retard)", `<strong class="retard">EN RETARD</strong> avis/1`)
}

func TestRechercheFindsAMisspelledName(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	body := must(t, c.get("/recherche?recherche=lefebvre"), http.StatusOK, "Jean-Pierre, Marcel LEFÈVRE", "deces/2026/1", "≈ le son", `value="lefebvre"`)
	if !strings.Contains(body, "<html") {
		t.Fatal("not a whole page")
	}
	// The live search asks only for the results.
	r := newGet("/recherche?recherche=muller")
	r.Header.Set(partialHeader, "1")
	rec := c.do(r)
	body = must(t, rec, http.StatusOK, "Zoé, Chloë MÜLLER", "Anaïs MÜLLER", "<td>l'orthographe</td>")
	if strings.Contains(body, "<html") || strings.Contains(body, "<nav") {
		t.Fatalf("fragment holds the layout:\n%s", body)
	}
	must(t, c.get("/recherche?recherche=zzzzkw"), http.StatusOK, "Aucune personne trouvée pour « zzzzkw »")
	// A query with no letter is refused beside the field.
	body = must(t, c.get("/recherche?recherche=%21%21"), http.StatusUnprocessableEntity, "texte de recherche vide")
	if !strings.Contains(between(body, `id="champ-recherche-bloc"`, "</div>"), "texte de recherche vide") {
		t.Fatalf("refusal not beside the field:\n%s", body)
	}
}

func TestJournalPages(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	var n int
	srv.read(func(s *registry.Store) error { return s.Journal(func(registry.Entry) error { n++; return nil }) })
	body := must(t, c.get("/journal"), http.StatusOK, "Journal des écritures", "<td>registre créé</td>", "<td>test</td>")
	if strings.Index(body, ">rendez-vous pris<") > strings.Index(body, ">registre créé<") {
		t.Fatal("not newest first")
	}
	if strings.Contains(body, "plus anciennes") != (n > journalPageSize) {
		t.Fatalf("%d entries: link to older ones %v", n, strings.Contains(body, "plus anciennes"))
	}
	must(t, c.get("/journal?avant=3"), http.StatusOK, "Entrées n° 2 à 1")
}

// The journal says each write in the clerk's words (registry.Entry.Label,
// as etatcivil journal does), never its code; a code it does not know
// (written by a later version) is shown as it is, never hidden.
func TestJournalSaysWhatWasDone(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	if err := srv.write(func(s *registry.Store) error {
		return s.Update(func(tx *registry.Tx) error { return tx.Journal("action-future", "futur/1", []byte("x")) })
	}); err != nil {
		t.Fatal(err)
	}
	var codes []string
	srv.read(func(s *registry.Store) error {
		return s.Journal(func(e registry.Entry) error { codes = append(codes, e.Action); return nil })
	})
	body := must(t, c.get("/journal"), http.StatusOK, "<td>registre créé</td>", "<td>sceau de la commune créé</td>",
		"<td>officier ajouté</td>", "<td>clé de l&#39;officier créée</td>", "<td>numérotation fixée</td>",
		"<td>acte de naissance dressé</td>", "<td>acte de décès dressé</td>", "<td>feuille imprimée</td>",
		"<td>signature à l&#39;encre enregistrée</td>", "<td>avis de mention à envoyer</td>",
		"<td>créneaux ouverts</td>", "<td>rendez-vous pris</td>", "<td>action-future</td>")
	for _, code := range codes {
		if code != "action-future" && strings.Contains(body, "<td>"+code+"</td>") {
			t.Errorf("the journal shows the code %q", code)
		}
	}
}

func TestEverySectionInTheNavigation(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	body := must(t, c.get("/"), http.StatusOK)
	for _, p := range srv.pages {
		if p.Nav == "" || p.Setup { // served without a register only (creer_test.go)
			continue
		}
		if !strings.Contains(body, `<a href="`+p.Path+`" accesskey="`+p.Key+`"`) {
			t.Fatalf("navigation without %s", p.Path)
		}
		must(t, c.get(p.Path), http.StatusOK, "<h1>"+strings.ReplaceAll(p.Title, "'", "&#39;")+"</h1>")
	}
	// Access keys are unique.
	seen := map[string]string{"x": "Verrouiller", "k": "Ouvrir la clé"}
	for _, p := range srv.pages {
		if p.Key == "" || p.Setup {
			continue
		}
		if other, ok := seen[p.Key]; ok {
			t.Fatalf("access key %s for %s and %s", p.Key, p.Nav, other)
		}
		seen[p.Key] = p.Nav
	}
	must(t, c.get("/nimporte"), http.StatusNotFound, "Page introuvable")
	rec := c.get("/verrouiller")
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("GET of a POST address: %d", rec.Code)
	}
}

// testForm is a page of the tests with a draft and a field check: the
// mechanism the act forms will use.
var testForm = &FormDef{Draft: true,
	Fields: []Field{
		{Name: "enfant.nom", Label: "Nom", Required: true},
		{Name: "enfant.prenoms", Label: "Prénoms"},
		{Name: "declaration.date", Label: "Date de la déclaration", Hint: "JJ/MM/AAAA", Aliases: []string{"--date"}},
		{Name: "phrase", Label: "Phrase", Kind: "password"},
	},
	Check: func(c *Ctx, v url.Values) ([]civil.Problem, error) {
		var ps []civil.Problem
		if v.Get("enfant.nom") != strings.ToUpper(v.Get("enfant.nom")) {
			ps = append(ps, civil.Problem{Field: "enfant.nom", Rule: "NOM en minuscules", Hint: "écrivez le nom de famille en capitales"})
		}
		if strings.ContainsAny(v.Get("enfant.prenoms"), "xX") {
			ps = append(ps, civil.Problem{Field: "enfant.prenoms[2]", Rule: "lettre x refusée"})
		}
		ps = append(ps, civil.Problem{Field: "officier", Rule: "officier manquant", Next: []civil.Next{civil.Then(civil.SeeNotices), civil.Then(civil.Force)}}) // Force: a step the page has no link for
		if v.Get("declaration.date") == "2026-13-01" {
			ps = append(ps, civil.Problem{Field: "declaration.date", Rule: "mois 13", Next: []civil.Next{civil.Then(civil.SeeDay, "2026-11-24")}})
		}
		return ps, nil
	},
	Summary: func(v url.Values) string { return v.Get("enfant.nom") + " " + v.Get("enfant.prenoms") },
}

const testFormTemplate = `{{define "contenu"}}{{template "resume" .}}
<form method="post" action="/essai" novalidate data-brouillon="/essai" data-verifier="/essai/verifier">
<input type="hidden" name="csrf" value="{{.CSRF}}"><input type="hidden" name="brouillon" value="{{.Form.Draft}}">
{{range .Form.Fields}}{{template "champ" .}}{{end}}
<p class="etat-brouillon" role="status"></p>
<button type="submit">Enregistrer</button></form>{{end}}`

func addTestForm(t testing.TB, srv *Server) {
	t.Helper()
	p := &Page{Path: "/essai", Title: "Essai", Template: "essai.html", Form: testForm,
		Get: func(*Ctx) (any, error) { return nil, nil },
		Post: func(c *Ctx) (any, error) {
			ps, _ := testForm.Check(c, c.Form.Values)
			if len(ps) > 1 {
				return nil, &civil.RefusedError{Problems: ps}
			}
			c.srv.drafts.remove(c.Form.Draft)
			c.Redirect("/", "Enregistré.")
			return nil, nil
		}}
	if err := srv.addPage(p, testFormTemplate); err != nil {
		t.Fatal(err)
	}
}

func TestFieldCheckAndProblemsBesideTheirFields(t *testing.T) {
	srv, _ := start(t)
	addTestForm(t, srv)
	c := open(t, srv)
	check := func(field string, v url.Values) []fieldProblem {
		v = cloneValues(v)
		v.Set("champ_quitte", field)
		rec := c.post("/essai/verifier", v)
		var out struct {
			Champ     string
			Problemes []fieldProblem
		}
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &out) != nil || out.Champ != field {
			t.Fatalf("check: %d %s", rec.Code, rec.Body)
		}
		return out.Problemes
	}
	v := url.Values{"enfant.nom": {"Müller"}, "enfant.prenoms": {"Zoé, Xavier"}}
	if ps := check("enfant.nom", v); len(ps) != 1 || ps[0].Regle != "NOM en minuscules" || ps[0].Conseil == "" {
		t.Fatalf("enfant.nom: %+v", ps)
	}
	// A problem of prénom n° 2 is shown beside the prénoms.
	if ps := check("enfant.prenoms", v); len(ps) != 1 || ps[0].Regle != "lettre x refusée" {
		t.Fatalf("enfant.prenoms: %+v", ps)
	}
	if ps := check("declaration.date", v); len(ps) != 0 {
		t.Fatalf("declaration.date: %+v", ps)
	}
	// A next step the problem suggests comes as a link to its section.
	v.Set("declaration.date", "2026-13-01")
	if ps := check("declaration.date", v); len(ps) != 1 || len(ps[0].Suites) != 1 || ps[0].Suites[0] != (stepJSON{"agenda du jour", "/rdv?jour=2026-11-24"}) {
		t.Fatalf("declaration.date: %+v", ps)
	}
	v.Del("declaration.date")
	// Submitted: each beside its field, the one of no field above the form,
	// named as the command line names it (« officier : … », « ligne 3, … »).
	body := must(t, c.post("/essai", v), http.StatusUnprocessableEntity, `value="Müller"`, `value="Zoé, Xavier"`)
	if !strings.Contains(between(body, `id="champ-enfant-nom-bloc"`, "</div>"), "NOM en minuscules") ||
		!strings.Contains(between(body, `id="champ-enfant-prenoms-bloc"`, "</div>"), "lettre x refusée") ||
		!strings.Contains(between(body, `id="resume-erreurs"`, "</div>"), `<li>officier : officier manquant → <a href="/avis">avis à envoyer</a></li>`) {
		t.Fatalf("problems misplaced:\n%s", body)
	}
	if owner := testForm.owner("--date"); owner != "declaration.date" {
		t.Fatalf("alias: %q", owner)
	}
	if owner := testForm.owner("declaration.date.jour"); owner != "declaration.date" {
		t.Fatalf("parent: %q", owner)
	}
}

func TestDraftsSurviveAClosedTabAndARestart(t *testing.T) {
	srv, _ := start(t)
	addTestForm(t, srv)
	c := open(t, srv)
	// The page's script saves as the clerk types (no id the first time).
	v := url.Values{"page": {"/essai"}, "enfant.nom": {"OUALI"}, "enfant.prenoms": {"Inès"}, "phrase": {"secret"}, "inconnu": {"x"}}
	rec := c.post("/brouillons", v)
	var saved map[string]string
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &saved) != nil || !validDraftID(saved["brouillon"]) || saved["heure"] != "08:00:00" {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	id := saved["brouillon"]
	v.Set("brouillon", id)
	v.Set("enfant.prenoms", "Inès, Nour")
	must(t, c.post("/brouillons", v), http.StatusOK, id)
	file := filepath.Join(srv.cfg.Dir, DraftsDir, id+".json")
	st, err := os.Stat(file)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("draft file: %v %v", st.Mode(), err)
	}
	if dst, _ := os.Stat(filepath.Dir(file)); dst.Mode().Perm() != 0o700 {
		t.Fatalf("drafts folder %v", dst.Mode())
	}
	data, _ := os.ReadFile(file)
	if strings.Contains(string(data), "secret") || strings.Contains(string(data), "inconnu") {
		t.Fatalf("draft holds what it must not: %s", data)
	}
	// The program stops (a crash leaves the same file); a new counter lists
	// the form on the home page and takes it back up.
	dir := srv.cfg.Dir
	srv.Close()
	srv2, err := Start(Config{Dir: dir, Now: func() time.Time { return morning }, Log: os.Stderr})
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	addTestForm(t, srv2)
	c2 := open(t, srv2)
	must(t, c2.get("/"), http.StatusOK, "Saisies en cours <span class=\"compte\">(1)</span>", `<a href="/essai?brouillon=`+id+`">Essai — OUALI Inès, Nour</a>`)
	must(t, c2.get("/essai?brouillon="+id), http.StatusOK, `value="OUALI"`, `value="Inès, Nour"`, `name="brouillon" value="`+id+`"`)
	// A refused submission keeps the draft, with what was sent.
	v = url.Values{"brouillon": {id}, "enfant.nom": {"Ouali"}, "enfant.prenoms": {"Inès"}}
	must(t, c2.post("/essai", v), http.StatusUnprocessableEntity)
	if dr, _ := srv2.drafts.load(id); dr == nil || dr.Values["enfant.nom"][0] != "Ouali" {
		t.Fatalf("draft after refusal: %+v", dr)
	}
	// Saved: the draft is gone.
	v.Set("enfant.nom", "OUALI")
	if rec := c2.post("/essai", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatal("draft kept after the act was saved")
	}
	// Dropping a draft from the home page.
	rec = c2.post("/brouillons", url.Values{"page": {"/essai"}, "enfant.nom": {"X"}})
	json.Unmarshal(rec.Body.Bytes(), &saved)
	c2.post("/brouillons/supprimer", url.Values{"brouillon": {saved["brouillon"]}})
	must(t, c2.get("/"), http.StatusOK, "Saisie abandonnée.", "Aucune saisie interrompue")
	// A draft id that is not one cannot reach another file.
	if got, err := srv2.drafts.load("../registre"); got != nil || err != nil {
		t.Fatal("path traversal")
	}
	must(t, c2.post("/brouillons", url.Values{"page": {"/journal"}}), http.StatusNotFound)
}

func TestPDFIsNeverCached(t *testing.T) {
	srv, _ := start(t)
	pdf := []byte("%PDF-1.7\n% copie\n%%EOF\n")
	p := &Page{Path: "/essai-pdf", Title: "PDF", Template: "pdf.html", Get: func(c *Ctx) (any, error) {
		c.PDF("copie naissance-2026-38.pdf", pdf)
		return nil, nil
	}}
	if err := srv.addPage(p, `{{define "contenu"}}{{end}}`); err != nil {
		t.Fatal(err)
	}
	c := open(t, srv)
	rec := c.get("/essai-pdf")
	h := rec.Header()
	if rec.Code != http.StatusOK || rec.Body.String() != string(pdf) || h.Get("Content-Type") != "application/pdf" ||
		h.Get("Cache-Control") != "no-store" || h.Get("Content-Disposition") != `inline; filename="copie naissance-2026-38.pdf"` ||
		!strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("%d %v", rec.Code, h)
	}
	must(t, (&client{t: t, srv: srv, host: c.host}).get("/essai-pdf"), http.StatusForbidden)
}
