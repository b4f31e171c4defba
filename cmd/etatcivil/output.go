package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"etatcivil/internal/words"
)

// outFile is a file being written next to its final name, so that a file
// with that name is either absent or complete: commit renames it into
// place, abort removes it.
type outFile struct {
	*os.File
	final string
	// noReplace refuses, at commit, to replace a file that appeared
	// meanwhile (a backup never overwrites another).
	noReplace bool
}

// createPDF checks the -o name and opens the temporary file beside it.
func createPDF(name string) (*outFile, error) {
	if err := checkPDFName(name); err != nil {
		return nil, err
	}
	return createOut(name)
}

// checkPDFName refuses a -o name that is not a PDF in an existing folder.
func checkPDFName(name string) error {
	if !strings.EqualFold(filepath.Ext(name), ".pdf") {
		return &usageError{"-o " + name + " : le nom du fichier doit finir par .pdf", "par exemple -o copie-naissance-2026-38.pdf"}
	}
	return checkDir(name)
}

// checkDir refuses a -o name whose folder does not exist.
func checkDir(name string) error {
	if st, err := os.Stat(filepath.Dir(name)); err != nil || !st.IsDir() {
		return &usageError{"-o " + name + " : le dossier " + filepath.Dir(name) + " n'existe pas", "indiquez un dossier existant, par exemple la clé USB ou le bureau"}
	}
	return nil
}

// createOut opens the temporary file of an output named name.
func createOut(name string) (*outFile, error) {
	if err := checkDir(name); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".etatcivil-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("écriture de %s : %w", name, err)
	}
	return &outFile{File: f, final: name}, nil
}

// commit syncs the file and gives it its final name.
func (p *outFile) commit() error {
	if err := p.Sync(); err != nil {
		p.abort()
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	if err := p.Close(); err != nil {
		p.abort()
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	if p.noReplace {
		// The check and the naming are one step (see nameNoReplace).
		if err := nameNoReplace(p.Name(), p.final); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return &usageError{"le fichier " + p.final + " existe déjà", "choisissez un autre nom : une sauvegarde n'en remplace jamais une autre"}
			}
			return fmt.Errorf("écriture de %s : %w", p.final, err)
		}
		syncDir(filepath.Dir(p.final))
		return nil
	}
	if err := os.Rename(p.Name(), p.final); err != nil {
		os.Remove(p.Name())
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	syncDir(filepath.Dir(p.final))
	return nil
}

// abort removes the temporary file.
func (p *outFile) abort() {
	p.Close()
	os.Remove(p.Name())
}

// syncDir makes a new name in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// figures writes a date AAAA-MM-JJ as JJ/MM/AAAA; anything else as is.
func figures(date string) string {
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return words.Figures(t)
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
func writePDF(path string, write func(io.Writer) error) error {
	out, err := createPDF(path)
	if err != nil {
		return err
	}
	if err := write(out); err != nil {
		out.abort()
		return err
	}
	return out.commit()
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
