package civil

import (
	"fmt"
	"strings"
	"time"

	"etatcivil/internal/fold"
)

// SexeIndetermine is the sex of a stillborn child that could not be
// determined.
const SexeIndetermine = "indetermine"

// stillborn checks the act of a stillborn child (acte d'enfant sans vie,
// C. civ. art. 79-1 al. 2; décret 2008-800): drawn up at any time, by
// the officer of the place of the delivery, on a medical certificate of
// delivery; it gives the day, hour and place of the delivery, the
// parents, and at their request prénoms and a nom (the nom of either
// parent or both, which creates no filiation). It never states that the
// child was born alive or died.
func (c *Checker) stillborn(a *Act, commune Commune, now time.Time) {
	if e := a.Enfant; e != nil {
		for i, p := range e.Prenoms {
			c.nameSpelling(indexed("enfant.prenoms", i), p, false)
			if looksUnknown(p) {
				c.Add(indexed("enfant.prenoms", i), "« "+p+" » ne nomme personne", "les prénoms sont facultatifs : retirez-les plutôt")
			}
		}
		if e.Nom != "" {
			c.nameSpelling("enfant.nom", e.Nom, true)
			if len(a.Parents) > 0 && !parentName(e.Nom, a.Parents) {
				c.Warn("enfant.nom : « %s » n'est pas le nom d'un parent : l'enfant sans vie peut recevoir le nom du père, de la mère, ou les deux accolés (art. 79-1 du Code civil)", e.Nom)
			}
		}
		switch e.Sexe {
		case "", "F", "M", SexeIndetermine:
		default:
			c.Add("enfant.sexe", "sexe « "+e.Sexe+" » invalide", "écrivez \"F\", \"M\" ou \"indetermine\", ou retirez le champ")
		}
		c.forbid("enfant.date_naissance", e.DateNaissance != "", "l'acte d'enfant sans vie ne donne pas de date de naissance : il dit le jour de l'accouchement (\"accouchement\")")
		c.forbid("enfant.lieu_naissance", e.LieuNaissance != "", "l'acte dit le lieu de l'accouchement (\"accouchement\")")
		c.forbid("enfant.profession", e.Profession != "", "")
		c.forbid("enfant.domicile", e.Domicile != "", "")
		c.forbid("enfant.age", e.Age != nil, "")
		c.forbid("enfant.acte", e.Acte != "", "")
		c.forbid("enfant.decede", e.Decede, "l'acte ne dit jamais que l'enfant est né vivant ni qu'il est décédé")
	}
	eventOK := false
	if d := a.Accouchement; d == nil {
		c.Add("accouchement", "accouchement manquant", "ajoutez \"accouchement\": {\"date\": \"AAAA-MM-JJ\", \"heure\": \"HH:MM\", \"lieu\": \"Commune (Département)\"}, tels que les donne le certificat médical")
	} else {
		_, eventOK = c.eventWith(&d.Date, &d.Heure, d.Lieu, commune, now, eventRule{prefix: "accouchement."})
	}
	if len(a.Parents) > 2 {
		c.Add("parents", fmt.Sprintf("%d parents indiqués", len(a.Parents)), "l'acte nomme au plus deux parents")
	}
	for i := range a.Parents {
		c.person(fmt.Sprintf("parents[%d]", i+1), &a.Parents[i], personNeeds{sexe: true, birth: true, domicile: true, age: true})
	}
	c.declaration(a, now, eventOK)
	c.birthDeclarant(a)
	if strings.TrimSpace(a.CertificatAccouchement) == "" {
		c.Add("certificat_accouchement", "référence du certificat médical d'accouchement manquante", "l'acte d'enfant sans vie n'est dressé que sur le certificat médical d'accouchement (art. 79-1 du Code civil) : indiquez sa référence")
	}
}

// parentName tells whether nom is the nom of a parent, or two of them
// side by side.
func parentName(nom string, ps []Person) bool {
	k := fold.Key(nom)
	var noms []string
	for _, p := range ps {
		noms = append(noms, fold.Key(p.Nom))
		if k == fold.Key(p.Nom) {
			return true
		}
	}
	return len(noms) == 2 && (k == noms[0]+" "+noms[1] || k == noms[1]+" "+noms[0])
}

// indexed writes the path of the i-th element (from 0) of a list field:
// "enfant.prenoms[1]".
func indexed(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i+1) }
