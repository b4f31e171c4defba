package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/registry"
)

// TestBackupAndRestoreKilledAtRandomMoments kills sauvegarde and
// restaurer with SIGKILL at random moments, between registrations. After
// each kill the register opens, is not behind its witness, takes the next
// write, and no command ever advises creating a register; a backup under
// its final name is always whole and signed. ETATCIVIL_KILLS sets the
// kills of each command (8 by default).
func TestBackupAndRestoreKilledAtRandomMoments(t *testing.T) {
	kills := 8
	if v := os.Getenv("ETATCIVIL_KILLS"); v != "" {
		fmt.Sscan(v, &kills)
	}
	if testing.Short() {
		kills = 2
	}
	bin, err := exec.LookPath("etatcivil")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	dir := filepath.Join(work, "registre")
	usb := filepath.Join(work, "usb")
	os.Mkdir(usb, 0o700)
	birth, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "naissance.json"))
	run := func(args ...string) (*exec.Cmd, *bytes.Buffer) {
		c := exec.Command(bin, args...)
		c.Dir = work
		c.Env = append(append(os.Environ(), "ETATCIVIL_DOSSIER="+dir), testPhrases()...)
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		return c, &out
	}
	must := func(args ...string) string {
		t.Helper()
		c, out := run(args...)
		if err := c.Run(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return out.String()
	}
	must("init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme", "--secours", "cle.txt")
	must("officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue")
	must("numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "37")
	for range 20 {
		must("naissance", "--fichier", birth, "--doublon-confirme")
	}
	must("sauvegarde", "--meme-disque", "-o", "usb/base.age")

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 19))
	took := map[string]time.Duration{}
	for i := 0; i < 2*kills+4; i++ {
		var args []string
		if i%2 == 0 {
			args = []string{"sauvegarde", "--meme-disque", "-o", fmt.Sprintf("usb/b%d.age", i)}
		} else {
			args = []string{"restaurer", "usb/base.age", "--identite", "cle.txt", "--force"}
		}
		c, out := run(args...)
		start := time.Now()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		d := took[args[0]]
		if d > 0 {
			time.Sleep(time.Duration(rng.Int64N(int64(d) * 6 / 5)))
			c.Process.Kill()
		}
		err := c.Wait()
		if d == 0 {
			if err != nil {
				t.Fatalf("%v alone: %v\n%s", args, err, out)
			}
			took[args[0]] = time.Since(start)
		}
		if strings.Contains(out.String(), "etatcivil init") {
			t.Fatalf("%v advised init:\n%s", args, out)
		}
		// The next command finds a register it can write to.
		c, out = run("naissance", "--fichier", birth, "--doublon-confirme")
		if err := c.Run(); err != nil {
			t.Fatalf("after %v killed: the next registration fails: %v\n%s", args, err, out)
		}
	}
	s, err := registry.Open(dir, registry.Options{ReadOnly: true, Parts: parts})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if rep, err := s.Check(); err != nil || rep.Err() != nil {
		t.Fatalf("control after the kills: %v %v", err, rep.Err())
	}
	trust, _ := s.Trust()
	backups, _ := filepath.Glob(filepath.Join(usb, "*.age"))
	for _, b := range backups {
		f, err := os.Open(b)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		bf, err := registry.OpenBackup(f, st.Size(), trust)
		if err == nil {
			err = bf.Verify(nil)
		}
		f.Close()
		if err != nil {
			t.Fatalf("%s under its final name is not a whole signed backup: %v", filepath.Base(b), err)
		}
	}
	t.Logf("times alone: %v; %d whole backups", took, len(backups))
}
