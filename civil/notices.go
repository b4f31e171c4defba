package civil

import (
	"strings"

	"etatcivil/internal/communes"
	"etatcivil/internal/fold"
)

// NoticeDelayDays is the time to send a notice (etat-civil.md §3).
const NoticeDelayDays = 3

// NoticeRecipient names who keeps the birth act of a person born at
// place, for the register of commune c: the town hall of a French
// commune, or the Service central d'état civil in Nantes for a birth
// abroad (etat-civil.md §3).
func NoticeRecipient(place string, c Commune) string {
	m := placeRe.FindStringSubmatch(place)
	if m == nil {
		return "Mairie du lieu de naissance : " + place
	}
	if _, french := communes.Departement(m[2]); !french {
		return "Service central d'état civil, 11 rue de la Maison-Blanche, 44941 Nantes Cedex 9 (naissance à l'étranger : " + place + ")"
	}
	if fold.Equal(m[1], c.Nom) || (c.CommuneAssociee != "" && fold.Equal(m[1], c.CommuneAssociee)) {
		return "Mairie de " + place + " — acte tenu par le système principal : mention à porter à sa reprise"
	}
	return "Mairie de " + place
}

// IsFrench tells whether a nationality (personne.nationalite) is French:
// « française », « français », « France », accents and case aside.
func IsFrench(nationalite string) bool {
	switch fold.Key(nationalite) {
	case "francaise", "francais", "france":
		return true
	}
	return false
}

// NoNotice says why no notice of mention can be sent for the birth act of
// p, in French, or "" when one must be: a foreign national born abroad
// has no French act (etat-civil.md §3); a birth whose place or full date
// is not known names no act.
func NoNotice(p Person) string {
	_, dept, ok := SplitPlace(p.LieuNaissance)
	if !ok || PartialPrecision(p.DateNaissance) != 3 {
		return "naissance de " + p.FullName() + " pas assez connue (date et lieu complets) pour désigner son acte : aucun avis de mention ; si l'acte de naissance est retrouvé, adressez l'avis à la main"
	}
	if _, french := communes.Departement(dept); !french && p.Nationalite != "" && !IsFrench(p.Nationalite) {
		return p.FullName() + ", de nationalité " + p.Nationalite + ", est " + Agree(p.Sexe, "né", "née") + " à l'étranger : il n'existe pas d'acte de naissance français à annoter, aucun avis n'est envoyé"
	}
	return ""
}

// OpenMarriage tells whether a marriage act carries no mention that
// ended it (divorce, death). A death signed in this register puts its
// mention on the marriage in the same transaction, so this is also how
// the register knows which marriages are over.
func OpenMarriage(m *Act) bool {
	if _, annulled := m.Annulment(); annulled {
		return false
	}
	for _, mn := range m.Mentions {
		if mn.Nature == "divorce" || mn.Nature == "deces" || endsMarriage(mn.Texte) {
			return false
		}
	}
	return true
}

// NoticeAddress writes the address block of a notice for a person born at
// place, for the register of commune c (etat-civil.md §3): the officer of
// the town hall of a French commune, or the head of the Service central
// d'état civil for a birth abroad. note is what the sender must know and
// the address must not say (the act is kept by the main system of this
// very commune); "" when there is nothing.
func NoticeAddress(place string, c Commune) (lines []string, note string) {
	m := placeRe.FindStringSubmatch(place)
	if m == nil {
		return []string{"Madame, Monsieur l'officier de l'état civil", "de la mairie du lieu de naissance : " + place}, ""
	}
	if _, french := communes.Departement(m[2]); !french {
		return []string{"Monsieur le chef du Service central d'état civil", "11 rue de la Maison-Blanche", "44941 Nantes Cedex 9"}, ""
	}
	lines = []string{"Madame, Monsieur l'officier de l'état civil", "de la mairie " + elide(m[1]), "(" + m[2] + ")"}
	if fold.Equal(m[1], c.Nom) || (c.CommuneAssociee != "" && fold.Equal(m[1], c.CommuneAssociee)) {
		note = "L'acte de naissance est tenu par le système principal de la commune : la mention y sera portée à sa reprise."
	}
	return lines, note
}

// Of writes « of » before a name as French elides it: « d'Anne-Sophie
// DELCOURT », « d'Amiens », « de Karim BENALI ».
func Of(name string) string { return elide(name) }

// elide writes "d'Amiens", "de Lille".
func elide(name string) string {
	if k := fold.Key(name); k != "" && strings.ContainsRune("aeiouyh", rune(k[0])) {
		return "d'" + name
	}
	return "de " + name
}
