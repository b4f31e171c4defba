package registry

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

// v1Register copies the register written by version 1 (testdata/v1, see
// its README) into a temporary folder.
func v1Register(t *testing.T) string {
	dir, _ := testdataRegister(t, "v1", FileName)
	return dir
}

// testdataRegister copies the files names (the register first) of
// testdata/version into a new folder; it returns the folder and the
// register file's bytes.
func testdataRegister(t *testing.T, version string, names ...string) (string, []byte) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "registre")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	var data []byte
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join("testdata", version, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
		if name == FileName {
			data = b
		}
	}
	return dir, data
}

// after the register's last entry (30 November 2026).
var migrationNow = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local) }

// A register written by version 1 is migrated in place, journaled, at
// its first opening (then brought to the layout of schema 3): the
// automatic mentions get their data from the acts that caused them, the
// typed ones keep their nature and text, the free ones become autre;
// the control finds every record matching its journal entry; a second
// opening changes nothing.
func TestMigrateVersion1Register(t *testing.T) {
	dir := v1Register(t)

	s, err := Open(dir, Options{Agent: "test", Now: migrationNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.MigrationError(); err != nil {
		t.Fatal(err)
	}
	m := s.Migrated()
	if m == nil || m.From != 1 || m.To != mentionsSchema || m.Acts != 3 || m.Structured != 3 || m.Autre != 1 || len(m.Kept) != 3 {
		t.Fatalf("migration %+v", m)
	}
	if len(m.NoCivilite) != 2 {
		t.Errorf("officers without civilité: %v", m.NoCivilite)
	}
	kept := map[string]bool{}
	for _, k := range m.Kept {
		kept[k.Nature] = k.Acte == "naissance/2026/1"
	}
	if !kept[civil.NatureChangementPrenoms] || !kept[civil.NatureRectification] || !kept[civil.NatureReconnaissance] {
		t.Errorf("kept as text: %+v", m.Kept)
	}

	camille, err := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 1996, Numero: 1})
	if err != nil {
		t.Fatal(err)
	}
	mar, dec := camille.Mentions[0], camille.Mentions[1]
	if d := mar.Donnees; d == nil || d.Date != "2026-11-27" || d.Lieu != "Lomme (Nord)" || d.Conjoint.Nom != "N'DIAYE" || d.Acte != "mariage/2026/1" {
		t.Errorf("marriage mention: %+v %+v", mar, mar.Donnees)
	}
	if mar.Texte != "Mariée à Lomme (Nord) le 27 novembre 2026 avec Sacha N'DIAYE." {
		t.Errorf("text changed: %q", mar.Texte)
	}
	if date, ok := camille.DeathDate(civil.BornAs(camille)); !ok || date != "2026-11-29" || dec.Donnees.Acte != "deces/2026/1" {
		t.Errorf("death mention: %+v", dec)
	}
	married, _ := s.Get(civil.Ref{Registre: civil.Mariage, Annee: 2026, Numero: 1})
	if d := married.Mentions[0].Donnees; d == nil || d.Personne != "epoux[1]" {
		t.Errorf("death on the marriage act: %+v", married.Mentions[0])
	}
	zoe, _ := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 1})
	for i, want := range []string{civil.NatureAutre, civil.NatureChangementPrenoms, civil.NatureRectification, civil.NatureReconnaissance} {
		if zoe.Mentions[i].Nature != want || zoe.Mentions[i].Donnees != nil {
			t.Errorf("mention %d: %+v", i+1, zoe.Mentions[i])
		}
	}
	// Kept as text: the extracts print the act as it was signed.
	if zoe.Current() != zoe {
		t.Error("a mention kept as text changed the act")
	}

	r, err := s.Check()
	if err != nil || len(r.Breaks) > 0 {
		t.Fatalf("control after migration: %v %v", err, r.Breaks)
	}
	var entries []Entry
	s.Journal(func(e Entry) error {
		if e.Action == actionMigration {
			entries = append(entries, e)
		}
		return nil
	})
	if len(entries) != 4 || entries[3].Ref != "schema" {
		t.Errorf("journal: %+v", entries)
	}

	// A new mention and a new act go on as usual.
	if _, err := s.AddMention(zoe.Ref(), civil.Mention{Nature: civil.NatureRectification,
		Donnees: &civil.MentionData{Champ: "enfant.prenoms[2]", Valeur: &civil.Value{Texts: []string{"Chloë"}}}}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	again, err := Open(dir, Options{Agent: "test", Now: migrationNow})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.Migrated() != nil || again.MigrationError() != nil {
		t.Errorf("migrated twice: %+v %v", again.Migrated(), again.MigrationError())
	}
	if r, err := again.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("control: %v %v", err, r.Breaks)
	}
}

// v2Register copies the register of schema 2 of testdata/v2 into a new
// folder, and returns the folder and the file's bytes.
func v2Register(t *testing.T) (string, []byte) {
	return testdataRegister(t, "v2", FileName, WitnessName)
}

// sameSearches checks that s answers the searches of testdata/v2 as the
// program of schema 2 answered them on the same register.
func sameSearches(t *testing.T, s *Store) {
	t.Helper()
	gold, err := os.ReadFile(filepath.Join("testdata", "v2", "recherches.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	var queries []string
	for _, l := range strings.Split(strings.TrimSpace(string(gold)), "\n") {
		q, rest, _ := strings.Cut(l, "\t")
		if want[q] == nil {
			queries = append(queries, q)
		}
		want[q] = append(want[q], rest)
	}
	for _, q := range queries {
		hits, err := s.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			how := "orthographe"
			if h.Phonetic {
				how = "phonetique"
			}
			got = append(got, h.Ref.String()+"\t"+h.Role+"\t"+how)
		}
		if strings.Join(got, "\n") != strings.Join(want[q], "\n") {
			t.Errorf("recherche %q:\n%s\nschema 2 found:\n%s", q, strings.Join(got, "\n"), strings.Join(want[q], "\n"))
		}
	}
}

// A register of schema 2 (posting lists did not exist) too big to be
// migrated at opening is refused, untouched, naming etatcivil compacter;
// Compact migrates it in a copy: the control is clean, searches find what
// they found before, acts read the same, and a new act is indexed.
func TestMigrateVersion2Register(t *testing.T) {
	dir, before := v2Register(t)
	keep := AutoMigrateActs
	AutoMigrateActs = 10
	defer func() { AutoMigrateActs = keep }()
	for _, ro := range []bool{false, true} {
		_, err := Open(dir, Options{ReadOnly: ro})
		var refused *civil.RefusedError
		if !errors.As(err, &refused) || !strings.Contains(err.Error(), "format des versions précédentes") ||
			len(refused.Problems[0].Next) != 1 || refused.Problems[0].Next[0].Step != civil.CompactRegister {
			t.Fatalf("opening (read-only %v) a big register of schema 2: %v", ro, err)
		}
	}
	if now, _ := os.ReadFile(filepath.Join(dir, FileName)); !bytes.Equal(now, before) {
		t.Fatal("a refused opening changed the register")
	}
	s, err := Open(dir, Options{OldLayout: true, Agent: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.OldLayout() {
		t.Fatal("not seen as schema 2")
	}
	res, err := s.Compact()
	if err != nil {
		t.Fatal(err)
	}
	if s.OldLayout() || res.Acts != 100 || res.After >= res.Before {
		t.Fatalf("compaction: %+v", res)
	}
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("control after migration: %v %v", err, r.Breaks)
	}
	sameSearches(t, s)
	a, err := s.Get(civil.Ref{Registre: civil.Deces, Annee: 2024, Numero: 3})
	if err != nil || a.Defunt.Nom != "MARTIN" {
		t.Fatalf("act after migration: %v %+v", err, a)
	}
}

// A small register of schema 2 is migrated at its first opening, even
// read-only (a restored old backup too): same searches, control clean.
func TestMigrateVersion2RegisterAtOpening(t *testing.T) {
	dir, data := v2Register(t)
	s, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.LayoutMigrated() == nil || s.OldLayout() {
		t.Fatal("not migrated at opening")
	}
	sameSearches(t, s)
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("control after migration: %v %v", err, r.Breaks)
	}
	s.Close()

	// The same register restored from a backup.
	restored := filepath.Join(t.TempDir(), "restaure")
	if _, err := restorePlain(restored, bytes.NewReader(data), "v2.db", false, Options{}); err != nil {
		t.Fatal(err)
	}
	s, err = Open(restored, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.OldLayout() {
		t.Fatal("restored register of schema 2 not migrated")
	}
	sameSearches(t, s)
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("control of the restored register: %v %v", err, r.Breaks)
	}
}

// immutable makes path unwritable even for root (chattr +i, on file
// systems that have it) until the test ends; it skips the test when it
// cannot.
func immutable(t *testing.T, path string) {
	t.Helper()
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("chattr +i impossible ici : %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

// TestOldLayoutOnAReadOnlyMedium: a register of the previous layout that
// this session may not write (a read-only medium, its rights) cannot be
// converted: opening it, even to read, is refused with what to do (copy
// it to the disk), and the file is left as it was.
func TestOldLayoutOnAReadOnlyMedium(t *testing.T) {
	dir, data := v2Register(t)
	path := filepath.Join(dir, FileName)
	immutable(t, path)
	_, err := Open(dir, Options{ReadOnly: true})
	var refused *civil.RefusedError
	if !errors.As(err, &refused) || refused.Problems[0].Field != "dossier" ||
		!strings.Contains(err.Error(), "version précédente") || !strings.Contains(refused.Problems[0].Hint, "copiez le dossier du registre") {
		t.Fatalf("read-only opening of an old register: %v", err)
	}
	var denied *AccessError
	if _, err := Open(dir, Options{}); !errors.As(err, &denied) || denied.Path != path {
		t.Fatalf("opening for writing: %v", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Fatal("the register file changed")
	}
}
