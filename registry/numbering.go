package registry

import (
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// counter is the numbering state of one register-year.
type counter struct {
	// Start is the last number used before this register took over (by
	// the main system or the paper register), set by SetNumbering.
	Start int `json:"depart"`
	// Last is the last number given.
	Last int `json:"dernier"`
	// Clos is when the register-year was closed (etatcivil cloturer): it
	// takes no more acts, only mentions.
	Clos string `json:"clos,omitempty"`
	// ClosPar is the officer who signed the closing statement.
	ClosPar string `json:"clos_par,omitempty"`
}

func counterKey(registre string, annee int) []byte {
	return []byte(registre + "/" + strconv.Itoa(annee))
}

// readCounter reads the numbering of a register-year (zero when none was
// set or given). A counter that does not decode is an integrity error:
// taken as zero, it gave n° 1 again, over a signed act.
func readCounter(tx *bolt.Tx, registre string, annee int) (counter, error) {
	var c counter
	if v := tx.Bucket(bucketNumbering).Get(counterKey(registre, annee)); v != nil {
		if err := json.Unmarshal(v, &c); err != nil {
			return c, &IntegrityError{[]string{fmt.Sprintf("numérotation %s %d illisible : aucun numéro n'est donné tant qu'elle n'est pas réparée", registre, annee)}}
		}
	}
	return c, nil
}

// nextNumber takes the next number of a register-year inside tx: the
// number is assigned in the same transaction as the act, so it is never
// given twice nor skipped.
func nextNumber(tx *bolt.Tx, registre string, annee int) (int, error) {
	c, err := readCounter(tx, registre, annee) // SetNumbering starts Last at Start
	if err != nil {
		return 0, err
	}
	if c.Clos != "" {
		return 0, closedRefusal(registre, annee, c)
	}
	c.Last++
	v, err := json.Marshal(c)
	if err != nil {
		return 0, err
	}
	return c.Last, tx.Bucket(bucketNumbering).Put(counterKey(registre, annee), v)
}

// SetNumbering continues the numbering of the main system or of the paper
// register: the next act of that register-year takes number last+1. It is
// refused once the register-year holds an act.
func (s *Store) SetNumbering(kind civil.Kind, annee, last int) error {
	registre := string(kind)
	if err := kind.Check(); err != nil {
		return err
	}
	if annee < 1900 || annee > 2100 {
		return civil.Refuse("annee", fmt.Sprintf("année %d invalide", annee), "écrivez l'année sur quatre chiffres, par exemple 2026")
	}
	if last < 0 {
		return civil.Refuse("dernier", "numéro négatif", "indiquez le dernier numéro utilisé dans le système principal (0 si aucun)")
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		c, err := readCounter(tx, registre, annee)
		if err != nil {
			return err
		}
		if c.Clos != "" {
			return closedRefusal(registre, annee, c)
		}
		if hasPrefix(tx.Bucket(bucketActs), registerYearKey(registre, annee)) {
			return civil.Refuse("dernier", fmt.Sprintf("le registre %s %d contient déjà des actes (dernier numéro : %d)", registre, annee, c.Last),
				"la numérotation ne se fixe qu'avant le premier acte de l'année ; un numéro donné n'est jamais repris")
		}
		v, err := json.Marshal(counter{Start: last, Last: last})
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketNumbering).Put(counterKey(registre, annee), v); err != nil {
			return err
		}
		return s.journal(tx, "numerotation", fmt.Sprintf("numerotation/%s/%d", registre, annee), v)
	})
}

// closedRefusal refuses a new act in a closed register-year.
func closedRefusal(registre string, annee int, c counter) error {
	return civil.Refuse("registre", fmt.Sprintf("le registre des %s %d est clos depuis le %s (n° %d à %d)", civil.Kind(registre).Plural(), annee, shortStamp(c.Clos), c.Start+1, c.Last),
		"un registre clos ne reçoit plus d'acte, seulement des mentions ; vérifiez l'année de l'acte")
}
