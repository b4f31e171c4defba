package civil

import (
	"strings"
	"time"
)

// Moments of a recognition (moment).
const (
	ReconnaissancePrenatale  = "prenatale"  // before the birth: the child is the one a mother expects
	ReconnaissancePostnatale = "postnatale" // after the birth: the child has a birth act
)

// Qualities of the author of a recognition (auteur.qualite).
var recognitionQualites = map[string]string{"père": "M", "mère": "F"}

// recognition checks a recognition (C. civ. art. 62, 316): received by
// the officer of this commune on the declaration of its author, who gives
// prénoms, nom, date of birth or else age, place of birth and domicile;
// after the birth, the child's prénoms, nom, sex, date and place of birth
// (and the reference of its birth act when this register holds it);
// before it, the child's expected name if any, and the other parent who
// identifies the child expected (the mother, when the father recognises).
// Recognitions have no time limit.
func (c *Checker) recognition(a *Act, commune Commune, now time.Time) {
	prenatal := a.MomentReconnaissance == ReconnaissancePrenatale
	switch a.MomentReconnaissance {
	case ReconnaissancePrenatale, ReconnaissancePostnatale:
	case "":
		c.Add("moment", "moment de la reconnaissance manquant", "écrivez \"moment\": \"prenatale\" (avant la naissance) ou \"postnatale\" (après)")
	default:
		c.Add("moment", "moment « "+a.MomentReconnaissance+" » inconnu", "écrivez \"prenatale\" ou \"postnatale\"")
	}

	// The author (art. 62 al. 2).
	if a.Auteur == nil {
		c.Add("auteur", "auteur de la reconnaissance manquant", "ajoutez \"auteur\" avec nom, prenoms, date de naissance (ou âge), lieu de naissance, domicile et \"qualite\": \"père\" ou \"mère\"")
	} else {
		au := a.Auteur
		c.person("auteur", &au.Person, personNeeds{birth: true, domicile: true, partial: true, age: true})
		sex, ok := recognitionQualites[strings.ToLower(strings.TrimSpace(au.Qualite))]
		switch {
		case strings.TrimSpace(au.Qualite) == "":
			c.Add("auteur.qualite", "qualité de l'auteur manquante", "écrivez \"père\" ou \"mère\"")
		case !ok:
			c.Add("auteur.qualite", "qualité « "+au.Qualite+" » inconnue", "l'auteur d'une reconnaissance est le « père » ou la « mère » de l'enfant")
		case au.Sexe != "" && au.Sexe != sex:
			c.Add("auteur.sexe", "l'auteur est dit « "+au.Qualite+" » mais son sexe est « "+au.Sexe+" »", "vérifiez la qualité ou le sexe de l'auteur")
		default:
			au.Qualite = strings.ToLower(strings.TrimSpace(au.Qualite))
			if au.Sexe == "" {
				au.Sexe = sex
			}
		}
		c.forbid("auteur.lien", au.Lien != "", "propre au déclarant d'un décès")
	}

	// Where and when the officer receives it: in this commune, not in the future.
	if name, dept, ok := c.place("lieu", a.Lieu); ok && !c.inCommune(name, dept, commune) {
		c.Add("lieu", "« "+a.Lieu+" » n'est pas la commune de ce registre", "une reconnaissance est reçue par l'officier de la commune où elle est faite : ici "+communeWhere(commune))
	}
	declOK := false
	if a.Declaration == nil {
		c.Add("declaration", "date et heure de la reconnaissance manquantes", "ajoutez \"declaration\": {\"date\": \"AAAA-MM-JJ\", \"heure\": \"HH:MM\"}")
	} else {
		var okd bool
		_, okd = c.Date("declaration.date", &a.Declaration.Date, 1900)
		okh := c.Hour("declaration.heure", &a.Declaration.Heure)
		if okd && okh {
			c.notFuture("declaration.date", a.Declaration.Date, a.Declaration.Heure, now)
			declOK = true
		}
	}

	// The child.
	e := a.Enfant
	if prenatal {
		if e != nil {
			c.forbid("enfant.sexe", e.Sexe != "", "l'enfant n'est pas encore né")
			c.forbid("enfant.date_naissance", e.DateNaissance != "", "l'enfant n'est pas encore né : pour un enfant né, la reconnaissance est « postnatale »")
			c.forbid("enfant.lieu_naissance", e.LieuNaissance != "", "l'enfant n'est pas encore né")
			c.forbid("enfant.acte", e.Acte != "", "l'enfant n'est pas encore né")
			if e.Nom != "" {
				c.nameSpelling("enfant.nom", e.Nom, true)
			}
			for i, p := range e.Prenoms {
				c.nameSpelling(indexed("enfant.prenoms", i), p, false)
			}
		}
		if a.Auteur != nil && strings.EqualFold(strings.TrimSpace(a.Auteur.Qualite), "mère") && a.AutreParent != nil {
			c.Add("autre_parent", "la mère reconnaît l'enfant qu'elle attend : sa reconnaissance ne nomme pas l'autre parent", "retirez \"autre_parent\" ; si le père reconnaît aussi l'enfant, dressez sa propre reconnaissance")
		}
		if a.Auteur != nil && strings.EqualFold(strings.TrimSpace(a.Auteur.Qualite), "père") && a.AutreParent == nil {
			c.Add("autre_parent", "la mère de l'enfant à naître n'est pas indiquée", "une reconnaissance prénatale par le père désigne l'enfant par sa mère : ajoutez \"autre_parent\" avec nom, prenoms, date et lieu de naissance")
		}
	} else if a.MomentReconnaissance == ReconnaissancePostnatale {
		if e == nil {
			c.Add("enfant", "enfant manquant", "ajoutez \"enfant\" avec nom, prenoms, sexe, date et lieu de naissance (et \"acte\" si son acte de naissance est dans ce registre)")
		} else {
			c.person("enfant", e, personNeeds{sexe: true, birth: true, acte: true})
			if PartialPrecision(e.DateNaissance) == 3 && declOK && e.DateNaissance > a.Declaration.Date {
				c.Add("enfant.date_naissance", "l'enfant serait né après la reconnaissance", "pour un enfant à naître, la reconnaissance est « prenatale »")
			}
			if e.Acte != "" {
				if r, err := ParseRef(e.Acte); err != nil || r.Registre != Naissance {
					c.Add("enfant.acte", "« "+e.Acte+" » n'est pas la référence d'un acte de naissance", "écrivez naissance/année/numéro, par exemple naissance/2026/38, ou retirez ce champ si l'acte est dans une autre commune")
				}
			}
		}
	}
	if p := a.AutreParent; p != nil {
		if prenatal {
			// The child expected is named by the woman who expects it.
			switch p.Sexe {
			case "":
				p.Sexe = "F"
			case "M":
				c.Add("autre_parent.sexe", "l'autre parent d'une reconnaissance prénatale est la femme enceinte de l'enfant", "écrivez \"sexe\": \"F\", ou retirez le champ")
			}
		}
		father := a.Auteur != nil && strings.EqualFold(strings.TrimSpace(a.Auteur.Qualite), "père")
		c.person("autre_parent", p, personNeeds{birth: prenatal && father, partial: true, age: true})
	}
}

// nameSpelling checks one name or prénom of an act.
func (c *Checker) nameSpelling(field, s string, isNom bool) {
	c.problems = append(c.problems, checkSpelling(field, s, isNom, c.decision)...)
}

// inCommune tells whether a place (commune and département) is the
// commune of the register or its commune associée.
func (c *Checker) inCommune(name, dept string, commune Commune) bool {
	return InCommune(name, dept, commune)
}

// communeWhere writes the commune of the register for a hint: "Lomme
// (Nord) ou Lille (Nord)".
func communeWhere(commune Commune) string {
	where := commune.Nom + " (" + commune.Departement + ")"
	if commune.CommuneAssociee != "" {
		where = commune.CommuneAssociee + " (" + commune.Departement + ") ou " + where
	}
	return where
}
