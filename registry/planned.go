package registry

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// Marriages prepared before their day (civil.StatutPrevu). The register
// numbers its acts in the order they are drawn up, and a marriage act is
// drawn up at the celebration (C. civ. art. 75): a marriage entered
// before its day keeps no number, so that a marriage celebrated earlier
// and entered later (on paper during the outage) does not follow it. It
// is kept as a planned file ("mariage/prevu/N"), checked like an act
// (rules, impediments, the same marriage twice), listed and correctable,
// and drawn up on the day of the celebration (DrawUp), when it takes the
// next number and its sheet is printed for the ceremony.

// bucketPlanned holds the planned marriages by number (8 bytes, big
// endian). Registers made before it existed get it at their first one.
var bucketPlanned = []byte("mariages_prevus")

func plannedKey(n int) []byte { return seqKey(uint64(n)) }

// loadPlanned reads the planned marriage n.
func loadPlanned(tx *bolt.Tx, n int) (*civil.Act, []byte, error) {
	var v []byte
	if b := tx.Bucket(bucketPlanned); b != nil {
		v = b.Get(plannedKey(n))
	}
	if v == nil {
		return nil, nil, civil.Refuse("référence", "aucun mariage prévu "+civil.PlannedRef(n)+" dans ce registre", "vérifiez la référence", civil.Then(civil.SeeActs))
	}
	var a civil.Act
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, nil, &IntegrityError{[]string{"mariage prévu " + civil.PlannedRef(n) + " illisible"}}
	}
	return &a, v, nil
}

// eachPlanned calls fn on each planned marriage (called off ones too), in
// the order they were entered.
func eachPlanned(tx *bolt.Tx, fn func(*civil.Act) error) error {
	b := tx.Bucket(bucketPlanned)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var a civil.Act
		if err := json.Unmarshal(v, &a); err != nil {
			return &IntegrityError{[]string{fmt.Sprintf("mariage prévu %s illisible", civil.PlannedRef(int(binary.BigEndian.Uint64(k))))}}
		}
		return fn(&a)
	})
}

// putPlanned writes a planned marriage and its journal entry.
func (s *Store) putPlanned(tx *bolt.Tx, a *civil.Act, action string) error {
	b, err := tx.CreateBucketIfNotExists(bucketPlanned)
	if err != nil {
		return err
	}
	a.Empreinte = ""
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := b.Put(plannedKey(a.Prevu), data); err != nil {
		return err
	}
	a.Empreinte = hashHex(data)
	return s.journal(tx, action, a.Reference(), data)
}

// plan records a marriage prepared before its day, checked already,
// inside tx: no number, its own reference. before, when set, journals
// what comes before it (a duplicate confirmed).
func (s *Store) plan(tx *bolt.Tx, a *civil.Act, now time.Time, before func(ref string) error) error {
	b, err := tx.CreateBucketIfNotExists(bucketPlanned)
	if err != nil {
		return err
	}
	n, err := b.NextSequence()
	if err != nil {
		return err
	}
	if err := notTaken(b, plannedKey(int(n)), "le mariage prévu "+civil.PlannedRef(int(n))); err != nil {
		return err
	}
	a.Registre, a.Annee, a.Numero, a.Prevu = civil.Mariage, civil.DrawnUpYear(a), 0, int(n)
	a.Statut, a.Agent, a.CreeLe = civil.StatutPrevu, s.Agent, now.Format(time.RFC3339)
	if before != nil {
		if err := before(a.Reference()); err != nil {
			return err
		}
	}
	return s.putPlanned(tx, a, "mariage-prevu")
}

// plannedMarriagesOf returns the planned marriages (not called off) where
// p is a spouse, for the impediments.
func plannedMarriagesOf(tx *bolt.Tx, p civil.Person) ([]civil.Marriage, error) {
	var out []civil.Marriage
	err := eachPlanned(tx, func(a *civil.Act) error {
		if a.Statut != civil.StatutPrevu {
			return nil
		}
		for i, e := range a.Epoux {
			if civil.SamePerson(e.Person, p) {
				out = append(out, civil.Marriage{Act: a, Spouse: i})
			}
		}
		return nil
	})
	return out, err
}

// plannedDuplicates returns the planned marriages (not called off) of the
// same event as a, but the planned marriage self.
func plannedDuplicates(tx *bolt.Tx, a *civil.Act, self int) ([]*civil.Act, error) {
	id, ok := a.Identity()
	if !ok || a.Type != civil.Mariage {
		return nil, nil
	}
	var out []*civil.Act
	err := eachPlanned(tx, func(p *civil.Act) error {
		if p.Statut != civil.StatutPrevu || p.Prevu == self {
			return nil
		}
		if other, ok := p.Identity(); ok && id.Same(other) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// GetPlanned returns the planned marriage n, with its empreinte.
func (s *Store) GetPlanned(n int) (*civil.Act, error) {
	var a *civil.Act
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		a, _, err = loadPlanned(tx, n)
		if err == nil {
			v, _ := json.Marshal(a)
			a.Empreinte = hashHex(v)
		}
		return err
	})
	return a, err
}

// ListPlanned calls fn on each planned marriage of a year (all when 0),
// by day and hour of the celebration; called off ones too when all.
func (s *Store) ListPlanned(annee int, all bool, fn func(*civil.Act) error) error {
	var list []*civil.Act
	err := s.db.View(func(tx *bolt.Tx) error {
		return eachPlanned(tx, func(a *civil.Act) error {
			if (annee == 0 || a.Annee == annee) && (all || a.Statut == civil.StatutPrevu) {
				list = append(list, a)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Date+list[i].Heure < list[j].Date+list[j].Heure })
	for _, a := range list {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// plannedContent returns the content of a planned marriage as an input
// file gives it: without what the register added.
func plannedContent(a *civil.Act) *civil.Act {
	c := *a
	c.Registre, c.Annee, c.Numero, c.Prevu, c.Statut, c.Motif = "", 0, 0, 0, "", ""
	c.Agent, c.CreeLe, c.SigneLe, c.Empreinte, c.Mentions = "", "", "", "", nil
	return &c
}

// plannedToChange reads a planned marriage still to celebrate, for a change.
func plannedToChange(tx *bolt.Tx, n int, what string) (*civil.Act, error) {
	a, _, err := loadPlanned(tx, n)
	if err != nil {
		return nil, err
	}
	if a.Statut != civil.StatutPrevu {
		return nil, civil.Refuse("référence", "le mariage prévu "+a.Reference()+" a été annulé (motif : "+a.Motif+") : il ne peut plus être "+what,
			"enregistrez un nouveau mariage si les époux reviennent")
	}
	return a, nil
}

// CorrectPlanned replaces the content of a planned marriage, checked as
// a new one (rules, impediments, the same marriage twice). A corrected
// date of today or before is kept: the marriage is drawn up with DrawUp.
func (s *Store) CorrectPlanned(n int, in *civil.Act, o RegisterOptions) ([]string, *civil.Act, error) {
	var warnings []string
	var out *civil.Act
	err := s.db.Update(func(tx *bolt.Tx) error {
		a, err := plannedToChange(tx, n, "corrigé")
		if err != nil {
			return err
		}
		if in.Type != civil.Mariage {
			return civil.Refuse("type", "un mariage prévu ne peut devenir "+in.Type.Indefinite(), "annulez ce mariage prévu et enregistrez le bon acte")
		}
		// Checked with the planned marriage set aside: it is not its own
		// impediment nor its own duplicate.
		if err := tx.Bucket(bucketPlanned).Delete(plannedKey(n)); err != nil {
			return err
		}
		w, err := s.validateIn(tx, in, civil.Ref{})
		warnings = w
		if err != nil {
			return err
		}
		confirm, err := s.checkDuplicates(tx, in, civil.Ref{}, o)
		if err != nil {
			return err
		}
		keep := *a
		*a = *in
		a.Registre, a.Annee, a.Prevu, a.Statut, a.Agent, a.CreeLe = civil.Mariage, civil.DrawnUpYear(in), n, civil.StatutPrevu, keep.Agent, keep.CreeLe
		if err := confirm(a.Reference()); err != nil {
			return err
		}
		out = a
		return s.putPlanned(tx, a, "correction")
	})
	return warnings, out, err
}

// AbandonPlanned records that a planned marriage is called off, with the
// reason; it keeps its reference, listed as called off, and is never
// drawn up.
func (s *Store) AbandonPlanned(n int, motif string) (*civil.Act, error) {
	if strings.TrimSpace(motif) == "" {
		return nil, civil.Refuse("motif", "motif manquant", "indiquez pourquoi le mariage n'aura pas lieu, par exemple « mariage reporté sine die »")
	}
	var out *civil.Act
	err := s.db.Update(func(tx *bolt.Tx) error {
		a, err := plannedToChange(tx, n, "annulé")
		if err != nil {
			return err
		}
		a.Statut, a.Motif = civil.StatutAbandonne, strings.TrimSpace(motif)
		out = a
		return s.putPlanned(tx, a, "annulation")
	})
	return out, err
}

// Drawn is a planned marriage drawn up by DrawUp: its reference as
// planned, and the act with its number.
type Drawn struct {
	Planned string
	Act     *civil.Act
}

// DrawUp draws up the planned marriages ns on the day of their
// celebration: each is checked again at the register's clock (rules,
// impediments, an act of the same marriage entered since), takes the
// next number of its register-year, and becomes a draft whose sheet is
// printed for the ceremony and signed after it. A marriage planned for a
// later day is refused; one whose day has passed is drawn up with a
// warning. All are drawn up together, in the order of their celebration,
// or none: every refusal is listed.
func (s *Store) DrawUp(ns ...int) ([]Drawn, []string, error) {
	if len(ns) == 0 {
		return nil, nil, civil.Refuse("référence", "aucun mariage prévu à dresser", "indiquez la référence de chaque mariage prévu (mariage/prevu/N)", civil.Then(civil.SeeActs))
	}
	var out []Drawn
	var warnings []string
	err := s.db.Update(func(tx *bolt.Tx) error {
		now := s.Now()
		today := now.Format(civil.DateLayout)
		var todo []*civil.Act
		seen := map[int]bool{}
		for _, n := range ns {
			if seen[n] {
				return civil.Refuse("référence", "le mariage prévu "+civil.PlannedRef(n)+" est indiqué deux fois", "indiquez chaque mariage une seule fois")
			}
			seen[n] = true
			a, err := plannedToChange(tx, n, "dressé")
			if err != nil {
				return err
			}
			todo = append(todo, a)
		}
		sort.SliceStable(todo, func(i, j int) bool { return todo[i].Date+todo[i].Heure < todo[j].Date+todo[j].Heure })
		var problems []civil.Problem
		for _, p := range todo {
			d, w, err := s.drawUpIn(tx, p, today)
			var refused *civil.RefusedError
			if err != nil && errors.As(err, &refused) {
				problems = append(problems, refused.Problems...)
				continue
			}
			if err != nil {
				return err
			}
			warnings = append(warnings, w...)
			out = append(out, d)
		}
		if len(problems) > 0 {
			out, warnings = nil, nil
			return &civil.RefusedError{Problems: problems}
		}
		return nil
	})
	return out, warnings, err
}

// drawUpIn draws up one planned marriage inside tx.
func (s *Store) drawUpIn(tx *bolt.Tx, p *civil.Act, today string) (Drawn, []string, error) {
	ref := p.Reference()
	if p.Date > today {
		return Drawn{}, nil, civil.Refuse("référence", fmt.Sprintf("le mariage %s est prévu le %s : il ne se dresse que le jour de la célébration", ref, figures(p.Date)),
			"ce jour-là, dressez-le : il prend alors son numéro, à la suite des actes déjà dressés", civil.Then(civil.DrawUp, ref))
	}
	if err := tx.Bucket(bucketPlanned).Delete(plannedKey(p.Prevu)); err != nil {
		return Drawn{}, nil, err
	}
	a := plannedContent(p)
	warnings, err := s.validateIn(tx, a, civil.Ref{})
	if err != nil {
		return Drawn{}, nil, err
	}
	if a.Date < today {
		warnings = append(warnings, fmt.Sprintf("%s : la célébration était prévue le %s ; l'acte est dressé aujourd'hui, à la suite des actes déjà dressés", ref, figures(a.Date)))
	}
	a.Registre, a.Annee = a.Type.Register(), civil.DrawnUpYear(a)
	if err := numberingOpen(tx, a.Registre, a.Annee); err != nil {
		return Drawn{}, nil, err
	}
	if dups, err := duplicatesIn(tx, a, civil.Ref{}); err != nil {
		return Drawn{}, nil, err
	} else if len(dups) > 0 {
		var found []string
		for _, d := range dups {
			found = append(found, d.Reference()+" ("+civil.StatusLabel(d.Statut)+")")
		}
		return Drawn{}, nil, civil.Refuse("référence", "le mariage "+ref+" a déjà été dressé : "+strings.Join(found, ", "),
			"annulez le mariage prévu, qui est en double", civil.Then(civil.CancelDraft, ref), civil.Then(civil.ShowAct, dups[0].Reference()))
	}
	if a.Numero, err = nextNumber(tx, a.Registre, a.Annee); err != nil {
		return Drawn{}, nil, err
	}
	if err := notTaken(tx.Bucket(bucketActs), actKey(a.Ref()), "l'acte "+a.Ref().String()); err != nil {
		return Drawn{}, nil, err
	}
	a.Statut, a.Agent, a.CreeLe = civil.StatutBrouillon, s.Agent, s.Now().Format(time.RFC3339)
	if err := s.journal(tx, "dresse", ref, purged); err != nil {
		return Drawn{}, nil, err
	}
	data, err := putAct(tx, a)
	if err != nil {
		return Drawn{}, nil, err
	}
	if err := indexAct(tx, a, true); err != nil {
		return Drawn{}, nil, err
	}
	a.Empreinte = hashHex(data)
	return Drawn{ref, a}, warnings, s.journal(tx, string(a.Type), a.Ref().String(), data)
}

// DrawUpToday draws up every marriage planned for today (see DrawUp), in
// the order of their hours. None planned is a refusal.
func (s *Store) DrawUpToday() ([]Drawn, []string, error) {
	today := s.Now().Format(civil.DateLayout)
	var ns []int
	err := s.ListPlanned(0, false, func(a *civil.Act) error {
		if a.Date == today {
			ns = append(ns, a.Prevu)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if len(ns) == 0 {
		return nil, nil, civil.Refuse("jour", "aucun mariage prévu aujourd'hui ("+figures(today)+")", "vérifiez la liste des mariages prévus", civil.Then(civil.SeeActs))
	}
	return s.DrawUp(ns...)
}

// Unnumber makes a marriage entered before its day as a numbered draft (by
// a version that numbered it at once) a planned marriage again: its
// number becomes « non utilisé » with the reason, never given again, and
// its content a planned marriage, drawn up on its day. A marriage of today
// or before, or signed, keeps its number.
func (s *Store) Unnumber(ref civil.Ref, motif string) (*civil.Act, *civil.Act, error) {
	var planned, unused *civil.Act
	err := s.db.Update(func(tx *bolt.Tx) error {
		a, _, err := getAct(tx, ref)
		if err != nil {
			return err
		}
		if a.Type != civil.Mariage {
			return civil.Refuse("référence", "l'acte "+ref.String()+" n'est pas un mariage : seul un mariage se prépare avant son jour", "vérifiez la référence")
		}
		if err := statusRefusal(a, "remis en préparation"); err != nil {
			return err
		}
		now := s.Now()
		if !civil.Planned(a, now) {
			return civil.Refuse("référence", fmt.Sprintf("le mariage %s est célébré le %s, pas après aujourd'hui : il garde son numéro", ref, figures(a.Date)),
				"signez-le après la célébration, ou corrigez sa date", civil.Then(civil.SignAct, ref.String()))
		}
		planned = plannedContent(a)
		planned.Agent = a.Agent
		if err := s.plan(tx, planned, now, nil); err != nil {
			return err
		}
		if strings.TrimSpace(motif) == "" {
			motif = "mariage saisi avant le jour de sa célébration (" + figures(a.Date) + ") : devenu le mariage prévu " + planned.Reference() + ", dressé ce jour-là"
		}
		a.Statut, a.Motif = civil.StatutNonUtilise, strings.TrimSpace(motif)
		data, err := putAct(tx, a)
		if err != nil {
			return err
		}
		a.Empreinte = hashHex(data)
		unused = a
		return s.journal(tx, "annulation", ref.String(), data)
	})
	return planned, unused, err
}

// plannedRecords are the planned marriages, for the control.
type plannedRecords struct{}

func (plannedRecords) Check(t *Tx, j *Journaled) []string {
	b := t.tx.Bucket(bucketPlanned)
	if b == nil {
		return nil
	}
	var out []string
	b.ForEach(func(k, v []byte) error {
		ref := civil.PlannedRef(int(binary.BigEndian.Uint64(k)))
		out = append(out, j.Record(ref, "mariage prévu "+ref, v)...)
		return nil
	})
	return out
}

func (plannedRecords) Gone(ref string) string {
	if _, ok := civil.ParsePlannedRef(ref); ok {
		return "mariage prévu " + ref + " : présent au journal mais absent du registre (supprimé hors du programme)"
	}
	return ""
}

// UnnumberedText says, in French, what Unnumber did to the number
// unused (etatcivil preparer and the counter's « Registre » say it).
func UnnumberedText(unused *civil.Act) string {
	return fmt.Sprintf("Numéro %s non utilisé (motif : %s). Il ne sera jamais repris ; détruisez la feuille imprimée avec ce numéro.", unused.Ref(), unused.Motif)
}
