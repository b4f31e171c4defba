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

	"github.com/spf13/cobra"

	"etatcivil/internal/medium"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// Outputs (-o). A file given with -o is never written over, nor a named
// pipe replaced, unless the clerk gives --remplacer (a backup never: each
// backup is kept). The file appears under its name complete, or not at
// all: it is written under no name or a temporary one, then named. And
// nothing is ever left behind in clear outside the register's folder:
//
//   - where the filesystem can (ext4, btrfs, XFS, tmpfs: the laptop's
//     disk), the file is written without a name (O_TMPFILE) and named
//     once complete: a process killed meanwhile leaves nothing;
//   - where it cannot (FAT and exFAT USB sticks), a document in clear (an
//     export, a copy, an agenda) is written first, without a name, in the
//     register's folder, then copied to a temporary file beside its name,
//     which is renamed: the temporary file lives only for the copy, and
//     it is recorded in the register's folder, so that the next command
//     removes it if the process was killed (registry.SweepTemps). An
//     encrypted backup is written to the medium directly, under a
//     temporary name that the next backup on that medium removes if the
//     process was killed (internal/medium).

// outFile is an output being written: commit gives it its name, abort
// drops it.
type outFile struct {
	*os.File // what is written to
	final    string
	replace  bool   // --remplacer: a file of that name is replaced
	tmp      string // the name of File when it has one
	record   string // the register folder's record of tmp, when tmp lies outside it
	staged   bool   // File is in the register's folder, copied beside final at commit
	regDir   string // the register's folder, "" when there is none
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

// checkDir refuses a -o name whose folder does not exist.
func checkDir(name string) error {
	if st, err := os.Stat(filepath.Dir(name)); err != nil || !st.IsDir() {
		return &usageError{"-o " + name + " : le dossier " + filepath.Dir(name) + " n'existe pas", "indiquez un dossier existant, par exemple la clé USB ou le bureau"}
	}
	return nil
}

// checkOutput refuses a -o name whose folder does not exist, or that
// names something that exists: a file or a named pipe without
// --remplacer, a folder or a device ever. It is checked before anything
// is done, so that a refused output writes nothing.
func (e *env) checkOutput(name string) error {
	if err := checkDir(name); err != nil {
		return err
	}
	st, err := os.Lstat(name)
	if err != nil {
		return nil
	}
	if e.isRegisterFile(name, st) {
		return &usageError{"-o " + name + " : c'est un fichier du registre : il n'est jamais remplacé par une sortie, même avec --remplacer", "choisissez un autre nom, hors du dossier du registre"}
	}
	switch m := st.Mode(); {
	case m.IsDir():
		return &usageError{"-o " + name + " : c'est un dossier", "donnez le nom du fichier à écrire dans ce dossier"}
	case m&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeSocket) != 0:
		return &usageError{"-o " + name + " : ce n'est pas un fichier ordinaire (périphérique)", "choisissez un nom de fichier"}
	case e.replace:
		return nil
	case m&fs.ModeNamedPipe != 0:
		return &usageError{"-o " + name + " : c'est un tube nommé (FIFO) : le remplacer n'est fait que sur demande", "choisissez un autre nom, ou ajoutez --remplacer"}
	}
	return &usageError{"le fichier " + name + " existe déjà : il n'est remplacé que sur demande", "choisissez un autre nom, ou ajoutez --remplacer pour le remplacer"}
}

// isRegisterFile tells whether name (which exists, st) is one of the
// register's own files: the register, its witness, or a file of the
// register's folder named « registre.… » (the file kept by restaurer or
// compacter), or the same file under another name (a hard link).
func (e *env) isRegisterFile(name string, st fs.FileInfo) bool {
	dir, err := e.dir()
	if err != nil {
		return false
	}
	for _, own := range []string{registry.FileName, registry.WitnessName} {
		if ost, err := os.Stat(filepath.Join(dir, own)); err == nil && os.SameFile(st, ost) {
			return true
		}
	}
	return strings.HasPrefix(filepath.Base(name), "registre.") && sameFolder(dir, filepath.Dir(name))
}

// createOut opens the output named name, for a document in clear.
func (e *env) createOut(name string) (*outFile, error) {
	return e.openOut(name, true)
}

// openOut opens the output named name; clear tells that its content is
// in clear (staged in the register's folder where the medium has no
// files without a name).
func (e *env) openOut(name string, clear bool) (*outFile, error) {
	if err := e.checkOutput(name); err != nil {
		return nil, err
	}
	o := &outFile{final: name, replace: e.replace}
	if dir, err := e.dir(); err == nil && clear {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			o.regDir = dir
		}
	}
	if f, err := medium.OpenUnnamed(filepath.Dir(name)); err == nil {
		o.File = f
		return o, nil
	}
	if clear && o.regDir != "" && !sameFolder(o.regDir, filepath.Dir(name)) {
		f, err := medium.OpenUnnamed(o.regDir)
		if err != nil {
			f, err = os.CreateTemp(o.regDir, registry.TempPattern("sortie", ".tmp"))
			if err == nil {
				o.tmp = f.Name()
			}
		}
		if err != nil {
			return nil, fmt.Errorf("écriture de %s : %w", name, err)
		}
		o.File, o.staged = f, true
		return o, nil
	}
	f, err := o.namedBeside()
	if err != nil {
		return nil, err
	}
	o.File = f
	return o, nil
}

// namedBeside opens a named temporary file beside the final name,
// recorded in the register's folder when it lies outside it.
func (o *outFile) namedBeside() (*os.File, error) {
	f, record, err := registry.CreateRecordedTemp(filepath.Dir(o.final), o.regDir, "sortie", ".tmp")
	if err != nil {
		return nil, fmt.Errorf("écriture de %s : %w", o.final, err)
	}
	o.tmp, o.record = f.Name(), record
	return f, nil
}

// sameFolder tells whether two paths name the same folder.
func sameFolder(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// commit syncs the file and gives it its final name.
func (p *outFile) commit() error {
	if err := p.Sync(); err != nil {
		p.abort()
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	if p.staged {
		if err := p.copyBeside(); err != nil {
			p.abort()
			return fmt.Errorf("écriture de %s : %w", p.final, err)
		}
	}
	err := p.name()
	p.abort() // closes what is left: the file, its temporary name, its record
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &usageError{"le fichier " + p.final + " existe déjà (écrit entre-temps) : il n'a pas été remplacé", "choisissez un autre nom, ou ajoutez --remplacer"}
		}
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	syncDir(filepath.Dir(p.final))
	return nil
}

// copyBeside copies the staged file to a temporary file beside the final
// name, which then becomes the file to name.
func (p *outFile) copyBeside() error {
	staged, stagedName := p.File, p.tmp
	defer func() {
		staged.Close()
		if stagedName != "" {
			os.Remove(stagedName)
		}
	}()
	p.tmp, p.staged = "", false
	f, err := medium.OpenUnnamed(filepath.Dir(p.final))
	if err != nil {
		if f, err = p.namedBeside(); err != nil {
			return err
		}
	}
	p.File = f
	if _, err := staged.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(f, staged); err != nil {
		return err
	}
	return f.Sync()
}

// name gives the complete file its final name: replacing a file of that
// name only with --remplacer.
func (p *outFile) name() error {
	if p.tmp == "" { // no name yet
		err := medium.NameUnnamed(p.File, p.final)
		if err == nil || !p.replace || !errors.Is(err, fs.ErrExist) {
			return err
		}
		// Replaced: under a temporary name first, renamed over the old file.
		if p.tmp, err = p.tempBeside(); err != nil {
			return err
		}
		if err := medium.NameUnnamed(p.File, p.tmp); err != nil {
			return err
		}
	}
	if err := p.Close(); err != nil {
		return err
	}
	if p.replace {
		err := os.Rename(p.tmp, p.final)
		if err == nil {
			p.tmp = ""
		}
		return err
	}
	// The check and the naming are one step (see medium.NameNoReplace).
	err := medium.NameNoReplace(p.tmp, p.final)
	if err == nil {
		p.tmp = ""
	}
	return err
}

// tempBeside returns a free temporary name beside the final name,
// recorded in the register's folder when it lies outside it.
func (p *outFile) tempBeside() (string, error) {
	f, err := p.namedBeside()
	if err != nil {
		return "", err
	}
	f.Close()
	os.Remove(f.Name())
	return f.Name(), nil
}

// abort drops the output: the file is closed, its temporary name and its
// record removed.
func (p *outFile) abort() {
	p.Close()
	if p.tmp != "" {
		os.Remove(p.tmp)
		p.tmp = ""
	}
	registry.DropRecord(p.record)
	p.record = ""
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

// syncDir makes a new name in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
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

// writeOut writes an output through write: the file appears complete,
// or not at all.
func (e *env) writeOut(path string, write func(io.Writer) error) error {
	out, err := e.createOut(path)
	if err != nil {
		return err
	}
	if err := write(out); err != nil {
		out.abort()
		return err
	}
	return out.commit()
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
