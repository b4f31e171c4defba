//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"runtime"
)

// openers are the programs that open a page in the user's default
// browser, tried in this order (those github.com/cli/browser tried).
var openers = []string{"xdg-open", "x-www-browser", "www-browser", "wslview"}

// openBrowser opens the local page path in the default browser and
// reports whether its opener ran and succeeded: the first of openers
// found on the PATH (open on macOS), its output discarded. It starts the
// program itself rather than through os/exec, which nothing else in the
// program links (about 75 KB of the binary, issue 22's budget).
func openBrowser(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	names := openers
	if runtime.GOOS == "darwin" {
		names = []string{"open"}
	}
	for _, name := range names {
		prog := lookPath(name)
		if prog == "" {
			continue
		}
		null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
		if err != nil {
			return false
		}
		p, err := os.StartProcess(prog, []string{name, "file://" + abs}, &os.ProcAttr{Files: []*os.File{null, null, null}})
		null.Close()
		if err != nil {
			return false
		}
		st, err := p.Wait()
		return err == nil && st.Success()
	}
	return false
}

// lookPath finds an executable file named name in a folder of the PATH
// (absolute folders only: never the current folder), or "".
func lookPath(name string) string {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if !filepath.IsAbs(dir) {
			continue
		}
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}
