package registry

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/words"
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
	// Corrections are the changes of Start after it was first set, oldest
	// first, each with its reason.
	Corrections []NumberingCorrection `json:"corrections,omitempty"`
}

// NumberingCorrection is one change of a register-year's numbering after
// it was first set: from which last number to which, when, by whom and
// why, and the drafts it renumbered.
type NumberingCorrection struct {
	Le       string `json:"le"`    // when, RFC 3339
	Agent    string `json:"agent"` // who typed it
	Avant    int    `json:"avant"` // the last number of the main system before
	Apres    int    `json:"apres"` // the last number of the main system now
	Motif    string `json:"motif"` // why, in the clerk's words
	Actes    int    `json:"actes"` // numbers of this register moved (drafts and numbers left unused)
	Officier string `json:"officier,omitempty"`
}

func counterKey(registre string, annee int) []byte {
	return []byte(registre + "/" + strconv.Itoa(annee))
}

// loadCounter reads the numbering of a register-year: found is false when
// it was never set. A counter that does not decode is an integrity error:
// taken as zero, it gave n° 1 again, over a signed act.
func loadCounter(tx *bolt.Tx, registre string, annee int) (c counter, found bool, err error) {
	v := tx.Bucket(bucketNumbering).Get(counterKey(registre, annee))
	if v == nil {
		return c, false, nil
	}
	if err := json.Unmarshal(v, &c); err != nil {
		return c, true, &IntegrityError{[]string{fmt.Sprintf("numérotation %s %d illisible : aucun numéro n'est donné tant qu'elle n'est pas réparée", registre, annee)}}
	}
	if err := counterBounds(registre, annee, c); err != nil {
		return c, true, err
	}
	return c, true, nil
}

// counterBounds refuses a counter that the program cannot have written:
// a number outside 0…maxLast, or a last number before the start (a
// counter set to 2^63−1 made the next number negative).
func counterBounds(registre string, annee int, c counter) error {
	if c.Start < 0 || c.Last < 0 || c.Start > maxLast || c.Last > maxLast || c.Last < c.Start {
		return &IntegrityError{[]string{fmt.Sprintf("numérotation %s %d hors des limites (départ n° %d, dernier n° %d ; de 0 à %d) : modifiée hors du programme ; aucun numéro n'est donné tant qu'elle n'est pas réparée",
			registre, annee, c.Start, c.Last, maxLast)}}
	}
	return nil
}

// readCounter reads the numbering of a register-year (zero when none was
// set or given); see loadCounter.
func readCounter(tx *bolt.Tx, registre string, annee int) (counter, error) {
	c, _, err := loadCounter(tx, registre, annee)
	return c, err
}

func putCounter(tx *bolt.Tx, registre string, annee int, c counter) ([]byte, error) {
	v, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return v, tx.Bucket(bucketNumbering).Put(counterKey(registre, annee), v)
}

// nextNumber takes the next number of an act's register-year inside tx:
// the number is assigned in the same transaction as the act, so it is
// never given twice nor skipped. A register-year whose numbering was
// never set is refused (see notSet): its first act would take n° 1,
// which the main system has most likely given already.
func nextNumber(tx *bolt.Tx, kind civil.Kind, annee int) (int, error) {
	c, found, err := loadCounter(tx, string(kind), annee)
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, notSet(kind, annee)
	}
	return takeNumber(tx, string(kind), annee, c)
}

// nextBannsNumber takes the next number of a year's publications of
// banns. Publications are numbered by this register alone (they are not
// acts of a register kept with the main system, and the recovery summary
// leaves them out): their numbering starts at 1 without being set.
func nextBannsNumber(tx *bolt.Tx, annee int) (int, error) {
	c, _, err := loadCounter(tx, civil.Bans, annee)
	if err != nil {
		return 0, err
	}
	return takeNumber(tx, civil.Bans, annee, c)
}

func takeNumber(tx *bolt.Tx, registre string, annee int, c counter) (int, error) {
	if c.Clos != "" {
		return 0, closedRefusal(registre, annee, c)
	}
	if c.Last >= maxLast {
		return 0, civil.Refuse("numero", fmt.Sprintf("le registre %s %d a donné son dernier numéro possible (n° %d)", registre, annee, maxLast),
			"vérifiez la numérotation : aucune commune ne dresse autant d'actes en un an", civil.Then(civil.RunControl))
	}
	c.Last++
	_, err := putCounter(tx, registre, annee, c)
	return c.Last, err
}

// notSet refuses an act in a register-year whose numbering was never set.
func notSet(kind civil.Kind, annee int) error {
	return civil.Refuse("numerotation",
		fmt.Sprintf("la numérotation du registre des %s de %d n'a pas été reprise : le premier acte prendrait le n° 1, sans doute déjà donné par le système principal", kind.Plural(), annee),
		fmt.Sprintf("demandez le dernier numéro d'acte de %s de %d donné par le système principal (ou porté au registre papier) et indiquez-le ; 0 seulement si la mairie n'a dressé aucun acte de %s en %d",
			kindWord(kind), annee, kindWord(kind), annee),
		civil.Then(civil.SetNumbering, string(kind), strconv.Itoa(annee)))
}

// kindWord names the kind of act after « acte de »: naissance, décès, mariage.
func kindWord(k civil.Kind) string {
	if k == civil.Deces {
		return "décès"
	}
	return string(k)
}

// CheckNumbering refuses, as Register would, a register-year whose
// numbering was never set, or that is closed; the guided entry asks it
// before its first question, so that no answer is typed for nothing.
//
// kind may be any kind of act: its register's numbering is checked (the
// death register's for a stillborn child).
func (s *Store) CheckNumbering(kind civil.Kind, annee int) error {
	kind = kind.Register()
	if err := kind.Check(); err != nil {
		return err
	}
	return s.db.View(func(tx *bolt.Tx) error { return numberingOpen(tx, kind, annee) })
}

// numberingOpen refuses a register-year whose numbering was never set,
// or that is closed.
func numberingOpen(tx *bolt.Tx, kind civil.Kind, annee int) error {
	c, found, err := loadCounter(tx, string(kind), annee)
	switch {
	case err != nil:
		return err
	case !found:
		return notSet(kind, annee)
	case c.Clos != "":
		return closedRefusal(string(kind), annee, c)
	}
	return nil
}

// Numbering is the numbering of one register-year, as RegisterNumbering
// reads it.
type Numbering struct {
	Registre civil.Kind
	Annee    int
	Set      bool // false: never set; the register-year takes no act
	Start    int  // last number of the main system before this register
	Last     int  // last number given here (Start when none)
	Clos     string
	// Signed is the first signed act of the register-year, 0 when none:
	// from then on the numbering no longer changes.
	Signed      int
	Acts        int // numbers given here (drafts, signed, unused)
	Corrections []NumberingCorrection
}

// RegisterNumbering reads the numbering of a register-year, with its
// corrections and its first signed act.
func (s *Store) RegisterNumbering(kind civil.Kind, annee int) (Numbering, error) {
	if err := kind.Check(); err != nil {
		return Numbering{}, err
	}
	var n Numbering
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		n, err = readNumbering(tx, kind, annee)
		return err
	})
	return n, err
}

func readNumbering(tx *bolt.Tx, kind civil.Kind, annee int) (Numbering, error) {
	c, found, err := loadCounter(tx, string(kind), annee)
	if err != nil {
		return Numbering{}, err
	}
	n := Numbering{Registre: kind, Annee: annee, Set: found, Start: c.Start, Last: c.Last, Clos: c.Clos, Acts: c.Last - c.Start, Corrections: c.Corrections}
	// The first signed act: every act of the register-year is read while
	// none is signed, which is while there are only a few drafts.
	cur := tx.Bucket(bucketActs).Cursor()
	prefix := registerYearKey(string(kind), annee)
	for k, v := cur.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, v = cur.Next() {
		var a civil.Act
		if _, err := decodeAct(v, &a); err != nil {
			return n, &IntegrityError{[]string{"acte " + string(k) + " illisible"}}
		}
		if a.Statut == civil.StatutSigne {
			n.Signed = a.Numero
			break
		}
	}
	return n, nil
}

// NeedsOfficer tells whether ch changes a numbering that has already
// given numbers, which an officer of the register must authorise with
// their own passphrase (issue 19 §7; the officer is recorded in
// ch.Officier). Setting a numbering before its first act, repeating it
// unchanged, or a change the register refuses anyway (no reason, an act
// signed, the year closed) needs no one.
func (n Numbering) NeedsOfficer(ch NumberingChange) bool {
	return n.Set && n.Acts > 0 && n.Signed == 0 && n.Clos == "" && ch.Dernier != n.Start && ch.Motif != ""
}

// OfficerRefusal is the refusal of a correction that NeedsOfficer and
// names none.
func (n Numbering) OfficerRefusal() error {
	return civil.Refuse("officier", fmt.Sprintf("le registre des %s %d a déjà donné %s : corriger sa numérotation demande l'autorisation d'un officier de l'état civil", n.Registre.Plural(), n.Annee, words.Plural(n.Acts, "numéro", "numéros")),
		"indiquez l'officier qui autorise la correction ; il tape sa phrase secrète", civil.Then(civil.SeeOfficers))
}

// NumberingChange is a request to set or correct the numbering of a
// register-year (etatcivil numerotation).
type NumberingChange struct {
	Registre civil.Kind
	Annee    int
	// Dernier is the last number given by the main system (or on the
	// paper register) in that register-year: the next act takes Dernier+1.
	Dernier int
	// Motif says why a numbering already set changes; required then.
	Motif string
	// Officier is the officer who authorised a correction, when the front
	// end asked for one (issue 19 §7: a correction after the first act
	// requires an officer's passphrase); recorded with the correction.
	Officier string
}

// Renumbered is a number moved by a correction of the numbering.
type Renumbered struct {
	From, To civil.Ref
	Statut   string // brouillon or non_utilise
	Who      string // the persons of the act, for the clerk
	Printed  bool   // its sheet had been printed: that paper is void
}

// maxLast bounds the last number of a register-year: no commune draws
// up a million acts of one kind in a year.
const maxLast = 999_999

// SetNumbering sets the numbering of a register-year, for the first
// time: the next act takes number last+1. It is ChangeNumbering without
// a reason, which refuses a correction.
func (s *Store) SetNumbering(kind civil.Kind, annee, last int) error {
	_, err := s.ChangeNumbering(NumberingChange{Registre: kind, Annee: annee, Dernier: last})
	return err
}

// ChangeNumbering sets the numbering of a register-year: the next act takes
// number Dernier+1. Set first, it needs no reason. It may be corrected
// while no act of that register-year is signed, with a reason: the
// drafts and the numbers left unused are renumbered in the same order
// (their sheets, printed with the old numbers, are void: a draft must be
// printed again before it is signed, since the number is part of what a
// sheet shows — see civil.Act.ContentHash), and the change is kept in
// the numbering's record with its reason, date and author, and
// journaled. Setting the same number again changes nothing.
func (s *Store) ChangeNumbering(ch NumberingChange) (res NumberingResult, err error) {
	kind, annee, last := ch.Registre, ch.Annee, ch.Dernier
	if err := kind.Check(); err != nil {
		return res, err
	}
	if annee < 1900 || annee > 2100 {
		return res, civil.Refuse("annee", fmt.Sprintf("année %d invalide", annee), "écrivez l'année sur quatre chiffres, par exemple 2026")
	}
	if last < 0 || last > maxLast {
		return res, civil.Refuse("dernier", fmt.Sprintf("numéro %d hors des limites (0 à %d)", last, maxLast), "indiquez le dernier numéro utilisé dans le système principal (0 si aucun)")
	}
	registre := string(kind)
	err = s.db.Update(func(tx *bolt.Tx) error {
		c, found, err := loadCounter(tx, registre, annee)
		if err != nil {
			return err
		}
		if c.Clos != "" {
			return closedRefusal(registre, annee, c)
		}
		ref := fmt.Sprintf("numerotation/%s/%d", registre, annee)
		if !found {
			v, err := putCounter(tx, registre, annee, counter{Start: last, Last: last})
			if err != nil {
				return err
			}
			res.Set = true
			return s.journal(tx, "numerotation", ref, v)
		}
		if c.Start == last {
			return nil
		}
		n, err := readNumbering(tx, kind, annee)
		if err != nil {
			return err
		}
		if n.Signed != 0 {
			return civil.Refuse("dernier", fmt.Sprintf("le registre des %s %d contient un acte signé (n° %d) : sa numérotation ne change plus", kind.Plural(), annee, n.Signed),
				"un numéro signé n'est jamais repris ni déplacé ; si le système principal a donné les mêmes numéros, signalez-le au procureur et portez-le au rapprochement")
		}
		motif := strings.TrimSpace(ch.Motif)
		if motif == "" {
			return civil.Refuse("motif", fmt.Sprintf("la numérotation du registre des %s %d est déjà fixée (dernier numéro du système principal : %d) : une correction se justifie", kind.Plural(), annee, c.Start),
				"indiquez pourquoi elle change, par exemple « le système principal en était au n° "+strconv.Itoa(last)+" »")
		}
		delta := last - c.Start
		if c.Last+delta > maxLast {
			return civil.Refuse("dernier", fmt.Sprintf("numéro %d : les actes déjà numérotés iraient au-delà du n° %d", last, maxLast), "indiquez le dernier numéro utilisé dans le système principal")
		}
		if res.Moved, err = s.renumber(tx, kind, annee, delta); err != nil {
			return err
		}
		c.Corrections = append(c.Corrections, NumberingCorrection{Le: s.Now().Format(time.RFC3339), Agent: s.Agent, Avant: c.Start, Apres: last,
			Motif: motif, Actes: len(res.Moved), Officier: ch.Officier})
		c.Start, c.Last = last, c.Last+delta
		if _, err := putCounter(tx, registre, annee, c); err != nil {
			return err
		}
		res.Corrected = true
		// Journaled as the start is (see numberingRecords): the new
		// start and every correction, with their reasons.
		set, err := json.Marshal(counter{Start: c.Start, Last: c.Start, Corrections: c.Corrections})
		if err != nil {
			return err
		}
		return s.journal(tx, "numerotation-correction", ref, set)
	})
	if err != nil {
		return NumberingResult{}, err
	}
	return res, nil
}

// NumberingResult is what ChangeNumbering did: set the numbering for
// the first time, or correct it (moving Moved), or nothing (the same
// number again).
type NumberingResult struct {
	Set, Corrected bool
	Moved          []Renumbered
}

// renumber moves every number of a register-year by delta, inside tx:
// the acts (none signed), their index entries and their print records.
// The old keys are journaled as purged before the new ones are written,
// so that the control finds each act under its new number only.
func (s *Store) renumber(tx *bolt.Tx, kind civil.Kind, annee, delta int) ([]Renumbered, error) {
	var acts []*civil.Act
	cur := tx.Bucket(bucketActs).Cursor()
	prefix := registerYearKey(string(kind), annee)
	for k, v := cur.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, v = cur.Next() {
		var a civil.Act
		if _, err := decodeAct(v, &a); err != nil {
			return nil, &IntegrityError{[]string{"acte " + string(k) + " illisible"}}
		}
		acts = append(acts, &a)
	}
	var moved []Renumbered
	for _, a := range acts {
		from := a.Ref()
		if err := tx.Bucket(bucketActs).Delete(actKey(from)); err != nil {
			return nil, err
		}
		if err := indexAct(tx, a, false); err != nil {
			return nil, err
		}
		printed, err := dropSheets(s, tx, from)
		if err != nil {
			return nil, err
		}
		if err := s.journal(tx, "renumerotation", from.String(), purged); err != nil {
			return nil, err
		}
		moved = append(moved, Renumbered{From: from, To: civil.Ref{Registre: kind, Annee: annee, Numero: a.Numero + delta}, Statut: a.Statut, Who: a.Who(), Printed: printed})
	}
	for i, a := range acts {
		a.Numero = moved[i].To.Numero
		if err := notTaken(tx.Bucket(bucketActs), actKey(a.Ref()), "l'acte "+a.Ref().String()); err != nil {
			return nil, err
		}
		data, err := putAct(tx, a)
		if err != nil {
			return nil, err
		}
		if err := indexAct(tx, a, true); err != nil {
			return nil, err
		}
		if err := s.journal(tx, "renumerotation", a.Ref().String(), data); err != nil {
			return nil, err
		}
	}
	return moved, nil
}

// closedRefusal refuses a new act in a closed register-year.
func closedRefusal(registre string, annee int, c counter) error {
	return civil.Refuse("registre", fmt.Sprintf("le registre des %s %d est clos depuis le %s (n° %d à %d)", civil.Kind(registre).Plural(), annee, shortStamp(c.Clos), c.Start+1, c.Last),
		"un registre clos ne reçoit plus d'acte, seulement des mentions ; vérifiez l'année de l'acte")
}
