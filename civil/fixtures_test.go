package civil

import "time"

// lomme is the commune of the test registers: a commune associée, to
// exercise both names.
var lomme = Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: DefaultOutageStatement}

// testNow is the clock of the tests: Tuesday 24 November 2026, 15:00.
var testNow = time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local)

// known finds the officer of the tests, o1, the maire.
func known(id string) (Officer, bool) {
	return Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}, id == "o1"
}

func birth() *Act {
	return &Act{
		Type:   Naissance,
		Enfant: &Person{Nom: "MÜLLER", Prenoms: []string{"Zoé", "Chloë"}, Sexe: "F"},
		Date:   "2026-11-20", Heure: "14:30", Lieu: "Lomme (Nord)",
		Parents: []Person{{Nom: "MÜLLER", Prenoms: []string{"Anaïs"}, Sexe: "F", DateNaissance: "1994-02-11",
			LieuNaissance: "Lille (Nord)", Profession: "infirmière", Domicile: "12 rue de Lille, Lomme (Nord)"}},
		Declarant:   &Declarant{Qualite: "la mère"},
		Declaration: &Moment{Date: "2026-11-23", Heure: "10:15"},
		Officier:    "o1",
	}
}

func death() *Act {
	return &Act{
		Type: Deces,
		Defunt: &Deceased{Person: Person{Nom: "LEFÈVRE", Prenoms: []string{"Jean-Pierre", "Marcel"}, Sexe: "M",
			DateNaissance: "1941-03-02", LieuNaissance: "Roubaix (Nord)", Profession: "ajusteur retraité",
			Domicile: "3 place de la République, Lomme (Nord)"}, Situation: SituationMarie, Conjoint: &Spouse{Nom: "DUPONT", Prenoms: []string{"Hélène"}}},
		Parents: []Person{{Nom: "LEFÈVRE", Prenoms: []string{"Marcel"}}, {Nom: "DURAND", Prenoms: []string{"Odette"}}},
		Date:    "2026-11-23", Heure: "06:40", Lieu: "Lille (Nord)",
		Declarant:         &Declarant{Person: Person{Nom: "LEFÈVRE", Prenoms: []string{"Paul"}, DateNaissance: "1970-05-05", Profession: "comptable", Domicile: "8 rue Nationale, Lille (Nord)"}, Lien: "fils"},
		Declaration:       &Moment{Date: "2026-11-23", Heure: "16:00"},
		CertificatMedical: "CMD-2026-0412",
		Officier:          "o1",
	}
}
