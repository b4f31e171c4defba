package civil

import (
	"strings"
	"time"
	"unicode"

	"etatcivil/internal/fold"
)

// foundling checks the birth act of a foundling (enfant trouvé, C. civ.
// art. 58): drawn up from the finder's report and the police report, with
// a date of birth the officer fixes from the apparent age (before the
// discovery), no hour, the place of discovery, the prénoms and nom the
// officer gives; no parent is known, and the five days of art. 55 do not
// apply.
func (c *Checker) foundling(a *Act, born time.Time, bornOK bool, decl time.Time, declOK bool) {
	f := a.EnfantTrouve
	c.forbid("parents", len(a.Parents) > 0, "les parents d'un enfant trouvé ne sont pas connus ; s'ils le deviennent, la filiation sera portée par mention")
	c.forbid("jugement", a.Jugement != nil, "l'acte d'un enfant trouvé n'a pas de délai de déclaration : il n'a pas besoin de jugement")
	found, ok := c.Date("enfant_trouve.date_decouverte", &f.DateDecouverte, 1900)
	if f.HeureDecouverte != "" {
		c.Hour("enfant_trouve.heure_decouverte", &f.HeureDecouverte)
	}
	if ok && bornOK && born.After(found) {
		c.Add("date", "la date de naissance fixée ("+figuresDate(a.Date)+") suit la découverte ("+figuresDate(f.DateDecouverte)+")", "fixez la date de naissance d'après l'âge apparent, au plus tard le jour de la découverte")
	}
	if ok && declOK && decl.Before(found) {
		c.Add("declaration.date", "la déclaration précède la découverte", "vérifiez les deux dates")
	}
	for _, x := range []struct{ field, value, hint string }{
		{"lieu_decouverte", f.LieuDecouverte, "par exemple « parvis de la gare, Lille (Nord) »"},
		{"age_apparent", f.AgeApparent, "par exemple « environ dix jours », d'après le procès-verbal ou le médecin"},
		{"signalement", f.Signalement, "décrivez l'enfant : sexe, taille, vêtements, objets trouvés avec lui"},
		{"proces_verbal", f.ProcesVerbal, "indiquez la référence du procès-verbal de découverte (art. 58 du Code civil)"},
	} {
		if strings.TrimSpace(x.value) == "" {
			c.Add("enfant_trouve."+x.field, x.field+" manquant", x.hint)
		}
	}
	c.forbid("declaration_conjointe_nom", a.DeclarationConjointeNom != nil, "les parents d'un enfant trouvé ne sont pas connus")
	c.forbid("reconnaissances", len(a.Reconnaissances) > 0, "une reconnaissance ultérieure se porte en mention")
}

// jointName checks the parents' joint declaration of the child's name
// (C. civ. art. 311-21): made by both parents, at the latest when the
// birth is declared; the name chosen is the child's.
func (c *Checker) jointName(a *Act, decl time.Time, declOK bool) {
	j := a.DeclarationConjointeNom
	if j == nil {
		return
	}
	if d, ok := c.Date("declaration_conjointe_nom.date", &j.Date, 1900); ok && declOK && d.After(decl) {
		c.Add("declaration_conjointe_nom.date", "la déclaration conjointe est datée après la déclaration de naissance", "elle est remise au plus tard lors de la déclaration de naissance (art. 311-21 du Code civil)")
	}
	if strings.TrimSpace(j.Nom) == "" {
		c.Add("declaration_conjointe_nom.nom", "nom choisi manquant", "écrivez le nom choisi par les parents, en capitales")
	} else {
		c.nameSpelling("declaration_conjointe_nom.nom", j.Nom, true)
		if a.Enfant != nil && a.Enfant.Nom != "" && fold.Key(j.Nom) != fold.Key(a.Enfant.Nom) {
			c.Add("declaration_conjointe_nom.nom", "le nom choisi (« "+j.Nom+" ») n'est pas celui de l'enfant (« "+a.Enfant.Nom+" »)", "l'enfant porte le nom que ses parents ont choisi : corrigez l'un ou l'autre")
		}
	}
	if len(a.Parents) != 2 {
		c.Add("declaration_conjointe_nom", "une déclaration conjointe de choix de nom est faite par les deux parents", "nommez les deux parents dans \"parents\", ou retirez la déclaration conjointe")
	}
}

// childName warns when the child's NOM is not made of the parents' names
// (C. civ. art. 311-21 and 311-23): the child takes the name of the father,
// of the mother, or both joined in the order the parents chose, one name
// each at most. A name that owes nothing to the parents named in the act is
// more likely a typing mistake (a parent's NOM misspelt, the child's left
// from another family) than a right name; other cases exist (a name given
// by a later decision), so this is a warning, not a refusal. The words are
// compared with their accents (MULLER is not MÜLLER); case, hyphens and
// « -- » are ignored.
func (c *Checker) childName(a *Act) {
	if a.Enfant == nil || a.EnfantTrouve != nil || len(a.Parents) == 0 || strings.TrimSpace(a.Enfant.Nom) == "" {
		return
	}
	theirs := map[string]bool{}
	var names []string
	for _, p := range a.Parents {
		if strings.TrimSpace(p.Nom) == "" {
			return // a parent named without NOM: nothing to compare with
		}
		for _, w := range nomWords(p.Nom) {
			theirs[w] = true
		}
		names = append(names, p.Nom)
	}
	for _, w := range nomWords(a.Enfant.Nom) {
		if !theirs[w] {
			c.Warn("enfant.nom : le nom de l'enfant (« %s ») n'est pas fait du nom de ses parents (%s) : l'enfant prend le nom du père, de la mère, ou les deux accolés (art. 311-21 du Code civil) ; vérifiez l'orthographe des noms",
				a.Enfant.Nom, quoteList(names))
			return
		}
	}
}

// nomWords splits a NOM into its words in capitals, accents kept.
func nomWords(nom string) []string {
	return strings.FieldsFunc(strings.ToUpper(fold.Name(nom)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
}

// citedRecognitions checks the recognitions a birth act cites: an act of
// this register's recognitions ("acte"), or one made elsewhere (date,
// place, author), before the birth is declared. Whether a cited act
// exists is the register's to say.
func (c *Checker) citedRecognitions(a *Act, decl time.Time, declOK bool) {
	for i := range a.Reconnaissances {
		r := &a.Reconnaissances[i]
		f := indexed("reconnaissances", i)
		if r.Acte != "" {
			if ref, err := ParseRef(r.Acte); err != nil || ref.Registre != Reconnaissance {
				c.Add(f+".acte", "« "+r.Acte+" » n'est pas la référence d'une reconnaissance", "écrivez reconnaissance/année/numéro, par exemple reconnaissance/2026/1")
			}
			if r.Date == "" && r.Lieu == "" && r.Auteur == nil {
				continue // the register fills them in from its act
			}
		}
		if d, ok := c.Date(f+".date", &r.Date, 1900); ok && declOK && d.After(decl) {
			c.Add(f+".date", "la reconnaissance est datée après la déclaration de naissance", "une reconnaissance postérieure se porte en mention sur l'acte signé")
		}
		c.place(f+".lieu", r.Lieu)
		if r.Auteur == nil {
			c.Add(f+".auteur", "auteur de la reconnaissance manquant", "ajoutez \"auteur\": {\"nom\", \"prenoms\"}")
			continue
		}
		au := Person{Nom: r.Auteur.Nom, Prenoms: r.Auteur.Prenoms}
		c.person(f+".auteur", &au, personNeeds{})
		if !sameNamesAny(au, a.Parents) {
			c.Warn("%s.auteur : %s n'est pas un parent nommé dans l'acte : l'auteur d'une reconnaissance est un parent de l'enfant", f, au.FullName())
		}
	}
}

// sameNamesAny tells whether one of ps has p's nom and prénoms.
func sameNamesAny(p Person, ps []Person) bool {
	for _, q := range ps {
		if sameNames(p, q) {
			return true
		}
	}
	return false
}
