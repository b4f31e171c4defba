package registry

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// deadPID returns the number of a process that ran and ended.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	return c.Process.Pid
}

// The temporary files of a process that no longer runs are removed, in
// the register's folder and where its records say (a stick); those of a
// running process, and files not named as ours, are kept; a record whose
// stick is not plugged in stays for a later sweep.
func TestSweepTemps(t *testing.T) {
	dir, usb := t.TempDir(), t.TempDir()
	dead := strconv.Itoa(deadPID(t))
	mine := strconv.Itoa(os.Getpid())
	write := func(path string) string {
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	staleHere := write(filepath.Join(dir, ".etatcivil-"+dead+"-restauration-1.db"))
	staleThere := write(filepath.Join(usb, ".etatcivil-"+dead+"-sortie-2.tmp"))
	write(filepath.Join(dir, ".etatcivil-"+dead+"-sortie-3.sortie"))
	os.WriteFile(filepath.Join(dir, ".etatcivil-"+dead+"-sortie-3.sortie"), []byte(staleThere), 0o600)
	unplugged := filepath.Join(dir, ".etatcivil-"+dead+"-sortie-4.sortie")
	os.WriteFile(unplugged, []byte(filepath.Join(usb, "absent", ".etatcivil-"+dead+"-sortie-5.tmp")), 0o600)
	notOurs := filepath.Join(dir, ".etatcivil-"+dead+"-sortie-6.sortie")
	userFile := write(filepath.Join(usb, "rapport.pdf"))
	os.WriteFile(notOurs, []byte(userFile), 0o600)
	running := write(filepath.Join(dir, ".etatcivil-"+mine+"-sortie-7.tmp"))
	other := write(filepath.Join(dir, ".cache"))

	SweepTemps(dir)
	for _, gone := range []string{staleHere, staleThere, filepath.Join(dir, ".etatcivil-"+dead+"-sortie-3.sortie"), notOurs} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s not removed", gone)
		}
	}
	for _, kept := range []string{unplugged, userFile, running, other} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s removed", kept)
		}
	}
}
