package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// TestKilledAtRandomMoments unplugs the laptop, over and over: a process
// registering a birth, printing its sheet, signing it, adding a mention
// or delivering a copy is killed with SIGKILL at a random moment. Afterwards the register must
// pass control (journal chain intact, every record matching its entry,
// numbers contiguous from the first), every number must be held by one
// act, and every copy file that bears its final name must be a whole PDF.
// The next command leaves no temporary file. ETATCIVIL_KILLS sets the
// number of kills (25 by default; .ci/kills asks for 200). Backups,
// restores, imports and exports are killed by
// TestBackupRestoreAndImportKilledAtRandomMoments.
// killTest returns how many kills a kill test makes (ETATCIVIL_KILLS, else
// def, or short with -short) and the program to kill: the test binary,
// put on PATH by testscript.Main.
func killTest(t *testing.T, def, short int) (kills int, bin string) {
	t.Helper()
	kills = def
	if v := os.Getenv("ETATCIVIL_KILLS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		kills = n
	}
	if testing.Short() {
		kills = short
	}
	bin, err := exec.LookPath("etatcivil")
	if err != nil {
		t.Fatal(err)
	}
	return kills, bin
}

func TestKilledAtRandomMoments(t *testing.T) {
	kills, bin := killTest(t, 25, 5)
	work := t.TempDir()
	dir := filepath.Join(work, "registre")
	birth, err := filepath.Abs(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		t.Fatal(err)
	}
	in := func(folder string, args ...string) *exec.Cmd {
		c := exec.Command(bin, append([]string{"--dossier", folder, "--agent", "crash"}, args...)...)
		c.Dir = work
		c.Env = append(os.Environ(), testPhrases()...)
		return c
	}
	command := func(args ...string) *exec.Cmd { return in(dir, args...) }
	for _, args := range [][]string{
		{"init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme"},
		{"officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue"},
		{"numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "37"},
		{"naissance", "--fichier", birth},
		{"imprimer", "naissance/2026/38", "-o", "feuille-38.pdf"},
		{"signer", "naissance/2026/38"},
	} {
		if out, err := command(args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	last := 38 // highest number known to be taken
	completed := map[string]int{}
	// took is how long each command takes when left alone, measured as
	// the test goes: a kill lands anywhere from its start to its end.
	took := map[string]time.Duration{}
	killed := 0
	for i := 0; killed < kills; i++ {
		ref := fmt.Sprintf("naissance/2026/%d", 38+rng.IntN(last-37))
		var args []string
		switch op := rng.IntN(5); op {
		case 0:
			args = []string{"naissance", "--fichier", birth, "--doublon-confirme"} // the same birth again: a confirmed duplicate
		case 1:
			args = []string{"signer", ref}
		case 4:
			args = []string{"imprimer", ref, "-o", fmt.Sprintf("feuille-%d.pdf", i)}
		case 2:
			args = []string{"mention", "ajouter", ref, "--texte", "Rectifié : lire « Chloë ».", "--fondement", "art. 99-1 du Code civil"}
		default:
			args = []string{"copie", ref, "--forme", "integrale", "--demandeur", "Anaïs MÜLLER", "--qualite", "pere-mere",
				"--parents", "anais muller;KARIM OUALI", "-o", fmt.Sprintf("copie-%d.pdf", i)}
		}
		// One run in five, and the first of each command, is left alone.
		kill := i%5 != 4 && took[args[0]] > 0
		c := command(args...)
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		start := time.Now()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		if kill {
			killed++
			time.Sleep(time.Duration(rng.Int64N(int64(took[args[0]]) * 6 / 5)))
			c.Process.Kill() // SIGKILL: no deferred function, no signal handler runs
		}
		err := c.Wait()
		switch {
		case err == nil:
			completed[args[0]]++
			if !kill {
				took[args[0]] = time.Since(start)
			}
			if args[0] == "naissance" {
				if n := lastNumber(out.String()); n > last {
					last = n
				}
			}
		case c.ProcessState.ExitCode() == exitRefused && !kill:
			took[args[0]] = time.Since(start) // refused (a mention on a draft, say): still a measure
		case c.ProcessState.ExitCode() > 0 && c.ProcessState.ExitCode() != exitRefused && c.ProcessState.ExitCode() != exitBusy:
			// A process that ended by itself must have ended well, or
			// been refused: never broken by the kills before it.
			t.Fatalf("%v exited %d:\n%s", args, c.ProcessState.ExitCode(), out.String())
		}
	}
	// The next command removes what the killed ones left (a copy or a
	// sheet half-written beside its name, in clear).
	if out, err := command("lister").CombinedOutput(); err != nil {
		t.Fatalf("lister after the kills: %v\n%s", err, out)
	}
	noTemporaryFiles(t, dir, work)
	t.Logf("%d kills; completed: %v; times alone: %v", kills, completed, took)
	if completed["naissance"] == 0 {
		t.Fatal("no registration completed: the test proved nothing")
	}

	s, err := registry.Open(dir, registry.Options{ReadOnly: true, Parts: parts})
	if err != nil {
		t.Fatalf("the register does not open after the kills: %v", err)
	}
	defer s.Close()
	rep, err := s.Check()
	if err != nil || rep.Err() != nil {
		t.Fatalf("control after %d kills: %v %v", kills, err, rep.Err())
	}
	// Every number from 38 to the last is held by exactly one act, whole.
	var numbers []int
	err = s.List(civil.Naissance, 2026, func(a *civil.Act) error {
		numbers = append(numbers, a.Numero)
		if a.Enfant == nil || a.Enfant.Nom != "MÜLLER" {
			return fmt.Errorf("act %d is not whole: %+v", a.Numero, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range numbers {
		if n != 38+i {
			t.Fatalf("numbers %v: not contiguous from 38", numbers)
		}
	}
	if len(numbers) < last-37 {
		t.Fatalf("number %d was reported registered, the register holds %v", last, numbers)
	}
	// A copy or a sheet under its final name is a whole PDF; half-written
	// ones stay under a temporary name.
	pdfs, _ := filepath.Glob(filepath.Join(work, "copie-*.pdf"))
	sheets, _ := filepath.Glob(filepath.Join(work, "feuille-*.pdf"))
	pdfs = append(pdfs, sheets...)
	for _, p := range pdfs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-64):], []byte("%%EOF")) {
			t.Fatalf("%s is a half-written PDF under its final name", p)
		}
	}
	t.Logf("%d acts, %d journal entries, %d whole copies", rep.Acts, rep.Entries, len(pdfs))
}

// lastNumber reads the reference printed on the last line of a registration.
func lastNumber(out string) int {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	ref, err := civil.ParseRef(lines[len(lines)-1])
	if err != nil {
		return 0
	}
	return ref.Numero
}
