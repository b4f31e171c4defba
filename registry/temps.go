package registry

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Temporary files. A command killed (a power cut, a SIGKILL) leaves its
// temporary files behind: a restore's copy of a register, a partial
// export. Every temporary file the program makes is named
//
//	.etatcivil-PID-KIND-RANDOM.EXT
//
// with the number of the process that made it, so that a later command
// can tell that the process no longer runs and remove the file
// (SweepTemps). A temporary file made outside the register's folder (an
// export being written on a USB stick) is recorded in the register's
// folder while it exists, so that the sweep finds it.

// tempPrefix starts the name of every temporary file.
const tempPrefix = ".etatcivil-"

// recordExt ends the name of the record of a temporary file made outside
// the register's folder.
const recordExt = ".sortie"

// TempPattern is the pattern, for os.CreateTemp, of a temporary file of
// this process: kind says what it is ("restauration", "export"), ext how
// its name ends (".db", ".tmp").
func TempPattern(kind, ext string) string {
	return fmt.Sprintf("%s%d-%s-*%s", tempPrefix, os.Getpid(), kind, ext)
}

// tempOwner returns the process number in the name of a temporary file.
func tempOwner(name string) (int, bool) {
	rest, ok := strings.CutPrefix(filepath.Base(name), tempPrefix)
	if !ok {
		return 0, false
	}
	n, _, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(n)
	return pid, ok && err == nil && pid > 0
}

// RecordTemp records in the register's folder dir the temporary file
// path made elsewhere, and returns the record's name (to remove with
// DropRecord once the file is named or removed).
func RecordTemp(dir, path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, TempPattern("sortie", recordExt))
	if err != nil {
		return "", err
	}
	_, err = f.WriteString(abs)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	syncDir(dir)
	return f.Name(), nil
}

// CreateRecordedTemp creates a temporary file of this process in dir,
// named after kind and ext (see TempPattern), recorded first in the
// register's folder regDir when dir is another folder: killed at any
// moment, the process leaves no file that the next sweep does not find.
// It returns the file and its record ("" when none), to remove with
// DropRecord once the file is named or removed.
func CreateRecordedTemp(dir, regDir, kind, ext string) (*os.File, string, error) {
	if regDir == "" || sameDir(dir, regDir) {
		f, err := os.CreateTemp(dir, TempPattern(kind, ext))
		return f, "", err
	}
	for range 100 {
		var rnd [8]byte
		rand.Read(rnd[:])
		name := filepath.Join(dir, strings.Replace(TempPattern(kind, ext), "*", hex.EncodeToString(rnd[:]), 1))
		record, err := RecordTemp(regDir, name)
		if err != nil {
			return nil, "", err
		}
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			DropRecord(record)
			continue
		}
		if err != nil {
			DropRecord(record)
			return nil, "", err
		}
		return f, record, nil
	}
	return nil, "", fs.ErrExist
}

// sameDir tells whether two paths name the same folder.
func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// DropRecord removes a record made by RecordTemp.
func DropRecord(record string) {
	if record != "" {
		os.Remove(record)
	}
}

// SweepTemps removes the temporary files that processes no longer
// running left in the register's folder dir, and those they left
// elsewhere that dir records (a record whose file lies on a medium not
// plugged in stays, for a later sweep). It returns the names removed. A
// file that is not named as the program names its temporary files is
// never touched.
func SweepTemps(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, en := range entries {
		name := en.Name()
		pid, ok := tempOwner(name)
		if !ok || processAlive(pid) || !en.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, name)
		if strings.HasSuffix(name, recordExt) {
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			target := string(data)
			if owner, ok := tempOwner(target); !ok || owner != pid {
				os.Remove(path) // not one of ours: the record only
				continue
			}
			err = os.Remove(target)
			switch {
			case err == nil:
				removed = append(removed, target)
			case errors.Is(err, fs.ErrNotExist):
				if _, err := os.Stat(filepath.Dir(target)); err != nil {
					continue // the medium is not there: later
				}
			default:
				continue
			}
		}
		if os.Remove(path) == nil && !strings.HasSuffix(name, recordExt) {
			removed = append(removed, path)
		}
	}
	return removed
}
