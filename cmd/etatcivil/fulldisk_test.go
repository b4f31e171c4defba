package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"etatcivil/registry"
)

// TestFullDisk runs registrations, a backup and an export under a file
// size limit (ulimit -f, which makes writes fail as on a full disk): each
// fails with a French message, the register stays as it was, and no file
// that looks complete is left behind.
func TestFullDisk(t *testing.T) {
	bin, err := exec.LookPath("etatcivil")
	if err != nil {
		t.Fatal(err)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is needed to set the file size limit")
	}
	work := t.TempDir()
	dir := filepath.Join(work, "registre")
	birth, err := filepath.Abs(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		t.Fatal(err)
	}
	// run runs etatcivil with files limited to limitKB (0: no limit).
	run := func(limitKB int64, args ...string) (int, string) {
		script := `exec "$0" "$@"`
		if limitKB > 0 {
			script = fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, limitKB)
		}
		c := exec.Command(bash, append([]string{"-c", script, bin, "--dossier", dir, "--agent", "disque"}, args...)...)
		c.Dir = work
		c.Env = append(os.Environ(), testPhrases()...)
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		c.Run()
		return c.ProcessState.ExitCode(), out.String()
	}
	for _, args := range [][]string{
		{"init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme", "--secours", "cle.txt"},
		{"officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue"},
		{"numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "37"},
	} {
		if code, out := run(0, args...); code != 0 {
			t.Fatalf("%v: %d\n%s", args, code, out)
		}
	}
	full := func(code int, out string) {
		t.Helper()
		if code != exitError || !strings.Contains(out, "etatcivil : le disque est plein") || !strings.Contains(out, "aucun fichier incomplet") || strings.Contains(out, "goroutine") {
			t.Fatalf("exit %d, want a French full-disk message:\n%s", code, out)
		}
	}
	// Registrations until the register can no longer grow.
	st, err := os.Stat(filepath.Join(dir, registry.FileName))
	if err != nil {
		t.Fatal(err)
	}
	// bbolt grows its file by doubling it: room for one doubling.
	limit := 2*st.Size()/1024 + 4
	registered, refused := 0, false
	for range 300 {
		code, out := run(limit, "naissance", "--fichier", birth, "--doublon-confirme")
		if code == 0 {
			registered++
			continue
		}
		full(code, out)
		refused = true
		break
	}
	if !refused {
		t.Fatalf("%d registrations under a %d KB limit, none refused", registered, limit)
	}
	before := exportText(t, dir)
	s, err := registry.Open(dir, registry.Options{ReadOnly: true, Parts: parts})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check()
	s.Close()
	if err != nil || rep.Err() != nil || rep.Acts != registered {
		t.Fatalf("after the full disk: %d acts for %d registered, %v %v", rep.Acts, registered, err, rep.Err())
	}
	// Room again: the next number follows, none lost or taken twice.
	if code, out := run(0, "naissance", "--fichier", birth, "--doublon-confirme"); code != 0 || !strings.Contains(out, fmt.Sprintf("naissance/2026/%d", 38+registered)) {
		t.Fatalf("after freeing room: %d\n%s", code, out)
	}
	before = exportText(t, dir)

	// A backup and an export on a support that fills up.
	if err := os.Mkdir(filepath.Join(work, "usb"), 0o700); err != nil {
		t.Fatal(err)
	}
	full(run(8, "sauvegarde", "--meme-disque", "-o", "usb"))
	full(run(1, "export", "-o", "usb/export.jsonl"))
	full(run(1, "export", "--format", "csv", "-o", "usb/export.csv"))
	left, _ := os.ReadDir(filepath.Join(work, "usb"))
	if len(left) != 0 {
		t.Fatalf("files left on the full support: %v", left)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".sauvegarde-*")); len(leftovers) != 0 {
		t.Fatalf("temporary backups left beside the register: %v", leftovers)
	}
	if after := exportText(t, dir); after != before {
		t.Fatal("a failed backup or export changed the register")
	}
	if code, out := run(0, "reglages"); code != 0 || !strings.Contains(out, "Dernière sauvegarde : aucune.") {
		t.Fatalf("a failed backup was recorded: %d\n%s", code, out)
	}

	// A restore on a disk that fills up is a full disk, not a tampered
	// backup; the folder is left as it was.
	if code, out := run(0, "sauvegarde", "--meme-disque", "-o", "usb/entiere.age"); code != 0 {
		t.Fatalf("backup: %d\n%s", code, out)
	}
	other := filepath.Join(work, "autre-portable")
	code, out := run(16, "restaurer", "usb/entiere.age", "--identite", "cle.txt", "--dossier", other)
	full(code, out)
	if strings.Contains(out, "refusée") || strings.Contains(out, "altérée") {
		t.Fatalf("a full disk reported as a damaged backup:\n%s", out)
	}
	if left, _ := os.ReadDir(other); len(left) != 0 {
		t.Fatalf("files left by the restore on the full disk: %v", left)
	}
	if code, out := run(0, "restaurer", "usb/entiere.age", "--identite", "cle.txt", "--dossier", other); code != 0 {
		t.Fatalf("restore with room again: %d\n%s", code, out)
	}
}

// exportText is the register's export, to compare before and after.
func exportText(t *testing.T, dir string) string {
	t.Helper()
	s, err := registry.Open(dir, registry.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var b strings.Builder
	if err := s.Export("", func(x *registry.Exported) error {
		line, err := json.Marshal(x)
		b.Write(append(line, '\n'))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
