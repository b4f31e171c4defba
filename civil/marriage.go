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
		c.Add("epoux", words.Plural(len(a.Epoux), "époux indiqué", "époux indiqués"), "un mariage unit exactement deux personnes : \"epoux\": [{…}, {…}]")
	}
	effect := c.posthumous(a, married, eventOK, now)
	for i := range a.Epoux {
		e := &a.Epoux[i]
		f := fmt.Sprintf("epoux[%d]", i+1)
		c.person(f, &e.Person, personNeeds{sexe: true, birth: true, domicile: true})
		c.nameParents(f+".parents", e.Parents)
		if s := e.PrecedentConjoint; s != nil {
			c.person(f+".precedent_conjoint", &Person{Nom: s.Nom, Prenoms: s.Prenoms}, personNeeds{})
		}
		if !eventOK {
			continue
		}
		on := married
		if e.DecedeLe != "" && !effect.IsZero() {
			on = effect // the deceased spouse's age on the day the marriage takes effect
		}
		if age, ok := Age(e.DateNaissance, on); ok && age < MarriageAge {
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
		c.Add("temoins", words.Plural(n, "témoin", "témoins")+" : il en faut 2 au moins et 4 au plus (art. 75 du Code civil)", "ajoutez ou retirez des témoins dans \"temoins\"")
	}
	for i := range a.Temoins {
		t := &a.Temoins[i]
		f := fmt.Sprintf("temoins[%d]", i+1)
		c.person(f, t, personNeeds{domicile: true})
		if strings.TrimSpace(t.Profession) == "" {
			if c.drawnUp {
				c.Warn("%s : profession du témoin %s non indiquée (art. 76 7° du Code civil) : l'acte, dressé sur papier, est repris tel quel", f, t.FullName())
			} else {
				c.Add(f+".profession", "profession du témoin manquante", "l'acte donne la profession de chaque témoin (art. 76 7° du Code civil) ; s'il n'en a pas, écrivez « sans profession »")
			}
		}
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
			" (un an après la fin des dix jours, art. 65 du Code civil)", "faites une nouvelle publication", Then(PublishBanns))
	}
}

// nameParents checks the parents of a spouse (art. 76 2°): prénoms and
// nom, and as far as known their professions and domiciles, or that
// they died; never their birth.
func (c *Checker) nameParents(field string, ps []Person) {
	if len(ps) > 2 {
		c.Add(field, fmt.Sprintf("%d parents indiqués", len(ps)), "au plus deux parents")
	}
	c.namedParents(field, ps, "de mariage", "art. 76 2°", func(f string, p *Person) {
		if !p.Decede && (p.Profession == "" || p.Domicile == "") {
			what, add := "profession et domicile "+elide(p.FullName())+" non indiqués : l'acte ne les dira pas", "\"profession\" et \"domicile\""
			switch {
			case p.Domicile != "":
				what, add = "profession "+elide(p.FullName())+" non indiquée : l'acte ne la dira pas", "\"profession\""
			case p.Profession != "":
				what, add = "domicile "+elide(p.FullName())+" non indiqué : l'acte ne le dira pas", "\"domicile\""
			}
			c.Warn("%s : %s (art. 76 2° du Code civil) ; ajoutez %s, ou \"decede\": true si ce parent est décédé", f, what, add)
		}
	})
}

// posthumous checks a marriage after the death of one spouse (art. 171):
// the decree of the Président de la République (date, reference), the
// day of the death (epoux[i].decede_le, before the celebration), and the
// day it takes effect, the day before the death. It returns that day, or
// the zero time. A spouse said dead without a decree is refused.
func (c *Checker) posthumous(a *Act, married time.Time, eventOK bool, now time.Time) time.Time {
	dead := -1
	for i, e := range a.Epoux {
		if e.DecedeLe == "" {
			continue
		}
		if dead >= 0 {
			c.Add(fmt.Sprintf("epoux[%d].decede_le", i+1), "les deux époux sont dits décédés", "un mariage posthume unit une personne vivante à une personne décédée")
		}
		dead = i
	}
	p := a.Posthume
	if p == nil {
		if dead >= 0 {
			c.Add(fmt.Sprintf("epoux[%d].decede_le", dead+1), "un époux décédé ne peut se marier que sur décret du Président de la République (art. 171 du Code civil)",
				"ajoutez \"posthume\": {\"decret_date\", \"decret_reference\", \"date_effet\"}, ou retirez \"decede_le\"")
		}
		return time.Time{}
	}
	if dead < 0 {
		c.Add("posthume", "mariage posthume sans époux décédé", "indiquez le jour du décès de l'époux : \"decede_le\": \"AAAA-MM-JJ\" dans epoux[1] ou epoux[2]")
		return time.Time{}
	}
	f := fmt.Sprintf("epoux[%d].decede_le", dead+1)
	died, okd := c.Date(f, &a.Epoux[dead].DecedeLe, 1900)
	if okd && eventOK && !died.Before(married) {
		c.Add(f, "le décès est daté le jour du mariage ou après", "le mariage posthume est célébré après le décès : vérifiez les dates")
	}
	if strings.TrimSpace(p.DecretReference) == "" {
		c.Add("posthume.decret_reference", "référence du décret manquante", "indiquez la référence du décret du Président de la République qui autorise le mariage")
	}
	if d, ok := c.Date("posthume.decret_date", &p.DecretDate, 1900); ok {
		if d.After(now) {
			c.Add("posthume.decret_date", "le décret est daté dans le futur", "vérifiez la date du décret")
		} else if eventOK && d.After(married) {
			c.Add("posthume.decret_date", "le décret est daté après la célébration", "le mariage ne peut être célébré qu'après le décret qui l'autorise")
		}
	}
	effect, oke := c.Date("posthume.date_effet", &p.DateEffet, 1900)
	if oke && okd && !effect.Equal(died.AddDate(0, 0, -1)) {
		c.Add("posthume.date_effet", "le mariage posthume prend effet le jour précédant le décès ("+words.Figures(died.AddDate(0, 0, -1))+")", "art. 171 du Code civil : corrigez la date d'effet")
	}
	if !oke {
		return time.Time{}
	}
	return effect
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
