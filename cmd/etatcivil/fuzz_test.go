package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"etatcivil/civil"
)

// FuzzActJSON reads any act file as the clerk's commands do, then checks
// it against the law: every mistake is a refusal (exit 2) that names a
// field and a rule, never a crash or an unexpected error.
func FuzzActJSON(f *testing.F) {
	for _, name := range []string{"naissance.json", "deces.json", "mariage.json"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte(`{"type":"naissance","enfant":{"nom":"x"},"date":"2026-02-30"}`))
	f.Add([]byte(`{"type":"mariage","contrat":null}`))
	f.Add([]byte("[1,2]"))
	f.Add([]byte(`{"type":"deces"} {}`))
	commune := civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme"}
	officer := func(id string) (civil.Officer, bool) {
		return civil.Officer{ID: id, Prenoms: []string{"Anne"}, Nom: "DURAND", Qualite: "maire"}, id == "o1"
	}
	now := time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local)
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := decodeAct(raw)
		var refused *civil.RefusedError
		if err != nil {
			if !errors.As(err, &refused) {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		_, err = civil.Validate(a, commune, officer, now)
		if err == nil {
			return
		}
		if !errors.As(err, &refused) || len(refused.Problems) == 0 {
			t.Fatalf("not a refusal: %v", err)
		}
		for _, p := range refused.Problems {
			if p.Field == "" || p.Rule == "" {
				t.Fatalf("a problem without field or rule: %+v", p)
			}
		}
	})
}
