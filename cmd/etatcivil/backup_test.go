//go:build linux

package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// watchCreations reports every file created directly in the folders
// given, until stop is called: a file created and removed meanwhile (a
// temporary copy) is reported too.
func watchCreations(t *testing.T, dirs ...string) (stop func() []string) {
	t.Helper()
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	names := map[int]string{}
	for _, d := range dirs {
		wd, err := unix.InotifyAddWatch(fd, d, unix.IN_CREATE|unix.IN_MOVED_TO)
		if err != nil {
			t.Fatal(err)
		}
		names[wd] = d
	}
	return func() []string {
		defer unix.Close(fd)
		var out []string
		buf := make([]byte, 64<<10)
		for {
			n, err := unix.Read(fd, buf)
			if n <= 0 || err != nil {
				return out
			}
			for off := 0; off+unix.SizeofInotifyEvent <= n; {
				ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
				name := strings.TrimRight(string(buf[off+unix.SizeofInotifyEvent:off+unix.SizeofInotifyEvent+int(ev.Len)]), "\x00")
				out = append(out, filepath.Join(names[int(ev.Wd)], name))
				off += unix.SizeofInotifyEvent + int(ev.Len)
			}
		}
	}
}

// tree lists every file under root with its size, skipping the folders
// given (relative names).
func tree(t *testing.T, root string, skip ...string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		for _, s := range skip {
			if rel == s {
				return filepath.SkipDir
			}
		}
		if !d.IsDir() {
			info, _ := d.Info()
			out[rel] = info.Size()
		}
		return nil
	})
	return out
}

// issue 23: sauvegarde streams the snapshot, encrypted and signed,
// straight to the medium: nothing is written in the temporary folder, nor
// anywhere but the register's folder (its witness, its journal) and the
// medium (the backup and the medium's witness).
func TestBackupWritesOnlyToTheRegisterAndTheMedium(t *testing.T) {
	bin, err := exec.LookPath("etatcivil")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	tmp := filepath.Join(work, "tmp")
	home := filepath.Join(work, "home")
	for _, d := range []string{tmp, home, filepath.Join(work, "usb")} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	birth, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "naissance.json"))
	run := func(args ...string) {
		t.Helper()
		c := exec.Command(bin, append([]string{"--dossier", filepath.Join(work, "registre")}, args...)...)
		c.Dir = work
		c.Env = append(append(os.Environ(), "TMPDIR="+tmp, "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CACHE_HOME="+filepath.Join(home, "cache")), testPhrases()...)
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	run("init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme", "--secours", "cle.txt")
	run("officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue")
	run("numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "37")
	for range 5 {
		run("naissance", "--fichier", birth, "--doublon-confirme")
	}
	outside := tree(t, work, "registre", "usb")
	inRegister := tree(t, filepath.Join(work, "registre"))

	// No copy of the register on the laptop's disk, not even for a moment.
	stop := watchCreations(t, work, tmp, home, filepath.Join(work, "registre"))
	run("sauvegarde", "--meme-disque", "-o", "usb/lundi.age")
	if created := stop(); len(created) > 0 {
		t.Errorf("the backup created files on the laptop's side: %v", created)
	}

	if got := tree(t, tmp); len(got) != 0 {
		t.Fatalf("the backup wrote in the temporary folder: %v", got)
	}
	after := tree(t, work, "registre", "usb")
	for name, size := range after {
		if was, ok := outside[name]; !ok || was != size {
			t.Errorf("the backup wrote %s (%d bytes) outside the register and the medium", name, size)
		}
	}
	var names []string
	for name := range tree(t, filepath.Join(work, "registre")) {
		if _, ok := inRegister[name]; !ok {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		t.Errorf("new files in the register's folder: %v", names)
	}
	names = names[:0]
	for name := range tree(t, filepath.Join(work, "usb")) {
		names = append(names, name)
	}
	sort.Strings(names)
	if strings.Join(names, " ") != "etatcivil-temoin-59350.json lundi.age" {
		t.Fatalf("the medium holds %v", names)
	}
}
