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
	"etatcivil/registry"
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
		// Link fails when the name exists: the check and the naming are one step.
		if err := os.Link(p.Name(), p.final); err != nil {
			os.Remove(p.Name())
			if errors.Is(err, fs.ErrExist) {
				return &usageError{"le fichier " + p.final + " existe déjà", "choisissez un autre nom : une sauvegarde n'en remplace jamais une autre"}
			}
			return fmt.Errorf("écriture de %s : %w", p.final, err)
		}
		os.Remove(p.Name())
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

// progress shows how far a long copy has gone, on a terminal only: one
// line rewritten in place, at most ten times a second.
type progress struct {
	label       string
	unit        string // "actes": counts things; empty: counts bytes
	total, done int64
	out         io.Writer // nil: silent
	last        time.Time
	finished    bool
}

// newProgress returns a progress line on standard error when it is a
// terminal, and a silent one otherwise.
func (e *env) newProgress(label string, total int64) *progress {
	p := &progress{label: label, total: total}
	if e.interactive {
		p.out = e.errOut
	}
	return p
}

// newCounter is newProgress for things counted, not bytes: "actes".
func (e *env) newCounter(label string, total int64, unit string) *progress {
	p := e.newProgress(label, total)
	p.unit = unit
	return p
}

// progressHook returns what the register calls to show how far a long
// operation has gone (control, import, export): one bar per step, on a
// terminal only.
func (e *env) progressHook() func(registry.Progress) {
	if !e.interactive {
		return nil
	}
	var bar *progress
	return func(p registry.Progress) {
		if bar != nil && bar.label != p.Step {
			bar.finish()
			bar = nil
		}
		if bar == nil {
			bar = e.newCounter(p.Step, int64(p.Total), p.Unit)
		}
		bar.total = int64(p.Total)
		bar.add(p.Done - int(bar.done))
		if p.Total > 0 && p.Done >= p.Total {
			bar.finish()
			bar = nil
		}
	}
}

// add counts n more bytes (or things) done.
func (p *progress) add(n int) {
	p.done += int64(n)
	if p.out == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.draw()
}

func (p *progress) draw() {
	if p.total <= 0 && p.unit != "" && !p.finished { // total unknown: the count only
		fmt.Fprintf(p.out, "\r%s … (%s %s)", p.label, words.Count(p.done), p.unit)
		return
	}
	pct := 100
	if p.total > 0 {
		pct = max(0, min(100, int(p.done*100/p.total)))
	}
	bar := strings.Repeat("█", pct/5) + strings.Repeat("░", 20-pct/5)
	done := words.Size(p.done)
	if p.unit != "" {
		done = words.Count(p.done) + " " + p.unit
	}
	fmt.Fprintf(p.out, "\r%s %s %3d %% (%s)", p.label, bar, pct, done)
}

// finish draws the full bar and ends its line.
func (p *progress) finish() {
	if p.out != nil && !p.finished {
		p.finished = true
		p.done = p.total
		p.draw()
		fmt.Fprintln(p.out)
	}
}

// reader counts what r reads.
func (p *progress) reader(r io.Reader) io.Reader { return &progressReader{r, p} }

type progressReader struct {
	r io.Reader
	p *progress
}

func (r *progressReader) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	r.p.add(n)
	if err == io.EOF {
		r.p.finish()
	}
	return n, err
}

// writer counts what is written to w.
func (p *progress) writer(w io.Writer) io.Writer { return &progressWriter{w, p} }

type progressWriter struct {
	w io.Writer
	p *progress
}

func (w *progressWriter) Write(b []byte) (int, error) {
	n, err := w.w.Write(b)
	w.p.add(n)
	return n, err
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
