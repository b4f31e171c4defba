package registry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// exportOf returns the JSON Lines export of a register.
func exportOf(t testing.TB, s *Store) string {
	t.Helper()
	var buf bytes.Buffer
	err := s.Export("", func(x *Exported) error {
		line, err := x.MarshalJSON()
		buf.Write(append(line, '\n'))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// fill registers n births, signs every other one and cancels one.
func fill(t testing.TB, s *Store, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		a := birth()
		a.Enfant.Prenoms = []string{[]string{"Zoé", "Léo", "Inès", "Noël"}[i%4]}
		numbered(t, s, a)
		if _, err := s.RegisterWith(a, confirmed); err != nil {
			t.Fatal(err)
		}
		switch i % 3 {
		case 0:
			printed(t, s, a.Ref())
			if _, _, err := s.Sign(a.Ref()); err != nil {
				t.Fatal(err)
			}
		case 1:
			if _, err := s.Cancel(a.Ref(), "déclarant reparti"); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func reopen(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir, Options{Agent: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSnapshotRestoreGivesIdenticalExport(t *testing.T) {
	s := newStore(t)
	s.SetNumbering(civil.Naissance, 2026, 37)
	fill(t, s, 7)
	var snap bytes.Buffer
	info, err := s.WriteSnapshot(&snap)
	if err != nil {
		t.Fatal(err)
	}
	if info.Acts != 7 {
		t.Fatalf("snapshot of %d acts, want 7", info.Acts)
	}
	dir := filepath.Join(t.TempDir(), "autre-portable")
	res, err := restorePlain(dir, bytes.NewReader(snap.Bytes()), "sauvegarde.age", false, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Acts != 7 || res.Seq != info.Seq || res.Aside != "" {
		t.Fatalf("restored %+v, want 7 acts up to entry %d, nothing set aside", res, info.Seq)
	}
	r := reopen(t, dir)
	if got, want := exportOf(t, r), exportOf(t, s); got != want {
		t.Fatalf("export after restore differs:\n%s\nwant:\n%s", got, want)
	}
	rep, err := r.Check()
	if err != nil || len(rep.Breaks) > 0 {
		t.Fatalf("restored register fails its check: %v %v", err, rep.Breaks)
	}
}

// TestSnapshotWhileWriting takes backups while acts are being registered:
// each one is a consistent register that passes the full check.
func TestSnapshotWhileWriting(t *testing.T) {
	s := newStore(t)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 40; i++ {
			numbered(t, s, birth())
			if _, err := s.RegisterWith(birth(), confirmed); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var sizes []int
	for i := 0; i < 5; i++ {
		var snap bytes.Buffer
		info, err := s.WriteSnapshot(&snap)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "r")
		res, err := restorePlain(dir, &snap, "s", false, Options{})
		if err != nil {
			t.Fatalf("snapshot %d taken during writes does not restore: %v", i, err)
		}
		if res.Acts != info.Acts {
			t.Fatalf("snapshot %d: %d acts restored, %d in the snapshot", i, res.Acts, info.Acts)
		}
		sizes = append(sizes, res.Acts)
	}
	wg.Wait()
	t.Logf("acts in the successive snapshots: %v", sizes)
}

func TestRestoreRefusesDamagedBackup(t *testing.T) {
	s := newStore(t)
	fill(t, s, 3)
	var snap bytes.Buffer
	if _, err := s.WriteSnapshot(&snap); err != nil {
		t.Fatal(err)
	}
	good := snap.Bytes()
	// An act changed outside the program: bbolt still opens the file, the
	// act no longer matches its journal entry.
	file := filepath.Join(t.TempDir(), "snap.db")
	os.WriteFile(file, good, 0o600)
	db, err := bolt.Open(file, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketActs)
		k := actKey(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 1})
		data, err := actJSON(b.Get(k))
		if err != nil {
			return err
		}
		return b.Put(k, packAct(bytes.Replace(data, []byte("Zoé"), []byte("Zoë"), 1)))
	})
	db.Close()
	altered, _ := os.ReadFile(file)
	truncated := good[:len(good)/2]
	for name, data := range map[string][]byte{"altered": altered, "truncated": truncated, "empty": nil} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			_, err := restorePlain(dir, bytes.NewReader(data), "s", false, Options{})
			var broken *IntegrityError
			if !errors.As(err, &broken) {
				t.Fatalf("got %v, want an integrity error", err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 0 {
				t.Fatalf("the folder holds %v after a refused restore", entries)
			}
		})
	}
}

func TestRestoreNeverLosesLaterActs(t *testing.T) {
	x := newSealed(t)
	s := x.Store
	fill(t, s, 2)
	file := filepath.Join(t.TempDir(), "b.age")
	x.backup(t, file)
	var old bytes.Buffer
	if _, err := s.WriteSnapshot(&old); err != nil {
		t.Fatal(err)
	}
	// The backup's own record does not count as a later write.
	s.Close()
	if _, err := RestoreBackup(s.Dir(), file, x.recovery, x.trust, false, Options{Now: func() time.Time { return testNow }}, nil); err != nil {
		t.Fatalf("restoring the last backup over its own register: %v", err)
	}
	s = reopen(t, s.Dir())
	a := birth()
	numbered(t, s, a)
	if _, err := s.RegisterWith(a, confirmed); err != nil {
		t.Fatal(err)
	}
	before := exportOf(t, s)
	s.Close()
	_, err := restorePlain(s.Dir(), bytes.NewReader(old.Bytes()), "b.age", false, Options{})
	if !civil.IsRefused(err) || !strings.Contains(err.Error(), a.Ref().String()) {
		t.Fatalf("restore over a register with a later act: got %v, want a refusal naming %s", err, a.Ref())
	}
	// Two writes (the numbering and the act), named in the plural; the
	// txtar script continuite pins the singular.
	if !strings.Contains(err.Error(), "contient 2 écritures absentes de la sauvegarde (") || !strings.Contains(err.Error(), ") : la restauration les perdrait") ||
		!strings.Contains(err.Error(), "si ces écritures sont connues et seront ressaisies") {
		t.Fatalf("restore over two later writes: %v", err)
	}
	s = reopen(t, s.Dir())
	if got := exportOf(t, s); got != before {
		t.Fatal("a refused restore changed the register")
	}
	s.Close()
	res, err := restorePlain(s.Dir(), bytes.NewReader(old.Bytes()), "b.age", true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(res.Aside)
	if err != nil || !bytes.Contains(data, actKey(a.Ref())) {
		t.Fatalf("the replaced register was not kept aside with its later act: %v", err)
	}
}

func TestImportRoundTrip(t *testing.T) {
	s := newStore(t)
	s.SetNumbering(civil.Naissance, 2026, 37)
	fill(t, s, 5)
	if _, err := s.AddMention(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38}, civil.Mention{Date: "2026-11-24", Texte: "Rectifié.", Fondement: "art. 99-1 du Code civil"}); err != nil {
		t.Fatal(err)
	}
	exp := exportOf(t, s)
	var lines []ImportLine
	for i, l := range strings.Split(strings.TrimSpace(exp), "\n") {
		var x Exported
		if err := jsonUnmarshalStrict([]byte(l), &x); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, ImportLine{i + 1, &x})
	}
	n := newStore(t)
	if _, err := n.Import(lines); !civil.IsRefused(err) || !strings.Contains(err.Error(), "numérotation non fixée") {
		t.Fatalf("import without numbering: got %v", err)
	}
	n.SetNumbering(civil.Naissance, 2026, 37)
	res, err := n.Import(lines)
	if err != nil {
		t.Fatal(err)
	}
	if res.Acts != 5 || len(res.Ranges) != 1 || res.Ranges[0] != "naissance 2026 : n° 38 à 42" {
		t.Fatalf("import: %+v", res)
	}
	if got := exportOf(t, n); got != exp {
		t.Fatalf("export → import → export differs:\n%s\nwant:\n%s", got, exp)
	}
	// The imported acts are found by name as in the register they came from.
	want, err := s.Search("muller")
	if err != nil {
		t.Fatal(err)
	}
	hits, err := n.Search("muller")
	if err != nil || len(hits) == 0 || fmt.Sprint(hits) != fmt.Sprint(want) {
		t.Fatalf("search after import: %v %v, want %v", hits, err, want)
	}
	// Registering goes on after the imported numbers.
	a := birth()
	numbered(t, n, a)
	if _, err := n.RegisterWith(a, confirmed); err != nil || a.Numero != 43 {
		t.Fatalf("next act after import: n° %d, %v", a.Numero, err)
	}
}

func TestImportRefusesGapsAndDuplicates(t *testing.T) {
	s := newStore(t)
	s.SetNumbering(civil.Naissance, 2026, 37)
	line := func(n int) ImportLine {
		a := birth()
		a.Numero, a.Statut = n, civil.StatutSigne
		return ImportLine{n, &Exported{Act: *a}}
	}
	cases := map[string]struct {
		lines []ImportLine
		want  []string
	}{
		"gap":       {[]ImportLine{line(38), line(41)}, []string{"numéros manquants après le n° 37 : n° 39 à 40"}},
		"duplicate": {[]ImportLine{line(38), line(38), line(39)}, []string{"numéros en double", "n° 38 (lignes 38 et 38)"}},
		"taken":     {[]ImportLine{line(37)}, []string{"numéros déjà attribués", "n° 37"}},
		"unused without reason": {[]ImportLine{{1, &Exported{Act: civil.Act{Type: civil.Naissance, Annee: 2026, Numero: 38, Statut: civil.StatutNonUtilise}}}},
			[]string{"ligne 1 (naissance/2026/38), motif", "sans motif"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := s.Import(c.lines)
			if !civil.IsRefused(err) {
				t.Fatalf("got %v, want a refusal", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("refusal %q lacks %q", err, w)
				}
			}
		})
	}
	if exportOf(t, s) != "" {
		t.Fatal("a refused import wrote acts")
	}
	// An altered line whose empreinte no longer matches.
	numbered(t, s, birth())
	s.RegisterWith(birth(), confirmed)
	exp := exportOf(t, s)
	var x Exported
	jsonUnmarshalStrict([]byte(strings.Replace(strings.TrimSpace(exp), `"numero":38`, `"numero":39`, 1)), &x)
	x.Enfant.Prenoms = []string{"Zoë"}
	if _, err := s.Import([]ImportLine{{1, &x}}); err == nil || !strings.Contains(err.Error(), "empreinte") {
		t.Fatalf("altered line: got %v, want an empreinte mismatch", err)
	}
}

func TestTablesSortTheFrenchWay(t *testing.T) {
	s := newStore(t)
	for _, name := range []string{"ÉVRARD", "EMERY", "ÉMERY", "DUPONT", "ŒUVRARD", "OEHLER", "Zola", "édouard"} {
		a := birth()
		a.Enfant.Nom = strings.ToUpper(name)
		numbered(t, s, a)
		if _, err := s.RegisterWith(a, confirmed); err != nil {
			t.Fatal(err)
		}
		printed(t, s, a.Ref())
		if _, _, err := s.Sign(a.Ref()); err != nil {
			t.Fatal(err)
		}
	}
	draft := birth()
	draft.Enfant.Nom = "AARON"
	numbered(t, s, draft)
	s.RegisterWith(draft, confirmed)
	es, err := s.Tables(2026, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Nom)
	}
	want := "DUPONT ÉDOUARD EMERY ÉMERY ÉVRARD OEHLER ŒUVRARD ZOLA"
	if strings.Join(got, " ") != want {
		t.Fatalf("tables order:\n%s\nwant:\n%s", strings.Join(got, " "), want)
	}
}

func TestCloseRegister(t *testing.T) {
	s := newStore(t)
	s.SetNumbering(civil.Naissance, 2026, 37)
	fill(t, s, 3) // 38 signed, 39 unused, 40 draft
	if _, _, err := s.CloseRegister(civil.Naissance, 2026, "o1"); !civil.IsRefused(err) || !strings.Contains(err.Error(), "naissance/2026/40") {
		t.Fatalf("closing with a draft: got %v", err)
	}
	if _, err := s.Cancel(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 40}, "parti"); err != nil {
		t.Fatal(err)
	}
	ry, closed, err := s.CloseRegister(civil.Naissance, 2026, "o1")
	if err != nil || !closed || ry.First() != 38 || ry.Last != 40 || ry.Signed != 1 || ry.Unused != 2 {
		t.Fatalf("close: %+v closed=%v err=%v", ry, closed, err)
	}
	if _, err := s.RegisterWith(birth(), confirmed); !civil.IsRefused(err) || !strings.Contains(err.Error(), "clos") {
		t.Fatalf("act in a closed register: got %v", err)
	}
	if _, err := s.AddMention(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38}, civil.Mention{Date: "2026-11-24", Texte: "Rectifié.", Fondement: "art. 99-1"}); err != nil {
		t.Fatalf("mention on a closed register: %v", err)
	}
	if _, closed, err := s.CloseRegister(civil.Naissance, 2026, "o1"); err != nil || closed {
		t.Fatalf("closing again: closed=%v err=%v, want the statement reprinted", closed, err)
	}
	sum, err := s.Summary()
	if err != nil || len(sum.Registers) != 1 || len(sum.Registers[0].Numbers) != 3 || sum.Registers[0].Clos == "" || len(sum.Mentions) != 1 {
		t.Fatalf("summary: %+v, %v", sum, err)
	}
}

func TestBackupReminder(t *testing.T) {
	now := testNow
	x := newSealed(t)
	s := x.Store
	s.Now = func() time.Time { return now }
	r, err := s.BackupReminder()
	if err != nil || r.Due || !r.Never || !r.HasKey {
		t.Fatalf("new register: %+v %v", r, err)
	}
	now = now.Add(5 * time.Hour)
	if r, _ := s.BackupReminder(); !r.Due {
		t.Fatal("no reminder 5 hours after creation")
	}
	x.backup(t, filepath.Join(t.TempDir(), "b.age"))
	if r, _ := s.BackupReminder(); r.Due || r.Never {
		t.Fatalf("reminder just after a backup: %+v", r)
	}
	if err := s.SetSettings(Settings{RappelHeures: 4, RappelActes: 3, PurgeRdvJours: 30, VerrouMinutes: 15}); err != nil {
		t.Fatal(err)
	}
	fill(t, s, 3)
	if r, _ := s.BackupReminder(); !r.Due || r.Acts != 3 {
		t.Fatalf("after 3 acts: %+v", r)
	}
	if err := s.SetSettings(Settings{RappelHeures: 0, RappelActes: 3}); !civil.IsRefused(err) {
		t.Fatalf("0 hours accepted: %v", err)
	}
	rep, _ := s.Check()
	if len(rep.Breaks) > 0 {
		t.Fatal(rep.Breaks)
	}
}

func jsonUnmarshalStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// An import checks each line at its own clock, never at a date the file
// gives: a signed birth of 2030 with cree_le in 2030 was imported.
func TestImportChecksAtTheImportsClock(t *testing.T) {
	s := newStore(t)
	for _, y := range []int{2026, 2030} {
		if err := s.SetNumbering(civil.Naissance, y, 0); err != nil {
			t.Fatal(err)
		}
	}
	future := signedBirth(2030)
	future.Numero = 1
	future.Declaration = &civil.Moment{Date: "2030-11-23", Heure: "10:15"}
	future.CreeLe, future.SigneLe = "2030-11-23T10:20:00+01:00", "2030-11-23T10:30:00+01:00"
	stamped := signedBirth(2026)
	stamped.Numero = 1
	stamped.CreeLe = "2031-01-01T09:00:00+01:00"
	unreadable := signedBirth(2026)
	unreadable.Numero = 1
	unreadable.SigneLe = "hier"
	for name, c := range map[string]struct {
		a    *civil.Act
		want string
	}{
		"birth of 2030":       {future, "dans le futur"},
		"cree_le in 2031":     {stamped, "ligne 1 (naissance/2026/1), cree_le : le 01/01/2031 à 09:00 est dans le futur"},
		"signe_le unreadable": {unreadable, "signe_le : « hier » n'est pas un horodatage lisible"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.Import([]ImportLine{{1, &Exported{Act: *c.a}}})
			if !civil.IsRefused(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want a refusal with %q", err, c.want)
			}
		})
	}
	if exportOf(t, s) != "" {
		t.Fatal("a refused import wrote acts")
	}
	// The same act of 2026, stamped before the clock, is imported.
	past := signedBirth(2026)
	past.Numero = 1
	past.CreeLe, past.SigneLe = "2026-11-23T10:20:00+01:00", "2026-11-23T10:30:00+01:00"
	if _, err := s.Import([]ImportLine{{1, &Exported{Act: *past}}}); err != nil {
		t.Fatal(err)
	}
}
