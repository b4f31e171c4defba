package civil

import (
	"fmt"
	"strings"
	"time"
)

// transcription checks the transcription of a death act drawn up by
// another commune (C. civ. art. 80): the officer of the place of death
// sends a copy to the commune of the deceased's last domicile, which
// transcribes it at once in its death register. The content is the
// original act's, as received; what is checked is that it is a death
// act of another commune about a person who lived here, and the day it
// is transcribed.
func (c *Checker) transcription(a *Act, commune Commune, now time.Time) {
	if o := a.ActeOrigine; o == nil {
		c.Add("acte_origine", "acte transcrit non identifié", "ajoutez \"acte_origine\": {\"commune\": \"Commune (Département)\", \"annee\": AAAA, \"numero\": N, \"officier\": \"Prénom NOM, qualité\"}")
	} else {
		if name, dept, ok := c.place("acte_origine.commune", o.Commune); ok && InCommune(name, dept, commune) {
			c.Add("acte_origine.commune", "l'acte a été dressé par cette commune-ci : il n'y a rien à transcrire", "un acte de décès de ce registre se consulte et se copie tel quel")
		} else if ok {
			if lname, ldept, lok := SplitPlace(a.Lieu); lok && !(strings.EqualFold(lname, name) && strings.EqualFold(ldept, dept)) {
				c.Warn("acte_origine.commune : le décès est survenu à %s mais l'acte a été dressé à %s : vérifiez la copie reçue (l'acte est dressé au lieu du décès, art. 78)", a.Lieu, o.Commune)
			}
		}
		if o.Annee < 1900 || o.Annee > 2100 {
			c.Add("acte_origine.annee", fmt.Sprintf("année %d invalide", o.Annee), "écrivez l'année du registre d'origine, par exemple 2026")
		}
		if o.Numero < 1 {
			c.Add("acte_origine.numero", "numéro de l'acte d'origine manquant", "écrivez le numéro porté sur la copie reçue")
		}
	}
	c.deceased(a)
	_, eventOK := c.eventWith(&a.Date, &a.Heure, a.Lieu, commune, now, eventRule{hour: hourOptional, elsewhere: true})
	c.deathContent(a, eventOK)
	if d := a.Defunt; d != nil && !d.Inconnu && d.Domicile != "" {
		if name, dept, ok := SplitPlace(lastPart(d.Domicile)); !ok {
			c.Warn("defunt.domicile : « %s » ne finit pas par « Commune (Département) » : vérifiez que le défunt demeurait bien dans la commune (art. 80)", d.Domicile)
		} else if !InCommune(name, dept, commune) {
			c.Add("defunt.domicile", "le défunt ne demeurait pas dans la commune de ce registre ("+d.Domicile+")",
				"la transcription se fait au registre de la commune du dernier domicile du défunt (art. 80 du Code civil) : ici "+communeWhere(commune))
		}
	}
	if a.Declaration == nil {
		c.Add("declaration", "date de l'acte d'origine manquante", "ajoutez \"declaration\": {\"date\": \"AAAA-MM-JJ\", \"heure\": \"HH:MM\"}, tels que les donne la copie reçue")
	} else if _, ok := c.declaration(a, now, eventOK); !ok {
		return
	}
	c.deathDeclarant(a, false)
	t, ok := c.Date("date_transcription", &a.DateTranscription, 1900)
	if ok {
		if t.After(now) {
			c.Add("date_transcription", "la transcription est datée dans le futur", "écrivez le jour où l'acte est transcrit")
		}
		if a.Declaration != nil && a.DateTranscription < a.Declaration.Date {
			c.Add("date_transcription", "la transcription précède l'acte transcrit ("+a.Declaration.Date+")", "vérifiez les deux dates")
		}
	}
}

// lastPart returns what follows the last comma of an address: its
// commune, "Lomme (Nord)" in "3 rue X, Lomme (Nord)".
func lastPart(address string) string {
	if i := strings.LastIndex(address, ","); i >= 0 {
		return strings.TrimSpace(address[i+1:])
	}
	return strings.TrimSpace(address)
}
