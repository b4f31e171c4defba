package guichet

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"etatcivil/registry"
)

// LockName is the file, beside the register, that a running counter
// holds locked: a second counter on the same register is refused while
// the first runs. The lock is the operating system's (flock, LockFileEx),
// released when the process ends however it ends, so a killed counter
// never blocks the next one; the file only tells which process holds it.
const LockName = "guichet.verrou"

// lockFile is the lock held by a running counter.
type lockFile struct {
	f    *os.File
	path string
}

// takeLock locks the counter's file in dir, or says which process holds
// it. The error wraps registry.ErrBusy.
func takeLock(dir string) (*lockFile, error) {
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("fichier de verrou du guichet %s : %w", path, err)
	}
	if err := lockExclusive(f); err != nil {
		f.Close()
		who := ""
		if b, err := os.ReadFile(path); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				who = fmt.Sprintf(" (programme n° %d)", pid)
			}
		}
		return nil, &busyError{"le guichet est déjà ouvert sur ce registre" + who + " : un seul guichet à la fois ; revenez à sa page, ou fermez-le (Ctrl+C dans sa fenêtre) avant d'en ouvrir un autre"}
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &lockFile{f: f, path: path}, nil
}

// busyError is a counter refused because another one runs on the same
// register: registry.ErrBusy with its own words.
type busyError struct{ msg string }

func (e *busyError) Error() string { return e.msg }
func (e *busyError) Unwrap() error { return registry.ErrBusy }

// release removes the file and lets the lock go.
func (l *lockFile) release() {
	if l == nil || l.f == nil {
		return
	}
	os.Remove(l.path) // before closing, so that no other counter's fresh file is removed
	l.f.Close()
	l.f = nil
}
