package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestImportKilledAtRandomMoments kills, with SIGKILL, an import of a
// file written in several transactions (ETATCIVIL_IMPORT_LOT) at random
// moments, between 0 and 1.2 times its duration alone. After each kill
// the register holds the acts it held before the import or all those of
// the file, never some, passes the control, and takes the next import.
// ETATCIVIL_KILLS sets the number of kills (20 by default).
func TestImportKilledAtRandomMoments(t *testing.T) {
	kills, bin := killTest(t, 20, 3)
	work := t.TempDir()
	run := func(dir string, args ...string) (string, error) {
		c := exec.Command(bin, append([]string{"--dossier", dir, "--agent", "crash"}, args...)...)
		c.Dir = work
		c.Env = append(os.Environ(), append(testPhrases(), "ETATCIVIL_IMPORT_LOT=100")...)
		out, err := c.CombinedOutput()
		return string(out), err
	}
	must := func(dir string, args ...string) string {
		t.Helper()
		out, err := run(dir, args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return out
	}
	// The file: an export of a generated register of 800 acts.
	src := filepath.Join(work, "source")
	must(src, "demo", "--volume", "800", "--dossier", src)
	file := filepath.Join(work, "export.jsonl")
	must(src, "export", "-o", file)
	years := map[[2]string]bool{}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a struct {
			Registre string `json:"registre"`
			Annee    int    `json:"annee"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		years[[2]string{a.Registre, strconv.Itoa(a.Annee)}] = true
		lines++
	}
	f.Close()

	// The register before the import, kept to start each round from it.
	base := filepath.Join(work, "base")
	must(base, "init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme")
	must(base, "officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue")
	must(base, "officier", "ajouter", "--id", "o2", "--prenoms", "Karim", "--nom", "BENALI", "--qualite", "fonctionnaire-delegue")
	for ry := range years {
		must(base, "numerotation", "--registre", ry[0], "--annee", ry[1], "--dernier", "0")
	}
	acts := func(dir string) int {
		t.Helper()
		out := must(dir, "controle")
		m := controlCount.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("controle:\n%s", out)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	if n := acts(base); n != 0 {
		t.Fatalf("base register holds %d acts", n)
	}
	copyDir := func(from, to string) {
		t.Helper()
		os.RemoveAll(to)
		if out, err := exec.Command("cp", "-a", from, to).CombinedOutput(); err != nil {
			t.Fatalf("cp: %v %s", err, out)
		}
	}

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 23))
	var alone time.Duration
	before, after := 0, 0
	for i := -1; i < kills; i++ {
		dir := filepath.Join(work, fmt.Sprintf("r%d", i+1))
		copyDir(base, dir)
		c := exec.Command(bin, "--dossier", dir, "--agent", "crash", "import", file)
		c.Dir = work
		c.Env = append(os.Environ(), append(testPhrases(), "ETATCIVIL_IMPORT_LOT=100")...)
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		start := time.Now()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		if i >= 0 {
			time.Sleep(time.Duration(rng.Int64N(int64(alone) * 6 / 5)))
			c.Process.Kill()
		}
		err := c.Wait()
		if i < 0 {
			if err != nil {
				t.Fatalf("import alone: %v\n%s", err, &out)
			}
			alone = time.Since(start)
		}
		// Before or after, never between; the control is clean (acts
		// runs it and fails on any break), and the temporary register
		// the kill left is gone (every command removes those of
		// processes that no longer run).
		n := acts(dir)
		if left, _ := filepath.Glob(filepath.Join(dir, ".etatcivil-*")); len(left) > 0 {
			t.Fatalf("round %d: temporary files left after the next command: %v", i, left)
		}
		switch {
		case i < 0:
		case n == 0:
			before++
			if before > 2 {
				break
			}
			// The next import goes through, over what the kill left.
			must(dir, "import", file)
			if n := acts(dir); n != lines {
				t.Fatalf("round %d: the import after a kill gives %d acts, want %d", i, n, lines)
			}

		case n == lines:
			after++
		default:
			t.Fatalf("round %d: killed after %v, the register holds %d acts of %d: between before and after", i, time.Since(start), n, lines)
		}
		os.RemoveAll(dir)
	}
	t.Logf("%d acts in batches of 100, import alone %v; %d kills: %d before, %d after", lines, alone, kills, before, after)
}

// controlCount finds the acts counted by controle.
var controlCount = regexp.MustCompile(`Contrôle du registre .* : (\d+) actes?,`)
