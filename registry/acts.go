package registry

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DrawnUpYear returns the year of the register an act belongs to: the
// year it is drawn up, which is the year of the declaration, or of the
// celebration for a marriage.
func DrawnUpYear(a *Act) int {
	date := drawnUpDate(a)
	if len(date) >= 4 {
		if y, err := strconv.Atoi(date[:4]); err == nil {
			return y
		}
	}
	return 0
}

// drawnUpDate is the day the act is drawn up: the declaration, or the
// celebration of a marriage.
func drawnUpDate(a *Act) string {
	switch {
	case a.Type == Mariage:
		return a.Date
	case a.Declaration != nil:
		return a.Declaration.Date
	}
	return ""
}

// validateIn checks an act against the rules with the commune and the
// officers of the register, inside tx, at the store's clock; a marriage
// also against what the register shows (impediments). self is the act's
// own reference when a draft is corrected.
func (s *Store) validateIn(tx *bolt.Tx, a *Act, self Ref) ([]string, error) {
	var c Commune
	if err := readCommune(tx, &c); err != nil {
		return nil, err
	}
	warnings, err := Validate(a, c, func(id string) (Officer, bool) { return readOfficer(tx, id) }, s.Now())
	if a.Type != Mariage {
		return warnings, err
	}
	var refused *RefusedError
	if err != nil && !errors.As(err, &refused) {
		return warnings, err
	}
	ps, ws, ierr := impediments(tx, a, self)
	if ierr != nil {
		return warnings, ierr
	}
	warnings = append(warnings, ws...)
	if refused != nil {
		ps = append(refused.Problems, ps...)
	}
	if len(ps) > 0 {
		return warnings, &RefusedError{ps}
	}
	return warnings, nil
}

// putAct writes the act and returns its stored bytes.
func putAct(tx *bolt.Tx, a *Act) ([]byte, error) {
	a.Empreinte = ""
	data, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	return data, filled(tx.Bucket(bucketActs)).Put(a.Ref().key(), data)
}

func getAct(tx *bolt.Tx, ref Ref) (*Act, []byte, error) {
	v := tx.Bucket(bucketActs).Get(ref.key())
	if v == nil {
		return nil, nil, Refuse("référence", "aucun acte "+ref.String()+" dans ce registre", "vérifiez la référence avec etatcivil lister ou etatcivil recherche")
	}
	var a Act
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, nil, &IntegrityError{[]string{"acte " + ref.String() + " illisible : " + err.Error()}}
	}
	a.Empreinte = hashHex(v)
	return &a, v, nil
}

// Register validates a new act and, if it is accepted, gives it the next
// number of its register-year and writes it as a draft, with its index
// and journal entry, in one transaction. It returns the warnings to show.
func (s *Store) Register(a *Act) ([]string, error) {
	var warnings []string
	err := s.db.Update(func(tx *bolt.Tx) error {
		now := s.Now()
		w, err := s.validateIn(tx, a, Ref{})
		warnings = w
		if err != nil {
			return err
		}
		a.Registre, a.Annee = a.Type, DrawnUpYear(a)
		if a.Numero, err = nextNumber(tx, a.Registre, a.Annee); err != nil {
			return err
		}
		a.Statut = StatutBrouillon
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
		return s.journal(tx, a.Type, a.Ref().String(), data)
	})
	return warnings, err
}

// Get returns an act with its empreinte (the hash of its stored bytes).
func (s *Store) Get(ref Ref) (*Act, error) {
	var a *Act
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		a, _, err = getAct(tx, ref)
		return err
	})
	return a, err
}

// update loads an act, lets fn change it, and writes it back with a
// journal entry for action, in one transaction.
func (s *Store) update(ref Ref, action string, fn func(tx *bolt.Tx, a *Act) error) (*Act, error) {
	var out *Act
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

func statusRefusal(a *Act, what string) error {
	switch a.Statut {
	case StatutSigne:
		return Refuse("référence", "l'acte "+a.Ref().String()+" est signé : il ne peut plus être "+what,
			"un acte signé ne change plus ; ajoutez une mention : etatcivil mention ajouter "+a.Ref().String()+" --texte … --fondement …")
	case StatutNonUtilise:
		return Refuse("référence", "le numéro "+a.Ref().String()+" est non utilisé (motif : "+a.Motif+")",
			"ce numéro ne sera jamais repris ; enregistrez un nouvel acte")
	}
	return nil
}

// Sign records that the paper sheet has been signed by hand: the act is
// frozen from now on. A marriage is signed only once celebrated, and its
// impediments are checked again. Signing a marriage or a death writes, in
// the same transaction, the mentions that follow (see followUps), which
// are returned.
func (s *Store) Sign(ref Ref) (*Act, []FollowUp, error) {
	var follow []FollowUp
	a, err := s.update(ref, "signature", func(tx *bolt.Tx, a *Act) (err error) {
		if a.Statut != StatutBrouillon {
			if a.Statut == StatutSigne {
				return Refuse("référence", "l'acte "+ref.String()+" est déjà signé (le "+a.SigneLe+")", "rien à faire")
			}
			return statusRefusal(a, "signé")
		}
		now := s.Now()
		if a.Type == Mariage {
			if a.Date+" "+a.Heure > now.Format("2006-01-02 15:04") {
				return Refuse("référence", "le mariage "+ref.String()+" est prévu le "+a.Date+" à "+a.Heure+" : il n'est pas encore célébré",
					"signez l'acte après la célébration, quand les époux, les témoins et l'officier ont signé la feuille")
			}
			ps, _, err := impediments(tx, a, ref)
			if err != nil {
				return err
			}
			if len(ps) > 0 {
				return &RefusedError{ps}
			}
		}
		a.Statut = StatutSigne
		a.SigneLe = now.Format(time.RFC3339)
		if a.Type == Mariage || a.Type == Deces {
			follow, err = s.followUps(tx, a)
		}
		return err
	})
	return a, follow, err
}

// Cancel abandons a draft: its number stays in the register as "non
// utilisé" with the reason, and is never given again.
func (s *Store) Cancel(ref Ref, motif string) (*Act, error) {
	if strings.TrimSpace(motif) == "" {
		return nil, Refuse("--motif", "motif manquant", "indiquez pourquoi l'acte n'est pas achevé, par exemple --motif \"déclarant reparti sans signer\"")
	}
	return s.update(ref, "annulation", func(tx *bolt.Tx, a *Act) error {
		if err := statusRefusal(a, "annulé"); err != nil {
			return err
		}
		a.Statut = StatutNonUtilise
		a.Motif = strings.TrimSpace(motif)
		return nil
	})
}

// Correct replaces the content of a draft with a corrected act, keeping
// its number. A signed act is refused: it takes a mention instead.
func (s *Store) Correct(ref Ref, in *Act) ([]string, *Act, error) {
	var warnings []string
	a, err := s.update(ref, "correction", func(tx *bolt.Tx, a *Act) error {
		if err := statusRefusal(a, "corrigé"); err != nil {
			return err
		}
		w, err := s.validateIn(tx, in, ref)
		warnings = w
		if err != nil {
			return err
		}
		if in.Type != a.Type {
			return Refuse("type", "un acte de "+a.Type+" ne peut devenir un acte de "+in.Type, "annulez ce brouillon et enregistrez le bon acte")
		}
		if y := DrawnUpYear(in); y != a.Annee {
			return Refuse("declaration.date", fmt.Sprintf("la correction change l'année du registre (%d → %d)", a.Annee, y),
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

// AddMention adds a mention in the margin of a signed act. A mention of
// a known nature (see Natures) takes its usual legal basis when none is
// given.
func (s *Store) AddMention(ref Ref, m Mention) (*Act, error) {
	if m.Nature != "" {
		n, ok := NatureOf(m.Nature)
		if !ok {
			return nil, Refuse("--nature", "nature « "+m.Nature+" » inconnue", "choisissez parmi : "+NatureCodes()+" (ou aucune, avec --fondement)")
		}
		if strings.TrimSpace(m.Fondement) == "" {
			m.Fondement = n.Fondement
		}
	}
	if strings.TrimSpace(m.Texte) == "" {
		return nil, Refuse("--texte", "texte de la mention manquant", "écrivez le texte tel qu'il sera porté en marge")
	}
	if strings.TrimSpace(m.Fondement) == "" {
		return nil, Refuse("--fondement", "fondement juridique manquant", "par exemple « art. 99-1 du Code civil » ou la référence du jugement, ou une nature connue : --nature "+NatureCodes())
	}
	return s.update(ref, "mention", func(tx *bolt.Tx, a *Act) error {
		switch a.Statut {
		case StatutBrouillon:
			return Refuse("référence", "l'acte "+ref.String()+" n'est pas encore signé", "un brouillon se corrige : etatcivil corriger "+ref.String()+" --fichier F")
		case StatutNonUtilise:
			return statusRefusal(a, "")
		}
		if m.Officier == "" {
			m.Officier = a.Officier
		}
		if tx.Bucket(bucketOfficers).Get([]byte(m.Officier)) == nil {
			return Refuse("--officier", "officier « "+m.Officier+" » inconnu", "voir etatcivil officier lister")
		}
		if (m.Nature == "mariage" || m.Nature == "divorce") && a.Type == Deces {
			return Refuse("--nature", "une mention de "+m.Nature+" ne se porte pas sur un acte de décès", "portez-la sur l'acte de naissance ou de mariage")
		}
		m.Texte, m.Fondement = strings.TrimSpace(m.Texte), strings.TrimSpace(m.Fondement)
		a.Mentions = append(a.Mentions, s.stamped(m))
		return nil
	})
}

// List calls fn on each act of a register (all when registre is empty) and
// year (all when 0), in register order.
func (s *Store) List(registre string, annee int, fn func(*Act) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketActs).Cursor()
		var prefix []byte
		if registre != "" {
			prefix = []byte(registre + "/")
			if annee != 0 {
				prefix = registerYearKey(registre, annee)
			}
		}
		for k, v := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, v = c.Next() {
			var a Act
			if err := json.Unmarshal(v, &a); err != nil {
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
func (s *Store) Validate(a *Act) ([]string, error) {
	var warnings []string
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		warnings, err = s.validateIn(tx, a, Ref{})
		return err
	})
	return warnings, err
}
