package forms

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/pdftest"
	"etatcivil/registry"
)

// allKinds are the fixtures of every kind of act, in testdata/.
var allKinds = []string{"naissance", "deces", "mariage", "reconnaissance", "enfant_sans_vie", "transcription"}

var delcourt = civil.Officer{ID: "o2", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"}

// record is a copy log line for the tests.
func record(forme string) registry.CopyRecord {
	return registry.CopyRecord{Numero: 7, Serie: "59350-2026-000007", Horodatage: "2026-11-24T09:41:00+01:00",
		Forme: forme, Demandeur: "Anaïs MÜLLER", Qualite: civil.QualitePereMere, Officier: "o2", Agent: "agent", Statut: registry.CopieDelivree}
}

func renderSheet(t testing.TB, a *civil.Act, sl *Seal) []byte {
	t.Helper()
	s := NewSheets("test", lille, []civil.Officer{maire, delcourt}, sl)
	if err := s.Add(a); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func renderCopy(t testing.TB, a *civil.Act, forme string, sl *Seal) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCopy(&b, registry.Delivery{Act: a, Commune: lille, ActOfficer: maire, Record: record(forme), Signer: delcourt}, sl); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// documents renders every document of the fixtures, signed with sl
// when it is not nil.
func documents(t testing.TB, sl *Seal) map[string][]byte {
	out := map[string][]byte{}
	for _, kind := range allKinds {
		a := load(t, kind)
		a.CreeLe = "2026-11-23T10:20:00+01:00"
		draft := *a
		draft.Statut = civil.StatutBrouillon // a sheet is printed to be signed
		out["feuillet-"+kind] = renderSheet(t, &draft, sl)
		for _, f := range civil.FormesOf(a.Type) {
			out[f+"-"+kind] = renderCopy(t, a, f, sl)
		}
	}
	return out
}

var preview = flag.String("apercu", "", "also write the PDFs into this folder, to look at them (pdftoppm -png)")

// TestDocuments checks every document of the fixtures: strict PDF
// validation, one page, and the text pdftotext reads back against golden
// files (go test ./forms -update rewrites them).
func TestDocuments(t *testing.T) {
	pdftest.NeedPoppler(t)
	dir := t.TempDir()
	if *preview != "" {
		dir = *preview
	}
	docs := documents(t, nil)
	if len(docs) != 20 {
		t.Fatalf("%d documents, want 20 (a sheet and the copy forms of each act kind: no death extract, a stillborn child's act and a recognition in copie intégrale only)", len(docs))
	}
	for name, pdf := range docs {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".pdf")
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := pdftest.Validate(path); err != nil {
				t.Fatal(err)
			}
			text, err := pdftest.Text(path)
			if err != nil {
				t.Fatal(err)
			}
			want := 1
			if strings.HasPrefix(name, "plurilingue") {
				want = 2 // the form on the front, the translations on the back
			}
			if pages := strings.Count(text, "\f"); pages != want {
				t.Errorf("%d pages, want %d", pages, want)
			}
			golden(t, filepath.Join("pdf", name), text)
		})
	}
}

// TestSameInputSameBytes: a document depends only on the act and the copy.
func TestSameInputSameBytes(t *testing.T) {
	a := load(t, "naissance")
	a.CreeLe = "2026-11-23T10:20:00+01:00"
	if !bytes.Equal(renderCopy(t, a, civil.FormeIntegrale, nil), renderCopy(t, a, civil.FormeIntegrale, nil)) {
		t.Fatal("two renderings of the same copy differ")
	}
	if !bytes.Equal(renderSheet(t, a, nil), renderSheet(t, a, nil)) {
		t.Fatal("two renderings of the same sheet differ")
	}
	b := load(t, "naissance")
	b.CreeLe = a.CreeLe
	b.Mentions = []civil.Mention{{Date: "2026-11-30", Texte: "Rectifié", Fondement: "art. 99-1 du Code civil"}}
	if bytes.Equal(renderSheet(t, a, nil), renderSheet(t, b, nil)) {
		t.Fatal("a mention does not change the sheet")
	}
}

// allLetters holds every letter allowed in a name (circulaire du 23
// juillet 2014) beyond a–z, in both cases.
const allLetters = "àâäéèêëïîôöùûüÿçæœ"

// TestEveryAllowedLetterPrints prints a name made of every allowed letter
// and reads it back from the PDF.
func TestEveryAllowedLetterPrints(t *testing.T) {
	pdftest.NeedPoppler(t)
	a := load(t, "naissance")
	upper := strings.ToUpper(allLetters) // ÀÂÄÉÈÊËÏÎÔÖÙÛÜŸÇÆŒ
	a.Enfant.Nom = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-" + upper + " D'" + upper
	a.Enfant.Prenoms = []string{"Abcdefghijklmnopqrstuvwxyz" + allLetters}
	path := filepath.Join(t.TempDir(), "lettres.pdf")
	os.WriteFile(path, renderCopy(t, a, civil.FormeExtrait, nil), 0o644)
	text, err := pdftest.Text(path)
	if err != nil {
		t.Fatal(err)
	}
	// The long name wraps: each of its two words must come back whole.
	for _, want := range append(strings.Fields(a.Enfant.Nom), a.Enfant.Prenoms[0], "RÉPUBLIQUE FRANÇAISE") {
		if !strings.Contains(text, want) {
			t.Errorf("%q not read back from the PDF:\n%s", want, text)
		}
	}
}

// TestTypedTextCannotBreakADocument: line breaks, field separators,
// emoji or markup typed in a mention print as text.
func TestTypedTextCannotBreakADocument(t *testing.T) {
	pdftest.NeedPoppler(t)
	a := load(t, "deces")
	a.Mentions = []civil.Mention{{Date: "2026-11-30", Texte: "Décédé | voir\n@titre FAUX TITRE 😀 fin", Fondement: "art. 49"}}
	path := filepath.Join(t.TempDir(), "m.pdf")
	os.WriteFile(path, renderCopy(t, a, civil.FormeIntegrale, nil), 0o644)
	if err := pdftest.Validate(path); err != nil {
		t.Fatal(err)
	}
	text, _ := pdftest.TextFlow(path)
	text = strings.Join(strings.Fields(text), " ")
	if !strings.Contains(text, "Décédé / voir @titre FAUX TITRE ? fin") {
		t.Fatalf("the mention is not printed as typed text:\n%s", text)
	}
}

func TestNoTemplateIsAnError(t *testing.T) {
	a := load(t, "naissance")
	a.Type, a.Registre = "adoption", "adoption" // a kind with no template
	err := WriteCopy(io.Discard, registry.Delivery{Act: a, Commune: lille, Record: record(civil.FormeIntegrale)}, nil)
	if err == nil || !strings.Contains(err.Error(), "aucun modèle") {
		t.Fatalf("got %v, want a missing template error", err)
	}
}

// BenchmarkCopy renders one certified copy (copie intégrale of a birth).
func BenchmarkCopy(b *testing.B) {
	a := load(b, "naissance")
	reportCPU(b, func() {
		for b.Loop() {
			if err := WriteCopy(io.Discard, registry.Delivery{Act: a, Commune: lille, ActOfficer: maire, Record: record(civil.FormeIntegrale), Signer: delcourt}, nil); err != nil {
				b.Fatal(err)
			}
		}
	})

}

// BenchmarkSheet renders the register sheet of one act.
func BenchmarkSheet(b *testing.B) {
	a := load(b, "naissance")
	reportCPU(b, func() {
		for b.Loop() {
			renderSheet(b, a, nil)
		}
	})

}

// TestDoubleNameGloss: an extract explains a double surname (§5).
func TestDoubleNameGloss(t *testing.T) {
	pdftest.NeedPoppler(t)
	a := load(t, "naissance")
	a.Enfant.Nom = "DUPONT DURAND"
	path := filepath.Join(t.TempDir(), "glose.pdf")
	os.WriteFile(path, renderCopy(t, a, civil.FormeExtrait, nil), 0o644)
	text, err := pdftest.Text(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "DUPONT DURAND (1re partie : DUPONT 2de partie : DURAND)") {
		t.Fatalf("no gloss for the double name:\n%s", text)
	}
	// The copie intégrale reproduces the act as written, without the gloss.
	os.WriteFile(path, renderCopy(t, a, civil.FormeIntegrale, nil), 0o644)
	if text, _ := pdftest.Text(path); strings.Contains(text, "1re partie") {
		t.Fatal("the copie intégrale adds a gloss to the act")
	}
}

// TestManyMentionsAllPrint: when the mentions do not fit in the margin
// column, a copie intégrale still reproduces every one of them.
func TestManyMentionsAllPrint(t *testing.T) {
	pdftest.NeedPoppler(t)
	a := load(t, "naissance")
	for i := range 30 {
		a.Mentions = append(a.Mentions, civil.Mention{Date: "2026-11-30", Texte: fmt.Sprintf("Mention numéro %d, portée pour vérifier que rien ne se perd.", i+1), Fondement: "art. 49 du Code civil"})
	}
	path := filepath.Join(t.TempDir(), "mentions.pdf")
	os.WriteFile(path, renderCopy(t, a, civil.FormeIntegrale, nil), 0o644)
	if err := pdftest.Validate(path); err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.TextFlow(path)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for i := range 30 {
		if !strings.Contains(flat, fmt.Sprintf("Mention numéro %d,", i+1)) {
			t.Fatalf("mention %d lost:\n%s", i+1, text)
		}
	}
	if !strings.Contains(flat, "Copie certifiée conforme") {
		t.Fatal("certification lost")
	}
}

// TestExtractsDiscloseByNature: after a recognition and a rectification
// that name the parents, a third party's extract names no parent and no
// recognition; the extract with filiation names the parents but not the
// recognition; the marriage prints on both; the copie intégrale keeps
// every mention (etat-civil.md §6).
func TestExtractsDiscloseByNature(t *testing.T) {
	pdftest.NeedPoppler(t)
	a := load(t, "naissance")
	a.Mentions = []civil.Mention{
		{Date: "2026-11-30", Nature: "reconnaissance", Texte: "Reconnaissance de l'enfant par Karim, Ahmed OUALI.", Fondement: "art. 62 du Code civil"},
		{Date: "2026-11-30", Nature: "rectification", Texte: "Le domicile des parents, Anaïs MÜLLER et Karim OUALI, doit se lire 14 rue de Lille.", Fondement: "art. 99-1 du Code civil"},
		{Date: "2026-12-01", Texte: "Mention libre : voir le dossier de Karim OUALI.", Fondement: "note"},
		{Date: "2050-06-12", Nature: "mariage", Texte: "Mariée à Lille (Nord) le 12 juin 2050 avec Jean DUPONT.", Fondement: "art. 76 du Code civil"},
	}
	text := func(forme string) string {
		path := filepath.Join(t.TempDir(), forme+".pdf")
		os.WriteFile(path, renderCopy(t, a, forme, nil), 0o644)
		s, err := pdftest.TextFlow(path)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	sans := text(civil.FormeExtrait)
	for _, never := range []string{"OUALI", "Karim", "Anaïs", "econnaissance", "domicile des parents", "Mention libre"} {
		if strings.Contains(sans, never) {
			t.Errorf("the extract without filiation discloses %q:\n%s", never, sans)
		}
	}
	avec := text(civil.FormeExtraitFiliation)
	if !strings.Contains(avec, "OUALI") || strings.Contains(avec, "econnaissance") || strings.Contains(avec, "doit se lire") {
		t.Errorf("extract with filiation:\n%s", avec)
	}
	for _, s := range []string{sans, avec} {
		if !strings.Contains(s, "Jean DUPONT") {
			t.Errorf("the marriage is missing:\n%s", s)
		}
	}
	integrale := text(civil.FormeIntegrale)
	for _, want := range []string{"Reconnaissance de l'enfant", "doit se lire", "Mention libre", "Jean DUPONT"} {
		if !strings.Contains(integrale, want) {
			t.Errorf("the copie intégrale lost %q", want)
		}
	}
}

// TestDuplicateSheet: a signed act printed again says « DUPLICATA — ne vaut
// pas original » with the day it was printed, offers no room to sign again,
// and keeps its later mentions in the margin, each with where, when and by
// whom it was signed — never above the original signatures.
func TestDuplicateSheet(t *testing.T) {
	pdftest.NeedPoppler(t)
	a := load(t, "mariage")
	a.SigneLe = "2026-11-21T11:40:00+01:00"
	a.Mentions = []civil.Mention{{Date: "2026-11-30", Nature: "divorce", Texte: "Divorcés par jugement du tribunal judiciaire de Lille du 30 novembre 2026.", Fondement: "art. 1082 du code de procédure civile", Officier: "o2"}}
	s := NewSheets("test", lille, []civil.Officer{maire, delcourt}, nil)
	s.Printed = time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local)
	if err := s.Add(a); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "duplicata.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	if err := pdftest.Validate(path); err != nil {
		t.Fatal(err)
	}
	text, _ := pdftest.TextFlow(path)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"DUPLICATA — ne vaut pas original", "Imprimé le 2 décembre 2026 d'après l'acte signé le 21 novembre 2026", "a signé l'original",
		"Lomme, le 30 novembre 2026, Anne-Sophie DELCOURT, maire délégué, officier de l'état civil.", "Signature :",
		"duplicata du feuillet du registre : l'original porte les signatures manuscrites"} {
		if !strings.Contains(flat, want) {
			t.Errorf("missing %q:\n%s", want, flat)
		}
	}
	// Its footer does not claim to carry the ink signatures.
	if strings.Contains(flat, "signatures manuscrites à l'encre") {
		t.Errorf("the duplicate's footer says it carries the ink signatures:\n%s", flat)
	}
	// The mention sits in the margin column, left of the text, never in
	// the text column above the signatures.
	for _, w := range bboxPages(t, path)[0] {
		if w.text == "Divorcés" && w.xMin > (leftMargin+marginColumn)*72/25.4 {
			t.Errorf("the mention is in the text column (x %.0f pt)", w.xMin)
		}
	}
}
