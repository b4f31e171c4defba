package medium

import (
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
)

// Mount is a removable medium the system has mounted: a folder where a
// backup can go.
type Mount struct {
	Name string // as the system names it: the stick's label, the drive
	Path string
}

// Removable lists the media plugged in and mounted where desktops mount
// them — /run/media/USER/*, /media/USER/*, /media/* on Linux, /Volumes/*
// on macOS, the drive letters D: to Z: on Windows — leaving out those on
// the register's own disk (registerDir). It never fails: a folder it
// cannot read is left out.
func Removable(registerDir string) []Mount {
	var candidates []string
	switch runtime.GOOS {
	case "windows":
		for d := 'D'; d <= 'Z'; d++ {
			candidates = append(candidates, string(d)+`:\`)
		}
	case "darwin":
		candidates = children("/Volumes")
	default:
		name := ""
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
		for _, root := range []string{"/run/media", "/media"} {
			if name != "" {
				candidates = append(candidates, children(filepath.Join(root, name))...)
			}
			for _, c := range children(root) {
				if filepath.Base(c) != name {
					candidates = append(candidates, c)
				}
			}
		}
	}
	var out []Mount
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		if st, err := os.Stat(c); err != nil || !st.IsDir() {
			continue
		}
		if same, err := SameDevice(c, registerDir); err != nil || same {
			continue
		}
		name := filepath.Base(c)
		if runtime.GOOS == "windows" {
			name = c[:2]
		}
		out = append(out, Mount{Name: name, Path: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// children lists the folders in dir.
func children(dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}
