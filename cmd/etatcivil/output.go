package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"etatcivil/internal/words"
)

// pdfOutput is a PDF being written next to its final name, so that a file
// with that name is either absent or complete: commit renames it into
// place, abort removes it.
type pdfOutput struct {
	*os.File
	final string
}

// createPDF checks the -o name and opens the temporary file beside it.
func createPDF(name string) (*pdfOutput, error) {
	if !strings.EqualFold(filepath.Ext(name), ".pdf") {
		return nil, &usageError{"-o " + name + " : le nom du fichier doit finir par .pdf", "par exemple -o copie-naissance-2026-38.pdf"}
	}
	if st, err := os.Stat(filepath.Dir(name)); err != nil || !st.IsDir() {
		return nil, &usageError{"-o " + name + " : le dossier " + filepath.Dir(name) + " n'existe pas", "indiquez un dossier existant, par exemple la clé USB ou le bureau"}
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".etatcivil-*.pdf.tmp")
	if err != nil {
		return nil, fmt.Errorf("écriture de %s : %w", name, err)
	}
	return &pdfOutput{f, name}, nil
}

// commit syncs the file and gives it its final name.
func (p *pdfOutput) commit() error {
	if err := p.Sync(); err != nil {
		p.abort()
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	if err := p.Close(); err != nil {
		p.abort()
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	if err := os.Rename(p.Name(), p.final); err != nil {
		os.Remove(p.Name())
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	return nil
}

// abort removes the temporary file.
func (p *pdfOutput) abort() {
	p.Close()
	os.Remove(p.Name())
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
