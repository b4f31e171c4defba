package guichet

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"etatcivil/civil"
	"etatcivil/registry"
)

// birthForm is a birth as a clerk types it in the page: dates JJ/MM/AAAA,
// the NOM in small letters, prénoms separated by commas.
func birthForm() url.Values {
	return url.Values{
		"enfant.nom": {"Ouali"}, "enfant.prenoms": {"inès, nour"}, "enfant.sexe": {"F"},
		"date": {"22/11/2026"}, "heure": {"09h40"}, "lieu": {"Lomme (Nord)"},
		"parents[1].nom": {"OUALI"}, "parents[1].prenoms": {"Karim"}, "parents[1].sexe": {"M"},
		"parents[1].date_naissance": {"03/04/1990"}, "parents[1].lieu_naissance": {"Lille (Nord)"},
		"parents[1].profession": {"électricien"}, "parents[1].domicile": {"4 rue Faidherbe, Lomme (Nord)"},
		"declarant.qualite": {"le père"},
		"declaration.date":  {"24/11/2026"}, "declaration.heure": {"08:00"},
		"officier": {"o1"},
	}
}

// checkField asks PATH/verifier about one field, as the page's script
// does when the field is left.
func checkField(t *testing.T, c *client, path, field string, v url.Values) ([]fieldProblem, string) {
	t.Helper()
	v = cloneValues(v)
	v.Set("champ_quitte", field)
	rec := c.post(path+"/verifier", v)
	var out struct {
		Problemes []fieldProblem
		Apercu    string
	}
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		t.Fatalf("verifier: %d %s", rec.Code, rec.Body)
	}
	return out.Problemes, out.Apercu
}

func TestDresserListsTheKindsAndTheNumberingToSet(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	body := must(t, c.get("/dresser"), http.StatusOK, `<a href="/dresser/naissance">Naissance</a>`, `<a href="/dresser/deces">Décès</a>`,
		`<a href="/dresser/mariage">Mariage</a>`, `<a href="/dresser/reconnaissance">`, `<a href="/dresser/enfant-sans-vie">`,
		`<a href="/dresser/transcription">`, `<a href="/dresser/enfant-trouve">`, `<a href="/dresser/defunt-inconnu">`,
		"Numérotation 2026 non fixée pour :</strong> mariages", `<a href="/numerotation">`)
	// Every form draws, with a label for each field.
	for _, f := range actForms() {
		body = must(t, c.get("/dresser/"+f.Slug), http.StatusOK, "<h1>"+html.EscapeString(f.Title)+"</h1>", `data-verifier="/dresser/`+f.Slug+`/verifier"`)
		for _, fd := range f.def.Fields {
			if fd.Kind == "hidden" || fd.Name == "doublon_confirme" {
				continue
			}
			if !strings.Contains(body, `<label for="`+fieldID(fd.Name)+`">`) {
				t.Fatalf("%s: field %s without its label", f.Slug, fd.Name)
			}
		}
		if strings.Contains(body, `type="date"`) {
			t.Fatalf("%s: a date input: dates are typed JJ/MM/AAAA", f.Slug)
		}
	}
}

func TestBirthFormProposesTodayAndChecksEachField(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/dresser/naissance"), http.StatusOK, `id="champ-declaration-date" name="declaration.date" type="text" value="24/11/2026"`,
		`value="08:00"`, `name="lieu" type="text" value="Lomme (Nord)"`, `<option value="o1">Anne-Sophie DELCOURT, maire délégué</option>`, `autocomplete="off"`,
		"Le texte s'écrira ici dès que les champs obligatoires seront remplis")
	v := birthForm()
	// A date that does not exist: refused beside the field, in parse's words.
	v.Set("date", "31/02/2026")
	ps, apercu := checkField(t, c, "/dresser/naissance", "date", v)
	if len(ps) != 1 || !strings.Contains(ps[0].Regle, "31/02/2026") {
		t.Fatalf("date: %+v", ps)
	}
	if !strings.Contains(apercu, "point à compléter ou corriger") {
		t.Fatalf("aperçu: %s", apercu)
	}
	// The other fields are not judged when another is left.
	if ps, _ := checkField(t, c, "/dresser/naissance", "enfant.nom", v); len(ps) != 0 {
		t.Fatalf("enfant.nom: %+v", ps)
	}
	// A place without its département.
	v.Set("date", "22/11/2026")
	v.Set("parents[1].lieu_naissance", "Lille")
	if ps, _ := checkField(t, c, "/dresser/naissance", "parents[1].lieu_naissance", v); len(ps) == 0 || !strings.Contains(ps[0].Regle+ps[0].Conseil, "Département") {
		t.Fatalf("lieu: %+v", ps)
	}
	// Corrected: the act's text is drawn, as the sheet prints it.
	v.Set("parents[1].lieu_naissance", "Lille (Nord)")
	ps, apercu = checkField(t, c, "/dresser/naissance", "parents[1].lieu_naissance", v)
	if len(ps) != 0 || !strings.Contains(apercu, `<pre class="texte-acte">`) || !strings.Contains(apercu, "Inès, Nour") ||
		!strings.Contains(apercu, "OUALI") || !strings.Contains(apercu, "vingt-deux novembre deux mille vingt-six") {
		t.Fatalf("aperçu: %+v\n%s", ps, apercu)
	}
	// A declarant who is no parent must be named: shown in the declarant's part.
	v.Set("declarant.qualite", "sage-femme")
	if ps, _ := checkField(t, c, "/dresser/naissance", "declarant.qualite", v); len(ps) != 1 || !strings.Contains(ps[0].Regle, "n'est pas un parent") {
		t.Fatalf("declarant: %+v", ps)
	}
}

func TestBirthSavedThenTheSheetToPrint(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	// The script saved a draft as the clerk typed.
	v := birthForm()
	v.Set("page", "/dresser/naissance")
	rec := c.post("/brouillons", v)
	var saved map[string]string
	json.Unmarshal(rec.Body.Bytes(), &saved)
	id := saved["brouillon"]
	if !validDraftID(id) {
		t.Fatalf("draft: %s", rec.Body)
	}
	must(t, c.get("/"), http.StatusOK, "Acte de naissance — Inès, Nour OUALI")
	// Refused: the problems beside their fields, the values kept, nothing written.
	v = birthForm()
	v.Set("brouillon", id)
	v.Set("heure", "25:00")
	v.Set("parents[1].date_naissance", "01/01/1870")
	body := must(t, c.post("/dresser/naissance", v), http.StatusUnprocessableEntity, `value="25:00"`, `value="inès, nour"`, "À corriger",
		`<a href="#champ-heure">Heure</a>`, `<a href="#champ-parents-1-date_naissance">Date de naissance (premier parent)</a>`)
	if !strings.Contains(between(body, `id="champ-heure-bloc"`, "</div>"), "Erreur :") {
		t.Fatalf("hour's problem not beside it:\n%s", body)
	}
	srv.read(func(s *registry.Store) error {
		if a, err := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 39}); err == nil {
			t.Fatalf("written: %v", a.Who())
		}
		return nil
	})
	// Corrected and saved: the act has its number, the draft is gone, the
	// clerk is sent to print its sheet.
	v.Set("heure", "09:40")
	v.Set("parents[1].date_naissance", "03/04/1990")
	rec = c.post("/dresser/naissance", v)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/imprimer?acte=naissance%2F2026%2F39" {
		t.Fatalf("save: %d %s %s", rec.Code, rec.Header(), rec.Body)
	}
	if _, err := os.Stat(filepath.Join(srv.cfg.Dir, DraftsDir, id+".json")); !os.IsNotExist(err) {
		t.Fatal("draft kept after the act was saved")
	}
	srv.read(func(s *registry.Store) error {
		a, err := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 39})
		if err != nil || a.Enfant.Nom != "OUALI" || strings.Join(a.Enfant.Prenoms, ",") != "Inès,Nour" || a.Date != "2026-11-22" ||
			a.Heure != "09:40" || a.Declarant.Qualite != "le père" || a.Agent != "agent-test" || a.Statut != civil.StatutBrouillon {
			t.Fatalf("act: %+v %v", a, err)
		}
		return nil
	})
}

func TestMarriageRefusedWithoutItsNumbering(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	v := marriageForm("21/11/2026")
	body := must(t, c.post("/dresser/mariage", v), http.StatusUnprocessableEntity, "numérotation", `<a href="/numerotation">`)
	// The refusal, not the page: its random CSRF token may hold "--".
	if refusal := between(body, `id="resume-erreurs"`, "</div>"); strings.Contains(refusal, "--") {
		t.Fatalf("a flag in the page:\n%s", refusal)
	}
	// After today: prepared without a number, drawn up on its day.
	if rec := c.post("/numerotation", url.Values{"registre": {"mariage"}, "annee": {"2026"}, "dernier": {"3"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("numbering: %d %s", rec.Code, rec.Body)
	}
	v.Set("date", "28/11/2026")
	v.Set("bans.date_publication", "05/11/2026")
	rec := c.post("/dresser/mariage", v)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/imprimer#t-prevus" {
		t.Fatalf("planned: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/imprimer"), http.StatusOK, "Mariage prévu enregistré, sans numéro : mariage/prevu/1, célébration le 28/11/2026 à 11:00",
		"Mariages prévus : 1", `<input type="hidden" name="acte" value="mariage/prevu/1">`)
	must(t, c.post("/imprimer/dresser", url.Values{"acte": {"mariage/prevu/1"}}), http.StatusUnprocessableEntity, "28")
}

func TestDuplicateFlaggedThenConfirmed(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	// The fixture's birth of Zoé MÜLLER, typed again.
	v := url.Values{
		"enfant.nom": {"MÜLLER"}, "enfant.prenoms": {"Zoé, Chloë"}, "enfant.sexe": {"F"},
		"date": {"20/11/2026"}, "heure": {"14:30"}, "lieu": {"Lomme (Nord)"},
		"parents[1].nom": {"MÜLLER"}, "parents[1].prenoms": {"Anaïs"}, "parents[1].sexe": {"F"},
		"parents[1].date_naissance": {"11/02/1994"}, "parents[1].lieu_naissance": {"Lille (Nord)"},
		"parents[1].domicile": {"12 rue de Lille, Lomme (Nord)"},
		"declarant.qualite":   {"la mère"}, "declaration.date": {"23/11/2026"}, "declaration.heure": {"10:15"}, "officier": {"o1"},
	}
	// Flagged before saving, beside the act's text.
	_, apercu := checkField(t, c, "/dresser/naissance", "officier", v)
	if !strings.Contains(apercu, "Un acte du même événement est déjà au registre") || !strings.Contains(apercu, "naissance/2026/38") {
		t.Fatalf("aperçu: %s", apercu)
	}
	// Saved anyway: refused, with the confirmation offered.
	body := must(t, c.post("/dresser/naissance", v), http.StatusUnprocessableEntity, "naissance/2026/38", `name="doublon_confirme" type="checkbox" value="oui"`)
	if strings.Contains(body, "--doublon") {
		t.Fatal("a flag in the page")
	}
	// Confirmed: written, and the journal keeps the confirmation.
	v.Set("doublon_confirme", "oui")
	if rec := c.post("/dresser/naissance", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("confirmed: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/journal"), http.StatusOK, "enregistré malgré un semblable", "naissance/2026/39 ≈ naissance/2026/38")
}

// « corriger » on « Imprimer / signer »: the draft's form filled as the
// clerk would type it, the correction checked and saved under the same
// number (etatcivil corriger), the sheet to print again.
func TestDraftCorrected(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/imprimer"), http.StatusOK, `<a href="/dresser/naissance?corriger=naissance%2F2026%2F38">corriger`)
	body := must(t, c.get("/dresser/naissance?corriger=naissance%2F2026%2F38"), http.StatusOK, "Correction du brouillon <strong>naissance/2026/38</strong>",
		`name="corriger" value="naissance/2026/38"`, `id="champ-enfant-nom" name="enfant.nom" type="text" value="MÜLLER"`,
		`value="Zoé, Chloë"`, `value="20/11/2026"`, "Enregistrer la correction")
	if strings.Contains(body, "Un acte de") && strings.Contains(body, "doublon_confirme") {
		t.Fatal("the draft flagged as a duplicate of itself")
	}
	v := url.Values{}
	for _, name := range []string{"enfant.nom", "enfant.prenoms", "enfant.sexe", "date", "heure", "lieu", "parents[1].nom", "parents[1].prenoms", "parents[1].sexe",
		"parents[1].date_naissance", "parents[1].lieu_naissance", "parents[1].profession", "parents[1].domicile", "declarant.qualite",
		"declaration.date", "declaration.heure", "officier", "corriger"} {
		if m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" type="text" value="([^"]*)"`).FindStringSubmatch(body); m != nil {
			v.Set(name, html.UnescapeString(m[1]))
		}
	}
	v.Set("enfant.sexe", "F")
	v.Set("parents[1].sexe", "F")
	v.Set("officier", "o1")
	v.Set("corriger", "naissance/2026/38")
	v.Set("heure", "14:35")
	rec := c.post("/dresser/naissance", v)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/imprimer?acte=naissance%2F2026%2F38" {
		t.Fatalf("correction: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	must(t, c.get("/imprimer?acte=naissance%2F2026%2F38"), http.StatusOK, "Brouillon naissance/2026/38 corrigé (Zoé, Chloë MÜLLER). Réimprimez la feuille avant signature.")
	srv.read(func(s *registry.Store) error {
		a, err := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38})
		if err != nil || a.Heure != "14:35" || a.Enfant.Nom != "MÜLLER" || a.Parents[0].Profession != "infirmière" {
			t.Fatalf("corrected act: %+v %v", a, err)
		}
		return nil
	})
	// A signed act is not corrected here: it takes a mention.
	must(t, c.get("/dresser/deces?corriger=deces/2026/1"), http.StatusOK, "seul un brouillon se corrige", "une mention")
}

// marriageForm is the « Dresser un mariage » form of Camille BERNARD and
// Sacha N'DIAYE, celebrated on date (dd/mm/yyyy) at 11:00 by o1, with
// their two witnesses, banns published on 5 November 2026.
func marriageForm(date string) url.Values {
	return url.Values{
		"date": {date}, "heure": {"11:00"}, "lieu": {"Lomme (Nord)"}, "bans.date_publication": {"05/11/2026"},
		"epoux[1].nom": {"BERNARD"}, "epoux[1].prenoms": {"Camille"}, "epoux[1].sexe": {"F"}, "epoux[1].date_naissance": {"02/04/1996"},
		"epoux[1].lieu_naissance": {"Lomme (Nord)"}, "epoux[1].domicile": {"7 rue du Bourg, Lomme (Nord)"},
		"epoux[2].nom": {"N'DIAYE"}, "epoux[2].prenoms": {"Sacha"}, "epoux[2].sexe": {"M"}, "epoux[2].date_naissance": {"18/09/1995"},
		"epoux[2].lieu_naissance": {"Roubaix (Nord)"}, "epoux[2].domicile": {"7 rue du Bourg, Lomme (Nord)"},
		"sans_contrat":   {"oui"},
		"temoins[1].nom": {"LEROY"}, "temoins[1].prenoms": {"Inès"}, "temoins[1].date_naissance": {"15/01/1990"}, "temoins[1].domicile": {"5 rue Pasteur, Lille (Nord)"}, "temoins[1].profession": {"infirmière"},
		"temoins[2].nom": {"MOREAU"}, "temoins[2].prenoms": {"Hugo"}, "temoins[2].date_naissance": {"30/07/1988"}, "temoins[2].domicile": {"2 allée des Tilleuls, Lomme (Nord)"}, "temoins[2].profession": {"sans profession"},
		"officier": {"o1"},
	}
}
