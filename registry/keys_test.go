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
	rec, err := s.RevokeKey("o2", "départ de l'adjointe")
	if err != nil {
		t.Fatal(err)
	}
	if at, ok := rec.Revoked(); !ok || !at.Equal(testNow.Add(time.Hour)) {
		t.Fatalf("revoked at %v %v", at, ok)
	}
	if _, err := s.RevokeKey("o2", ""); !civil.IsRefused(err) || !strings.Contains(err.Error(), "déjà révoquée") {
		t.Fatalf("second revocation: %v", err)
	}
	for _, id := range []string{"o9", "o1"} {
		if _, err := s.RevokeKey(id, ""); !civil.IsRefused(err) {
			t.Fatalf("revoking %s: %v", id, err)
		}
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
