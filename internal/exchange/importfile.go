package exchange

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"

	"etatcivil/civil"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// ImportFile is an import file read line by line, as often as the
// register asks (see registry.ImportSource), never whole in memory.
type ImportFile struct {
	R    io.ReadSeeker
	Name string // as the clerk knows it, in refusals
	sum  []byte // SHA-256 of the file at the first reading
}

// maxImportLine bounds one line of an import file (an act with its copies).
const maxImportLine = 16 << 20

// Each reads the file from its start and gives each act to fn. Lines
// that are not acts are refused together, at the end. The file must not
// change between two readings: the second one fails otherwise, and the
// register's transaction is undone.
//
// Lines are decoded ahead, in batches, on every core, while fn works on
// the lines before them.
func (r *ImportFile) Each(fn func(registry.ImportLine) error) error {
	if _, err := r.R.Seek(0, io.SeekStart); err != nil {
		return err
	}
	h := sha256.New()
	batches, stop := decodeAhead(bufio.NewReaderSize(io.TeeReader(r.R, h), 1<<20))
	defer close(stop)
	var problems []civil.Problem
	more := 0
	for b := range batches {
		<-b.done
		if b.err != nil {
			return civil.Refuse("FICHIER", fmt.Sprintf("lecture de « %s », ligne %d : %s", r.Name, b.first+len(b.lines), IOError(b.err)), "vérifiez le fichier")
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
					p.Rule = StripLine(p.Rule)
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
		problems = append(problems, civil.Problem{Field: "FICHIER", Rule: "et " + words.Plural(more, "autre ligne illisible", "autres lignes illisibles"), Hint: "corrigez d'abord celles-ci"})
	}
	if len(problems) > 0 {
		return &civil.RefusedError{Problems: problems}
	}
	sum := h.Sum(nil)
	if r.sum == nil {
		r.sum = sum
	} else if !bytes.Equal(sum, r.sum) {
		return civil.Refuse("FICHIER", "« "+r.Name+" » a changé pendant l'import : rien n'est importé", "attendez que le fichier soit complet (copie terminée), puis relancez l'import")
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
						if b.errs[i] = decodeLine(l, &x); b.errs[i] == nil {
							MarkNoContract(&x.Act, l)
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

// IOError says in French why a file could not be opened or read:
// the system's own message is English.
func IOError(err error) string {
	var errno syscall.Errno
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "fichier introuvable"
	case errors.Is(err, os.ErrPermission):
		return "accès refusé"
	case errors.As(err, &errno) && errno == syscall.EISDIR:
		return "c'est un dossier"
	case errors.As(err, &errno) && errno == syscall.ENOTDIR:
		return "un élément du chemin n'est pas un dossier"
	case errors.As(err, &errno) && errno == syscall.ENAMETOOLONG:
		return "nom trop long"
	case errors.As(err, &errno) && errno == syscall.ELOOP:
		return "trop de liens symboliques"
	case errors.As(err, &errno) && errno == syscall.EIO:
		return "erreur de lecture du disque ou de la clé USB"
	}
	return "erreur de lecture"
}

// Empty refuses an import (r) that brought no act: the file named name held
// none (blank lines only). Nothing was written.
func Empty(r registry.Imported, name string) error {
	if r.Acts > 0 {
		return nil
	}
	return civil.Refuse("FICHIER", "aucun acte dans « "+name+" »", "un fichier d'échange porte un acte par ligne, tel que l'export l'écrit")
}

// Report is what is said of an import (r): the acts and copies, then a line
// per register-year with the numbers imported.
func Report(r registry.Imported) []string {
	copies := "sans copie"
	if r.Copies > 0 {
		copies = "avec " + words.Plural(r.Copies, "copie", "copies")
	}
	lines := []string{words.Plural(r.Acts, "acte importé", "actes importés") + ", " + copies + " :"}
	for _, x := range r.Ranges {
		lines = append(lines, "  "+x)
	}
	return lines
}
