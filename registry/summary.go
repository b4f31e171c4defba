package registry

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/words"
)

// Summary is the recovery summary (rapprochement) that the officer signs
// when the main system returns (etat-civil.md §7): per register-year, the
// numbers given here, first and last, each with its act or the reason it
// was left unused; the copies delivered; the mentions written; the avis de
// mention still to send.
type Summary struct {
	Commune   civil.Commune
	Registers []RegisterYear
	Copies    []CopyRecord // delivered copies, in log order
	Refused   int          // copy requests refused
	Mentions  []ActMention // mentions written here, in register order
	Pending   []Notice     // avis de mention not yet sent
	Drafts    []string     // acts still drafts: to sign or cancel before re-entry
}

// RegisterYear is one register of one year as this laptop kept it.
type RegisterYear struct {
	Registre civil.Kind
	Annee    int
	Start    int    // last number of the main system before this register took over
	Last     int    // last number given here
	Clos     string // when it was closed, RFC 3339; empty while open
	ClosPar  string
	Numbers  []NumberLine
	Signed   int
	Drafts   int
	Unused   int
}

// First returns the first number given here, or 0 when none was.
func (r RegisterYear) First() int {
	if r.Last > r.Start {
		return r.Start + 1
	}
	return 0
}

// Range writes the numbers given here: "n° 38 à 43", "n° 1".
func (r RegisterYear) Range() string { return numbersText(r.First(), r.Last) }

// Counts says what became of the numbers given here, each count agreed
// with its words: « 5 signés, 1 non utilisé, 0 brouillon ».
func (r RegisterYear) Counts() string {
	return words.Plural(r.Signed, "signé", "signés") + ", " + words.Plural(r.Unused, "non utilisé", "non utilisés") + ", " + words.Plural(r.Drafts, "brouillon", "brouillons")
}

// Next returns the number the main system takes up at.
func (r RegisterYear) Next() int { return r.Last + 1 }

// Count returns how many numbers were given here.
func (r RegisterYear) Count() int { return r.Last - r.Start }

// NumberLine is one number of a register-year.
type NumberLine struct {
	Numero int
	Statut string
	Who    string
	Date   string // the event's date, AAAA-MM-JJ
	Motif  string // for a number left unused
}

// ActMention is a mention with the act that carries it.
type ActMention struct {
	Ref string
	civil.Mention
}

// Summary builds the recovery summary.
func (s *Store) Summary() (Summary, error) {
	var sum Summary
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := readCommune(tx, &sum.Commune); err != nil {
			return err
		}
		err := tx.Bucket(bucketNumbering).ForEach(func(k, v []byte) error {
			reg, year, _ := strings.Cut(string(k), "/")
			if !civil.Kind(reg).Valid() {
				return nil // banns have their own numbering
			}
			annee, _ := strconv.Atoi(year) // keys hold the year on four digits
			ry, err := registerYear(tx, reg, annee)
			if err != nil {
				return err
			}
			for _, n := range ry.Numbers {
				if n.Statut == civil.StatutBrouillon {
					sum.Drafts = append(sum.Drafts, civil.Ref{Registre: civil.Kind(reg), Annee: annee, Numero: n.Numero}.String())
				}
			}
			sum.Registers = append(sum.Registers, ry)
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketActs).ForEach(func(k, v []byte) error {
			var a civil.Act
			if _, err := decodeAct(v, &a); err != nil {
				return &IntegrityError{[]string{"acte " + string(k) + " illisible"}}
			}
			for _, m := range a.Mentions {
				sum.Mentions = append(sum.Mentions, ActMention{a.Ref().String(), m})
			}
			return nil
		})
		if err != nil {
			return err
		}
		if b := tx.Bucket(bucketCopies); b != nil {
			return b.ForEach(func(k, v []byte) error {
				var c CopyRecord
				if err := json.Unmarshal(v, &c); err != nil {
					return &IntegrityError{[]string{"registre des copies, ligne illisible (clé " + fmt.Sprintf("%x", k) + ")"}}
				}
				if c.Statut == CopieDelivree {
					sum.Copies = append(sum.Copies, c)
				} else {
					sum.Refused++
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		return sum, err
	}
	err = s.Notices(true, func(n *Notice) error {
		sum.Pending = append(sum.Pending, *n)
		return nil
	})
	return sum, err
}

// registerYear reads one register-year: its numbering and every number.
func registerYear(tx *bolt.Tx, registre string, annee int) (RegisterYear, error) {
	c, err := readCounter(tx, registre, annee)
	if err != nil {
		return RegisterYear{}, err
	}
	ry := RegisterYear{Registre: civil.Kind(registre), Annee: annee, Start: c.Start, Last: c.Last, Clos: c.Clos, ClosPar: c.ClosPar}
	cur := tx.Bucket(bucketActs).Cursor()
	prefix := registerYearKey(registre, annee)
	for k, v := cur.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, v = cur.Next() {
		var a civil.Act
		if _, err := decodeAct(v, &a); err != nil {
			return ry, &IntegrityError{[]string{"acte " + string(k) + " illisible"}}
		}
		n := NumberLine{Numero: a.Numero, Statut: a.Statut, Who: a.WhoAndKind(), Date: a.EventDate(), Motif: a.Motif}
		switch a.Statut {
		case civil.StatutSigne:
			ry.Signed++
		case civil.StatutBrouillon:
			ry.Drafts++
		case civil.StatutNonUtilise:
			ry.Unused++
		}
		ry.Numbers = append(ry.Numbers, n)
	}
	return ry, nil
}

// CloseRegister closes a register-year (clôture): from now on it takes
// no new act, only mentions. Drafts must first be signed or cancelled.
// A register-year already closed is returned as it is, with closed false,
// so that its closing statement can be printed again.
func (s *Store) CloseRegister(kind civil.Kind, annee int, officer string) (ry RegisterYear, closed bool, err error) {
	registre := string(kind)
	if err := kind.Check(); err != nil {
		return ry, false, err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		c, err := readCounter(tx, registre, annee)
		if err != nil {
			return err
		}
		if c.Clos != "" {
			ry, err = registerYear(tx, registre, annee)
			return err
		}
		o, ok := readOfficer(tx, officer)
		if !ok {
			return UnknownOfficer(officer)
		}
		if o.Qualite == "fonctionnaire-delegue" {
			return civil.Refuse("officier", o.FullName()+" est fonctionnaire délégué : la clôture du registre est signée par le maire ou un officier de l'état civil",
				"indiquez le maire ou un adjoint", civil.Then(civil.SeeOfficers))
		}
		ry, err = registerYear(tx, registre, annee)
		if err != nil {
			return err
		}
		if len(ry.Numbers) == 0 && tx.Bucket(bucketNumbering).Get(counterKey(registre, annee)) == nil {
			return civil.Refuse("annee", fmt.Sprintf("aucun registre des %s pour %d sur cet ordinateur", kind.Plural(), annee), "vérifiez le registre et l'année", civil.Then(civil.SeeActs))
		}
		if ry.Drafts > 0 {
			var ds []string
			for _, n := range ry.Numbers {
				if n.Statut == civil.StatutBrouillon {
					ds = append(ds, fmt.Sprintf("%s/%d/%d", registre, annee, n.Numero))
				}
			}
			return civil.Refuse("registre", "des actes sont encore en brouillon : "+strings.Join(ds, ", "),
				"faites-les signer ou annulez-les avec leur motif avant la clôture", civil.Then(civil.SignAct), civil.Then(civil.CancelDraft))
		}
		c.Clos = s.Now().Format(time.RFC3339)
		c.ClosPar = officer
		ry.Clos, ry.ClosPar = c.Clos, c.ClosPar
		v, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketNumbering).Put(counterKey(registre, annee), v); err != nil {
			return err
		}
		closed = true
		return s.journal(tx, "cloture", fmt.Sprintf("numerotation/%s/%d", registre, annee), v)
	})
	return ry, closed, err
}

// TableEntry is one line of the alphabetical tables: one person of a
// signed act.
type TableEntry struct {
	Registre civil.Kind
	Annee    int
	Numero   int
	Nom      string
	Prenoms  []string
	Date     string    // the event's date
	Other    string    // for a marriage: the other spouse
	Note     string    // in French, what the line is when it is not the plain act: "enfant sans vie", "transcription", "auteur de la reconnaissance"…
	keys     [3]string // sort keys: name, first names, then date and number
}

// Tables returns, for the years from first to last, one entry per person
// of each signed act (the child, the deceased, each spouse) as its
// mentions made it (a name rectified is listed as it now reads), sorted the
// French way within each register: NOM then first names, accents and
// case ignored (É with E), then date and number.
func (s *Store) Tables(first, last int) ([]TableEntry, error) {
	var out []TableEntry
	for _, reg := range []civil.Kind{civil.Naissance, civil.Mariage, civil.Deces, civil.Reconnaissance} {
		var part []TableEntry
		err := s.List(reg, 0, func(a *civil.Act) error {
			if a.Statut != civil.StatutSigne || a.Annee < first || a.Annee > last {
				return nil
			}
			date := a.EventDate()
			add := func(p civil.Person, other, note string) {
				part = append(part, TableEntry{Registre: reg, Annee: a.Annee, Numero: a.Numero, Nom: p.Nom, Prenoms: p.Prenoms, Date: date, Other: other, Note: note,
					keys: [3]string{fold.SortKey(p.Nom), fold.SortKey(strings.Join(p.Prenoms, " ")), fmt.Sprintf("%s %04d %08d", date, a.Annee, a.Numero)}})
			}
			// The act as its mentions made it: an unidentified deceased
			// named by rectification is listed under the name.
			for _, l := range tableLines(a.Current()) {
				add(l.person, l.other, l.note)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.SliceStable(part, func(i, j int) bool {
			a, b := part[i].keys, part[j].keys
			for k := range a {
				if a[k] != b[k] {
					return a[k] < b[k]
				}
			}
			return false
		})
		out = append(out, part...)
	}
	return out, nil
}

// tableLine is one line of the tables for an act: the person, the other
// spouse of a marriage, what the line is when not the plain act.
type tableLine struct {
	person      civil.Person
	other, note string
}

// tableLines returns the lines of the tables for a signed act: the child,
// the deceased, each spouse (a marriage appears twice); a stillborn child
// under its nom, or its first parent's when it has none; an unidentified
// deceased under « — »; a recognition under its author and under the
// child.
func tableLines(a *civil.Act) []tableLine {
	switch a.Type {
	case civil.Mariage:
		if len(a.Epoux) != 2 {
			return nil
		}
		return []tableLine{{a.Epoux[0].Person, a.Epoux[1].FullName(), ""}, {a.Epoux[1].Person, a.Epoux[0].FullName(), ""}}
	case civil.EnfantSansVie:
		p := civil.Person{}
		if a.Enfant != nil {
			p = *a.Enfant
		}
		if p.Nom == "" && len(a.Parents) > 0 {
			p.Nom = a.Parents[0].Nom
			return []tableLine{{p, "", "enfant sans vie de " + a.Parents[0].FullName()}}
		}
		return []tableLine{{p, "", "enfant sans vie"}}
	case civil.Reconnaissance:
		var out []tableLine
		if a.Auteur != nil {
			out = append(out, tableLine{a.Auteur.Person, "", "auteur de la reconnaissance"})
		}
		if e := a.Enfant; e != nil && e.Nom != "" {
			note := "enfant reconnu"
			if a.MomentReconnaissance == civil.ReconnaissancePrenatale {
				note = "enfant à naître, reconnu"
			}
			out = append(out, tableLine{*e, "", note})
		}
		return out
	}
	p := a.Subject()
	if p == nil {
		return nil
	}
	note := ""
	switch {
	case a.Defunt != nil && a.Defunt.Inconnu && p.Nom == "":
		note = civil.Agree(p.Sexe, "défunt non identifié", "défunte non identifiée")
		q := *p
		q.Nom = "—"
		return []tableLine{{q, "", note}}
	case a.Type == civil.Transcription:
		note = "transcription"
	case a.EnfantTrouve != nil:
		note = "enfant trouvé"
	}
	return []tableLine{{*p, "", note}}
}

// CloseYear closes a register-year as etatcivil cloturer does, for the
// command and the counter: when it is not closed yet and the commune has a
// seal, key gives the closing officer's signer first (so that a wrong
// passphrase closes nothing; key is not asked for an officer the register
// does not know, whom CloseRegister refuses); then the register-year is
// closed (CloseRegister) and, when it closed now, the journal is anchored,
// signed by that key (ClosingReason). closed is false for a register-year
// closed before (its statement is printed again). Errors: CloseRegister's
// refusals, key's error, and an anchor not written (the register is closed
// then; the anchor is written at the next backup).
func (s *Store) CloseYear(kind civil.Kind, year int, officer string, key func() (Signer, error)) (ry RegisterYear, closed bool, err error) {
	var sg *Signer
	if already, err := s.IsClosed(kind, year); err != nil {
		return ry, false, err
	} else if !already {
		if auth, err := s.Seal(); err != nil {
			return ry, false, err
		} else if auth != nil {
			if _, ok := s.Officer(officer); ok {
				k, err := key()
				if err != nil {
					return ry, false, err
				}
				sg = &k
			}
		}
	}
	ry, closed, err = s.CloseRegister(kind, year, officer)
	if err != nil {
		return ry, false, err
	}
	if closed && sg != nil {
		if _, err := s.AnchorJournal(ClosingReason(kind, year), *sg); err != nil {
			return ry, true, fmt.Errorf("registre clos, mais l'ancre signée du journal n'a pas pu être écrite (elle le sera à la prochaine sauvegarde) : %w", err)
		}
	}
	return ry, closed, nil
}

// ClosedText says, in French, what closing r did: « Registre des
// naissances 2026 clos : n° 38 à 43, 5 actes signés, 1 non
// utilisé. », or, when it was closed before (closed false), « Le
// registre des naissances 2026 était déjà clos le 24/11/2026 à 15:00 ».
func (r RegisterYear) ClosedText(closed bool) string {
	if !closed {
		when := r.Clos
		if t, err := time.Parse(time.RFC3339, r.Clos); err == nil {
			when = t.Local().Format("02/01/2006 à 15:04")
		}
		return fmt.Sprintf("Le registre des %s %d était déjà clos le %s", r.Registre.Plural(), r.Annee, when)
	}
	return fmt.Sprintf("Registre des %s %d clos : %s, %s, %s.", r.Registre.Plural(), r.Annee, r.Range(), words.Plural(r.Signed, "acte signé", "actes signés"), words.Plural(r.Unused, "non utilisé", "non utilisés"))
}

// Lines are the recovery summary in a few lines (etatcivil rapprochement
// prints them, the counter shows them): each register-year's numbers,
// then the copies, mentions and notices.
func (sum Summary) Lines() []string {
	var out []string
	for _, r := range sum.Registers {
		if r.First() == 0 {
			out = append(out, fmt.Sprintf("%-10s %d : aucun numéro attribué ici", r.Registre, r.Annee))
			continue
		}
		out = append(out, fmt.Sprintf("%-10s %d : %s (%s)", r.Registre, r.Annee, r.Range(), r.Counts()))
	}
	return append(out, fmt.Sprintf("Copies délivrées : %d ; mentions : %d ; avis de mention à envoyer : %d.", len(sum.Copies), len(sum.Mentions), len(sum.Pending)))
}

// DraftsLeft warns of acts still drafts, to sign or cancel before the
// re-entry in the main system; "" when there are none.
func (sum Summary) DraftsLeft() string {
	if len(sum.Drafts) == 0 {
		return ""
	}
	return "attention : " + words.Plural(len(sum.Drafts), "acte encore en brouillon", "actes encore en brouillon") + ", à signer ou annuler avant la ressaisie."
}
