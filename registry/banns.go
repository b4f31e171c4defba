package registry

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/words"
)

// Bans is the type of a publication of banns in the interchange format.
const Bans = "bans"

// bucketBanns holds the publications of banns, keyed by year and number.
// Registers made before it existed get it at their first publication.
var bucketBanns = []byte("bans")

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
	pub, err := time.Parse(dateLayout, b.DatePublication)
	if err != nil {
		return ""
	}
	e, _ := BannsWindow(pub)
	return e.Format(dateLayout)
}

// Lapses returns the day from which the publication no longer allows the marriage.
func (b Banns) Lapses() string {
	pub, err := time.Parse(dateLayout, b.DatePublication)
	if err != nil {
		return ""
	}
	_, l := BannsWindow(pub)
	return l.Format(dateLayout)
}

func bannsKey(annee, numero int) []byte { return []byte(fmt.Sprintf("%04d/%08d", annee, numero)) }

func parseBannsKey(k []byte) (annee, numero int, ok bool) {
	y, n, found := strings.Cut(string(k), "/")
	a, err1 := strconv.Atoi(y)
	b, err2 := strconv.Atoi(n)
	return a, b, found && err1 == nil && err2 == nil
}

// ParseBannsRef reads "bans/2026/4".
func ParseBannsRef(s string) (annee, numero int, err error) {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) == 3 && parts[0] == Bans {
		y, err1 := strconv.Atoi(parts[1])
		n, err2 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil && y >= 1000 && y <= 9999 && n >= 1 {
			return y, n, nil
		}
	}
	return 0, 0, Refuse("référence", "« "+s+" » n'est pas une référence de publication de bans", "écrivez bans/année/numéro, par exemple bans/2026/4")
}

// validateBanns checks a publication of banns against the format and the
// law, at now.
func validateBanns(b *Banns, officer func(string) (Officer, bool), now time.Time) ([]string, error) {
	for i := range b.Epoux {
		normalizePerson(&b.Epoux[i])
	}
	c := &checker{}
	c.forbid("annee/numero", b.Annee != 0 || b.Numero != 0 || b.CreeLe != "" || b.Agent != "", "le registre attribue lui-même le numéro")
	if b.Type != Bans {
		c.add("type", "type « "+b.Type+" » : ce fichier ne décrit pas une publication de bans", "écrivez \"type\": \"bans\"")
	}
	if len(b.Epoux) != 2 {
		c.add("epoux", fmt.Sprintf("%d futur(s) époux indiqué(s)", len(b.Epoux)), "une publication de bans nomme exactement deux personnes")
	}
	for i := range b.Epoux {
		c.person(fmt.Sprintf("epoux[%d]", i+1), &b.Epoux[i], personNeeds{birth: true, domicile: true})
	}
	pub, ok := c.date("date_publication", b.DatePublication, 1900)
	if ok {
		_, lapsed := BannsWindow(pub)
		switch {
		case pub.After(now):
			c.add("date_publication", "la publication est datée dans le futur", "enregistrez les bans le jour où l'avis est affiché")
		case !now.Before(lapsed):
			c.add("date_publication", "une publication de plus d'un an est périmée (art. 65 du Code civil)", "vérifiez la date")
		}
	}
	if b.DatePrevue != "" {
		if planned, okp := c.date("date_prevue", b.DatePrevue, 1900); okp && ok {
			earliest, lapsed := BannsWindow(pub)
			switch {
			case planned.Before(earliest):
				c.add("date_prevue", "le mariage ne pourra être célébré avant le "+words.Figures(earliest)+" (dix jours après la publication, art. 64 du Code civil)",
					"choisissez une date à partir du "+words.Figures(earliest))
			case !planned.Before(lapsed):
				c.add("date_prevue", "la publication sera périmée le "+words.Figures(lapsed)+" (un an, art. 65 du Code civil)", "choisissez une date plus proche")
			default:
				for i, e := range b.Epoux {
					if age, ok := Age(e.DateNaissance, planned); ok && age < MarriageAge {
						c.warn("epoux[%d] : %s aura %d ans le %s : le mariage exigera une dispense d'âge du procureur de la République", i+1, e.FullName(), age, words.Figures(planned))
					}
				}
			}
		}
	}
	c.officer(b.Officier, officer)
	return c.result()
}

// PublishBanns validates a publication of banns and records it with the
// next number of its year and its journal entry, in one transaction. What
// would later refuse the marriage (a spouse still married, a forbidden
// kinship the register shows) is returned as warnings now.
func (s *Store) PublishBanns(b *Banns) ([]string, error) {
	var warnings []string
	err := s.db.Update(func(tx *bolt.Tx) error {
		now := s.Now()
		w, err := validateBanns(b, func(id string) (Officer, bool) { return readOfficer(tx, id) }, now)
		warnings = w
		if err != nil {
			return err
		}
		m := &Act{Type: Mariage, Epoux: []MarriageSpouse{{Person: b.Epoux[0]}, {Person: b.Epoux[1]}}}
		ps, ws, err := impediments(tx, m, Ref{})
		if err != nil {
			return err
		}
		warnings = append(warnings, ws...)
		for _, p := range ps {
			warnings = append(warnings, p.Field+" : "+p.Rule+" — le mariage sera refusé")
		}
		b.Annee, _ = strconv.Atoi(b.DatePublication[:4])
		if b.Numero, err = nextNumber(tx, Bans, b.Annee); err != nil {
			return err
		}
		b.Agent, b.CreeLe = s.Agent, now.Format(time.RFC3339)
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		bk, err := tx.CreateBucketIfNotExists(bucketBanns)
		if err != nil {
			return err
		}
		if err := bk.Put(bannsKey(b.Annee, b.Numero), data); err != nil {
			return err
		}
		return s.journal(tx, "bans", b.Ref(), data)
	})
	return warnings, err
}

// GetBanns returns a recorded publication of banns.
func (s *Store) GetBanns(ref string) (*Banns, error) {
	y, n, err := ParseBannsRef(ref)
	if err != nil {
		return nil, err
	}
	var b *Banns
	err = s.db.View(func(tx *bolt.Tx) error {
		var v []byte
		if bk := tx.Bucket(bucketBanns); bk != nil {
			v = bk.Get(bannsKey(y, n))
		}
		if v == nil {
			return Refuse("référence", "aucune publication "+ref+" dans ce registre", "voir etatcivil bans lister")
		}
		b = new(Banns)
		if err := json.Unmarshal(v, b); err != nil {
			return &IntegrityError{[]string{"publication " + ref + " illisible"}}
		}
		return nil
	})
	return b, err
}

// ListBanns calls fn on each publication of a year (all when 0), in order.
func (s *Store) ListBanns(annee int, fn func(*Banns) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return eachBanns(tx, func(b *Banns) error {
			if annee != 0 && b.Annee != annee {
				return nil
			}
			return fn(b)
		})
	})
}

func eachBanns(tx *bolt.Tx, fn func(*Banns) error) error {
	bk := tx.Bucket(bucketBanns)
	if bk == nil {
		return nil
	}
	return bk.ForEach(func(k, v []byte) error {
		var b Banns
		if err := json.Unmarshal(v, &b); err != nil {
			return &IntegrityError{[]string{"publication de bans " + string(k) + " illisible"}}
		}
		return fn(&b)
	})
}

// bannsOf returns the publications that name both persons, in any order.
func bannsOf(tx *bolt.Tx, x, y Person) ([]*Banns, error) {
	var out []*Banns
	err := eachBanns(tx, func(b *Banns) error {
		if len(b.Epoux) == 2 && ((samePerson(b.Epoux[0], x) && samePerson(b.Epoux[1], y)) || (samePerson(b.Epoux[0], y) && samePerson(b.Epoux[1], x))) {
			out = append(out, b)
		}
		return nil
	})
	return out, err
}
