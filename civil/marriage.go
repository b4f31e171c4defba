package civil

import (
	"fmt"
	"strings"
	"time"

	"etatcivil/internal/fold"
	"etatcivil/internal/words"
)

// Conditions of marriage (C. civ. art. 63, 143–164).
const (
	MarriageAge     = 18 // art. 144
	BannsDelayDays  = 10 // art. 64: celebrated from the tenth day after the publication
	MinWitnesses    = 2  // art. 75
	MaxWitnesses    = 4
	bannsValidYears = 1 // art. 65: a publication lapses a year after its ten days
)

// BannsWindow returns the first day a marriage may be celebrated after
// banns published on pub (the tenth day, art. 64), and the first day it
// may no longer be: a year after that day, since the year of art. 65
// runs « à compter de l'expiration du délai de la publication ».
func BannsWindow(pub time.Time) (earliest, lapsed time.Time) {
	earliest = pub.AddDate(0, 0, BannsDelayDays)
	return earliest, earliest.AddDate(bannsValidYears, 0, 0)
}

// dispensed tells whether the act records a dispensation granted by an
// authority whose name holds word ("procureur", "president").
func dispensed(d *Dispensation, word string) bool {
	return d != nil && strings.Contains(fold.Key(d.Autorite), word)
}

// marriage checks what a marriage act holds by itself: the spouses, their
// age on the day, the banns, the contract, the witnesses, the officer's
// power. What only the register can show (bigamy, kinship, banns
// recorded) is checked by Impediments.
func (c *Checker) marriage(a *Act, commune Commune, officer func(string) (Officer, bool), now time.Time) {
	married, eventOK := c.eventAt(a, commune, now, true)
	if eventOK && married.After(now) {
		c.Warn("mariage prévu le %s : l'acte reste un brouillon ; il ne pourra être signé qu'après la célébration", words.Figures(married))
	}
	if len(a.Epoux) != 2 {
		c.Add("epoux", fmt.Sprintf("%d époux indiqué(s)", len(a.Epoux)), "un mariage unit exactement deux personnes : \"epoux\": [{…}, {…}]")
	}
	for i := range a.Epoux {
		e := &a.Epoux[i]
		f := fmt.Sprintf("epoux[%d]", i+1)
		c.person(f, &e.Person, personNeeds{sexe: true, birth: true, domicile: true})
		c.nameParents(f+".parents", e.Parents)
		if !eventOK {
			continue
		}
		if age, ok := Age(e.DateNaissance, married); ok && age < MarriageAge {
			switch {
			case dispensed(a.Dispense, "procureur"):
				c.Warn("%s : %s aura %d ans le jour du mariage ; dispense d'âge du %s (%s) enregistrée", f, e.FullName(), age, a.Dispense.Autorite, a.Dispense.Reference)
			default:
				c.Add(f+".date_naissance", fmt.Sprintf("%s aura %d ans le jour du mariage : il faut avoir 18 ans révolus (art. 144 du Code civil)", e.FullName(), age),
					"le mariage ne peut être célébré qu'avec une dispense d'âge du procureur de la République : ajoutez \"dispense\": {\"autorite\": \"procureur de la République près le tribunal judiciaire de …\", \"date\", \"reference\"}")
			}
		}
	}
	if len(a.Epoux) == 2 && SamePerson(a.Epoux[0].Person, a.Epoux[1].Person) {
		c.Add("epoux[2]", "les deux époux sont la même personne (mêmes noms, date et lieu de naissance)", "vérifiez le fichier")
	}
	c.banns(a.Bans, married, eventOK, now)
	switch {
	case a.Contrat != nil && a.SansContrat:
		c.Add("contrat", "le fichier dit à la fois qu'il y a un contrat et qu'il n'y en a pas", "gardez \"contrat\": {\"notaire\", \"date\"} ou \"contrat\": null")
	case a.Contrat != nil:
		if strings.TrimSpace(a.Contrat.Notaire) == "" {
			c.Add("contrat.notaire", "notaire manquant", "indiquez le notaire qui a reçu le contrat : « Maître Prénom NOM, notaire à Commune »")
		}
		if d, ok := c.Date("contrat.date", &a.Contrat.Date, 1900); ok && eventOK && d.After(married) {
			c.Add("contrat.date", "le contrat est daté après le mariage", "le contrat de mariage se signe avant la célébration : vérifiez la date")
		}
	case !a.SansContrat:
		c.Add("contrat", "l'acte doit dire si un contrat de mariage a été fait", "écrivez \"contrat\": null s'il n'y en a pas, sinon \"contrat\": {\"notaire\": \"…\", \"date\": \"AAAA-MM-JJ\"}")
	}
	if n := len(a.Temoins); n < MinWitnesses || n > MaxWitnesses {
		c.Add("temoins", fmt.Sprintf("%d témoin(s) : il en faut 2 au moins et 4 au plus (art. 75 du Code civil)", n), "ajoutez ou retirez des témoins dans \"temoins\"")
	}
	for i := range a.Temoins {
		t := &a.Temoins[i]
		f := fmt.Sprintf("temoins[%d]", i+1)
		c.person(f, t, personNeeds{domicile: true})
		if t.DateNaissance == "" {
			c.Add(f+".date_naissance", "date de naissance du témoin manquante", "elle montre que le témoin est majeur : écrivez-la sous la forme AAAA-MM-JJ")
		} else if age, ok := Age(t.DateNaissance, married); ok && eventOK && age < MarriageAge {
			c.Add(f+".date_naissance", fmt.Sprintf("%s aura %d ans le jour du mariage : un témoin doit être majeur", t.FullName(), age), "choisissez un témoin de 18 ans au moins")
		}
	}
	if d := a.Dispense; d != nil {
		c.judgmentLike("dispense", d.Autorite, d.Reference, &d.Date, now)
	}
	if o, ok := officer(a.Officier); ok && !o.CanMarry() {
		c.Add("officier", o.FullName()+" est "+o.QualiteLabel()+" : un fonctionnaire délégué ne peut jamais célébrer un mariage",
			"choisissez le maire, un adjoint ou un conseiller délégué", Then(SeeOfficers))
	}
}

// banns checks the publication date: at least ten days before the
// marriage, and less than a year.
func (c *Checker) banns(b *BannsRef, married time.Time, eventOK bool, now time.Time) {
	if b == nil {
		c.Add("bans", "date de publication des bans manquante", "ajoutez \"bans\": {\"date_publication\": \"AAAA-MM-JJ\"} (art. 63 du Code civil)")
		return
	}
	pub, ok := c.Date("bans.date_publication", &b.DatePublication, 1900)
	if !ok {
		return
	}
	if pub.After(now) {
		c.Add("bans.date_publication", "la publication est datée dans le futur", "vérifiez la date de publication des bans")
		return
	}
	if !eventOK {
		return
	}
	earliest, lapsed := BannsWindow(pub)
	if married.Before(earliest) {
		c.Add("bans.date_publication", "bans publiés le "+words.Figures(pub)+" : le mariage ne peut être célébré avant le "+words.Figures(earliest)+
			" (dix jours après la publication, art. 64 du Code civil)", "reportez la célébration, ou obtenez une dispense de publication du procureur (art. 169)")
	} else if !married.Before(lapsed) {
		c.Add("bans.date_publication", "bans publiés le "+words.Figures(pub)+" : la publication est périmée depuis le "+words.Figures(lapsed)+
			" (un an, art. 65 du Code civil)", "faites une nouvelle publication", Then(PublishBanns))
	}
}

// nameParents checks parents given by their names only.
func (c *Checker) nameParents(field string, ps []Person) {
	if len(ps) > 2 {
		c.Add(field, fmt.Sprintf("%d parents indiqués", len(ps)), "au plus deux parents")
	}
	for i := range ps {
		p := &ps[i]
		f := fmt.Sprintf("%s[%d]", field, i+1)
		if p.DateNaissance != "" || p.LieuNaissance != "" || p.Profession != "" || p.Domicile != "" || p.Sexe != "" {
			c.Add(f, "l'acte ne donne que les prénoms et nom des parents", "retirez les autres champs de ce parent")
		}
		c.person(f, p, personNeeds{})
	}
}

// judgmentLike checks a decision given by an authority, a date and a reference.
func (c *Checker) judgmentLike(field, autorite, reference string, date *string, now time.Time) {
	if strings.TrimSpace(autorite) == "" {
		c.Add(field+".autorite", "autorité manquante", "par exemple « procureur de la République près le tribunal judiciaire de Lille »")
	}
	if strings.TrimSpace(reference) == "" {
		c.Add(field+".reference", "référence manquante", "indiquez la référence de la décision")
	}
	if d, ok := c.Date(field+".date", date, 1900); ok && d.After(now) {
		c.Add(field+".date", "la décision est datée dans le futur", "vérifiez la date")
	}
}
