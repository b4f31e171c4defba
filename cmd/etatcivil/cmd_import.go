package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FICHIER",
		Short: "Importe des actes dressés ailleurs (sur papier, ou sur un autre ordinateur), avec leurs numéros",
		Long: `Lit un fichier JSON Lines au format d'échange (docs/format-export.md ; un acte par ligne, avec registre, annee,
numero et statut ; celui d'etatcivil export convient) et inscrit les actes avec leurs numéros, leurs
mentions et leurs copies, en une seule fois : tout ou rien. Les numéros de chaque registre doivent
suivre le dernier numéro attribué, sans trou ni doublon (fixez d'abord la numérotation avec
etatcivil numerotation). Une ligne qui porte son empreinte doit y correspondre.`,
		Example: `  etatcivil import actes-papier-lundi.jsonl`,
		Args:    args(1, "fichier à importer"),
		RunE:    func(cmd *cobra.Command, a []string) error { return e.runImport(a[0]) },
	}
}

func (e *env) runImport(name string) error {
	f, err := openRegular("FICHIER", name) // read twice: never a pipe nor a device
	if err != nil {
		return err
	}
	defer f.Close()
	src := &importFile{f: f, name: name}
	// The register grows by about four times the file: mapped at once.
	if st, err := f.Stat(); err == nil && st.Size() > 64<<20 {
		dir, _ := e.dir()
		held := int64(0)
		if rst, err := os.Stat(filepath.Join(dir, registry.FileName)); err == nil {
			held = rst.Size()
		}
		e.mmapSize = int(held + 5*st.Size())
	}
	// ETATCIVIL_IMPORT_LOT sets the acts written per transaction (see
	// registry.ImportBatch): the kill test makes a small file take the
	// batched path.
	if v, err := strconv.Atoi(os.Getenv("ETATCIVIL_IMPORT_LOT")); err == nil && v > 0 {
		registry.ImportBatch = v
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.ImportFrom(src.each)
	if err != nil {
		return err
	}
	if res.Acts == 0 {
		return civil.Refuse("FICHIER", "aucun acte dans « "+name+" »", "un acte JSON par ligne (voir etatcivil export)")
	}
	fmt.Fprintf(e.out, "%d acte(s) importé(s), avec %d copie(s) :\n", res.Acts, res.Copies)
	for _, r := range res.Ranges {
		fmt.Fprintln(e.out, "  "+r)
	}
	return nil
}

// importFile is an import file read line by line, as often as the
// register asks (see registry.ImportSource), never whole in memory.
type importFile struct {
	f    *os.File
	name string
	sum  []byte // SHA-256 of the file at the first reading
}

// maxImportLine bounds one line of an import file (an act with its copies).
const maxImportLine = 16 << 20

// each reads the file from its start and gives each act to fn. Lines
// that are not acts are refused together, at the end. The file must not
// change between two readings: the second one fails otherwise, and the
// register's transaction is undone.
//
// Lines are decoded ahead, in batches, on every core, while fn works on
// the lines before them.
func (r *importFile) each(fn func(registry.ImportLine) error) error {
	if _, err := r.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	h := sha256.New()
	batches, stop := decodeAhead(bufio.NewReaderSize(io.TeeReader(r.f, h), 1<<20))
	defer close(stop)
	var problems []civil.Problem
	more := 0
	for b := range batches {
		<-b.done
		if b.err != nil {
			return civil.Refuse("FICHIER", fmt.Sprintf("lecture de « %s », ligne %d : %s", r.name, b.first+len(b.lines), frenchIOError(b.err)), "vérifiez le fichier")
		}
		for i, l := range b.lines {
			if l == nil {
				continue
			}
			if derr := b.errs[i]; derr != nil {
				var refused *civil.RefusedError
				if !errors.As(derr, &refused) {
					return derr
				}
				for _, p := range refused.Problems {
					if len(problems) == maxImportProblems {
						more++
						continue
					}
					p.Field = fmt.Sprintf("ligne %d, %s", b.first+i, p.Field)
					p.Rule = stripLine(p.Rule)
					problems = append(problems, p)
				}
				continue
			}
			if len(problems) == 0 {
				if err := fn(registry.ImportLine{Line: b.first + i, Act: b.acts[i]}); err != nil {
					return err
				}
			}
		}
	}
	if more > 0 {
		problems = append(problems, civil.Problem{Field: "FICHIER", Rule: fmt.Sprintf("et %d autre(s) ligne(s) illisible(s)", more), Hint: "corrigez d'abord celles-ci"})
	}
	if len(problems) > 0 {
		return &civil.RefusedError{Problems: problems}
	}
	sum := h.Sum(nil)
	if r.sum == nil {
		r.sum = sum
	} else if !bytes.Equal(sum, r.sum) {
		return civil.Refuse("FICHIER", "« "+r.name+" » a changé pendant l'import : rien n'est importé", "attendez que le fichier soit complet (copie terminée), puis relancez l'import")
	}
	return nil
}

// lineBatch is a run of lines of an import file and what they decode to.
type lineBatch struct {
	first int      // number of the first line
	lines [][]byte // nil for a blank line
	acts  []*registry.Exported
	errs  []error
	err   error         // reading failed after these lines
	done  chan struct{} // closed once decoded
}

// decodeAhead reads lines in batches and decodes them on every core; the
// batches come out in file order. Closing stop ends the reading early.
func decodeAhead(in *bufio.Reader) (<-chan *lineBatch, chan struct{}) {
	const size = 256
	out := make(chan *lineBatch, 2*runtime.GOMAXPROCS(0))
	work := make(chan *lineBatch, 2*runtime.GOMAXPROCS(0))
	stop := make(chan struct{})
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for b := range work {
				for i, l := range b.lines {
					if l != nil {
						var x registry.Exported
						if b.errs[i] = decodeStrict(l, &x); b.errs[i] == nil {
							markNoContract(&x.Act, l)
							b.acts[i] = &x
						}
					}
				}
				close(b.done)
			}
		}()
	}
	go func() {
		defer close(out)
		defer close(work)
		n := 1
		for eof := false; !eof; {
			b := &lineBatch{first: n, done: make(chan struct{})}
			for len(b.lines) < size {
				l, err := in.ReadSlice('\n')
				if err == bufio.ErrBufferFull {
					l, err = readLongLine(in, l)
				} else {
					l = append([]byte(nil), l...)
				}
				if err != nil && err != io.EOF {
					b.err = err
					eof = true
					break
				}
				if n == 1 {
					l = bytes.TrimPrefix(l, []byte("\uFEFF"))
				}
				if len(bytes.TrimSpace(l)) == 0 {
					l = nil
				}
				if l != nil || err != io.EOF {
					b.lines = append(b.lines, l)
					n++
				}
				if err == io.EOF {
					eof = true
					break
				}
			}
			b.acts, b.errs = make([]*registry.Exported, len(b.lines)), make([]error, len(b.lines))
			select {
			case work <- b:
			case <-stop:
				return
			}
			select {
			case out <- b:
			case <-stop:
				return
			}
		}
	}()
	return out, stop
}

// maxImportProblems bounds the unreadable lines listed.
const maxImportProblems = 100

// readLongLine finishes reading a line longer than the reader's buffer.
func readLongLine(in *bufio.Reader, start []byte) ([]byte, error) {
	line := append([]byte(nil), start...)
	for {
		more, err := in.ReadSlice('\n')
		line = append(line, more...)
		if len(line) > maxImportLine {
			return nil, fmt.Errorf("ligne de plus de %d Mo", maxImportLine>>20)
		}
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}
