package forms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"etatcivil/registry"
)

var delcourt = registry.Officer{ID: "o2", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"}

// record is a copy log line for the tests.
func record(forme string) registry.CopyRecord {
	return registry.CopyRecord{Numero: 7, Serie: "59350-2026-000007", Horodatage: "2026-11-24T09:41:00+01:00",
		Forme: forme, Demandeur: "Anaïs MÜLLER", Qualite: registry.QualitePereMere, Officier: "o2", Agent: "agent", Statut: registry.CopieDelivree}
}

func renderSheet(t testing.TB, a *registry.Act) []byte {
	t.Helper()
	s := NewSheets("test", lille, []registry.Officer{maire, delcourt})
	if err := s.Add(a); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func renderCopy(t testing.TB, a *registry.Act, forme string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCopy(&b, Copy{Act: a, Commune: lille, ActOfficer: maire, Record: record(forme), Signer: delcourt}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// documents renders every document of the fixtures.
func documents(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, kind := range []string{"naissance", "deces"} {
		a := load(t.(*testing.T), kind)
		a.CreeLe = "2026-11-23T10:20:00+01:00"
		out["feuillet-"+kind] = renderSheet(t, a)
		for _, f := range registry.Formes {
			out[f+"-"+kind] = renderCopy(t, a, f)
		}
	}
	return out
}

func TestScratch(t *testing.T) {
	dir := os.Getenv("SCRATCH")
	if dir == "" {
		t.Skip()
	}
	_ = time.Now
	for name, pdf := range documents(t) {
		p := filepath.Join(dir, name+".pdf")
		os.WriteFile(p, pdf, 0o644)
		exec.Command("pdftoppm", "-png", "-r", "70", "-singlefile", p, filepath.Join(dir, name)).Run()
	}
}
