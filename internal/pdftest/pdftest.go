// Package pdftest checks the PDFs that etatcivil writes, for the tests
// only: a strict structural validation (pdfcpu, then qpdf when present)
// and the text that poppler's pdftotext reads back. The program itself
// never imports it.
package pdftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func init() {
	// Keep pdfcpu from writing a configuration folder in the user's home.
	model.ConfigPath = "disable"
}

// RequiredEnv names the environment variable that .ci/run sets: when it
// is set, a missing tool fails the tests instead of skipping them.
const RequiredEnv = "ETATCIVIL_OUTILS_PDF"

// NeedPoppler skips the test when pdftotext is missing on a developer's
// machine, and fails it in CI.
func NeedPoppler(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv(RequiredEnv) != "" {
			t.Fatalf("pdftotext manque (poppler-utils) alors que %s est défini", RequiredEnv)
		}
		t.Skip("pdftotext absent (apt-get install poppler-utils) : vérification du texte des PDF sautée")
	}
}

// Validate checks a PDF file with pdfcpu in strict mode, then with
// `qpdf --check` when qpdf is installed.
func Validate(path string) error {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.ValidateFile(path, conf); err != nil {
		return fmt.Errorf("pdfcpu (strict) : %w", err)
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
		if err != nil {
			return fmt.Errorf("qpdf --check : %v\n%s", err, out)
		}
	}
	return nil
}

// Text returns the text of a PDF file as pdftotext reads it, page layout kept.
func Text(path string) (string, error) {
	var out, errOut bytes.Buffer
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pdftotext %s : %v %s", path, err, errOut.String())
	}
	return out.String(), nil
}

// TextFlow returns the text of a PDF file in reading order, each column
// apart (pdftotext without -layout).
func TextFlow(path string) (string, error) {
	var out, errOut bytes.Buffer
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", path, "-")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pdftotext %s : %v %s", path, err, errOut.String())
	}
	return out.String(), nil
}
