package civil

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"etatcivil/internal/fold"
)

// death checks a death act (C. civ. art. 78, 79, 87): « le tout, autant
// qu'on pourra le savoir » — a partial date of birth or an age, an
// unknown place of birth or hour of death, parents' professions and
// domiciles, the deceased's marital situation naming only the last spouse
// or partner, the declarant's age and kinship or capacity; or, for a
// person not identified (art. 87), a description and the discovery
// instead of names.
func (c *Checker) death(a *Act, commune Commune, now time.Time) {
	c.deceased(a)
	_, eventOK := c.eventWith(&a.Date, &a.Heure, a.Lieu, commune, now, eventRule{hour: hourOptional})
	c.deathContent(a, eventOK)
	if _, ok := c.declaration(a, now, eventOK); ok && eventOK {
		at, _ := time.Parse("2006-01-02 15:04", a.Date+" "+hourOr(a.Heure, "23:59"))
		decl, _ := time.Parse("2006-01-02 15:04", a.Declaration.Date+" "+a.Declaration.Heure)
		if h := decl.Sub(at).Hours(); h > 24 {
			c.Warn("déclaration faite %d heures après le décès (le délai attendu est de 24 heures, art. 78 du Code civil) : notez le motif du retard", int(h))
		}
	}
	c.deathDeclarant(a, true)
	if strings.TrimSpace(a.CertificatMedical) == "" {
		c.Add("certificat_medical", "référence du certificat médical de décès manquante", "l'acte ne peut être dressé que sur présentation du certificat médical : indiquez sa référence")
	}
}

func hourOr(h, def string) string {
	if h == "" {
		return def
	}
	return h
}

// deathContent checks what a death act and a transcription share beyond
// the deceased: the date of birth against the date of death, the parents.
func (c *Checker) deathContent(a *Act, eventOK bool) {
	if eventOK && a.Defunt != nil && a.Defunt.DateNaissance != "" {
		if d, err := time.Parse(DateLayout, a.Date); err == nil && partialAfter(a.Defunt.DateNaissance, d) {
			c.Add("defunt.date_naissance", "le défunt serait né après son décès", "vérifiez les deux dates")
		}
	}
	c.deathParents(a.Parents)
}

// deceased checks the deceased: identified, or described (art. 87).
func (c *Checker) deceased(a *Act) {
	d := a.Defunt
	if d == nil {
		c.Add("defunt", "défunt manquant", "ajoutez \"defunt\" avec nom, prenoms, sexe, date (ou âge) et lieu de naissance, domicile, situation")
		return
	}
	if d.Inconnu {
		c.unidentified(d)
		c.forbid("parents", len(a.Parents) > 0, "les parents d'un défunt non identifié ne sont pas connus")
		return
	}
	for _, f := range []struct {
		name    string
		present bool
	}{{"signalement", d.Signalement != ""}, {"date_decouverte", d.DateDecouverte != ""}, {"lieu_decouverte", d.LieuDecouverte != ""}, {"proces_verbal", d.ProcesVerbal != ""}} {
		c.forbid("defunt."+f.name, f.present, "propre à un défunt non identifié (\"inconnu\": true, art. 87 du Code civil)")
	}
	c.person("defunt", &d.Person, personNeeds{sexe: true, birth: true, domicile: true, partial: true, age: true, placeOptional: true})
	if d.LieuNaissance == "" {
		c.Warn("defunt.lieu_naissance : lieu de naissance inconnu : l'acte ne le dira pas, et la mention du décès ne pourra être portée sur l'acte de naissance")
	} else if PartialPrecision(d.DateNaissance) != 3 {
		c.Warn("defunt.date_naissance : date de naissance incomplète : l'acte le dira autant qu'on le sait, mais la mention du décès ne pourra être portée sur l'acte de naissance qu'après vérification de la mairie de naissance")
	}
	c.situation(d)
}

// unidentified checks a deceased person who could not be identified
// (art. 87): a description, the day, place and report of the discovery;
// no names, which come later by a judgment and a rectification.
func (c *Checker) unidentified(d *Deceased) {
	c.forbid("defunt.nom", d.Nom != "", "un défunt non identifié n'a pas de nom dans l'acte : il y sera porté par mention, après jugement")
	c.forbid("defunt.prenoms", len(d.Prenoms) > 0, "un défunt non identifié n'a pas de prénoms dans l'acte : ils y seront portés par mention, après jugement")
	c.forbid("defunt.situation", d.Situation != "", "la situation d'un défunt non identifié n'est pas connue")
	c.forbid("defunt.conjoint", d.Conjoint != nil, "le conjoint d'un défunt non identifié n'est pas connu")
	c.forbid("defunt.partenaire", d.Partenaire != nil, "le partenaire d'un défunt non identifié n'est pas connu")
	if d.Sexe != "F" && d.Sexe != "M" {
		c.Add("defunt.sexe", "sexe manquant ou invalide (« "+d.Sexe+" »)", "écrivez \"F\" ou \"M\", tel que le dit le certificat médical")
	}
	if d.DateNaissance != "" {
		c.partialDate("defunt.date_naissance", &d.DateNaissance, 1880)
	}
	if d.LieuNaissance != "" {
		c.place("defunt.lieu_naissance", d.LieuNaissance)
	}
	if strings.TrimSpace(d.Signalement) == "" {
		c.Add("defunt.signalement", "signalement manquant", "décrivez la personne : sexe, âge apparent, taille, signes particuliers, vêtements (art. 87 du Code civil)")
	}
	if d.DateDecouverte == "" {
		c.Add("defunt.date_decouverte", "date de la découverte manquante", "écrivez-la sous la forme AAAA-MM-JJ")
	} else {
		c.Date("defunt.date_decouverte", &d.DateDecouverte, 1900)
	}
	if strings.TrimSpace(d.LieuDecouverte) == "" {
		c.Add("defunt.lieu_decouverte", "lieu de la découverte manquant", "par exemple « berge de la Deûle, Lille (Nord) »")
	}
	if strings.TrimSpace(d.ProcesVerbal) == "" {
		c.Add("defunt.proces_verbal", "procès-verbal manquant", "indiquez la référence du procès-verbal de l'officier de police judiciaire (art. 87 du Code civil)")
	}
}

// situation checks the deceased's marital situation (art. 79 4°, 4° bis):
// the spouse for a married, widowed or divorced person, the partner for
// a PACS; only the last one is named (IGREC n° 428).
func (c *Checker) situation(d *Deceased) {
	spouse := func(field string, s *Spouse) {
		c.person(field, &Person{Nom: s.Nom, Prenoms: s.Prenoms}, personNeeds{})
	}
	if d.Situation != "" && !c.Choice("defunt.situation", &d.Situation, SituationChoice) {
		return
	}
	switch d.Situation {
	case "":
		if d.Conjoint != nil {
			c.Warn("defunt.situation : situation du défunt non précisée : l'acte dira « %s %s » ; s'il était veuf ou divorcé, indiquez \"situation\": \"veuf\" ou \"divorce\"",
				Agree(d.Sexe, "époux", "épouse"), elide(Person{Nom: d.Conjoint.Nom, Prenoms: d.Conjoint.Prenoms}.FullName()))
		}
		c.forbid("defunt.partenaire", d.Partenaire != nil, "précisez \"situation\": \"pacse\"")
	case SituationCelibataire:
		c.forbid("defunt.conjoint", d.Conjoint != nil, "un défunt célibataire n'a pas de conjoint")
		c.forbid("defunt.partenaire", d.Partenaire != nil, "pour un partenaire de PACS, écrivez \"situation\": \"pacse\"")
	case SituationMarie, SituationVeuf, SituationDivorce:
		if d.Conjoint == nil {
			c.Add("defunt.conjoint", "conjoint manquant", "l'acte nomme l'époux, même décédé ou divorcé (art. 79 4° du Code civil) : ajoutez \"conjoint\": {\"nom\", \"prenoms\"} (le dernier seulement)")
		}
		c.forbid("defunt.partenaire", d.Partenaire != nil, "l'acte ne nomme que le dernier conjoint ou partenaire : si le défunt était lié par un PACS en dernier, écrivez \"situation\": \"pacse\" et retirez \"conjoint\"")
	case SituationPacse:
		if d.Partenaire == nil {
			c.Add("defunt.partenaire", "partenaire manquant", "ajoutez \"partenaire\": {\"nom\", \"prenoms\"} (art. 79 4° bis du Code civil)")
		}
		c.forbid("defunt.conjoint", d.Conjoint != nil, "l'acte ne nomme que le dernier conjoint ou partenaire : le partenaire du PACS ; retirez \"conjoint\"")
	default:
		c.Add("defunt.situation", "situation « "+d.Situation+" » inconnue", "choisissez parmi : "+strings.Join(Situations, ", "))
	}
	if d.Conjoint != nil {
		spouse("defunt.conjoint", d.Conjoint)
	}
	if d.Partenaire != nil {
		spouse("defunt.partenaire", d.Partenaire)
	}
}

// deathParents checks the parents of a deceased (art. 79 3°): prénoms,
// nom, and, as far as known, profession and domicile, or that they died.
// The sex is needed when one parent alone is dead (« décédé »,
// « décédée »).
func (c *Checker) deathParents(ps []Person) {
	if len(ps) > 2 {
		c.Add("parents", fmt.Sprintf("%d parents indiqués", len(ps)), "un acte de décès nomme au plus deux parents")
	}
	c.namedParents("parents", ps, "de décès", "art. 79 3°", nil)
}

// namedParents checks the parents an act names without their birth (the
// act of death, art. 79 3°; of marriage, art. 76 2°: prénoms, noms,
// professions and domiciles, or that they died), under field; act is
// « de décès » or « de mariage », article the article cited. A dead
// parent has no domicile, and needs a sex unless both are dead (the act
// agrees « décédé », « décédée », « décédés »). each, when not nil, checks
// more of each parent, at its field.
func (c *Checker) namedParents(field string, ps []Person, act, article string, each func(f string, p *Person)) {
	dead := 0
	for _, p := range ps {
		if p.Decede {
			dead++
		}
	}
	for i := range ps {
		p := &ps[i]
		f := fmt.Sprintf("%s[%d]", field, i+1)
		if p.DateNaissance != "" || p.LieuNaissance != "" || p.Age != nil {
			c.Add(f, "l'acte "+act+" ne donne pas la naissance des parents", "retirez date_naissance, lieu_naissance et age de ce parent ("+article+" du Code civil : prénoms, noms, professions et domiciles)")
		}
		c.person(f, p, personNeeds{decede: true})
		if p.Decede && p.Domicile != "" {
			c.Add(f+".domicile", "un parent décédé n'a plus de domicile", "retirez son domicile, ou \"decede\" s'il est vivant")
		}
		if p.Decede && p.Sexe == "" && !(len(ps) == 2 && dead == 2) {
			c.Add(f+".sexe", "sexe du parent manquant : l'acte doit l'accorder (« décédé » ou « décédée »)", "écrivez \"sexe\": \"F\" ou \"M\"")
		}
		if each != nil {
			each(f, p)
		}
	}
}

// deathDeclarant checks the declarant of a death (art. 79 5°): prénoms,
// nom, age, profession, domicile, and kinship with the deceased (lien)
// or the capacity in which they declare (qualite: « employé des pompes
// funèbres »), never a kinship. required is false for a transcription,
// which copies what the original act says.
func (c *Checker) deathDeclarant(a *Act, required bool) {
	d := a.Declarant
	if d == nil {
		if required {
			c.Add("declarant", "déclarant manquant", "ajoutez \"declarant\" avec nom, prenoms, âge ou date de naissance, domicile, et son lien avec le défunt (\"lien\") ou sa qualité (\"qualite\")")
		}
		return
	}
	c.person("declarant", &d.Person, personNeeds{domicile: true, partial: true, age: true})
	if required {
		c.declarantSex(a)
	}
	lien, qualite := strings.TrimSpace(d.Lien), strings.TrimSpace(d.Qualite)
	switch {
	case lien == "" && qualite == "":
		c.Add("declarant.lien", "lien du déclarant avec le défunt manquant", "écrivez \"lien\" pour un parent ou un proche (« fils », « épouse », « voisin »), ou \"qualite\" pour qui déclare en raison de sa fonction (« employé des pompes funèbres »)")
	case kinshipWord(qualite):
		c.Add("declarant.qualite", "« "+d.Qualite+" » est un lien de parenté, pas une qualité", "écrivez-le dans \"lien\" ; \"qualite\" dit en quelle qualité déclare une personne sans lien avec le défunt (« employé des pompes funèbres »)")
	}
	if d.Age == nil && d.DateNaissance == "" && required {
		c.Warn("declarant : âge du déclarant non indiqué : l'acte ne le dira pas (art. 79 5° du Code civil) ; demandez-le s'il est présent (\"age\" ou \"date_naissance\")")
	}
}

// kinshipWords are words of kinship that a death declarant's capacity
// (qualite) must not hold: they go in "lien".
var kinshipWords = []string{"fils", "fille", "pere", "mere", "epoux", "epouse", "frere", "soeur", "neveu", "niece", "oncle", "tante",
	"gendre", "bru", "cousin", "cousine", "veuf", "veuve", "conjoint", "conjointe", "compagnon", "compagne", "concubin", "concubine"}

// kinshipWord tells whether a capacity holds a word of kinship.
func kinshipWord(q string) bool {
	for _, w := range strings.Fields(fold.Key(q)) {
		if slices.Contains(kinshipWords, w) {
			return true
		}
	}
	return false
}
