//go:build !windows && !darwin

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenBrowser runs openBrowser with stand-in openers on the PATH: the
// first one found gets the page's file:// address; one that fails, or
// none at all, is reported.
func TestOpenBrowser(t *testing.T) {
	bin, out := t.TempDir(), filepath.Join(t.TempDir(), "ouvert")
	page := filepath.Join(t.TempDir(), "guichet.html")
	opener := func(name, script string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", "relatif:"+bin)
	if openBrowser(page) {
		t.Fatal("opened with no opener on the PATH")
	}
	opener("www-browser", `echo "www-browser $1" > `+out)
	opener("x-www-browser", `echo "x-www-browser $1" > `+out)
	if !openBrowser(page) {
		t.Fatal("x-www-browser not run")
	}
	if got, _ := os.ReadFile(out); strings.TrimSpace(string(got)) != "x-www-browser file://"+page {
		t.Fatalf("opener called with %q", got)
	}
	opener("xdg-open", "exit 3")
	if openBrowser(page) {
		t.Fatal("a failed xdg-open reported as opened")
	}
}
