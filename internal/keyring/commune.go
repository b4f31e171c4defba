package keyring

import (
	"fmt"
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/communes"
)

// CommuneRequest is what a clerk gives to create a register (etatcivil
// init, the counter's « Créer le registre »): names as typed.
type CommuneRequest struct {
	Commune, Departement, Insee, Associee string
	// Panne is the statement printed on acts drawn up during the outage
	// (civil.DefaultOutageStatement when the clerk keeps it).
	Panne string
}

// ResolveCommune checks the commune against the official list (the
// INSEE's code officiel géographique, internal/communes) and returns its
// canonical description. Refusals name the fields "departement",
// "commune", "insee" and "commune_associee".
func ResolveCommune(o CommuneRequest) (civil.Commune, error) {
	dept, ok := communes.Departement(o.Departement)
	if !ok {
		return civil.Commune{}, civil.Refuse("departement", "département « "+o.Departement+" » inconnu",
			"écrivez son nom (Nord, Bas-Rhin, Seine-Saint-Denis…) ou son numéro (59, 67, 2A…)")
	}
	var main *communes.Commune
	for _, c := range communes.Find(o.Commune, dept) {
		if c.Type == "commune-actuelle" {
			c := c
			main = &c
		}
	}
	if main == nil {
		return civil.Commune{}, civil.Refuse("commune", "commune « "+o.Commune+" » introuvable dans le département "+dept,
			"vérifiez l'orthographe (liste officielle de l'INSEE) et le département")
	}
	if o.Insee != "" && o.Insee != main.Code {
		return civil.Commune{}, civil.Refuse("insee", fmt.Sprintf("le code INSEE de %s est %s, pas %s", main.Nom, main.Code, o.Insee),
			"corrigez le code, ou ne le donnez pas : il est facultatif")
	}
	c := civil.Commune{Nom: main.Nom, Departement: dept, Insee: main.Code, MentionPanne: strings.TrimSpace(o.Panne)}
	if o.Associee != "" {
		var assoc *communes.Commune
		for _, a := range communes.Find(o.Associee, dept) {
			if a.Rattachement == main.Code {
				a := a
				assoc = &a
			}
		}
		if assoc == nil {
			return civil.Commune{}, civil.Refuse("commune_associee", "« "+o.Associee+" » n'est pas une commune associée ou déléguée de "+main.Nom,
				"vérifiez l'orthographe, ou retirez l'option si le registre est celui de "+main.Nom)
		}
		c.CommuneAssociee = assoc.Nom
	}
	return c, nil
}
