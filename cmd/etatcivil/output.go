package main

import (
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/internal/medium"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// Outputs (-o): their rules (never over a file unless --remplacer, never
// a file of the register, complete or absent, nothing left in clear
// outside the register's folder) are internal/medium's (output.go), which
// the counter's pages follow too.

// sameFolder tells whether two paths name the same folder.
var sameFolder = medium.SameFolder

// outFile is an output being written (internal/medium).
type outFile = medium.OutFile

// output is where this run's outputs go (internal/medium).
func (e *env) output() medium.Output {
	dir, _ := e.dir()
	return medium.Output{RegisterDir: dir, Replace: e.replace}
}

func (e *env) checkOutput(name string) error { return e.output().Check(name) }

func checkDir(name string) error { return medium.CheckDir(name) }

func (e *env) createOut(name string) (*outFile, error) { return e.output().Create(name) }

func (e *env) openOut(name string, clear bool) (*outFile, error) { return e.output().Open(name, clear) }

func (e *env) writeOut(path string, write func(io.Writer) error) error {
	return e.output().Write(path, write)
}

// replaceFlag adds --remplacer to a command that writes a file with -o.
func (e *env) replaceFlag(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&e.replace, "remplacer", false, "remplace le fichier de sortie s'il existe déjà (sinon, refusé)")
}

// createPDF checks the -o name and opens the output.
func (e *env) createPDF(name string) (*outFile, error) {
	if err := e.checkPDFName(name); err != nil {
		return nil, err
	}
	return e.createOut(name)
}

// checkPDFName refuses a -o name that is not a PDF in an existing folder,
// or that names a file that exists (see checkOutput).
func (e *env) checkPDFName(name string) error {
	if !strings.EqualFold(filepath.Ext(name), ".pdf") {
		return &usageError{"-o " + name + " : le nom du fichier doit finir par .pdf", "par exemple -o copie-naissance-2026-38.pdf"}
	}
	return e.checkOutput(name)
}

// sweepTemps removes the temporary files that commands killed before
// they ended left in the register's folder, and those they recorded
// there (outputs on a medium), each command doing so before it starts:
// only files of processes that no longer run are removed.
func (e *env) sweepTemps() {
	if dir, err := e.dir(); err == nil {
		registry.SweepTemps(dir)
	}
}

// figures writes a date AAAA-MM-JJ as JJ/MM/AAAA, a partial date
// AAAA-MM (month known) as MM/AAAA; anything else (a year alone) as is.
func figures(date string) string {
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return words.Figures(t)
	}
	if t, err := time.Parse("2006-01", date); err == nil {
		return t.Format("01/2006")
	}
	return date
}

// dayBefore returns the day before a date AAAA-MM-JJ.
func dayBefore(date string) string {
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return t.AddDate(0, 0, -1).Format("2006-01-02")
	}
	return date
}

// writePDF writes a PDF file through write: the file appears complete, or not at all.
func (e *env) writePDF(path string, write func(io.Writer) error) error {
	if err := e.checkPDFName(path); err != nil {
		return err
	}
	return e.writeOut(path, write)
}

// stampLayout writes a moment as clerks read it: "24/11/2026 à 10:15".
const stampLayout = "02/01/2006 à 15:04"

// stamp writes an RFC 3339 time as "24/11/2026 à 10:15", in local time.
func stamp(rfc string) string {
	t, err := time.Parse(time.RFC3339, rfc)
	if err != nil {
		return rfc
	}
	return t.Local().Format(stampLayout)
}
