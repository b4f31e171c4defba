package registry

import (
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

func TestOfficerKeyAndRevocation(t *testing.T) {
	s := newStore(t)
	ref := signedRef(t, s)
	key := &KeyRecord{ID: "a1b2c3d4e5f6", Certificat: []byte("cert"), CleChiffree: []byte("locked")}
	if err := s.AddOfficer(civil.Officer{ID: "o2", Prenoms: []string{"Léa"}, Nom: "ROUX", Qualite: "adjoint"}, key); err != nil {
		t.Fatal(err)
	}
	got, err := s.OfficerKey("o2")
	if err != nil || got == nil || got.Officier != "o2" || string(got.CleChiffree) != "locked" || got.CreeLe == "" {
		t.Fatalf("stored key: %+v %v", got, err)
	}
	if k, _ := s.OfficerKey("o1"); k != nil {
		t.Fatalf("o1 has a key it was never given: %+v", k)
	}
	if keys, _ := s.OfficerKeys(); len(keys) != 1 || keys[0].ID != key.ID {
		t.Fatalf("OfficerKeys = %+v", keys)
	}

	req := civil.CopyRequest{Ref: ref, Forme: civil.FormeExtrait, Qualite: civil.QualiteTiers, Demandeur: "Paul DURAND", Autorisation: "PR-1", Officier: "o2"}
	if _, err := s.DeliverCopy(req, func(Delivery) error { return nil }); err != nil {
		t.Fatalf("copy before revocation: %v", err)
	}

	s.Now = func() time.Time { return testNow.Add(time.Hour) }
	end := Revocation{Raison: RaisonFinDeMandat, Motif: "fin de mandat"}
	for _, bad := range []Revocation{
		{Raison: "départ de l'adjointe"},
		{Raison: RaisonCompromission, Depuis: testNow.Add(2 * time.Hour)},
		{Raison: RaisonCompromission, Depuis: testNow.AddDate(-1, 0, 0)},
	} {
		if _, err := s.RevokeKey("o2", bad); !civil.IsRefused(err) {
			t.Fatalf("revocation %+v: %v", bad, err)
		}
	}
	rec, err := s.RevokeKey("o2", end)
	if err != nil {
		t.Fatal(err)
	}
	if at, ok := rec.Revoked(); !ok || !at.Equal(testNow.Add(time.Hour)) || rec.Raison != RaisonFinDeMandat || rec.Depuis != rec.RevoqueeLe {
		t.Fatalf("revoked at %v %v: %+v", at, ok, rec)
	}
	if _, err := s.RevokeKey("o2", end); !civil.IsRefused(err) || !strings.Contains(err.Error(), "déjà révoquée") {
		t.Fatalf("second revocation: %v", err)
	}
	for _, id := range []string{"o9", "o1"} {
		if _, err := s.RevokeKey(id, end); !civil.IsRefused(err) {
			t.Fatalf("revoking %s: %v", id, err)
		}
	}

	// An officer who left office is no longer offered for an act.
	if in, err := s.OfficersInOffice(); err != nil || len(in) != 1 || in[0].ID != "o1" {
		t.Fatalf("officers in office: %+v %v", in, err)
	}

	// The revoked officer can no longer certify a copy; nothing is logged.
	rendered := false
	_, err = s.DeliverCopy(req, func(Delivery) error { rendered = true; return nil })
	if !civil.IsRefused(err) || !strings.Contains(err.Error(), "révoquée") || rendered {
		t.Fatalf("copy by a revoked officer: %v (rendered %v)", err, rendered)
	}
	if n := len(copyLog(t, s)); n != 1 {
		t.Fatalf("%d log lines, want 1", n)
	}

	var actions []string
	s.Journal(func(e Entry) error { actions = append(actions, e.Action); return nil })
	if j := strings.Join(actions, ","); !strings.Contains(j, "officier,clé,") || !strings.HasSuffix(j, "clé révoquée") {
		t.Fatalf("journal actions %s", j)
	}
	if r, err := s.Check(); err != nil || r.Err() != nil {
		t.Fatalf("check: %v %v", err, r.Err())
	}

	// A certificate swapped outside the program is found by controle.
	s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketKeys)
		v := append([]byte{}, b.Get(officerKeyName("o2"))...)
		return b.Put(officerKeyName("o2"), []byte(strings.Replace(string(v), `"certificat":"`, `"certificat":"AA`, 1)))
	})
	if r, _ := s.Check(); r.Err() == nil || !strings.Contains(r.Err().Error(), "clé « officier/o2 »") {
		t.Fatalf("check after a swapped certificate: %v", r.Err())
	}
}

// A key revoked by an earlier version (no reason recorded) gets its
// reason once, keeping its time; then it is like any other.
func TestReasonGivenToAnEarlierRevocation(t *testing.T) {
	s := newStore(t)
	key := &KeyRecord{ID: "a1b2c3d4e5f6", Certificat: []byte("cert"), CleChiffree: []byte("locked")}
	if err := s.AddOfficer(civil.Officer{ID: "o2", Prenoms: []string{"Léa"}, Nom: "ROUX", Qualite: "adjoint"}, key); err != nil {
		t.Fatal(err)
	}
	revokedAt := testNow.Add(time.Hour).Format(time.RFC3339)
	s.db.Update(func(tx *bolt.Tx) error {
		k, _ := getKey(tx, officerKeyName("o2"))
		k.RevoqueeLe, k.Motif = revokedAt, "fin de délégation"
		return s.putKey(tx, officerKeyName("o2"), k, "clé révoquée")
	})
	s.Now = func() time.Time { return testNow.AddDate(0, 0, 3) }
	rec, err := s.RevokeKey("o2", Revocation{Raison: RaisonFinDeMandat, Motif: "fin de mandat"})
	if err != nil {
		t.Fatal(err)
	}
	if rec.RevoqueeLe != revokedAt || rec.Depuis != revokedAt || rec.Raison != RaisonFinDeMandat {
		t.Fatalf("reason given: %+v", rec)
	}
	if _, err := s.RevokeKey("o2", Revocation{Raison: RaisonCompromission}); !civil.IsRefused(err) {
		t.Fatalf("a second reason: %v", err)
	}
	if r, err := s.Check(); err != nil || r.Err() != nil {
		t.Fatalf("check: %v %v", err, r.Err())
	}
}

// A new passphrase replaces the encrypted key, marks an officer's key as
// locked with the officer's own phrase, and is journaled.
func TestSetKeyLock(t *testing.T) {
	s := newStore(t)
	key := &KeyRecord{ID: "a1b2c3d4e5f6", Certificat: []byte("cert"), CleChiffree: []byte("locked")}
	if err := s.AddOfficer(civil.Officer{ID: "o2", Prenoms: []string{"Léa"}, Nom: "ROUX", Qualite: "adjoint"}, key); err != nil {
		t.Fatal(err)
	}
	if err := s.SetKeyLock("o2", []byte("relocked")); err != nil {
		t.Fatal(err)
	}
	k, _ := s.OfficerKey("o2")
	if string(k.CleChiffree) != "relocked" || !k.PhrasePropre || string(k.Certificat) != "cert" {
		t.Fatalf("after a new phrase: %+v", k)
	}
	if err := s.SetKeyLock("o1", []byte("x")); !civil.IsRefused(err) {
		t.Fatalf("an officer without key: %v", err)
	}
	if r, err := s.Check(); err != nil || r.Err() != nil {
		t.Fatalf("check: %v %v", err, r.Err())
	}
}
