package forms

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"etatcivil/civil"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var lille = civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}
var maire = civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}

func load(t testing.TB, name string) *civil.Act {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var a civil.Act
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	a.Registre, a.Annee, a.Numero, a.Statut = a.Type.Register(), 2026, 38, civil.StatutSigne
	return &a
}

func golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

func TestBirthText(t *testing.T) {
	a := load(t, "naissance")
	got, err := ActText(a, lille, maire)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Le vingt novembre deux mille vingt-six, à quatorze heures trente, est née à Lomme (Nord) : Zoé, Chloë MÜLLER, de sexe féminin, fille d'Anaïs MÜLLER, née le 11 février 1994",
		", et de Karim, Ahmed OUALI, né le 1er juillet 1991 à Tournai (Belgique), électricien",
		"Dressé le vingt-trois novembre deux mille vingt-six, à dix heures quinze, sur la déclaration de la mère, qui, lecture faite et invitée à lire l'acte, a signé avec nous, Martine AUBRY, maire, officier de l'état civil.",
		"commune associée de Lomme", "acte n° 38", civil.DefaultOutageStatement,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	golden(t, "naissance", got)

	// a parent who is not declared is simply absent: no "inconnu", no "et de"
	a.Parents = a.Parents[:1]
	got, _ = ActText(a, lille, maire)
	if strings.Contains(strings.ToLower(got), "inconnu") || strings.Contains(got, "et de") || strings.Contains(got, "OUALI") {
		t.Errorf("one parent:\n%s", got)
	}
	// no parent at all: no filiation clause
	a.Parents = nil
	a.Declarant = &civil.Declarant{Person: civil.Person{Nom: "MARTIN", Prenoms: []string{"Sophie"}, DateNaissance: "1980-12-01", Domicile: "CHU, Lille (Nord)"}, Qualite: "sage-femme"}
	got, _ = ActText(a, lille, maire)
	if strings.Contains(got, "fille") || !strings.Contains(got, "sur la déclaration de Sophie MARTIN, sage-femme, 45 ans, demeurant CHU, Lille (Nord)") {
		t.Errorf("no parent:\n%s", got)
	}
	// a late birth cites the judgment; a draft says what to do next
	a.Jugement = &civil.Judgment{Tribunal: "tribunal judiciaire de Lille", Date: "2026-11-20", Reference: "RG 26/01234"}
	a.Statut = civil.StatutBrouillon
	got, _ = ActText(a, lille, maire)
	if !strings.Contains(got, "en exécution du jugement déclaratif de naissance rendu le 20 novembre 2026 par le tribunal judiciaire de Lille (RG 26/01234)") ||
		!strings.Contains(got, "BROUILLON") || !strings.Contains(got, "etatcivil signer naissance/2026/38") {
		t.Errorf("judgment/draft:\n%s", got)
	}
}

func TestDeathText(t *testing.T) {
	a := load(t, "deces")
	a.Mentions = []civil.Mention{{Date: "2026-11-30", Texte: "Rectifié : lire « ajusteur »", Fondement: "art. 99-1 du Code civil"}}
	got, err := ActText(a, lille, civil.Officer{Prenoms: []string{"Léa"}, Nom: "ROUX", Qualite: "fonctionnaire-delegue"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Le vingt-trois novembre deux mille vingt-six, à six heures quarante, est décédé à Lille (Nord) : Jean-Pierre, Marcel LEFÈVRE, né le 2 mars 1941 à Roubaix (Nord), ajusteur retraité",
		"fils de Marcel LEFÈVRE et d'Odette DURAND, époux d'Hélène DUPONT.",
		"au vu du certificat médical de décès CMD-2026-0412, sur la déclaration de Paul LEFÈVRE, 56 ans, comptable, demeurant 8 rue Nationale, Lille (Nord), fils du défunt, qui, lecture faite et invité à lire l'acte, a signé avec nous",
		"Léa ROUX, fonctionnaire délégué, par délégation du maire.",
		"- Le 30 novembre 2026, art. 99-1 du Code civil : Rectifié : lire « ajusteur »",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	golden(t, "deces", got)
}

func TestMarriageText(t *testing.T) {
	a := load(t, "mariage")
	a.Mentions = []civil.Mention{{Date: "2026-11-30", Texte: "Divorcés par jugement du tribunal judiciaire de Lille du 30 novembre 2026.", Fondement: "art. 1082 du code de procédure civile", Nature: "divorce"}}
	got, err := ActText(a, lille, maire)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Registre des mariages — année 2026 — acte n° 38",
		"Le vingt et un novembre deux mille vingt-six, à onze heures, en la mairie de Lomme (Nord), devant nous, Martine AUBRY, maire, officier de l'état civil, ont comparu publiquement :",
		"Camille, Jeanne BERNARD, professeure des écoles, née le 2 avril 1996 à Lomme (Nord), demeurant 7 rue du Bourg, Lomme (Nord), fille de Luc BERNARD, menuisier, et de Rose PETIT, infirmière, demeurant ensemble 18 rue Victor-Hugo, Lomme (Nord) ;",
		// art. 76 2°: the parents' professions and domiciles, or that they died (case documents/22).
		"et Sacha N'DIAYE, électricien, né le 18 septembre 1995 à Roubaix (Nord), demeurant 7 rue du Bourg, Lomme (Nord), fils d'Amadou N'DIAYE, décédé.",
		"Les bans ont été publiés le 5 novembre 2026.",
		"un contrat de mariage a été reçu le 12 octobre 2026 par Maître Anne GARNIER, notaire à Lille (Nord).",
		"vouloir prendre l'autre pour époux, et nous avons prononcé, au nom de la loi, qu'ils sont unis par le mariage.",
		"En présence d'Inès LEROY, architecte, demeurant 5 rue Pasteur, Lille (Nord) ; d'Hugo MOREAU, professeur, demeurant 2 allée des Tilleuls, Lomme (Nord) ; et de Chloé FONTAINE, infirmière, demeurant 11 rue de Lille, Lomme (Nord), témoins majeurs.",
		"- Le 30 novembre 2026, art. 1082 du code de procédure civile : Divorcés",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	// never husband and wife
	for _, word := range []string{"mari ", "femme", "épouse", "l'époux et l'épouse"} {
		if strings.Contains(got, word) {
			t.Errorf("%q in a marriage act:\n%s", word, got)
		}
	}
	golden(t, "mariage", got)

	a.Contrat, a.SansContrat = nil, true
	a.Dispense = &civil.Dispensation{Autorite: "procureur de la République près le tribunal judiciaire de Lille", Date: "2026-10-01", Reference: "PR-2026-118"}
	got, _ = ActText(a, lille, maire)
	for _, want := range []string{"qu'il n'a pas été fait de contrat de mariage", "Dispense accordée le 1er octobre 2026 par le procureur de la République près le tribunal judiciaire de Lille (PR-2026-118)."} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// TestLineBreaking: words are cut only with a hyphen (a compound just
// after one of its own hyphens), never inside a non-breaking group, and a
// justified line never stretches its spaces beyond maxStretch.
func TestLineBreaking(t *testing.T) {
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	s := regular(11, 5.6)
	text := frenchSpaces("Le lieu de naissance doit se lire « Saint-Ægidius-Montmorency-Laval-Bourbon-Parme (Marne) » et non « Saint-Remy » ; le 2 mars 1941, n° 38 : enregistrement extraordinairement administratif de LEROY-BEAULIEU.")
	for _, width := range []float64{30, 42, 55, 80, 120} {
		lines := breakLines(text, s, width, true)
		var rebuilt []string
		for i, l := range lines {
			last := l.words[len(l.words)-1]
			if i < len(lines)-1 {
				if r := []rune(last); !strings.HasSuffix(last, "-") && !strings.ContainsRune(" ,.;:»)", r[len(r)-1]) && unicode.IsLetter(r[len(r)-1]) && strings.HasSuffix(strings.Join(lines[i+1].words, " "), "") {
					// a line ending in a letter must end a whole word
					if !strings.Contains(text, last+" ") && !strings.Contains(text, last+"\u00a0") {
						t.Errorf("width %v: %q cut without a hyphen", width, last)
					}
				}
			}
			if l.justify {
				nat := 0.0
				for _, w := range l.words {
					nat += s.pieceWidth(w)
				}
				if gap := (width - nat) / float64(len(l.words)-1); gap > s.spaceWidth()*maxStretch+1e-9 {
					t.Errorf("width %v: loose line %q", width, l.words)
				}
			}
			for _, w := range l.words {
				if s.pieceWidth(w) > width+0.01 {
					t.Errorf("width %v: %q wider than the line", width, w)
				}
			}
			rebuilt = append(rebuilt, strings.Join(l.words, " "))
		}
		joined := strings.Join(rebuilt, "\n")
		for _, together := range []string{"2\u00a0mars", "n°\u00a038", "«\u00a0Saint", "Marne)\u00a0»", "Remy\u00a0»\u202f;"} {
			if !strings.Contains(joined, together) {
				t.Errorf("width %v: %q broken apart:\n%s", width, together, joined)
			}
		}
		if strings.Contains(joined, "BOURBON-PA\n") || strings.Contains(joined, "LEROY-BEAUL\n") {
			t.Errorf("width %v: compound cut inside a part without a hyphen:\n%s", width, joined)
		}
	}
	// A house number stays with its street (« demeurant 7 / rue du Bourg »
	// was printed).
	if got := frenchSpaces("demeurant 7 rue du Bourg, 147 bis avenue du Général-de-Gaulle, 2 place Nette"); got != "demeurant 7\u00a0rue du Bourg, 147\u00a0bis\u00a0avenue du Général-de-Gaulle, 2\u00a0place Nette" {
		t.Errorf("frenchSpaces: %q", got)
	}
	if got := frenchSpaces("le 1er décembre, 45 ans ; « Chloë » ! art. 38 : oui ?"); got != "le 1er\u00a0décembre, 45\u00a0ans\u202f; «\u00a0Chloë\u00a0»\u202f! art.\u00a038\u00a0: oui\u202f?" {
		t.Errorf("frenchSpaces: %q", got)
	}
}
