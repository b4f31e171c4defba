package registry

import (
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// signedRef registers the two-parent birth of the tests and signs it.
func signedRef(t *testing.T, s *Store) civil.Ref {
	t.Helper()
	a := birth()
	a.Parents = signedBirth(2026).Parents
	ref := register(t, s, a)
	printed(t, s, ref)
	if _, _, err := s.Sign(ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

func copyLog(t *testing.T, s *Store) []CopyRecord {
	t.Helper()
	var out []CopyRecord
	if err := s.Copies(time.Time{}, func(c CopyRecord) error { out = append(out, c); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeliverCopyLogsEveryRequest(t *testing.T) {
	s := newStore(t)
	ref := signedRef(t, s)
	rendered := 0
	render := func(d Delivery) error {
		rendered++
		if d.Record.Serie == "" || d.Act.Ref() != ref || d.Signer.ID != "o1" || d.ActOfficer.Nom != "AUBRY" || d.Commune.Insee != "59350" {
			t.Fatalf("render got %+v", d)
		}
		return nil
	}

	// delivered: a log line with a serial number, and its journal entry.
	rec, err := s.DeliverCopy(civil.CopyRequest{Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualitePereMere, Demandeur: "Anaïs MÜLLER", Parents: strings.Split(bothParents, ";")}, render)
	if err != nil {
		t.Fatal(err)
	}
	if rendered != 1 || rec.Statut != CopieDelivree || rec.Serie != "59350-2026-000001" || rec.Officier != "o1" || rec.Agent != "test" {
		t.Fatalf("delivered copy: %+v (rendered %d)", rec, rendered)
	}

	// refused: logged as refused with its reason, nothing rendered, exit-2 error.
	_, err = s.DeliverCopy(civil.CopyRequest{Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualiteTiers, Demandeur: "Paul DURAND"}, render)
	var refused *CopyRefusedError
	if !errors.As(err, &refused) || !civil.IsRefused(err) || refused.Numero != 2 || rendered != 1 {
		t.Fatalf("third party: %v (rendered %d)", err, rendered)
	}

	// Input errors are no requests: refused, never logged (issue 18 §5):
	// an act that does not exist, the parents not stated, or stated with a
	// comma instead of « ; ».
	for name, req := range map[string]civil.CopyRequest{
		"unknown act":     {Ref: civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 99}, Forme: civil.FormeExtrait, Qualite: civil.QualiteTiers, Demandeur: "Paul DURAND"},
		"no parents":      {Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualitePereMere, Demandeur: "Anaïs MÜLLER"},
		"a comma for a ;": {Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualitePereMere, Demandeur: "Anaïs MÜLLER", Parents: []string{"Anaïs MÜLLER, Karim OUALI"}},
	} {
		_, err := s.DeliverCopy(req, render)
		if !civil.IsRefused(err) || errors.As(err, &refused) {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s.CheckCopy(req); !civil.IsRefused(err) || errors.As(err, new(*CopyRightsRefusal)) {
			t.Fatalf("CheckCopy, %s: %v", name, err)
		}
	}
	// Parents stated wrong: a decision on the rights, logged.
	wrong := civil.CopyRequest{Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualitePereMere, Demandeur: "Anaïs MÜLLER", Parents: []string{"Anaïs MÜLLER", "Paul DUPONT"}}
	if err := s.CheckCopy(wrong); !errors.As(err, new(*CopyRightsRefusal)) {
		t.Fatalf("CheckCopy of wrong parents: %v", err)
	}
	if _, err := s.DeliverCopy(wrong, nil); !errors.As(err, &refused) || refused.Numero != 3 {
		t.Fatalf("wrong parents: %v", err)
	}
	if err := s.CheckCopy(civil.CopyRequest{Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualitePereMere, Demandeur: "Anaïs MÜLLER", Parents: strings.Split(bothParents, ";")}); err != nil {
		t.Fatalf("CheckCopy of a right request: %v", err)
	}

	// a failed rendering writes nothing: no copy exists without its line, no line without its copy.
	boom := errors.New("disque plein")
	if _, err := s.DeliverCopy(civil.CopyRequest{Ref: ref, Forme: civil.FormeExtrait, Qualite: civil.QualiteTiers, Demandeur: "Paul DURAND"},
		func(Delivery) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("render failure: %v", err)
	}

	// a malformed request is not a request: no line.
	if _, err := s.DeliverCopy(civil.CopyRequest{Ref: ref, Forme: "resume", Qualite: civil.QualiteTiers, Demandeur: "Paul DURAND"}, render); !civil.IsRefused(err) {
		t.Fatalf("malformed request: %v", err)
	}

	log := copyLog(t, s)
	if len(log) != 3 {
		t.Fatalf("%d log lines, want 3: %+v", len(log), log)
	}
	if log[1].Statut != CopieRefusee || log[1].Serie != "" || !strings.Contains(log[1].Motif, "procureur") {
		t.Fatalf("refused line: %+v", log[1])
	}
	if log[2].Statut != CopieRefusee || !strings.Contains(log[2].Motif, "« Paul DUPONT » ne correspond à aucun parent") {
		t.Fatalf("wrong parents line: %+v", log[2])
	}
	var actions []string
	s.Journal(func(e Entry) error { actions = append(actions, e.Action+" "+e.Ref); return nil })
	if got := strings.Join(actions[len(actions)-3:], ", "); got != "copie copie/1, copie refusée copie/2, copie refusée copie/3" {
		t.Fatalf("journal: %s", got)
	}
	r, err := s.Check()
	if err != nil || r.Err() != nil {
		t.Fatalf("check after copies: %v %v", err, r.Err())
	}

	// since filters by time.
	var n int
	s.Copies(testNow.Add(time.Minute), func(CopyRecord) error { n++; return nil })
	if n != 0 {
		t.Fatalf("%d lines after now", n)
	}
}

func TestCopySigner(t *testing.T) {
	s := newStore(t)
	ref := signedRef(t, s)
	if err := s.AddOfficer(civil.Officer{ID: "o2", Prenoms: []string{"Léa"}, Nom: "ROUX", Qualite: "fonctionnaire-delegue"}, nil); err != nil {
		t.Fatal(err)
	}
	req := civil.CopyRequest{Ref: ref, Forme: civil.FormeExtrait, Qualite: civil.QualiteTiers, Demandeur: "Paul DURAND"}
	ok := func(Delivery) error { return nil }
	if _, err := s.DeliverCopy(req, ok); !civil.IsRefused(err) || !strings.Contains(err.Error(), "officier : plusieurs officiers") {
		t.Fatalf("two officers, none named: %v", err)
	}
	req.Officier = "o9"
	if _, err := s.DeliverCopy(req, ok); !civil.IsRefused(err) {
		t.Fatalf("unknown officer: %v", err)
	}
	req.Officier = "o2"
	rec, err := s.DeliverCopy(req, ok)
	if err != nil || rec.Officier != "o2" {
		t.Fatalf("named officer: %+v %v", rec, err)
	}
	if n := len(copyLog(t, s)); n != 1 {
		t.Fatalf("%d lines, want 1 (malformed requests are not logged)", n)
	}
}

func TestCheckFindsAlteredOrDeletedCopyLine(t *testing.T) {
	for _, what := range []string{"altered", "deleted"} {
		t.Run(what, func(t *testing.T) {
			s := newStore(t)
			ref := signedRef(t, s)
			if _, err := s.DeliverCopy(civil.CopyRequest{Ref: ref, Forme: civil.FormeExtrait, Qualite: civil.QualiteTiers, Demandeur: "Paul DURAND"},
				func(Delivery) error { return nil }); err != nil {
				t.Fatal(err)
			}
			s.db.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketCopies)
				if what == "deleted" {
					return b.Delete(seqKey(1))
				}
				return b.Put(seqKey(1), []byte(strings.Replace(string(b.Get(seqKey(1))), "Paul DURAND", "Paul DURANT", 1)))
			})
			r, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(r.Breaks, "\n"); !strings.Contains(got, "registre des copies, ligne n° 1") {
				t.Fatalf("check did not find the %s line: %q", what, got)
			}
		})
	}
}
