package medium

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A backup of the same name that appeared meanwhile is never replaced.
func TestNameNoReplaceWithoutHardLinks(t *testing.T) {
	LinkFile = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	defer func() { LinkFile = os.Link }()
	d := t.TempDir()
	tmp, final := filepath.Join(d, ".etatcivil-1.tmp"), filepath.Join(d, "lundi.age")
	os.WriteFile(tmp, []byte("nouvelle"), 0o600)
	os.WriteFile(final, []byte("ancienne"), 0o600)
	if err := NameNoReplace(tmp, final); !os.IsExist(err) && !strings.Contains(err.Error(), "exist") {
		t.Fatalf("replacing an existing backup: %v", err)
	}
	if b, _ := os.ReadFile(final); string(b) != "ancienne" {
		t.Fatal("the existing backup was replaced")
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatal("the temporary file was left")
	}
}
