package registry

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// bucketBanns holds the publications of banns, keyed by year and number.
// Registers made before it existed get it at their first publication.
var bucketBanns = []byte("bans")

func bannsKey(annee, numero int) []byte { return []byte(fmt.Sprintf("%04d/%08d", annee, numero)) }

func parseBannsKey(k []byte) (annee, numero int, ok bool) {
	y, n, found := strings.Cut(string(k), "/")
	a, err1 := strconv.Atoi(y)
	b, err2 := strconv.Atoi(n)
	return a, b, found && err1 == nil && err2 == nil
}

// PublishBanns validates a publication of banns and records it with the
// next number of its year and its journal entry, in one transaction. What
// would later refuse the marriage (a spouse still married, a forbidden
// kinship the register shows) is returned as warnings now.
func (s *Store) PublishBanns(b *civil.Banns) ([]string, error) {
	var warnings []string
	err := s.db.Update(func(tx *bolt.Tx) error {
		now := s.Now()
		w, err := civil.ValidateBanns(b, func(id string) (civil.Officer, bool) { return readOfficer(tx, id) }, now)
		warnings = w
		if err != nil {
			return err
		}
		m := &civil.Act{Type: civil.Mariage, Epoux: []civil.MarriageSpouse{{Person: b.Epoux[0]}, {Person: b.Epoux[1]}}}
		ps, ws, err := civil.Impediments(registerLookup{tx}, m, civil.Ref{})
		if err != nil {
			return err
		}
		warnings = append(warnings, ws...)
		for _, p := range ps {
			warnings = append(warnings, p.Field+" : "+p.Rule+" — le mariage sera refusé")
		}
		b.Annee, _ = strconv.Atoi(b.DatePublication[:4])
		if b.Numero, err = nextBannsNumber(tx, b.Annee); err != nil {
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
		if err := notTaken(bk, bannsKey(b.Annee, b.Numero), "la publication "+b.Ref()); err != nil {
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
func (s *Store) GetBanns(ref string) (*civil.Banns, error) {
	y, n, err := civil.ParseBannsRef(ref)
	if err != nil {
		return nil, err
	}
	var b *civil.Banns
	err = s.db.View(func(tx *bolt.Tx) error {
		var v []byte
		if bk := tx.Bucket(bucketBanns); bk != nil {
			v = bk.Get(bannsKey(y, n))
		}
		if v == nil {
			return civil.Refuse("référence", "aucune publication "+ref+" dans ce registre", "vérifiez la référence", civil.Then(civil.SeeBanns))
		}
		b = new(civil.Banns)
		if err := json.Unmarshal(v, b); err != nil {
			return &IntegrityError{[]string{"publication " + ref + " illisible"}}
		}
		return nil
	})
	return b, err
}

// ListBanns calls fn on each publication of a year (all when 0), in order.
func (s *Store) ListBanns(annee int, fn func(*civil.Banns) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return eachBanns(tx, func(b *civil.Banns) error {
			if annee != 0 && b.Annee != annee {
				return nil
			}
			return fn(b)
		})
	})
}

func eachBanns(tx *bolt.Tx, fn func(*civil.Banns) error) error {
	bk := tx.Bucket(bucketBanns)
	if bk == nil {
		return nil
	}
	return bk.ForEach(func(k, v []byte) error {
		var b civil.Banns
		if err := json.Unmarshal(v, &b); err != nil {
			return &IntegrityError{[]string{"publication de bans " + string(k) + " illisible"}}
		}
		return fn(&b)
	})
}

// bannsOf returns the publications that name both persons, in any order.
func bannsOf(tx *bolt.Tx, x, y civil.Person) ([]*civil.Banns, error) {
	var out []*civil.Banns
	err := eachBanns(tx, func(b *civil.Banns) error {
		if len(b.Epoux) == 2 && ((civil.SamePerson(b.Epoux[0], x) && civil.SamePerson(b.Epoux[1], y)) || (civil.SamePerson(b.Epoux[0], y) && civil.SamePerson(b.Epoux[1], x))) {
			out = append(out, b)
		}
		return nil
	})
	return out, err
}
