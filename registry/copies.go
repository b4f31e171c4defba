package registry

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// Statuses of a copy request in the log.
const (
	CopieDelivree = "delivree" // the copy was delivered
	CopieRefusee  = "refusee"  // the request was refused; Motif says why
)

// CopyRecord is one line of the copy log: every request for a copy,
// delivered or refused (etat-civil.md §6). Records are written once and
// never change.
type CopyRecord struct {
	Numero       uint64   `json:"numero"`
	Serie        string   `json:"serie,omitempty"` // serial number printed on a delivered copy
	Horodatage   string   `json:"horodatage"`
	Reference    string   `json:"reference"`
	Forme        string   `json:"forme"`
	Demandeur    string   `json:"demandeur"`
	Qualite      string   `json:"qualite"`
	Parents      []string `json:"parents,omitempty"`
	Autorisation string   `json:"autorisation,omitempty"`
	// Mandat is the reference of a genealogist's mandate (quality
	// genealogiste).
	Mandat   string `json:"mandat,omitempty"`
	Officier string `json:"officier,omitempty"`
	Agent    string `json:"agent"`
	Statut   string `json:"statut"`
	Motif    string `json:"motif,omitempty"`
	// Mentions is how many mentions the act had when the copy was
	// delivered: any later one makes the copy outdated.
	Mentions *int `json:"mentions,omitempty"`
}

// Time returns the moment of the request.
func (c CopyRecord) Time() time.Time {
	t, _ := time.Parse(time.RFC3339, c.Horodatage)
	return t
}

func copyRef(n uint64) string { return fmt.Sprintf("copie/%d", n) }

// CopyRefusedError is a refused copy request that has been written to the
// copy log, as the law requires. The command exits 2.
type CopyRefusedError struct {
	*civil.RefusedError
	Numero uint64 // the log line
}

// Unwrap lets errors.As find the refusal.
func (e *CopyRefusedError) Unwrap() error { return e.RefusedError }

// Delivery is what a copy is made from, read in the transaction that logs it.
type Delivery struct {
	Record     CopyRecord // the log line: serial, form, requester, date
	Act        *civil.Act
	Commune    civil.Commune
	ActOfficer civil.Officer // the officer who signed the act
	Signer     civil.Officer // the officer who certifies the copy
	// Officers are the register's officers, to name who signed each
	// mention the copy reproduces.
	Officers []civil.Officer
}

// DeliverCopy handles a request for a copy of an act in one transaction:
// it applies the rules of §6, and
//   - when the requester's rights refuse it (civil.CopyRights), writes the
//     refusal to the copy log and returns a *CopyRefusedError;
//   - when it is allowed, gives the copy its serial number, calls render
//     with everything the copy shows, and writes the log line only if
//     render succeeded.
//
// render is called inside the transaction: it should write the document
// to a temporary place, which the caller makes visible once DeliverCopy
// has returned without error, so that no copy exists without its log line.
// render may be nil to log a refusal that CheckCopy foresaw (no document,
// no passphrase asked).
//
// A malformed request is refused without a log line: it was never a
// request (unknown form or quality, no requester, unknown officer, no
// such act, an act not signed, a form this act is not delivered in, the
// parents missing or run together with a comma: civil.CheckCopyInput).

func (s *Store) DeliverCopy(req civil.CopyRequest, render func(Delivery) error) (CopyRecord, error) {
	if err := req.Check(); err != nil {
		return CopyRecord{}, err
	}
	var rec CopyRecord
	var refusal *civil.RefusedError
	err := s.db.Update(func(tx *bolt.Tx) error {
		officers, err := readOfficers(tx)
		if err != nil {
			return err
		}
		signer, err := copySigner(officers, req.Officier)
		if err != nil {
			return err
		}
		if err := checkSigner(tx, signer); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketCopies)
		if err != nil {
			return err
		}
		n, err := b.NextSequence()
		if err != nil {
			return err
		}
		now := s.Now()
		var parents []string
		for _, p := range req.Parents {
			if p = strings.TrimSpace(p); p != "" {
				parents = append(parents, p)
			}
		}
		rec = CopyRecord{Numero: n, Horodatage: now.Format(time.RFC3339), Reference: req.Ref.String(),
			Forme: req.Forme, Demandeur: strings.TrimSpace(req.Demandeur), Qualite: req.Qualite, Parents: parents,
			Autorisation: strings.TrimSpace(req.Autorisation), Mandat: strings.TrimSpace(req.Mandat), Officier: signer.ID, Agent: s.Agent, Statut: CopieDelivree}

		a, input, rights := decideCopy(tx, &req, now)
		if input != nil {
			return input // not a request the register of copies keeps
		}
		if rights != nil {
			if !errors.As(rights, &refusal) {
				return rights
			}
			rec.Statut, rec.Motif = CopieRefusee, refusalText(refusal)
			return s.putCopy(tx, b, rec, "copie refusée")
		}
		if render == nil {
			return errors.New("copie : aucun document à écrire pour une copie accordée")
		}
		var c civil.Commune
		if err := readCommune(tx, &c); err != nil {
			return err
		}
		rec.Serie = fmt.Sprintf("%s-%d-%06d", c.Insee, now.Year(), n)
		nm := len(a.Mentions)
		rec.Mentions = &nm
		var actOfficer civil.Officer
		for _, o := range officers {
			if o.ID == a.Officier {
				actOfficer = o
			}
		}
		if err := render(Delivery{Record: rec, Act: a, Commune: c, ActOfficer: actOfficer, Signer: signer, Officers: officers}); err != nil {
			return err
		}
		return s.putCopy(tx, b, rec, "copie")
	})
	if err != nil {
		return CopyRecord{}, err
	}
	if refusal != nil {
		return rec, &CopyRefusedError{refusal, rec.Numero}
	}
	return rec, nil
}

// CopyRightsRefusal is a copy request that the requester's rights
// refuse (civil.CopyRights), found by CheckCopy before anything is
// written: DeliverCopy keeps it in the register of copies.
type CopyRightsRefusal struct{ *civil.RefusedError }

// Unwrap lets errors.As find the refusal.
func (e *CopyRightsRefusal) Unwrap() error { return e.RefusedError }

// CheckCopy decides a copy request as DeliverCopy would, without writing
// anything, so that the requester's rights are known before the
// officer's passphrase is asked (issue 18 §5): nil when the copy may be
// delivered; an input error (a *civil.RefusedError: malformed, no such
// act, not signed…) that is never logged; or a *CopyRightsRefusal, which
// DeliverCopy (with a nil render) writes to the register of copies. The
// officer is checked only when one is named.
func (s *Store) CheckCopy(req civil.CopyRequest) error {
	if err := req.Check(); err != nil {
		return err
	}
	return s.db.View(func(tx *bolt.Tx) error {
		if req.Officier != "" {
			officers, err := readOfficers(tx)
			if err != nil {
				return err
			}
			signer, err := copySigner(officers, req.Officier)
			if err != nil {
				return err
			}
			if err := checkSigner(tx, signer); err != nil {
				return err
			}
		}
		_, input, rights := decideCopy(tx, &req, s.Now())
		if input != nil {
			return input
		}
		var refusal *civil.RefusedError
		if errors.As(rights, &refusal) {
			return &CopyRightsRefusal{refusal}
		}
		return rights
	})
}

func (s *Store) putCopy(tx *bolt.Tx, b *bolt.Bucket, rec CopyRecord, action string) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := notTaken(b, seqKey(rec.Numero), fmt.Sprintf("la ligne n° %d du registre des copies", rec.Numero)); err != nil {
		return err
	}
	if err := b.Put(seqKey(rec.Numero), data); err != nil {
		return err
	}
	return s.journal(tx, action, copyRef(rec.Numero), data)
}

// CopySigner returns the officer who certifies a copy: the one named by
// id, or the only officer of the register.
func (s *Store) CopySigner(id string) (civil.Officer, error) {
	officers, err := s.Officers()
	if err != nil {
		return civil.Officer{}, err
	}
	return copySigner(officers, id)
}

// copySigner returns the officer who certifies a copy among all the
// officers: the one named, or the only officer of the register.
func copySigner(all []civil.Officer, id string) (civil.Officer, error) {
	var ids []string
	for _, o := range all {
		if o.ID == id || (id == "" && len(all) == 1) {
			return o, nil
		}
		ids = append(ids, o.ID)
	}
	switch {
	case len(all) == 0:
		return civil.Officer{}, civil.Refuse("officier", "aucun officier dans ce registre", "ajoutez-en un", civil.Then(civil.AddOfficer))
	case id == "":
		return civil.Officer{}, civil.Refuse("officier", "plusieurs officiers peuvent certifier la copie ("+strings.Join(ids, ", ")+")", "indiquez celui qui signe")
	}
	return civil.Officer{}, UnknownOfficer(id)
}

// refusalText writes the reasons of a refusal on one line, for the log.
func refusalText(r *civil.RefusedError) string {
	var parts []string
	for _, p := range r.Problems {
		parts = append(parts, p.Field+" : "+p.Rule)
	}
	return strings.Join(parts, " ; ")
}

// Copies calls fn on each line of the copy log made at or after since
// (all when since is zero), oldest first.
func (s *Store) Copies(since time.Time, fn func(CopyRecord) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCopies)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var c CopyRecord
			if err := json.Unmarshal(v, &c); err != nil {
				return &IntegrityError{[]string{fmt.Sprintf("registre des copies, ligne n° %d illisible", binary.BigEndian.Uint64(k))}}
			}
			if !since.IsZero() && c.Time().Before(since) {
				return nil
			}
			return fn(c)
		})
	})
}
