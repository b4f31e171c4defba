package guichet

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// « Dresser un acte »: one form per kind of act, and per variant of a kind
// (a foundling is a birth, an unidentified deceased a death), its fields
// named by the domain paths of the interchange format (docs/format-actes.md)
// and laid out in the order of the paper the clerk copies from. The act is
// built from the fields by civil.ActFromFields, judged by the register's
// own Validate (each field as it is left) and Register (when saved): the
// page holds no rule of its own.

// section is a part of an act's form: a person, the event, the
// declaration.
type section struct {
	Title string
	Hint  string
	// Optional sections are folded until one of their fields holds a
	// value or a problem.
	Optional bool
	Fields   []Field
}

// actForm is the form of one kind of act, or of a variant of it.
type actForm struct {
	Slug  string // its address under /dresser/
	Kind  civil.Kind
	Title string // « Acte de naissance »
	Nav   string // its line on « Dresser un acte »
	What  string // what it is for, in one sentence
	// Fixed are the values the variant sets (hidden fields):
	// "defunt.inconnu": "oui" for an unidentified deceased.
	Fixed    map[string]string
	Sections []section
	def      *FormDef
}

// notActFields are the fields of an act's form that are no field of the
// act: the draft, the confirmation of a duplicate.
var notActFields = map[string]bool{draftField: true, "doublon_confirme": true, correctField: true}

// correctField is the hidden field that names the draft a form corrects
// (etatcivil corriger): empty for a new act.
const correctField = "corriger"

// need says which fields of a person a form asks, beside NOM and prénoms.
type need struct {
	sexe, birth, partial, age, profession, domicile, nationalite, decede bool
	required                                                             bool // NOM and prénoms are required
}

const (
	hintDate    = "JJ/MM/AAAA, par exemple 20/11/2026"
	hintHeure   = "HH:MM, par exemple 14:30 ou 14h30"
	hintLieu    = "Commune (Département), par exemple Lomme (Nord) ; à l'étranger : Ville (Pays)"
	hintPrenoms = "dans l'ordre de l'état civil, séparés par des virgules"
)

var sexeOptions = []Option{{"", "— choisissez —"}, {"F", "féminin"}, {"M", "masculin"}}

// person returns the fields of a person under prefix ("parents[1]").
func person(prefix, group string, n need) []Field {
	nom := Field{Name: prefix + ".nom", Label: "NOM", Hint: "en capitales, accents conservés", Required: n.required, Aliases: []string{prefix}}
	fs := []Field{nom, {Name: prefix + ".prenoms", Label: "Prénoms", Hint: hintPrenoms, Required: n.required}}
	if n.sexe {
		fs = append(fs, Field{Name: prefix + ".sexe", Label: "Sexe", Kind: "select", Options: sexeOptions, Required: n.required, Width: "moyen"})
	}
	if n.birth {
		hint := hintDate
		if n.partial {
			hint = "JJ/MM/AAAA ; si elle n'est pas connue, l'année seule (1948) ou le mois et l'année (03/1948)"
		}
		fs = append(fs, Field{Name: prefix + ".date_naissance", Label: "Date de naissance", Hint: hint, Width: "court"})
		if n.age {
			fs = append(fs, Field{Name: prefix + ".age", Label: "ou âge (en années)", Hint: "seulement si la date de naissance n'est pas connue", Width: "court"})
		}
		fs = append(fs, Field{Name: prefix + ".lieu_naissance", Label: "Lieu de naissance", Hint: hintLieu})
	}
	if n.profession {
		fs = append(fs, Field{Name: prefix + ".profession", Label: "Profession", Hint: "facultative"})
	}
	if n.domicile {
		fs = append(fs, Field{Name: prefix + ".domicile", Label: "Domicile", Hint: "numéro, rue, Commune (Département)"})
	}
	if n.nationalite {
		fs = append(fs, Field{Name: prefix + ".nationalite", Label: "Nationalité", Hint: "facultative : « française », ou la nationalité en français ; elle décide où part l'avis de mention", Width: "moyen"})
	}
	if n.decede {
		fs = append(fs, Field{Name: prefix + ".decede", Kind: "checkbox", Check: "décédé(e)"})
	}
	for i := range fs {
		fs[i].Group = group
	}
	return fs
}

// event returns the date, hour and place of what the act records.
func event(prefix string, hour bool, hourHint string) []Field {
	fs := []Field{{Name: prefix + "date", Label: "Date", Hint: hintDate, Required: true, Width: "court"}}
	if hour {
		fs = append(fs, Field{Name: prefix + "heure", Label: "Heure", Hint: hourHint, Required: hourHint == hintHeure, Width: "court"})
	}
	return append(fs, Field{Name: prefix + "lieu", Label: "Lieu", Hint: hintLieu, Required: true})
}

func declarationSection(hint string) section {
	return section{Title: "La déclaration", Hint: hint, Fields: []Field{
		{Name: "declaration.date", Label: "Date de la déclaration", Hint: hintDate, Required: true, Width: "court", Aliases: []string{"declaration"}},
		{Name: "declaration.heure", Label: "Heure de la déclaration", Hint: hintHeure, Required: true, Width: "court"},
	}}
}

func officerSection() section {
	return section{Title: "L'officier de l'état civil", Fields: []Field{
		{Name: "officier", Label: "Officier qui reçoit l'acte et le signe", Kind: "select", Required: true},
	}}
}

func judgmentFields(prefix, group string) []Field {
	return []Field{
		{Name: prefix + ".tribunal", Label: "Tribunal", Group: group, Aliases: []string{prefix}},
		{Name: prefix + ".date", Label: "Date du jugement", Hint: hintDate, Width: "court", Group: group},
		{Name: prefix + ".reference", Label: "Référence (RG)", Width: "moyen", Group: group},
	}
}

// birthDeclarants are the qualities offered for a birth's declarant: the
// parents (civil.DeclarantChoice) and the usual others.
var birthDeclarants = []string{"la mère", "le père", "le parent", "la parente", "sage-femme", "médecin", "directeur de l'établissement"}

func declarantOfBirth() section {
	fs := []Field{{Name: "declarant.qualite", Label: "Qui déclare", Required: true, Suggest: birthDeclarants, Aliases: []string{"declarant"},
		Hint: "« la mère », « le père » (un parent nommé plus haut), ou la qualité d'une autre personne : « sage-femme »…"}}
	for _, f := range person("declarant", "déclarant", need{birth: true, domicile: true}) {
		switch f.Name {
		case "declarant.lieu_naissance":
			continue
		case "declarant.nom":
			f.Aliases = nil
		}
		fs = append(fs, f)
	}
	fs[0].Group = "déclarant"
	return section{Title: "Le déclarant", Hint: "Si c'est un parent, « Qui déclare » suffit ; sinon, son identité et son domicile.", Fields: fs}
}

// actForms returns the forms of the kinds of act, in the order of the
// page « Dresser un acte ».
func actForms() []*actForm {
	parent := need{sexe: true, birth: true, age: true, profession: true, domicile: true, nationalite: true}
	forms := []*actForm{
		{Slug: "naissance", Kind: civil.Naissance, Title: "Acte de naissance", Nav: "Naissance",
			What: "Un enfant né dans la commune, déclaré dans les cinq jours (au-delà, sur jugement).",
			Sections: []section{
				{Title: "L'enfant", Fields: person("enfant", "enfant", need{sexe: true, required: true})},
				{Title: "La naissance", Fields: event("", true, hintHeure)},
				{Title: "Premier parent", Hint: "Un parent non déclaré ne figure pas dans l'acte : laissez ses champs vides.", Fields: person("parents[1]", "premier parent", parent)},
				{Title: "Second parent", Hint: "Laissez vide si un seul parent est déclaré.", Fields: person("parents[2]", "second parent", parent)},
				declarantOfBirth(),
				declarationSection(""),
				{Title: "Déclaration tardive : le jugement déclaratif de naissance", Optional: true,
					Hint:   "Seulement si la déclaration est faite après le délai de cinq jours (art. 55 du Code civil).",
					Fields: judgmentFields("jugement", "jugement")},
				{Title: "Déclaration conjointe de choix de nom", Optional: true, Hint: "Si les deux parents ont remis une déclaration conjointe de choix de nom (art. 311-21 du Code civil).",
					Fields: []Field{
						{Name: "declaration_conjointe_nom.date", Label: "Date de la déclaration conjointe", Hint: hintDate, Width: "court", Group: "choix de nom", Aliases: []string{"declaration_conjointe_nom"}},
						{Name: "declaration_conjointe_nom.nom", Label: "Nom choisi", Hint: "en capitales : c'est le nom de l'enfant", Group: "choix de nom"},
					}},
				{Title: "Reconnaissance faite avant la naissance", Optional: true, Hint: "Si un parent a reconnu l'enfant avant sa naissance, dans cette mairie.",
					Fields: []Field{{Name: "reconnaissances[1].acte", Label: "Référence de la reconnaissance", Hint: "par exemple reconnaissance/2026/3", Width: "moyen", Group: "reconnaissance", Aliases: []string{"reconnaissances", "reconnaissances[1]"}}}},
				officerSection(),
			}},
		{Slug: "enfant-trouve", Kind: civil.Naissance, Title: "Acte de naissance d'un enfant trouvé", Nav: "Naissance — enfant trouvé",
			What: "Un nouveau-né trouvé (art. 58 du Code civil) : l'acte tient lieu d'acte de naissance, d'après le procès-verbal.",
			Sections: []section{
				{Title: "La découverte", Fields: []Field{
					{Name: "enfant_trouve.date_decouverte", Label: "Date de la découverte", Hint: hintDate, Required: true, Width: "court", Group: "découverte", Aliases: []string{"enfant_trouve"}},
					{Name: "enfant_trouve.heure_decouverte", Label: "Heure de la découverte", Hint: "facultative ; " + hintHeure, Width: "court", Group: "découverte"},
					{Name: "enfant_trouve.lieu_decouverte", Label: "Lieu de la découverte", Hint: "par exemple « parvis de la gare, Lille (Nord) »", Required: true, Group: "découverte"},
					{Name: "enfant_trouve.age_apparent", Label: "Âge apparent", Hint: "par exemple « environ dix jours »", Required: true, Width: "moyen", Group: "découverte"},
					{Name: "enfant_trouve.signalement", Label: "Signalement", Kind: "textarea", Hint: "sexe, taille, vêtements, objets trouvés avec l'enfant", Required: true, Group: "découverte"},
					{Name: "enfant_trouve.proces_verbal", Label: "Procès-verbal de découverte", Hint: "sa référence", Required: true, Width: "moyen", Group: "découverte"},
				}},
				{Title: "L'enfant", Hint: "Les prénoms et le nom que l'officier lui donne.", Fields: person("enfant", "enfant", need{sexe: true, required: true})},
				{Title: "La naissance", Hint: "La date de naissance fixée d'après l'âge apparent (au plus tard le jour de la découverte), la commune de la découverte ; pas d'heure.", Fields: event("", false, "")},
				declarationSection(""),
				officerSection(),
			}},
		{Slug: "deces", Kind: civil.Deces, Title: "Acte de décès", Nav: "Décès",
			What: "Une personne décédée dans la commune, d'après le certificat médical.",
			Sections: []section{
				{Title: "Le décès", Fields: event("", true, "facultative si elle n'est pas connue ; "+hintHeure)},
				{Title: "Le défunt", Fields: person("defunt", "défunt", need{sexe: true, birth: true, partial: true, age: true, profession: true, domicile: true, nationalite: true, required: true})},
				deathSituation(),
				{Title: "Parents du défunt", Hint: "Autant qu'on le sait ; laissez vide un parent qu'on ne connaît pas.",
					Fields: append(person("parents[1]", "premier parent", need{sexe: true, profession: true, domicile: true, decede: true}),
						person("parents[2]", "second parent", need{sexe: true, profession: true, domicile: true, decede: true})...)},
				deathDeclarant(),
				declarationSection(""),
				{Title: "Le certificat médical", Fields: []Field{{Name: "certificat_medical", Label: "Référence du certificat médical de décès", Required: true, Width: "moyen"}}},
				officerSection(),
			}},
		{Slug: "defunt-inconnu", Kind: civil.Deces, Title: "Acte de décès d'une personne non identifiée", Nav: "Décès — personne non identifiée",
			What:  "Une personne décédée dont l'identité n'est pas connue (art. 87 du Code civil) : son signalement ; les noms viendront par mention après jugement.",
			Fixed: map[string]string{"defunt.inconnu": "oui"},
			Sections: []section{
				{Title: "Le décès", Fields: event("", true, "facultative si elle n'est pas connue ; "+hintHeure)},
				{Title: "La personne non identifiée", Fields: []Field{
					{Name: "defunt.sexe", Label: "Sexe", Kind: "select", Options: sexeOptions, Required: true, Width: "moyen", Group: "défunt", Aliases: []string{"defunt", "defunt.inconnu"}},
					{Name: "defunt.signalement", Label: "Signalement", Kind: "textarea", Hint: "taille, corpulence, signes particuliers, vêtements", Required: true, Group: "défunt"},
					{Name: "defunt.date_naissance", Label: "Date de naissance estimée", Hint: "si elle est connue, même en partie : l'année (1948) ou le mois et l'année (03/1948)", Width: "court", Group: "défunt"},
					{Name: "defunt.date_decouverte", Label: "Date de la découverte", Hint: hintDate, Required: true, Width: "court", Group: "défunt"},
					{Name: "defunt.lieu_decouverte", Label: "Lieu de la découverte", Required: true, Group: "défunt"},
					{Name: "defunt.proces_verbal", Label: "Procès-verbal", Hint: "sa référence", Required: true, Width: "moyen", Group: "défunt"},
				}},
				deathDeclarant(),
				declarationSection(""),
				{Title: "Le certificat médical", Fields: []Field{{Name: "certificat_medical", Label: "Référence du certificat médical de décès", Required: true, Width: "moyen"}}},
				officerSection(),
			}},
		{Slug: "mariage", Kind: civil.Mariage, Title: "Acte de mariage", Nav: "Mariage",
			What: "Un mariage célébré à la mairie, après la publication des bans ; il peut être préparé avant le jour.",
			Sections: append(append([]section{
				{Title: "La célébration", Fields: event("", true, hintHeure)},
				{Title: "Les bans", Fields: []Field{{Name: "bans.date_publication", Label: "Date de publication des bans", Hint: hintDate, Required: true, Width: "court", Aliases: []string{"bans"}}}},
			}, spouseSections()...),
				section{Title: "Le contrat de mariage", Fields: []Field{
					{Name: "sans_contrat", Kind: "checkbox", Check: "Les époux déclarent ne pas avoir fait de contrat de mariage", Aliases: []string{"contrat"}},
					{Name: "contrat.notaire", Label: "Notaire qui a reçu le contrat", Hint: "sinon : « Maître Prénom NOM, notaire à Commune »", Group: "contrat"},
					{Name: "contrat.date", Label: "Date du contrat", Hint: hintDate, Width: "court", Group: "contrat"},
				}},
				section{Title: "Les témoins", Hint: "Deux à quatre témoins majeurs ; laissez vides les témoins 3 et 4 s'il n'y en a que deux.", Fields: witnesses()},
				section{Title: "Dispense", Optional: true, Hint: "Dispense d'âge du procureur de la République, ou de parenté du Président de la République.", Fields: []Field{
					{Name: "dispense.autorite", Label: "Autorité qui l'a accordée", Group: "dispense", Aliases: []string{"dispense"}},
					{Name: "dispense.date", Label: "Date de la dispense", Hint: hintDate, Width: "court", Group: "dispense"},
					{Name: "dispense.reference", Label: "Référence", Width: "moyen", Group: "dispense"},
				}},
				officerSection(),
			)},
		{Slug: "reconnaissance", Kind: civil.Reconnaissance, Title: "Acte de reconnaissance", Nav: "Reconnaissance",
			What: "Un père ou une mère reconnaît un enfant, avant ou après sa naissance (art. 62 et 316 du Code civil).",
			Sections: []section{
				{Title: "La reconnaissance", Fields: []Field{
					{Name: "moment", Label: "Avant ou après la naissance", Kind: "select", Required: true, Width: "moyen",
						Options: []Option{{"", "— choisissez —"}, {civil.ReconnaissancePrenatale, "avant la naissance (prénatale)"}, {civil.ReconnaissancePostnatale, "après la naissance (postnatale)"}}},
					{Name: "lieu", Label: "Lieu", Hint: hintLieu, Required: true},
				}},
				{Title: "L'auteur de la reconnaissance", Fields: append([]Field{{Name: "auteur.qualite", Label: "Qualité", Kind: "select", Required: true, Width: "moyen", Group: "auteur", Aliases: []string{"auteur"},
					Options: []Option{{"", "— choisissez —"}, {"père", "le père"}, {"mère", "la mère"}}}},
					person("auteur", "auteur", need{sexe: true, birth: true, partial: true, age: true, profession: true, domicile: true, required: true})...)},
				{Title: "L'enfant", Hint: "Après la naissance : son identité et, s'il est né ici, la référence de son acte. Avant : le nom et les prénoms prévus, s'ils sont connus.",
					Fields: append(person("enfant", "enfant", need{sexe: true, birth: true}),
						Field{Name: "enfant.acte", Label: "Acte de naissance dans ce registre", Hint: "par exemple naissance/2026/38", Width: "moyen", Group: "enfant"})},
				{Title: "L'autre parent", Hint: "Avant la naissance, quand le père reconnaît : la mère qui attend l'enfant.", Fields: person("autre_parent", "autre parent", need{birth: true})},
				declarationSection("Le jour et l'heure où l'officier reçoit la reconnaissance."),
				officerSection(),
			}},
		{Slug: "enfant-sans-vie", Kind: civil.EnfantSansVie, Title: "Acte d'enfant sans vie", Nav: "Enfant sans vie",
			What: "Sur le certificat médical d'accouchement, à tout moment (art. 79-1 du Code civil) ; au registre des décès.",
			Sections: []section{
				{Title: "L'accouchement", Fields: append(event("accouchement.", true, hintHeure), Field{Name: "certificat_accouchement", Label: "Référence du certificat médical d'accouchement", Required: true, Width: "moyen"})},
				{Title: "L'enfant", Optional: true, Hint: "À la demande des parents : prénoms, nom, sexe.", Fields: []Field{
					{Name: "enfant.prenoms", Label: "Prénoms", Hint: hintPrenoms, Group: "enfant", Aliases: []string{"enfant"}},
					{Name: "enfant.nom", Label: "NOM", Hint: "celui du père, de la mère, ou les deux accolés", Group: "enfant"},
					{Name: "enfant.sexe", Label: "Sexe", Kind: "select", Width: "moyen", Group: "enfant",
						Options: []Option{{"", "— non précisé —"}, {"F", "féminin"}, {"M", "masculin"}, {civil.SexeIndetermine, "indéterminé"}}},
				}},
				{Title: "Premier parent", Fields: person("parents[1]", "premier parent", parent)},
				{Title: "Second parent", Hint: "Laissez vide s'il n'y en a qu'un.", Fields: person("parents[2]", "second parent", parent)},
				declarantOfBirth(),
				declarationSection(""),
				officerSection(),
			}},
		{Slug: "transcription", Kind: civil.Transcription, Title: "Transcription d'un acte de décès", Nav: "Transcription d'un décès",
			What: "Le décès d'un habitant survenu dans une autre commune, dont la mairie a envoyé l'acte (art. 80 du Code civil).",
			Sections: []section{
				{Title: "L'acte reçu", Fields: []Field{
					{Name: "acte_origine.commune", Label: "Commune qui a dressé l'acte", Hint: hintLieu, Required: true, Group: "acte reçu", Aliases: []string{"acte_origine"}},
					{Name: "acte_origine.annee", Label: "Année", Required: true, Width: "court", Group: "acte reçu"},
					{Name: "acte_origine.numero", Label: "Numéro", Required: true, Width: "court", Group: "acte reçu"},
					{Name: "acte_origine.officier", Label: "Officier qui l'a dressé", Hint: "tel que l'acte le dit : « Prénom NOM, maire »", Group: "acte reçu"},
					{Name: "date_transcription", Label: "Date de la transcription", Hint: hintDate, Required: true, Width: "court"},
				}},
				{Title: "Le décès", Hint: "Tel que l'acte reçu le dit.", Fields: event("", true, "facultative ; "+hintHeure)},
				{Title: "Le défunt", Fields: person("defunt", "défunt", need{sexe: true, birth: true, partial: true, age: true, profession: true, domicile: true, nationalite: true, required: true})},
				deathSituation(),
				{Title: "Parents du défunt", Optional: true,
					Fields: append(person("parents[1]", "premier parent", need{sexe: true, profession: true, domicile: true, decede: true}),
						person("parents[2]", "second parent", need{sexe: true, profession: true, domicile: true, decede: true})...)},
				deathDeclarant(),
				declarationSection("La date et l'heure de l'acte reçu."),
				{Title: "Le certificat médical", Fields: []Field{{Name: "certificat_medical", Label: "Référence du certificat médical de décès", Hint: "telle que l'acte reçu la donne", Width: "moyen"}}},
				officerSection(),
			}},
	}
	for _, f := range forms {
		f.def = &FormDef{Draft: true, Fields: []Field{{Name: draftField, Kind: "hidden"}, {Name: correctField, Kind: "hidden"}}}
		for _, s := range f.Sections {
			for _, fd := range s.Fields {
				if fd.Autocomplete == "" {
					fd.Autocomplete = "off"
				}
				f.def.Fields = append(f.def.Fields, fd)
			}
		}
		f.def.Fields = append(f.def.Fields, Field{Name: "doublon_confirme", Kind: "checkbox", Aliases: []string{"doublon"},
			Check: "C'est bien un autre événement (une autre personne du même nom) : enregistrer quand même"})
		f.def.Summary = summaryOf(f)
	}
	return forms
}

func deathSituation() section {
	return section{Title: "Situation du défunt", Hint: "Seul le dernier conjoint est nommé.", Fields: []Field{
		{Name: "defunt.situation", Label: "Situation", Kind: "select", Width: "moyen", Group: "défunt", Options: []Option{{"", "— choisissez —"},
			{civil.SituationCelibataire, "célibataire"}, {civil.SituationMarie, "marié(e)"}, {civil.SituationVeuf, "veuf, veuve"},
			{civil.SituationDivorce, "divorcé(e)"}, {civil.SituationPacse, "pacsé(e)"}}},
		{Name: "defunt.conjoint.nom", Label: "NOM du conjoint", Hint: "marié, veuf ou divorcé : le dernier conjoint", Group: "conjoint", Aliases: []string{"defunt.conjoint"}},
		{Name: "defunt.conjoint.prenoms", Label: "Prénoms du conjoint", Hint: hintPrenoms, Group: "conjoint"},
		{Name: "defunt.partenaire.nom", Label: "NOM du partenaire de PACS", Group: "partenaire", Aliases: []string{"defunt.partenaire"}},
		{Name: "defunt.partenaire.prenoms", Label: "Prénoms du partenaire", Hint: hintPrenoms, Group: "partenaire"},
	}}
}

// deathDeclarants are the usual kinships and capacities of a death's
// declarant.
var deathKinships = []string{"fils", "fille", "époux", "épouse", "frère", "sœur", "neveu", "nièce", "voisin", "voisine"}

func deathDeclarant() section {
	fs := person("declarant", "déclarant", need{birth: true, partial: true, age: true, profession: true, domicile: true, required: true})
	var out []Field
	for _, f := range fs {
		if f.Name != "declarant.lieu_naissance" {
			out = append(out, f)
		}
	}
	out = append(out,
		Field{Name: "declarant.lien", Label: "Lien avec le défunt", Suggest: deathKinships, Width: "moyen", Group: "déclarant", Hint: "fils, épouse, voisin…"},
		Field{Name: "declarant.qualite", Label: "ou qualité en laquelle il déclare", Group: "déclarant", Hint: "sans lien de famille : « employé des pompes funèbres »…"})
	return section{Title: "Le déclarant", Fields: out}
}

func spouseSections() []section {
	var out []section
	for i := 1; i <= 2; i++ {
		p := fmt.Sprintf("epoux[%d]", i)
		who := fmt.Sprintf("époux %d", i)
		fs := person(p, who, need{sexe: true, birth: true, profession: true, domicile: true, nationalite: true, required: true})
		for j := 1; j <= 2; j++ {
			g := fmt.Sprintf("parent %d de l'époux %d", j, i)
			pp := fmt.Sprintf("%s.parents[%d]", p, j)
			fs = append(fs,
				Field{Name: pp + ".nom", Label: fmt.Sprintf("NOM du parent %d", j), Group: g, Aliases: []string{pp}},
				Field{Name: pp + ".prenoms", Label: fmt.Sprintf("Prénoms du parent %d", j), Hint: hintPrenoms, Group: g},
				Field{Name: pp + ".profession", Label: fmt.Sprintf("Profession du parent %d", j), Hint: "facultative", Group: g},
				Field{Name: pp + ".domicile", Label: fmt.Sprintf("Domicile du parent %d", j), Hint: "s'il est connu", Group: g},
				Field{Name: pp + ".decede", Kind: "checkbox", Check: fmt.Sprintf("parent %d décédé(e)", j), Group: g})
		}
		out = append(out, section{Title: fmt.Sprintf("Époux %d", i), Hint: "Avec ses parents, s'ils sont à inscrire.", Fields: fs})
	}
	return out
}

func witnesses() []Field {
	var fs []Field
	for i := 1; i <= civil.MaxWitnesses; i++ {
		p := fmt.Sprintf("temoins[%d]", i)
		g := fmt.Sprintf("témoin %d", i)
		fs = append(fs,
			Field{Name: p + ".nom", Label: fmt.Sprintf("NOM du témoin %d", i), Group: g, Aliases: []string{p}, Required: i <= civil.MinWitnesses},
			Field{Name: p + ".prenoms", Label: "Prénoms", Hint: hintPrenoms, Group: g, Required: i <= civil.MinWitnesses},
			Field{Name: p + ".date_naissance", Label: "Date de naissance", Hint: hintDate, Width: "court", Group: g, Required: i <= civil.MinWitnesses},
			Field{Name: p + ".profession", Label: "Profession", Hint: "facultative", Group: g},
			Field{Name: p + ".domicile", Label: "Domicile", Group: g, Required: i <= civil.MinWitnesses})
	}
	return fs
}

// summaryOf names a draft of the form in the lists: the persons typed.
func summaryOf(f *actForm) func(url.Values) string {
	return func(v url.Values) string {
		a, _ := f.act(v)
		return strings.TrimSpace(a.Who())
	}
}

// act builds the act the form's values describe (civil.ActFromFields),
// with the variant's fixed values.
func (f *actForm) act(v url.Values) (*civil.Act, []civil.Problem) {
	fields := map[string]string{}
	for _, fd := range f.def.Fields {
		if !notActFields[fd.Name] {
			fields[fd.Name] = v.Get(fd.Name)
		}
	}
	for k, x := range f.Fixed {
		fields[k] = x
	}
	return civil.ActFromFields(f.Kind, fields)
}

// dresserData is what an act's form shows.
type dresserData struct {
	Form     *actForm
	Sections []sectionView
	Live     liveAct
	Kinds    []*actForm
	Missing  []registry.YearNumbering // registers of the year whose numbering is not set
}

type sectionView struct {
	section
	Open   bool
	Fields []FieldView
}

// liveAct is the act's text beside the form, as the sheet will print it.
type liveAct struct {
	Text       string
	Remaining  int // problems left before it can be saved
	Warnings   []string
	Duplicates []*civil.Act
	Year       int
}

// dresserPages returns « Dresser un acte » and one page per form.
func dresserPages() []*Page {
	all := actForms()
	pages := []*Page{{Path: "/dresser", Title: "Dresser un acte", Nav: "Dresser un acte", Key: "n", Template: "dresser.html",
		Get: func(c *Ctx) (any, error) {
			d := dresserData{Kinds: all}
			err := c.Read(func(s *registry.Store) error {
				ns, err := s.Numbering(c.Now().Year())
				for _, n := range ns {
					if !n.Set {
						d.Missing = append(d.Missing, n)
					}
				}
				return err
			})
			return d, err
		}}}
	for _, f := range all {
		pages = append(pages, actPage(f, all))
	}
	return pages
}

func actPage(f *actForm, all []*actForm) *Page {
	p := &Page{Path: "/dresser/" + f.Slug, Title: f.Title, Template: "acte.html", Form: f.def}
	view := func(c *Ctx, live liveAct) dresserData {
		d := dresserData{Form: f, Kinds: all, Live: live}
		for _, s := range f.Sections {
			sv := sectionView{section: s}
			for _, fd := range s.Fields {
				v, _ := c.Form.Field(fd.Name)
				if v.Value != "" || len(v.Problems) > 0 {
					sv.Open = true
				}
				sv.Fields = append(sv.Fields, v)
			}
			d.Sections = append(d.Sections, sv)
		}
		return d
	}
	// check judges the act the form describes, without writing, and
	// draws its text.
	check := func(c *Ctx, v url.Values) ([]civil.Problem, liveAct, error) {
		a, ps := f.act(v)
		var live liveAct
		own, correcting, err := correction(v.Get(correctField))
		if err != nil {
			return nil, live, err
		}
		err = c.Read(func(s *registry.Store) error {
			warnings, err := validate(s, a, own, correcting)
			live.Warnings = warnings
			if refused, ok := problemsOf(err); ok {
				ps, err = append(ps, refused...), nil
			}
			if err != nil {
				return err
			}
			live.Remaining = len(ps)
			live.Year = civil.DrawnUpYear(a)
			commune, err := s.Commune()
			if err != nil {
				return err
			}
			officer, _ := s.Officer(a.Officier)
			a.Registre, a.Annee = a.Type.Register(), live.Year
			if correcting { // the draft's own number
				a.Annee, a.Numero = own.Annee, own.Numero
			}
			if text, err := forms.ActText(a, commune, officer); err == nil {
				live.Text = text
			}
			if len(ps) == 0 {
				live.Duplicates, err = duplicatesOf(s, a)
				live.Duplicates = slices.DeleteFunc(live.Duplicates, func(d *civil.Act) bool { return correcting && d.Ref() == own })
			}
			return err
		})
		return ps, live, err
	}
	f.def.Check = func(c *Ctx, v url.Values) ([]civil.Problem, error) {
		ps, live, err := check(c, v)
		c.Live = live
		return ps, err
	}
	p.Get = func(c *Ctx) (any, error) {
		var officers []civil.Officer
		var commune civil.Commune
		err := c.Read(func(s *registry.Store) (err error) {
			if commune, err = s.Commune(); err != nil {
				return err
			}
			officers, err = s.Officers()
			return err
		})
		if err != nil {
			return nil, err
		}
		opts := []Option{{"", "— choisissez —"}}
		var able []string
		for _, o := range officers {
			label := o.FullName() + ", " + o.QualiteLabel()
			if f.Kind == civil.Mariage && !o.CanMarry() {
				label += " (ne peut pas célébrer un mariage)"
			} else {
				able = append(able, o.ID)
			}
			opts = append(opts, Option{o.ID, label})
		}
		c.Form.SetOptions("officier", opts)
		if ref := c.R.URL.Query().Get(correctField); c.R.Method == "GET" && ref != "" && c.Form.Draft == "" {
			// The draft to correct, its fields as the clerk would type them.
			if err := fillFromDraft(c, f, ref); err != nil {
				ps, refused := problemsOf(err)
				if !refused {
					return nil, err
				}
				c.Form.Attach(ps) // said above an empty form
			}
		}
		fresh := c.R.Method == "GET" && c.Form.Draft == "" && len(c.Form.Values) == 0
		if fresh {
			setDefaults(c, f, commune, able)
		}
		var live liveAct
		if !fresh {
			_, live, err = check(c, c.Form.Values)
			if err != nil {
				return nil, err
			}
		}
		return view(c, live), nil
	}
	p.Post = func(c *Ctx) (any, error) {
		a, ps := f.act(c.Form.Values)
		if len(ps) > 0 {
			return nil, &civil.RefusedError{Problems: ps}
		}
		confirmed := c.Form.Get("doublon_confirme") == "oui"
		own, correcting, err := correction(c.Form.Get(correctField))
		if err != nil {
			return nil, err
		}
		var warnings []string
		err = c.Write(func(s *registry.Store) (err error) {
			if correcting {
				warnings, a, err = s.CorrectWith(own, a, registry.RegisterOptions{DuplicateConfirmed: confirmed})
				return err
			}
			warnings, err = register(s, a, confirmed)
			return err
		})
		if err != nil {
			return nil, err
		}
		if err := c.srv.drafts.remove(c.Form.Draft); err != nil {
			c.srv.logf("brouillon non supprimé : %v", err)
		}
		if correcting {
			msg := fmt.Sprintf("Brouillon %s corrigé (%s). Réimprimez la feuille avant signature.", own, a.Who())
			for _, w := range warnings {
				msg += " Attention : " + w + "."
			}
			c.Redirect("/imprimer?acte="+url.QueryEscape(own.String()), msg)
			return nil, nil
		}
		msg := fmt.Sprintf("Brouillon enregistré : %s n° %d de %d, %s. Imprimez la feuille, faites-la signer à l'encre, puis cochez « signée à l'encre ».",
			a.Type.Label(), a.Numero, a.Annee, a.Who())
		to := "/imprimer?acte=" + url.QueryEscape(a.Ref().String())
		if a.Statut == civil.StatutPrevu {
			msg = fmt.Sprintf("Mariage prévu enregistré, sans numéro : %s, célébration le %s à %s, %s. Le jour de la célébration, « Dresser l'acte » lui donne son numéro, à la suite des actes déjà dressés.",
				a.Reference(), figuresDate(a.Date), a.Heure, a.Who())
			to = "/imprimer#t-prevus"
		}
		for _, w := range warnings {
			msg += " Attention : " + w + "."
		}
		c.Redirect(to, msg)
		return nil, nil
	}
	return p
}

// correctPath is the address of the form that corrects the draft a: the
// form of its kind whose variant (Fixed) the act is.
func correctPath(a *civil.Act) string {
	texts := civil.TextFields(a)
	best, most := "", -1
	for _, f := range actForms() {
		if f.Kind != a.Type || len(f.Fixed) <= most {
			continue
		}
		ok := true
		for path, want := range f.Fixed {
			ok = ok && texts[path] == want
		}
		if ok {
			best, most = f.Slug, len(f.Fixed)
		}
	}
	if best == "" {
		return ""
	}
	return "/dresser/" + best + "?" + correctField + "=" + url.QueryEscape(a.Ref().String())
}

// fillFromDraft fills the form with the draft ref, to correct it
// (etatcivil corriger): each field as the clerk would type it
// (civil.TextFields). A draft holding a value that this form does not ask
// is refused rather than losing it: the command corrects it from its file.
func fillFromDraft(c *Ctx, f *actForm, refText string) error {
	ref, err := civil.ParseRef(refText)
	if err != nil {
		return civil.Refuse("acte", "« "+refText+" » n'est pas une référence d'acte", "par exemple naissance/2026/38")
	}
	var a *civil.Act
	if err := c.Read(func(s *registry.Store) (err error) {
		a, err = s.Get(ref)
		return err
	}); err != nil {
		return err
	}
	if a.Statut != civil.StatutBrouillon {
		return civil.Refuse("acte", "l'acte "+ref.String()+" est "+civil.StatusLabel(a.Statut)+" : seul un brouillon se corrige",
			"un acte signé se rectifie par une mention", civil.Then(civil.AddMention, ref.String()))
	}
	if a.Type != f.Kind {
		return civil.Refuse("acte", "l'acte "+ref.String()+" n'est pas un "+strings.ToLower(f.Title), "ouvrez la correction depuis « Imprimer / signer »")
	}
	texts := civil.TextFields(a)
	var lost []string
	for path, text := range texts {
		if f.Fixed[path] == text {
			continue
		}
		if f.def.field(path) == nil {
			lost = append(lost, path)
		}
	}
	for path, want := range f.Fixed {
		if texts[path] != want {
			lost = append(lost, path)
		}
	}
	if len(lost) > 0 {
		sort.Strings(lost)
		return civil.Refuse("acte", "ce formulaire ne montre pas tout le brouillon "+ref.String()+" ("+strings.Join(lost, ", ")+") : le corriger ici le perdrait",
			"ce brouillon ne se corrige pas au guichet : faites-le corriger par la personne qui administre le programme, ou annulez-le et dressez l'acte de nouveau",
			civil.Then(civil.CancelDraft, ref.String()))
	}
	for path, text := range texts {
		if f.def.field(path) != nil {
			c.Form.Set(path, text)
		}
	}
	c.Form.Set(correctField, ref.String())
	return nil
}

// setDefaults proposes, in a new form, today's declaration, the place of
// the commune and the only officer who may sign.
func setDefaults(c *Ctx, f *actForm, commune civil.Commune, able []string) {
	now := c.Now()
	place := commune.Nom
	if commune.CommuneAssociee != "" {
		place = commune.CommuneAssociee
	}
	place += " (" + commune.Departement + ")"
	set := func(name, v string) {
		if f.def.field(name) != nil {
			c.Form.Set(name, v)
		}
	}
	set("declaration.date", words.Figures(now))
	set("declaration.heure", now.Format("15:04"))
	switch f.Kind {
	case civil.Transcription:
		set("date_transcription", words.Figures(now))
	case civil.EnfantSansVie:
		set("accouchement.lieu", place)
	default:
		set("lieu", place)
	}
	if len(able) == 1 {
		set("officier", able[0])
	}
}
