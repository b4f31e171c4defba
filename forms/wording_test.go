package forms

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/internal/pdftest"
	"etatcivil/registry"
)

// flatText writes a PDF, checks it (validators, one page, its text
// against the golden file pdf/NAME), and returns its text in reading
// order, spaces collapsed.
func flatText(t *testing.T, name string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".pdf")
	if *preview != "" {
		path = filepath.Join(*preview, name+".pdf")
	}
	os.WriteFile(path, pdf, 0o644)
	if err := pdftest.Validate(path); err != nil {
		t.Fatal(err)
	}
	layout, err := pdftest.Text(path)
	if err != nil {
		t.Fatal(err)
	}
	if pages := strings.Count(layout, "\f"); pages != 1 {
		t.Errorf("%s: %d pages, want 1", name, pages)
	}
	golden(t, filepath.Join("pdf", name), layout)
	s, err := pdftest.TextFlow(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(s), " ")
}

func expect(t *testing.T, doc, text string, want []string, never []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: missing %q in:\n%s", doc, w, text)
		}
	}
	for _, n := range never {
		if strings.Contains(text, n) {
			t.Errorf("%s: %q in:\n%s", doc, n, text)
		}
	}
}

// TestNoticeAddress: an avis de mention is addressed to the officer of the
// town hall that keeps the birth act (or to the Service central for a
// birth abroad), names the act in words and prints no internal
// instruction as an address (issue 21 §7).
func TestNoticeAddress(t *testing.T) {
	pdftest.NeedPoppler(t)
	n := registry.Notice{Numero: 3, Source: "mariage/2026/1", Nature: "mariage", Destinataire: "Mairie d'Amiens (Somme)",
		Personne: civil.Person{Nom: "LEFÈVRE", Prenoms: []string{"Jean-Baptiste"}, Sexe: "M", DateNaissance: "1986-01-30", LieuNaissance: "Amiens (Somme)"},
		Texte:    "Marié à Lomme (Nord) le 28 novembre 2026 avec Élise DURAND.", Fondement: "art. 76 du Code civil", CreeLe: "2026-11-30T10:00:00+01:00", Echeance: "2026-12-03"}
	render := func(place string) string {
		n.Personne.LieuNaissance = place
		var b bytes.Buffer
		if err := WriteNotice(&b, n, lille, delcourt); err != nil {
			t.Fatal(err)
		}
		return flatText(t, "avis-"+strings.Fields(place)[0], b.Bytes())
	}
	expect(t, "avis Amiens", render("Amiens (Somme)"),
		[]string{"Madame, Monsieur l'officier de l'état civil de la mairie d'Amiens (Somme)", "Acte de mariage n° 1 de l'année 2026, dressé à la mairie de Lomme (Nord)", "acte de mariage n° 1 de l'année 2026 —"},
		[]string{"mariage/2026/1", "Destinataire"})
	expect(t, "avis Tournai", render("Tournai (Belgique)"),
		[]string{"Monsieur le chef du Service central d'état civil 11 rue de la Maison-Blanche 44941 Nantes Cedex 9"},
		[]string{"naissance à l'étranger", "(Belgique))"})
	expect(t, "avis Lille", render("Lille (Nord)"),
		[]string{"de la mairie de Lille (Nord)", "L'acte de naissance est tenu par le système principal de la commune"},
		[]string{"— acte tenu par"})
}

// TestBannsAndReportsWording: two women are « future épouse » each; the
// banns lapse a year after their ten days; reports write counts agreed,
// never « (s) », and name acts in words; « 1er » stays lower case in
// capitals.
func TestBannsAndReportsWording(t *testing.T) {
	pdftest.NeedPoppler(t)
	b := civil.Banns{Type: "bans", Annee: 2026, Numero: 1, DatePublication: "2026-11-05", CreeLe: "2026-11-05T09:00:00+01:00",
		Epoux: []civil.Person{{Nom: "MARTIN", Prenoms: []string{"Zoé"}, Sexe: "F", Domicile: "Lomme (Nord)"}, {Nom: "ROUX", Prenoms: []string{"Inès"}, Sexe: "F", Domicile: "Lille (Nord)"}}}
	var buf bytes.Buffer
	if err := WriteBanns(&buf, b, lille, maire); err != nil {
		t.Fatal(err)
	}
	expect(t, "bans", flatText(t, "bans", buf.Bytes()),
		[]string{"Future épouse Zoé MARTIN", "Future épouse Inès ROUX", "Il ne peut l'être avant le 15 novembre 2026 ; la présente publication cesse de le permettre le 15 novembre 2027"},
		[]string{"Futur époux", "bans/2026/1"})

	ry := registry.RegisterYear{Registre: civil.Naissance, Annee: 1996, Start: 37, Last: 42, Clos: "2026-11-30T10:00:00+01:00", Signed: 4, Unused: 1,
		Numbers: []registry.NumberLine{{Numero: 40, Motif: "déclaration abandonnée"}}}
	buf.Reset()
	if err := WriteClosing(&buf, ry, lille, maire); err != nil {
		t.Fatal(err)
	}
	expect(t, "clôture", flatText(t, "cloture", buf.Bytes()),
		[]string{"cinq numéros, du n° 38 au n° 42 : quatre actes signés et un numéro non utilisé, dont le motif est porté ci-dessous"},
		[]string{"(s)"})

	sum := registry.Summary{Commune: lille, Drafts: []string{"naissance/2026/41"},
		Registers: []registry.RegisterYear{{Registre: civil.Mariage, Annee: 2026, Start: 9, Last: 10, Signed: 1, Numbers: []registry.NumberLine{{Numero: 10, Statut: civil.StatutSigne, Who: "Élise DURAND et Jean-Baptiste LEFÈVRE"}}}},
		Mentions:  []registry.ActMention{{Ref: "naissance/2026/38", Mention: civil.Mention{Date: "2026-11-30", Texte: "Rectifié", Fondement: "art. 99-1 du Code civil"}}},
		Pending: []registry.Notice{{Numero: 2, Source: "mariage/2026/10", Destinataire: "Mairie de Roubaix (Nord)", Personne: civil.Person{Nom: "DURAND", Prenoms: []string{"Élise"}}, Echeance: "2026-12-03"},
			{Numero: 3, Source: "mariage/2026/10", Destinataire: "Service central d'état civil, 11 rue de la Maison-Blanche, 44941 Nantes Cedex 9", Personne: civil.Person{Nom: "LEFÈVRE", Prenoms: []string{"Jean-Baptiste"}}, Echeance: "2026-12-03"}}}
	buf.Reset()
	if err := WriteSummary(&buf, sum, maire, time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	expect(t, "rapprochement", flatText(t, "rapprochement", buf.Bytes()),
		[]string{"1 acte encore en brouillon (acte de naissance n° 41 de l'année 2026)", "Acte de naissance n° 38 de l'année 2026",
			"Numéro attribué sur le poste de secours : le n° 10 seul — 1 acte signé", "Avis n° 2 à la mairie de Roubaix (Nord), pour Élise DURAND", "Avis n° 3 au Service central d'état civil"},
		[]string{"(s)", "naissance/2026/", "du n° 10 au n° 10", "à Mairie", "à Service"})

	day := &agenda.DayBook{Jour: "2026-12-01"}
	buf.Reset()
	if err := WriteDayBook(&buf, day, lille, time.Date(2026, 12, 1, 8, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	expect(t, "carnet", flatText(t, "carnet", buf.Bytes()), []string{"RENDEZ-VOUS DU MARDI 1er DÉCEMBRE 2026", "aucun rendez-vous, aucun créneau libre"}, []string{"1ER", "(s)", "(x)"})
}

// TestAgreement: article 38 agreed with the declarant; two women married
// are « chacune d'elles… unies »; a sage-femme's profession is not said
// twice; an unused number is titled as such, without a child's name.
func TestAgreement(t *testing.T) {
	a := load(t, "deces")
	a.Declarant.Sexe = "F"
	a.Declarant.Prenoms = []string{"Paule"}
	got, _ := ActText(a, lille, maire)
	expect(t, "décès", got, []string{"au vu du certificat médical de décès CMD-2026-0412, sur la déclaration de Paule LEFÈVRE", "qui, lecture faite et invitée à lire l'acte, a signé avec nous"}, []string{"CMD-2026-0412, qui"})

	m := load(t, "mariage")
	m.Epoux[1].Sexe = "F"
	for i := range m.Temoins {
		m.Temoins[i].Sexe = "F"
	}
	got, _ = ActText(m, lille, maire)
	expect(t, "mariage", got, []string{"Chacune d'elles a déclaré, l'une après l'autre, vouloir prendre l'autre pour épouse", "qu'elles sont unies par le mariage", "Lecture faite et invitées à lire l'acte, les épouses et les témoins ont signé avec nous."}, []string{"Chacun d'eux"})

	n := load(t, "naissance")
	n.Declarant = &civil.Declarant{Person: civil.Person{Nom: "MARTIN", Prenoms: []string{"Sophie"}, Sexe: "F", DateNaissance: "1979-03-01", Profession: "sage-femme", Domicile: "CHU, Lille (Nord)"}, Qualite: "sage-femme"}
	got, _ = ActText(n, lille, maire)
	expect(t, "naissance", got, []string{"sur la déclaration de Sophie MARTIN, sage-femme, 47 ans, demeurant CHU", "invitée à lire l'acte"}, []string{"47 ans, sage-femme"})

	pdftest.NeedPoppler(t)
	u := load(t, "naissance")
	u.Statut, u.Motif = civil.StatutNonUtilise, "déclaration abandonnée"
	text := flatText(t, "non-utilise", renderSheet(t, u, nil))
	expect(t, "non utilisé", text, []string{"NUMÉRO NON UTILISÉ", "Motif : déclaration abandonnée"}, []string{"ACTE DE NAISSANCE", "Chloë"})
	n.Statut = civil.StatutBrouillon
	text = flatText(t, "feuillet-sage-femme", renderSheet(t, n, nil))
	expect(t, "feuillet", text, []string{"Sage-femme, déclarante"}, nil)
}

// TestOfficerAgreement: an officer whose civilité is known is named with
// the quality agreed on every document (« maire déléguée »).
func TestOfficerAgreement(t *testing.T) {
	pdftest.NeedPoppler(t)
	a := load(t, "naissance")
	her := delcourt
	her.Civilite = "Mme"
	var b bytes.Buffer
	if err := WriteCopy(&b, registry.Delivery{Act: a, Commune: lille, ActOfficer: maire, Record: record(civil.FormeExtrait), Signer: her}, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "e.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	text, _ := pdftest.TextFlow(path)
	expect(t, "extrait", strings.Join(strings.Fields(text), " "), []string{"par Anne-Sophie DELCOURT, maire déléguée, officier de l'état civil"}, []string{"maire délégué,"})
}
