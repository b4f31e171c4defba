package civil

import (
	"fmt"
	"strings"
	"time"

	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
)

// Bans is the type of a publication of banns in the interchange format.
const Bans = "bans"

// Banns is a publication of banns (C. civ. art. 63): the two future
// spouses, the day the notice is put up at the town hall, and the planned
// day of the marriage. Its reference is bans/AAAA/N.
type Banns struct {
	Type            string   `json:"type"`
	Epoux           []Person `json:"epoux"`
	DatePublication string   `json:"date_publication"`
	DatePrevue      string   `json:"date_prevue,omitempty"`
	Officier        string   `json:"officier"`

	// Added by the register.
	Annee  int    `json:"annee,omitempty"`
	Numero int    `json:"numero,omitempty"`
	Agent  string `json:"agent,omitempty"`
	CreeLe string `json:"cree_le,omitempty"`
}

// Ref returns the reference of the publication: "bans/2026/4".
func (b *Banns) Ref() string { return fmt.Sprintf("bans/%d/%d", b.Annee, b.Numero) }

// Earliest returns the first day the marriage may be celebrated.
func (b Banns) Earliest() string {
	pub, err := time.Parse(DateLayout, b.DatePublication)
	if err != nil {
		return ""
	}
	e, _ := BannsWindow(pub)
	return e.Format(DateLayout)
}

// Lapses returns the day from which the publication no longer allows the marriage.
func (b Banns) Lapses() string {
	pub, err := time.Parse(DateLayout, b.DatePublication)
	if err != nil {
		return ""
	}
	_, l := BannsWindow(pub)
	return l.Format(DateLayout)
}

// ParseBannsRef reads "bans/2026/4".
func ParseBannsRef(s string) (annee, numero int, err error) {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) == 3 && fold.Key(parts[0]) == Bans {
		y, err1 := parse.Number(parts[1], 1000, 9999)
		n, err2 := parse.Number(parts[2], 1, parse.MaxActNumber)
		if err1 == nil && err2 == nil {
			return y, n, nil
		}
	}
	return 0, 0, Refuse("référence", parse.Quote(s)+" n'est pas une référence de publication de bans", "écrivez bans/année/numéro, par exemple bans/2026/4")
}

// ValidateBanns checks a publication of banns against the format and the
// law (C. civ. art. 63 to 65), at now; officer finds an officer of the
// register by id. It returns the warnings to show the clerk, and a
// *RefusedError listing every problem when the publication must be
// refused.
func ValidateBanns(b *Banns, officer func(string) (Officer, bool), now time.Time) ([]string, error) {
	if ps := TextProblems("", b); len(ps) > 0 {
		return nil, &RefusedError{ps}
	}
	NormalizeBanns(b)
	c := &Checker{}
	c.forbid("annee/numero", b.Annee != 0 || b.Numero != 0 || b.CreeLe != "" || b.Agent != "", "le registre attribue lui-même le numéro")
	if b.Type != Bans {
		c.Add("type", "type « "+b.Type+" » : ce fichier ne décrit pas une publication de bans", "écrivez \"type\": \"bans\"")
	}
	if len(b.Epoux) != 2 {
		c.Add("epoux", words.Plural(len(b.Epoux), "futur époux indiqué", "futurs époux indiqués"), "une publication de bans nomme exactement deux personnes")
	}
	for i := range b.Epoux {
		c.person(fmt.Sprintf("epoux[%d]", i+1), &b.Epoux[i], personNeeds{birth: true, domicile: true})
	}
	pub, ok := c.Date("date_publication", &b.DatePublication, 1900)
	if ok {
		_, lapsed := BannsWindow(pub)
		switch {
		case pub.After(now):
			c.Add("date_publication", "la publication est datée dans le futur", "enregistrez les bans le jour où l'avis est affiché")
		case !now.Before(lapsed):
			c.Add("date_publication", "la publication est périmée depuis le "+words.Figures(lapsed)+" (un an après la fin des dix jours, art. 65 du Code civil)", "vérifiez la date")
		}
	}
	if b.DatePrevue != "" {
		if planned, okp := c.Date("date_prevue", &b.DatePrevue, 1900); okp && ok {
			earliest, lapsed := BannsWindow(pub)
			switch {
			case planned.Before(earliest):
				c.Add("date_prevue", "le mariage ne pourra être célébré avant le "+words.Figures(earliest)+" (dix jours après la publication, art. 64 du Code civil)",
					"choisissez une date à partir du "+words.Figures(earliest))
			case !planned.Before(lapsed):
				c.Add("date_prevue", "la publication sera périmée le "+words.Figures(lapsed)+" (un an après la fin des dix jours, art. 65 du Code civil)", "choisissez une date plus proche")
			default:
				for i, e := range b.Epoux {
					if age, ok := Age(e.DateNaissance, planned); ok && age < MarriageAge {
						c.Warn("epoux[%d] : %s aura %d ans le %s : le mariage exigera une dispense d'âge du procureur de la République", i+1, e.FullName(), age, words.Figures(planned))
					}
				}
			}
		}
	}
	c.officer(b.Officier, officer)
	return c.Result()
}
