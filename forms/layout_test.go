package forms

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/pdftest"
	"etatcivil/registry"
)

// longNames fills an act with long names, four witnesses and ten long
// mentions: the documents that defects of pagination show first.
func longNames(a *civil.Act) *civil.Act {
	long := func(p *civil.Person) {
		p.Nom = "DE LA ROCHEFOUCAULD-D'ESTAING-MONTMORENCY"
		p.Prenoms = []string{"Marie-Hélène", "Éléonore", "Anne-Charlotte", "Françoise-Xavière"}
		p.LieuNaissance = "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson (Marne)"
		p.Domicile = "appartement 1204, bâtiment B, résidence des Grands-Chênes, 147 bis avenue du Général-de-Gaulle, Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson (Marne)"
		if p.Profession != "" {
			p.Profession = "maître de conférences des universités, habilitée à diriger des recherches"
		}
	}
	var ps []*civil.Person
	if a.Enfant != nil {
		ps = append(ps, a.Enfant)
	}
	if a.Defunt != nil {
		ps = append(ps, &a.Defunt.Person)
	}
	if a.Declarant != nil && a.Declarant.Nom != "" {
		ps = append(ps, &a.Declarant.Person)
	}
	if a.Auteur != nil {
		ps = append(ps, &a.Auteur.Person)
	}
	if a.AutreParent != nil {
		ps = append(ps, a.AutreParent)
	}
	for i := range a.Parents {
		ps = append(ps, &a.Parents[i])
	}
	for i := range a.Epoux {
		ps = append(ps, &a.Epoux[i].Person)
		for j := range a.Epoux[i].Parents {
			ps = append(ps, &a.Epoux[i].Parents[j])
		}
	}
	for i := range a.Temoins {
		ps = append(ps, &a.Temoins[i])
	}
	for _, p := range ps {
		long(p)
	}
	if a.Type == civil.Mariage {
		w := a.Temoins[0]
		a.Temoins = append(a.Temoins, w)
	}
	for i := range 10 {
		a.Mentions = append(a.Mentions, civil.Mention{Date: "2026-11-30", Nature: []string{"mariage", "divorce", "rectification", "changement-prenoms", "reconnaissance"}[i%5],
			Texte:     fmt.Sprintf("Mention n° %d : par décision du procureur de la République près le tribunal judiciaire de Châlons-en-Champagne du 28 novembre 2026, prise en application de l'article 99-1 du Code civil, l'acte est rectifié en ce sens que le lieu de naissance doit se lire « Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson (Marne) ».", i+1),
			Fondement: "art. 99-1 du Code civil"})
	}
	return a
}

var reWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
var rePage = regexp.MustCompile(`<page width`)

type bboxWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// bboxPages reads the words of each page with their positions (points).
func bboxPages(t *testing.T, path string) [][]bboxWord {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var pages [][]bboxWord
	for _, chunk := range rePage.Split(string(out), -1)[1:] {
		var words []bboxWord
		for _, m := range reWord.FindAllStringSubmatch(chunk, -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
			words = append(words, bboxWord{strings.ReplaceAll(m[5], "&apos;", "'"), f(1), f(2), f(3), f(4)})
		}
		pages = append(pages, words)
	}
	return pages
}

// signatureWords start the labels of signature and seal boxes.
var signatureWords = map[string]bool{"L'époux": true, "L'épouse": true, "Témoin": true, "L'officier": true, "Le": true, "La": true, "Signature": true, "Sceau": true}

// TestNoPageOfSignaturesAlone renders every document kind with long
// names, four witnesses and ten mentions, and checks with the positions
// of the words (pdftotext -bbox) that every page holding a signature box
// also holds text of the document above its first box: the closing
// formula and the signatures never sit alone on a page. Continuation
// pages carry the heading and « page i/n ».
func TestNoPageOfSignaturesAlone(t *testing.T) {
	pdftest.NeedPoppler(t)
	dir := t.TempDir()
	if *preview != "" {
		dir = filepath.Join(*preview, "longs")
		os.MkdirAll(dir, 0o755)
	}
	sl, _ := testSeal()
	for _, kind := range allKinds {
		docs := map[string][]byte{}
		a := longNames(load(t, kind))
		a.CreeLe = "2026-11-23T10:20:00+01:00"
		docs["feuillet-"+kind] = renderSheet(t, a, sl)
		for _, f := range civil.FormesOf(a.Type) {
			docs[f+"-"+kind] = renderCopy(t, a, f, sl)
		}
		for name, pdf := range docs {
			path := filepath.Join(dir, name+".pdf")
			os.WriteFile(path, pdf, 0o644)
			if err := pdftest.Validate(path); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			pages := bboxPages(t, path)
			for i, words := range pages {
				if i > 0 && !containsWord(words, fmt.Sprintf("%d/%d", i+1, len(pages))) {
					t.Errorf("%s page %d: no « page %d/%d »", name, i+1, i+1, len(pages))
				}
				if !containsWord(words, "RÉPUBLIQUE") {
					t.Errorf("%s page %d: no heading", name, i+1)
				}
				repeated := map[string]bool{}
				if i > 0 {
					for _, w := range pages[0] {
						repeated[fmt.Sprintf("%s@%.0f,%.0f", w.text, w.xMin, w.yMin)] = true
					}
				} else if len(pages) > 1 {
					for _, w := range pages[1] {
						repeated[fmt.Sprintf("%s@%.0f,%.0f", w.text, w.xMin, w.yMin)] = true
					}
				}
				firstSig := -1.0
				for _, w := range words {
					if signatureWords[w.text] && !repeated[fmt.Sprintf("%s@%.0f,%.0f", w.text, w.xMin, w.yMin)] && (firstSig < 0 || w.yMin < firstSig) {
						if isBoxLabel(words, w) {
							firstSig = w.yMin
						}
					}
				}
				if firstSig < 0 {
					continue
				}
				above := 0
				for _, w := range words {
					if w.yMax < firstSig && !repeated[fmt.Sprintf("%s@%.0f,%.0f", w.text, w.xMin, w.yMin)] {
						above++
					}
				}
				if above < 8 {
					t.Errorf("%s page %d: the signatures stand alone (%d words of text above them)", name, i+1, above)
				}
			}
		}
	}
}

func containsWord(words []bboxWord, s string) bool {
	for _, w := range words {
		if w.text == s {
			return true
		}
	}
	return false
}

// isBoxLabel tells whether w starts a box label: "Témoin", "L'époux",
// "Signature de l'officier…", "Le déclarant", "La déclarante",
// "L'officier de l'état civil" at the top of a box.
func isBoxLabel(words []bboxWord, w bboxWord) bool {
	switch w.text {
	case "Le", "La":
		for _, n := range words {
			if n.yMin == w.yMin && n.xMin > w.xMax && n.xMin-w.xMax < 5 {
				return strings.HasPrefix(n.text, "déclarant")
			}
		}
		return false
	}
	return true
}

// TestEveryRunInsideItsFrame: every run of text of every document kind,
// with ordinary and with long names, lies inside the frame it was set in
// (a box, a column, a cell), and inside the page's margins; no justified
// line stretches its spaces beyond maxStretch.
func TestEveryRunInsideItsFrame(t *testing.T) {
	var docs []*document
	laidOut = func(d *document) { docs = append(docs, d) }
	recordRuns = true
	defer func() { laidOut, recordRuns = nil, false }()
	sl, _ := testSeal()
	for _, long := range []bool{false, true} {
		for _, kind := range allKinds {
			a := load(t, kind)
			if long {
				a = longNames(a)
			}
			a.CreeLe = "2026-11-23T10:20:00+01:00"
			renderSheet(t, a, sl)
			for _, f := range civil.FormesOf(a.Type) {
				renderCopy(t, a, f, sl)
			}
		}
	}
	if len(docs) != 40 {
		t.Fatalf("%d documents laid out", len(docs))
	}
	// A commune with a long name, whose heading must wrap beside the
	// convention's lines, and the documents that are not copies of an act.
	long := civil.Commune{Nom: "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson", Departement: "Marne", Insee: "51513", CommuneAssociee: "Saint-Genest-et-Isson-sur-Marne", MentionPanne: civil.DefaultOutageStatement}
	for _, kind := range []string{"naissance", "mariage"} {
		a := longNames(load(t, kind))
		for _, f := range []string{civil.FormePlurilingue, civil.FormeExtrait} {
			var b bytes.Buffer
			if err := WriteCopy(&b, registry.Delivery{Act: a, Commune: long, ActOfficer: maire, Record: record(f), Signer: delcourt}, sl); err != nil {
				t.Fatal(err)
			}
		}
	}
	n := registry.Notice{Numero: 3, Source: "mariage/2026/1", Nature: "mariage", CreeLe: "2026-11-30T10:00:00+01:00", Echeance: "2026-12-03",
		Personne: civil.Person{Nom: "LEFÈVRE", Prenoms: []string{"Jean-Baptiste"}, Sexe: "M", DateNaissance: "1986-01-30", LieuNaissance: "Tournai (Belgique)"},
		Texte:    "Marié à Lomme (Nord) le 28 novembre 2026 avec Élise DURAND.", Fondement: "art. 76 du Code civil"}
	var b bytes.Buffer
	if err := WriteNotice(&b, n, long, delcourt); err != nil {
		t.Fatal(err)
	}
	if err := WriteBanns(&b, civil.Banns{Annee: 2026, Numero: 1, DatePublication: "2026-11-05", Epoux: []civil.Person{n.Personne, n.Personne}}, long, maire); err != nil {
		t.Fatal(err)
	}
	ry := registry.RegisterYear{Registre: civil.Naissance, Annee: 1996, Start: 37, Last: 42, Clos: "2026-11-30T10:00:00+01:00", Signed: 4, Unused: 1,
		Numbers: []registry.NumberLine{{Numero: 40, Motif: "déclaration abandonnée après le départ de la déclarante, qui reviendra avec le livret de famille"}}}
	if err := WriteClosing(&b, ry, long, maire); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(&b, registry.Summary{Commune: long, Registers: []registry.RegisterYear{ry}}, maire, time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	const eps = 0.05
	for _, d := range docs {
		for _, r := range d.runs {
			f := r.frame
			if r.x < f.x-eps || r.x+r.w > f.x+f.w+eps || r.y < f.y-eps || r.y+r.h > f.y+f.h+eps {
				t.Errorf("%s: %q (x %.2f–%.2f, y %.2f–%.2f) outside its frame %+v", d.title, r.text, r.x, r.x+r.w, r.y, r.y+r.h, f)
			}
			if r.x < leftMargin-eps || r.x+r.w > pageWidth-rightMargin+eps || r.y < topMargin-eps || r.y+r.h > pageHeight-8 {
				t.Errorf("%s: %q outside the page's margins", d.title, r.text)
			}
			for _, g := range r.justifyGaps {
				if g > r.space*maxStretch+eps {
					t.Errorf("%s: %q: justified space of %.2f mm, natural %.2f mm", d.title, r.text, g, r.space)
				}
			}
		}
	}
}

// TestPlurilingualBoxesKeepTheirNumbers: formulas A, B and C print every
// box of the convention in its numbering on the front page, whatever the
// act lacks (no parent, no spouse, no mention), strike an empty box with
// « — », and put the translations on the back page.
func TestPlurilingualBoxesKeepTheirNumbers(t *testing.T) {
	pdftest.NeedPoppler(t)
	boxes := map[string]int{"naissance": 14, "mariage": 12, "deces": 19}
	for kind, n := range boxes {
		for _, variant := range []string{"complet", "lacunaire", "long"} {
			a := load(t, kind)
			switch variant {
			case "lacunaire":
				a.Parents = nil
				if a.Defunt != nil {
					a.Defunt.Conjoint = nil
					a.Defunt.Domicile = ""
				}
				if len(a.Epoux) > 1 {
					a.Epoux[1].LieuNaissance = ""
				}
			case "long":
				a = longNames(a)
			}
			path := filepath.Join(t.TempDir(), "p.pdf")
			os.WriteFile(path, renderCopy(t, a, civil.FormePlurilingue, nil), 0o644)
			pages := bboxPages(t, path)
			if len(pages) != 2 {
				t.Fatalf("%s %s: %d pages, want 2 (front and back)", kind, variant, len(pages))
			}
			var nums []string
			front := append([]bboxWord(nil), pages[0]...)
			sort.SliceStable(front, func(i, j int) bool { return front[i].yMin < front[j].yMin })
			for _, w := range front {
				if w.xMin < (leftMargin+ciecNumW)*72/25.4 && w.xMin > leftMargin*72/25.4-1 {
					if _, err := strconv.Atoi(w.text); err == nil {
						nums = append(nums, w.text)
					}
				}
			}
			var want []string
			for i := 1; i <= n; i++ {
				want = append(want, strconv.Itoa(i))
			}
			if strings.Join(nums, " ") != strings.Join(want, " ") {
				t.Errorf("%s %s: boxes %v on the front, want %v", kind, variant, nums, want)
			}
			if variant == "lacunaire" && !containsWord(pages[0], "—") {
				t.Errorf("%s %s: no struck box", kind, variant)
			}
			if !containsWord(pages[1], "Deutsch") || !containsWord(pages[1], "Português") {
				t.Errorf("%s %s: no translations on the back", kind, variant)
			}
		}
	}
}
