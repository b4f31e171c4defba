package registry

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// validateIn checks an act against the rules with the commune and the
// officers of the register, inside tx, at the store's clock; a marriage
// also against what the register shows (impediments). self is the act's
// own reference when a draft is corrected.
func (s *Store) validateIn(tx *bolt.Tx, a *civil.Act, self civil.Ref) ([]string, error) {
	var c civil.Commune
	if err := readCommune(tx, &c); err != nil {
		return nil, err
	}
	warnings, err := civil.Validate(a, c, func(id string) (civil.Officer, bool) { return readOfficer(tx, id) }, s.Now())
	if oerr := officerInOffice(tx, a.Officier); oerr != nil {
		err = joinRefusals(err, oerr)
	}
	if a.Type != civil.Mariage {
		if err != nil {
			return warnings, err
		}
		ps, err := checkKinds(tx, a)
		if err == nil && len(ps) > 0 {
			err = &civil.RefusedError{Problems: ps}
		}
		return warnings, err
	}
	var refused *civil.RefusedError
	if err != nil && !errors.As(err, &refused) {
		return warnings, err
	}
	ps, ws, ierr := civil.Impediments(registerLookup{tx}, a, self)
	if ierr != nil {
		return warnings, ierr
	}
	warnings = append(warnings, ws...)
	if refused != nil {
		ps = append(refused.Problems, ps...)
	}
	if len(ps) > 0 {
		return warnings, &civil.RefusedError{Problems: ps}
	}
	return warnings, nil
}

// putAct writes the act and returns its stored bytes.
func putAct(tx *bolt.Tx, a *civil.Act) ([]byte, error) {
	a.Empreinte = ""
	data, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	return data, actsBucket(tx).Put(actKey(a.Ref()), packAct(data))
}

func getAct(tx *bolt.Tx, ref civil.Ref) (*civil.Act, []byte, error) {
	v := tx.Bucket(bucketActs).Get(actKey(ref))
	if v == nil {
		return nil, nil, civil.Refuse("référence", "aucun acte "+ref.String()+" dans ce registre", "vérifiez la référence", civil.Then(civil.SeeActs), civil.Then(civil.SearchPeople))
	}
	var a civil.Act
	v, err := decodeAct(v, &a)
	if err != nil {
		return nil, nil, &IntegrityError{[]string{"acte " + ref.String() + " illisible : " + err.Error()}}
	}
	a.Empreinte = hashHex(v)
	return &a, v, nil
}

// Register is RegisterWith with no option: an act whose event the
// register already records is refused.
func (s *Store) Register(a *civil.Act) ([]string, error) {
	return s.RegisterWith(a, RegisterOptions{})
}

// RegisterWith validates a new act and, if it is accepted, gives it the
// next number of its register-year and writes it as a draft, with its
// index and journal entry, in one transaction. It returns the warnings to
// show. An act of an event the register already records (the same death
// entered twice: see Duplicates) is refused with the reference found,
// unless o.DuplicateConfirmed. A marriage celebrated after today is
// recorded as planned, without a number (see DrawUp): a.Statut is then
// civil.StatutPrevu and a.Reference() its reference.
func (s *Store) RegisterWith(a *civil.Act, o RegisterOptions) ([]string, error) {
	var warnings []string
	err := s.db.Update(func(tx *bolt.Tx) error {
		now := s.Now()
		w, err := s.validateIn(tx, a, civil.Ref{})
		warnings = w
		if err != nil {
			return err
		}
		// A marriage before its day: planned, without a number.
		if civil.Planned(a, now) {
			confirm, err := s.checkDuplicates(tx, a, civil.Ref{}, o)
			if err != nil {
				return err
			}
			return s.plan(tx, a, now, confirm)
		}
		// The register-year first (numbering set, not closed), then the
		// same event already recorded.
		if err := numberingOpen(tx, a.Type.Register(), civil.DrawnUpYear(a)); err != nil {
			return err
		}
		confirm, err := s.checkDuplicates(tx, a, civil.Ref{}, o)
		if err != nil {
			return err
		}
		a.Registre, a.Annee = a.Type.Register(), civil.DrawnUpYear(a)
		if a.Numero, err = nextNumber(tx, a.Registre, a.Annee); err != nil {
			return err
		}
		if err := notTaken(tx.Bucket(bucketActs), actKey(a.Ref()), "l'acte "+a.Ref().String()); err != nil {
			return err
		}
		a.Statut = civil.StatutBrouillon
		a.Agent = s.Agent
		a.CreeLe = now.Format(time.RFC3339)
		data, err := putAct(tx, a)
		if err != nil {
			return err
		}
		if err := indexAct(tx, a, true); err != nil {
			return err
		}
		a.Empreinte = hashHex(data)
		if err := confirm(a.Ref().String()); err != nil {
			return err
		}
		return s.journal(tx, string(a.Type), a.Ref().String(), data)
	})
	return warnings, err
}

// Get returns an act with its empreinte (the hash of its stored bytes).
func (s *Store) Get(ref civil.Ref) (*civil.Act, error) {
	var a *civil.Act
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		a, _, err = getAct(tx, ref)
		return err
	})
	return a, err
}

// update loads an act, lets fn change it, and writes it back with a
// journal entry for action, in one transaction.
func (s *Store) update(ref civil.Ref, action string, fn func(tx *bolt.Tx, a *civil.Act) error) (*civil.Act, error) {
	var out *civil.Act
	err := s.db.Update(func(tx *bolt.Tx) error {
		a, _, err := getAct(tx, ref)
		if err != nil {
			return err
		}
		if err := fn(tx, a); err != nil {
			return err
		}
		data, err := putAct(tx, a)
		if err != nil {
			return err
		}
		a.Empreinte = hashHex(data)
		out = a
		return s.journal(tx, action, ref.String(), data)
	})
	return out, err
}

func statusRefusal(a *civil.Act, what string) error {
	switch a.Statut {
	case civil.StatutSigne:
		return civil.Refuse("référence", "l'acte "+a.Ref().String()+" est signé : il ne peut plus être "+what,
			"un acte signé ne change plus ; ajoutez-lui une mention", civil.Then(civil.AddMention, a.Ref().String()))
	case civil.StatutNonUtilise:
		return civil.Refuse("référence", "le numéro "+a.Ref().String()+" est non utilisé (motif : "+a.Motif+")",
			"ce numéro ne sera jamais repris ; enregistrez un nouvel acte")
	}
	return nil
}

// Signed is an act signed by Sign, with the mentions and notices its
// signature wrote.
type Signed struct {
	Act    *civil.Act
	Follow []FollowUp
}

// Sign signs one act: SignAll of ref alone.
func (s *Store) Sign(ref civil.Ref) (*civil.Act, []FollowUp, error) {
	signed, err := s.SignAll(ref)
	if err != nil {
		return nil, nil, err
	}
	return signed[0].Act, signed[0].Follow, nil
}

// SignAll records that the paper sheets of the acts refs have been signed
// by hand: each act is frozen from now on. A draft is signed only when a
// sheet of its current content was printed (RecordPrints): the paper
// signed in ink is then the act frozen. A marriage is signed only once
// celebrated, and its impediments are checked again. Signing a marriage
// or a death writes, in the same transaction, the mentions that follow
// (see followUps).
//
// The acts are signed together or not at all: one transaction for all,
// in the order given, and when any is refused, nothing is written and
// the refusal lists the problems of every act refused (a clerk signing
// the day's pile fixes them and runs the same command again).
func (s *Store) SignAll(refs ...civil.Ref) ([]Signed, error) {
	if len(refs) == 0 {
		return nil, civil.Refuse("référence", "aucun acte à signer", "indiquez la référence de chaque acte dont la feuille a été signée", civil.Then(civil.SeeActs))
	}
	seen := map[civil.Ref]bool{}
	for _, r := range refs {
		if seen[r] {
			return nil, civil.Refuse("référence", "l'acte "+r.String()+" est indiqué deux fois", "indiquez chaque acte une seule fois")
		}
		seen[r] = true
	}
	var out []Signed
	err := s.db.Update(func(tx *bolt.Tx) error {
		var problems []civil.Problem
		for _, ref := range refs {
			signed, err := s.signIn(tx, ref)
			var refused *civil.RefusedError
			if errors.As(err, &refused) {
				problems = append(problems, refused.Problems...)
				continue
			}
			if err != nil {
				return err
			}
			out = append(out, signed)
		}
		if len(problems) > 0 {
			out = nil
			return &civil.RefusedError{Problems: problems}
		}
		return nil
	})
	return out, err
}

// signIn signs one act inside tx.
func (s *Store) signIn(tx *bolt.Tx, ref civil.Ref) (Signed, error) {
	a, _, err := getAct(tx, ref)
	if err != nil {
		return Signed{}, err
	}
	if a.Statut != civil.StatutBrouillon {
		if a.Statut == civil.StatutSigne {
			return Signed{}, civil.Refuse("référence", "l'acte "+ref.String()+" est déjà signé (le "+shortStamp(a.SigneLe)+")", "rien à faire pour cet acte")
		}
		return Signed{}, statusRefusal(a, "signé")
	}
	now := s.Now()
	if a.Type == civil.Mariage {
		if a.Date+" "+a.Heure > now.Format("2006-01-02 15:04") {
			return Signed{}, civil.Refuse("référence", "le mariage "+ref.String()+" est prévu le "+a.Date+" à "+a.Heure+" : il n'est pas encore célébré",
				"signez l'acte après la célébration, quand les époux, les témoins et l'officier ont signé la feuille")
		}
		ps, _, err := civil.Impediments(registerLookup{tx}, a, ref)
		if err != nil {
			return Signed{}, err
		}
		if len(ps) > 0 {
			return Signed{}, &civil.RefusedError{Problems: ps}
		}
	}
	if err := officerInOffice(tx, a.Officier); err != nil {
		return Signed{}, err
	}
	if err := printedRefusal(tx, a); err != nil {
		return Signed{}, err
	}
	a.Statut = civil.StatutSigne
	a.SigneLe = now.Format(time.RFC3339)
	var follow []FollowUp
	switch a.Type {
	case civil.Mariage, civil.Deces:
		follow, err = s.followUps(tx, a)
	case civil.Reconnaissance:
		follow, err = s.recognitionFollowUp(tx, a)
	}
	if err != nil {
		return Signed{}, err
	}
	data, err := putAct(tx, a)
	if err != nil {
		return Signed{}, err
	}
	a.Empreinte = hashHex(data)
	return Signed{a, follow}, s.journal(tx, "signature", ref.String(), data)
}

// Cancel abandons a draft: its number stays in the register as "non
// utilisé" with the reason, and is never given again.
func (s *Store) Cancel(ref civil.Ref, motif string) (*civil.Act, error) {
	if strings.TrimSpace(motif) == "" {
		return nil, civil.Refuse("motif", "motif manquant", "indiquez pourquoi l'acte n'est pas achevé, par exemple « déclarant reparti sans signer »")
	}
	if p := civil.TextProblem("motif", motif); p != nil {
		return nil, &civil.RefusedError{Problems: []civil.Problem{*p}}
	}
	return s.update(ref, "annulation", func(tx *bolt.Tx, a *civil.Act) error {
		if err := statusRefusal(a, "annulé"); err != nil {
			return err
		}
		a.Statut = civil.StatutNonUtilise
		a.Motif = strings.TrimSpace(motif)
		return nil
	})
}

// Correct replaces the content of a draft with a corrected act, keeping
// its number. A signed act is refused: it takes a mention instead. The
// corrected act may be what afficher --json printed of the draft, the
// fields the register adds included (see sameDraft).
func (s *Store) Correct(ref civil.Ref, in *civil.Act) ([]string, *civil.Act, error) {
	return s.CorrectWith(ref, in, RegisterOptions{})
}

// CorrectWith is Correct; a correction that makes the draft an act of an
// event the register already records by another act is refused, unless
// o.DuplicateConfirmed (see RegisterWith).
func (s *Store) CorrectWith(ref civil.Ref, in *civil.Act, o RegisterOptions) ([]string, *civil.Act, error) {
	var warnings []string
	a, err := s.update(ref, "correction", func(tx *bolt.Tx, a *civil.Act) error {
		if err := statusRefusal(a, "corrigé"); err != nil {
			return err
		}
		if err := sameDraft(in, a); err != nil {
			return err
		}
		w, err := s.validateIn(tx, in, ref)
		warnings = w
		if err != nil {
			return err
		}
		confirm, err := s.checkDuplicates(tx, in, ref, o)
		if err != nil {
			return err
		}
		if err := confirm(ref.String()); err != nil {
			return err
		}
		if in.Type != a.Type {
			return civil.Refuse("type", a.Type.Indefinite()+" ne peut devenir "+in.Type.Indefinite(), "annulez ce brouillon et enregistrez le bon acte")
		}
		if y := civil.DrawnUpYear(in); y != a.Annee {
			return civil.Refuse("declaration.date", fmt.Sprintf("la correction change l'année du registre (%d → %d)", a.Annee, y),
				"le numéro appartient au registre de "+strconv.Itoa(a.Annee)+" : annulez ce brouillon et enregistrez un nouvel acte")
		}
		if err := indexAct(tx, a, false); err != nil {
			return err
		}
		keep := *a
		*a = *in
		a.Registre, a.Annee, a.Numero = keep.Registre, keep.Annee, keep.Numero
		a.Statut, a.Agent, a.CreeLe = keep.Statut, keep.Agent, keep.CreeLe
		return indexAct(tx, a, true)
	})
	return warnings, a, err
}

// sameDraft accepts, in a corrected act, the fields the register adds to
// an act — as afficher --json prints them — when they are the draft's
// own, and sets them aside (issue 18 §4: corriger takes back what
// afficher --json printed). They must name this act (registre, annee,
// numero), say what it is (statut, agent, cree_le, no mention), and,
// when the file carries the act's hash (empreinte), the draft must not
// have changed since it was printed: a correction made from an older
// version would undo another.
func sameDraft(in, a *civil.Act) error {
	differs := func(got, want string) bool { return got != "" && got != want }
	switch {
	case differs(string(in.Registre), string(a.Registre)) || (in.Annee != 0 && in.Annee != a.Annee) || (in.Numero != 0 && in.Numero != a.Numero):
		other := fmt.Sprintf("%s/%d/%d", in.Registre, in.Annee, in.Numero)
		return civil.Refuse("numero", "le fichier est celui de l'acte "+other+", pas de "+a.Ref().String(),
			"vérifiez la référence, ou retirez registre, annee et numero du fichier")
	case differs(in.Statut, a.Statut) || differs(in.Motif, a.Motif) || differs(in.SigneLe, a.SigneLe) || len(in.Mentions) > 0:
		return civil.Refuse("statut", "le fichier décrit un acte "+civil.StatusLabel(in.Statut)+", l'acte "+a.Ref().String()+" est "+civil.StatusLabel(a.Statut),
			"partez de l'acte tel que le registre le tient", civil.Then(civil.ShowAct, a.Ref().String()))
	case differs(in.Agent, a.Agent) || differs(in.CreeLe, a.CreeLe):
		return civil.Refuse("cree_le", "le fichier ne vient pas de l'acte "+a.Ref().String()+" (agent ou date de création différents)",
			"partez de l'acte tel que le registre le tient", civil.Then(civil.ShowAct, a.Ref().String()))
	case differs(in.Empreinte, a.Empreinte):
		return civil.Refuse("empreinte", "l'acte "+a.Ref().String()+" a été modifié depuis que ce fichier a été affiché (empreinte différente)",
			"affichez-le de nouveau, reportez-y vos corrections, puis recommencez", civil.Then(civil.ShowAct, a.Ref().String()))
	}
	in.Registre, in.Annee, in.Numero, in.Statut, in.Motif, in.SigneLe, in.Mentions = "", 0, 0, "", "", "", nil
	in.Agent, in.CreeLe, in.Empreinte = "", "", ""
	return nil
}

// List calls fn on each act of a register (all when registre is empty) and
// year (all when 0), in register order.
func (s *Store) List(registre civil.Kind, annee int, fn func(*civil.Act) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketActs).Cursor()
		var prefix []byte
		if registre != "" {
			prefix = []byte(string(registre) + "/")
			if annee != 0 {
				prefix = registerYearKey(string(registre), annee)
			}
		}
		for k, v := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, v = c.Next() {
			var a civil.Act
			v, err := decodeAct(v, &a)
			if err != nil {
				return &IntegrityError{[]string{"acte " + string(k) + " illisible"}}
			}
			if annee != 0 && a.Annee != annee {
				continue
			}
			a.Empreinte = hashHex(v)
			if err := fn(&a); err != nil {
				return err
			}
		}
		return nil
	})
}

// Validate checks an act against the rules without writing anything, as
// Register would, and returns the warnings.
func (s *Store) Validate(a *civil.Act) ([]string, error) { return s.ValidateAs(a, civil.Ref{}) }

// ValidateAs checks an act as Validate does; self, when set, is the draft
// the act corrects, as Correct checks it (a marriage is not its own
// impediment).
func (s *Store) ValidateAs(a *civil.Act, self civil.Ref) ([]string, error) {
	var warnings []string
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		warnings, err = s.validateIn(tx, a, self)
		return err
	})
	return warnings, err
}

// ValidateCorrection checks in as the correction of the draft ref would
// (CorrectWith), without writing: the draft itself is not held against
// it (it is the event it records, the marriage it replaces).
func (s *Store) ValidateCorrection(ref civil.Ref, in *civil.Act) ([]string, error) {
	var warnings []string
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		warnings, err = s.validateIn(tx, in, ref)
		return err
	})
	return warnings, err
}

// Correctable refuses an act that is no longer a draft, as Correct does:
// a signed act takes a mention, an unused number nothing.
func Correctable(a *civil.Act) error { return statusRefusal(a, "corrigé") }

// notTaken refuses to write a new record over one already stored under
// key: a numbering or sequence behind its records (damaged or edited
// outside the program) would otherwise overwrite a signed act, a journal
// entry or a line of the copy log. what names the record in French.
func notTaken(b *bolt.Bucket, key []byte, what string) error {
	if b.Get(key) != nil {
		return &IntegrityError{[]string{what + " existe déjà : son numéro a été donné de nouveau (numérotation ou compteur en retard sur le registre, modifié hors du programme) ; rien n'est écrit"}}
	}
	return nil
}

// officerInOffice refuses an act drawn up, or signed, by an officer who
// has left office: an officer whose key was revoked at the end of their
// mandate (or of their delegation) no longer receives declarations (Code
// civil art. 34: the act names the officer who receives it). An officer
// whose key was only compromised, or replaced, is still in office.
func officerInOffice(tx *bolt.Tx, id string) error {
	if id == "" {
		return nil
	}
	o, ok := readOfficer(tx, id)
	if !ok {
		return nil // the rules already refuse an unknown officer
	}
	k, err := getKey(tx, officerKeyName(id))
	if err != nil || k == nil {
		return err
	}
	at, revoked := k.Revoked()
	if !revoked || k.Raison != RaisonFinDeMandat {
		return nil
	}
	return civil.Refuse("officier", fmt.Sprintf("%s (%s) a quitté ses fonctions : sa clé est révoquée depuis le %s (fin de mandat)", o.FullName(), id, at.Local().Format("02/01/2006")),
		"choisissez un officier en fonctions", civil.Then(civil.SeeOfficers))
}

// joinRefusals adds the problems of refusal b to err (nil, a refusal, or
// another error, which is kept as is).
func joinRefusals(err, b error) error {
	if err == nil {
		return b
	}
	var ra, rb *civil.RefusedError
	if errors.As(err, &ra) && errors.As(b, &rb) {
		return &civil.RefusedError{Problems: append(append([]civil.Problem{}, ra.Problems...), rb.Problems...)}
	}
	return err
}
