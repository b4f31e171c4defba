package forms

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"etatcivil/civil"
	"etatcivil/internal/pdftest"
)

var benali = civil.Officer{ID: "o2", Prenoms: []string{"Karim"}, Nom: "BENALI", Qualite: "fonctionnaire-delegue"}

// modelCase reads a case of the model (civil/testdata/modele) as a signed
// act of 2026.
func modelCase(t testing.TB, name string) *civil.Act {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "civil", "testdata", "modele", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var a civil.Act
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	a.Registre, a.Annee, a.Numero, a.Statut = a.Type.Register(), 2026, 41, civil.StatutSigne
	return &a
}

// wants checks that text holds every phrase of want and none of never.
func wants(t *testing.T, text string, want, never []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
	for _, w := range never {
		if strings.Contains(text, w) {
			t.Errorf("%q in:\n%s", w, text)
		}
	}
}

// TestDeathWordingV2: the cases of the model, as the act says them.
func TestDeathWordingV2(t *testing.T) {
	// Case 05: a widower, not « époux de » his late wife; his parents dead.
	got, err := ActText(modelCase(t, "05-defunt-veuf"), lille, benali)
	if err != nil {
		t.Fatal(err)
	}
	wants(t, got, []string{
		"Le vingt-huit novembre deux mille vingt-six, à deux heures vingt, est décédé à Lille (Nord) : Roger, Henri CARPENTIER, né le 11 juillet 1938 à Tourcoing (Nord), typographe retraité, demeurant 40 rue de Canteleu, Lille (Nord), fils d'Henri CARPENTIER et de Marthe DUBOIS, décédés, veuf de Jacqueline LEMAIRE.",
		"sur la déclaration de Sylvie CARPENTIER, 60 ans, aide-soignante, demeurant 9 rue Gambetta, Lille (Nord), fille du défunt,",
	}, []string{"époux de", "époux d'"})

	// Case 06: the parents' professions and domiciles (art. 79 3°).
	got, _ = ActText(modelCase(t, "06-deces-parents-profession-domicile"), lille, maire)
	wants(t, got, []string{
		"Hugo LECLERCQ, né le 18 avril 1997 à Roubaix (Nord), livreur, demeurant 22 rue de Douai, Lille (Nord), fils de Thierry LECLERCQ, chauffeur de bus, et de Sandrine MARTIN, secrétaire médicale, demeurant ensemble 3 allée des Érables, Roubaix (Nord), célibataire.",
		"de Thierry LECLERCQ, 58 ans, chauffeur de bus, demeurant 3 allée des Érables, Roubaix (Nord), père du défunt",
	}, nil)

	// Case 07: the declarant's age, and a capacity never « … de la défunte ».
	got, _ = ActText(modelCase(t, "07-deces-pompes-funebres"), lille, benali)
	wants(t, got, []string{
		"est décédée à Lomme (Nord) : Odette VASSEUR, née le 2 décembre 1931 à Armentières (Nord), couturière retraitée, demeurant 5 rue Nationale, Lomme (Nord), fille de Louis VASSEUR et d'Irma PLANCKE, décédés, veuve de Marcel DUHAMEL.",
		"sur la déclaration de Kevin DEVOS, 34 ans, conseiller funéraire, demeurant 12 avenue de Dunkerque, Lomme (Nord), agissant en qualité d'employé des pompes funèbres, qui, lecture faite",
	}, []string{"de la défunte", "épouse"})

	// Case 04: no names, no hour: the description and the discovery.
	got, _ = ActText(modelCase(t, "04-defunt-inconnu"), lille, benali)
	wants(t, got, []string{
		"Le vingt-sept novembre deux mille vingt-six, est décédé à Lille (Nord) : un homme dont l'identité n'a pu être établie, présentant le signalement suivant : homme d'environ cinquante ans, 1,78 m, cheveux gris courts, tatouage d'ancre sur l'avant-bras gauche ; découvert le 27 novembre 2026 au lieu suivant : berge de la Deûle, Lille (Nord) (procès-verbal PV 2026/4398).",
		"sur la déclaration d'Alain MERLIN, 47 ans, officier de police judiciaire, demeurant 13 rue du Marché, Lille (Nord), agissant en cette qualité,",
	}, []string{", à zéro heure", "inconnu"})

	// Partial dates and ages, « autant qu'on pourra le savoir ».
	a := modelCase(t, "05-defunt-veuf")
	a.Defunt.DateNaissance = "1938-07"
	got, _ = ActText(a, lille, benali)
	wants(t, got, []string{"Roger, Henri CARPENTIER, né en juillet 1938 à Tourcoing (Nord),"}, nil)
	a.Defunt.DateNaissance, a.Defunt.LieuNaissance = "", ""
	eighty := 88
	a.Defunt.Age = &eighty
	got, _ = ActText(a, lille, benali)
	wants(t, got, []string{"Roger, Henri CARPENTIER, âgé de 88 ans, typographe retraité,"}, []string{", né "})
	a.Defunt.Age = nil
	a.Defunt.DateNaissance = "1938"
	got, _ = ActText(a, lille, benali)
	wants(t, got, []string{"CARPENTIER, né en 1938, typographe"}, nil)

	// A PACS partner, the only one named; a divorced woman.
	a = modelCase(t, "07-deces-pompes-funebres")
	a.Defunt.Situation, a.Defunt.Conjoint, a.Defunt.Partenaire = civil.SituationPacse, nil, &civil.Spouse{Nom: "ROUX", Prenoms: []string{"Denise"}}
	got, _ = ActText(a, lille, benali)
	wants(t, got, []string{"décédés, liée par un pacte civil de solidarité avec Denise ROUX."}, []string{"DUHAMEL"})
	a.Defunt.Situation, a.Defunt.Conjoint, a.Defunt.Partenaire = civil.SituationDivorce, &civil.Spouse{Nom: "DUHAMEL", Prenoms: []string{"Marcel"}}, nil
	got, _ = ActText(a, lille, benali)
	wants(t, got, []string{"décédés, divorcée de Marcel DUHAMEL."}, nil)

	// One parent dead, the other living.
	a = modelCase(t, "06-deces-parents-profession-domicile")
	a.Parents[0].Decede, a.Parents[0].Domicile, a.Parents[0].Profession, a.Parents[0].Sexe = true, "", "", "M"
	got, _ = ActText(a, lille, maire)
	wants(t, got, []string{"fils de Thierry LECLERCQ, décédé, et de Sandrine MARTIN, secrétaire médicale, demeurant 3 allée des Érables, Roubaix (Nord), célibataire."}, nil)
}

// TestBirthWordingV2: a foundling, a joint choice of name, recognitions
// made before the birth, a parent's age.
func TestBirthWordingV2(t *testing.T) {
	got, err := ActText(modelCase(t, "03-enfant-trouve"), lille, maire)
	if err != nil {
		t.Fatal(err)
	}
	wants(t, got, []string{
		"Le dix-huit novembre deux mille vingt-six, date fixée d'après son âge apparent, est né à Lille (Nord), lieu de sa découverte : Noé, Gabriel VALENTIN, de sexe masculin, prénoms et nom qui lui sont donnés par nous ; trouvé le vingt-sept novembre deux mille vingt-six, à sept heures quarante, au lieu suivant : parvis de la gare, Lille (Nord), d'un âge apparent d'environ dix jours, présentant le signalement suivant : garçon, 52 cm, vêtu d'une grenouillère bleue ; procès-verbal de découverte : PV 2026/4411 du commissariat central.",
		"sur la déclaration de Sophie DEWAELE, personne ayant trouvé l'enfant, 42 ans, gardienne de la paix,",
	}, []string{"heures trente, est né", "fils"})
	one := modelCase(t, "03-enfant-trouve")
	one.Enfant.Prenoms = []string{"Noé"}
	got, _ = ActText(one, lille, maire)
	wants(t, got, []string{"Noé VALENTIN, de sexe masculin, prénom et nom qui lui sont donnés par nous ;"}, []string{"prénoms et nom"})

	a := load(t, "naissance")
	a.Enfant.Nom = "MÜLLER OUALI"
	a.DeclarationConjointeNom = &civil.JointName{Date: "2026-11-23", Nom: "MÜLLER OUALI"}
	a.Reconnaissances = []civil.RecognitionRef{{Acte: "reconnaissance/2026/1", Date: "2026-06-02", Lieu: "Lomme (Nord)", Auteur: &civil.Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}}}
	thirty := 32
	a.Parents[0].DateNaissance, a.Parents[0].Age = "", &thirty
	got, _ = ActText(a, lille, maire)
	wants(t, got, []string{
		"fille d'Anaïs MÜLLER, âgée de 32 ans, née à Lille (Nord), infirmière,",
		"Nom choisi suivant déclaration conjointe des parents en date du 23 novembre 2026 : MÜLLER OUALI.",
		"Reconnue par Karim OUALI le 2 juin 2026 à Lomme (Nord) (acte de reconnaissance n° 1 de l'année 2026).",
	}, nil)
}

// TestNewKindsWording: a stillborn child's act states the delivery and
// never that the child was born alive or died; a recognition before the
// birth names the child by its mother; a transcription copies the act
// and says when and why it is transcribed.
func TestNewKindsWording(t *testing.T) {
	esv := modelCase(t, "02-enfant-sans-vie")
	got, err := ActText(esv, lille, benali)
	if err != nil {
		t.Fatal(err)
	}
	wants(t, got, []string{
		"Registre des décès",
		"Le vingt-sept novembre deux mille vingt-six, à vingt-deux heures dix, à Lille (Nord), a été mis au monde un enfant sans vie, dont le sexe n'a pu être déterminé, auquel ont été donnés le prénom de Lou et le nom de ROUSSEL. Mère : Manon ROUSSEL, née le 9 septembre 1996 à Arras (Pas-de-Calais), vendeuse, demeurant 18 rue Solférino, Lille (Nord).",
		"au vu du certificat médical d'accouchement CA-2026-0077, sur la déclaration de la mère, qui, lecture faite et invitée à lire l'acte, a signé avec nous",
	}, nil)
	body := got[strings.Index(got, "Le vingt-sept"):]
	for _, never := range []string{"est né", "est née", "décéd", "décès", "vivant", "vivante", "mort", "naissance", "fils", "fille"} {
		if strings.Contains(body, never) {
			t.Errorf("the stillborn child's act says %q:\n%s", never, body)
		}
	}
	// A prénom or a name that begins with a vowel is elided.
	esv.Enfant.Prenoms, esv.Enfant.Nom, esv.Enfant.Sexe = []string{"Alix"}, "", "F"
	got, _ = ActText(esv, lille, benali)
	wants(t, got, []string{"enfant sans vie, de sexe féminin, auquel a été donné le prénom d'Alix. Mère"}, []string{"de Alix"})
	esv.Enfant.Prenoms, esv.Enfant.Nom = []string{"Alix", "Inès"}, "ARNAUD"
	got, _ = ActText(esv, lille, benali)
	wants(t, got, []string{"auquel ont été donnés les prénoms d'Alix, Inès et le nom d'ARNAUD. Mère"}, nil)
	esv.Enfant = nil
	got, _ = ActText(esv, lille, benali)
	wants(t, got, []string{"a été mis au monde un enfant sans vie. Mère : Manon ROUSSEL"}, nil)

	rec := modelCase(t, "08-reconnaissance-prenatale")
	got, _ = ActText(rec, lille, benali)
	wants(t, got, []string{
		"Registre des reconnaissances",
		"Le vingt-six novembre deux mille vingt-six, à seize heures, devant nous, Karim BENALI, fonctionnaire délégué, par délégation du maire, a comparu à la mairie de Lomme (Nord) : Julien BERTRAND, né le 3 mai 1991 à Douai (Nord), électricien, demeurant 7 rue Pasteur, Lomme (Nord), lequel a déclaré reconnaître pour son enfant l'enfant dont Clara HOUZÉ, née le 21 octobre 1994 à Lens (Pas-de-Calais), est enceinte (nom prévu : BERTRAND).",
		"Lecture a été donnée au comparant des articles 371-1 et 371-2 du Code civil.",
		"Lecture faite et invité à lire l'acte, le comparant a signé avec nous.",
	}, nil)
	rec.Auteur = &civil.Declarant{Person: *rec.AutreParent, Qualite: "mère"}
	rec.Auteur.Sexe, rec.Auteur.Domicile, rec.AutreParent = "F", "7 rue Pasteur, Lomme (Nord)", nil
	got, _ = ActText(rec, lille, benali)
	wants(t, got, []string{"Clara HOUZÉ, née le 21 octobre 1994 à Lens (Pas-de-Calais), demeurant 7 rue Pasteur, Lomme (Nord), laquelle a déclaré reconnaître pour son enfant l'enfant dont elle est enceinte (nom prévu : BERTRAND).",
		"Lecture faite et invitée à lire l'acte, la comparante a signé avec nous."}, nil)

	got, _ = ActText(load(t, "transcription"), lille, maire)
	wants(t, got, []string{
		"Teneur de l'acte de décès n° 812 de l'année 2026 du registre de la mairie de Roubaix (Nord) :",
		"est décédé à Roubaix (Nord) : Jean-Pierre, Marcel LEFÈVRE",
		"fils du défunt, par Guillaume DELBAR, maire, officier de l'état civil.",
		"Transcrit le vingt-trois novembre deux mille vingt-six au registre des décès de la commune du dernier domicile du défunt (article 80 du Code civil), par nous, Martine AUBRY, maire, officier de l'état civil.",
	}, []string{"a signé avec nous"})
}

// TestMarriageWordingV2: parents' professions, domiciles and deaths, the
// previous spouse (art. 76), two women agreed in every sentence, and a
// posthumous marriage (art. 171) where only the living spouse appears.
func TestMarriageWordingV2(t *testing.T) {
	a := load(t, "mariage")
	a.Epoux[0].Parents[0].Profession, a.Epoux[0].Parents[0].Domicile = "menuisier", "3 rue Haute, Lomme (Nord)"
	a.Epoux[0].Parents[1].Profession, a.Epoux[0].Parents[1].Domicile = "comptable", "3 rue Haute, Lomme (Nord)"
	a.Epoux[1].Parents[0].Decede, a.Epoux[1].Parents[0].Sexe = true, "M"
	a.Epoux[1].PrecedentConjoint = &civil.Spouse{Nom: "MARTIN", Prenoms: []string{"Paule"}}
	got, err := ActText(a, lille, maire)
	if err != nil {
		t.Fatal(err)
	}
	wants(t, got, []string{
		"fille de Luc BERNARD, menuisier, et de Rose PETIT, comptable, demeurant ensemble 3 rue Haute, Lomme (Nord) ;",
		"fils d'Amadou N'DIAYE, décédé, précédemment marié avec Paule MARTIN.",
	}, []string{"domicilié"})

	a = load(t, "mariage")
	a.Epoux[1].Sexe, a.Epoux[1].Prenoms = "F", []string{"Sacha", "Marie"}
	got, _ = ActText(a, lille, maire)
	wants(t, got, []string{
		"Les épouses ont déclaré qu'un contrat de mariage a été reçu",
		"Chacune d'elles a déclaré, l'une après l'autre, vouloir prendre l'autre pour épouse, et nous avons prononcé, au nom de la loi, qu'elles sont unies par le mariage.",
		"les épouses et les témoins ont signé avec nous.",
	}, []string{"Les époux", "Chacun d'eux", "ils sont unis", "les époux et"})

	a = load(t, "mariage")
	a.Epoux[1].DecedeLe = "2026-08-14"
	a.Posthume = &civil.Posthumous{DecretDate: "2026-11-02", DecretReference: "NOR JUSC2626000D", DateEffet: "2026-08-13"}
	got, _ = ActText(a, lille, maire)
	wants(t, got, []string{
		"a comparu publiquement : Camille, Jeanne BERNARD, professeure des écoles, née le 2 avril 1996 à Lomme (Nord), demeurant 7 rue du Bourg, Lomme (Nord), fille de Luc BERNARD, menuisier, et de Rose PETIT, infirmière, demeurant ensemble 18 rue Victor-Hugo, Lomme (Nord).",
		"En exécution du décret du Président de la République du 2 novembre 2026 (NOR JUSC2626000D), qui autorise, en application de l'article 171 du Code civil, la célébration du mariage de Camille, Jeanne BERNARD avec Sacha N'DIAYE, électricien, né le 18 septembre 1995 à Roubaix (Nord), décédé le 14 août 2026, qui demeurait 7 rue du Bourg, Lomme (Nord), fils d'Amadou N'DIAYE, décédé.",
		"Camille, Jeanne BERNARD a déclaré vouloir prendre pour époux Sacha N'DIAYE, et nous avons prononcé, au nom de la loi, qu'ils sont unis par le mariage, avec effet au 13 août 2026.",
		"Camille, Jeanne BERNARD et les témoins ont signé avec nous.",
	}, []string{"ont comparu", "Chacun d'eux"})
	text := textOfPDF(t, renderSheet(t, a, nil))
	if strings.Contains(text, "L'époux") || !strings.Contains(text, "L'épouse") {
		t.Errorf("the deceased spouse has a box to sign:\n%s", text)
	}
}

// textOfPDF writes a PDF to a temporary file and returns its text.
func textOfPDF(t *testing.T, pdf []byte) string {
	t.Helper()
	pdftest.NeedPoppler(t)
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.Text(path)
	if err != nil {
		t.Fatal(err)
	}
	return text
}
