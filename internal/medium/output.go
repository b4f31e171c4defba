package medium

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"etatcivil/registry"
)

// Outputs (-o): the rules of the files a command writes, and the page of
// the counter that writes one in a folder (« Exporter »). A file given
// with -o is never written over, nor a named pipe replaced, unless the
// clerk asks (--remplacer; a backup never: each backup is kept), and never
// a file of the register. The file appears under its name complete, or
// not at all: it is written under no name or a temporary one, then named.
// And nothing is ever left behind in clear outside the register's folder:
//
//   - where the filesystem can (ext4, btrfs, XFS, tmpfs: the laptop's
//     disk), the file is written without a name (O_TMPFILE) and named
//     once complete: a process killed meanwhile leaves nothing;
//   - where it cannot (FAT and exFAT USB sticks), a document in clear (an
//     export, a copy, an agenda) is written first, without a name, in the
//     register's folder, then copied to a temporary file beside its name,
//     which is renamed: the temporary file lives only for the copy, and
//     it is recorded in the register's folder, so that the next command
//     removes it if the process was killed (registry.SweepTemps).

// Output is where outputs go: the register's folder ("" when there is
// none) and whether a file of the name given is replaced (--remplacer).
type Output struct {
	RegisterDir string
	Replace     bool
}

// OutputError is an output refused before anything is written: Msg, then
// Hint (what to do), in French, naming the output as the command line
// does (« -o NOM »). The command exits 2.
type OutputError struct{ Msg, Hint string }

func (e *OutputError) Error() string { return e.Msg }

// ForPage is the refusal as the counter's page says it: the page names
// the output by its own field (no « -o ») and never replaces a file, so
// --remplacer is neither offered nor mentioned.
func (e *OutputError) ForPage() (msg, hint string) {
	msg = strings.TrimPrefix(e.Msg, "-o ")
	for _, cut := range []string{", même avec --remplacer", " : le remplacer n'est fait que sur demande"} {
		msg = strings.Replace(msg, cut, "", 1)
	}
	msg = strings.Replace(msg, " : il n'est remplacé que sur demande", " : il n'est jamais remplacé", 1)
	hint, _, _ = strings.Cut(e.Hint, ", ou ajoutez --remplacer")
	return msg, hint
}

// OutFile is an output being written: Commit gives it its name, Abort
// drops it.
type OutFile struct {
	*os.File // what is written to
	final    string
	replace  bool   // --remplacer: a file of that name is replaced
	tmp      string // the name of File when it has one
	record   string // the register folder's record of tmp, when tmp lies outside it
	staged   bool   // File is in the register's folder, copied beside final at commit
	regDir   string // the register's folder, "" when there is none
}

// CheckDir refuses a -o name whose folder does not exist.
func CheckDir(name string) error {
	if st, err := os.Stat(filepath.Dir(name)); err != nil || !st.IsDir() {
		return &OutputError{"-o " + name + " : le dossier " + filepath.Dir(name) + " n'existe pas", "indiquez un dossier existant, par exemple la clé USB ou le bureau"}
	}
	return nil
}

// Check refuses a -o name whose folder does not exist, or that
// names something that exists: a file or a named pipe without
// --remplacer, a folder or a device ever. It is checked before anything
// is done, so that a refused output writes nothing.
func (o Output) Check(name string) error {
	if err := CheckDir(name); err != nil {
		return err
	}
	st, err := os.Lstat(name)
	if err != nil {
		return nil
	}
	if o.isRegisterFile(name, st) {
		return &OutputError{"-o " + name + " : c'est un fichier du registre : il n'est jamais remplacé par une sortie, même avec --remplacer", "choisissez un autre nom, hors du dossier du registre"}
	}
	switch m := st.Mode(); {
	case m.IsDir():
		return &OutputError{"-o " + name + " : c'est un dossier", "donnez le nom du fichier à écrire dans ce dossier"}
	case m&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeSocket) != 0:
		return &OutputError{"-o " + name + " : ce n'est pas un fichier ordinaire (périphérique)", "choisissez un nom de fichier"}
	case o.Replace:
		return nil
	case m&fs.ModeNamedPipe != 0:
		return &OutputError{"-o " + name + " : c'est un tube nommé (FIFO) : le remplacer n'est fait que sur demande", "choisissez un autre nom, ou ajoutez --remplacer"}
	}
	return &OutputError{"le fichier " + name + " existe déjà : il n'est remplacé que sur demande", "choisissez un autre nom, ou ajoutez --remplacer pour le remplacer"}
}

// isRegisterFile tells whether name (which exists, st) is one of the
// register's own files: the register, its witness, or a file of the
// register's folder named « registre.… » (the file kept by restaurer or
// compacter), or the same file under another name (a hard link).
func (o Output) isRegisterFile(name string, st fs.FileInfo) bool {
	dir := o.RegisterDir
	if dir == "" {
		return false
	}
	for _, own := range []string{registry.FileName, registry.WitnessName} {
		if ost, err := os.Stat(filepath.Join(dir, own)); err == nil && os.SameFile(st, ost) {
			return true
		}
	}
	return strings.HasPrefix(filepath.Base(name), "registre.") && SameFolder(dir, filepath.Dir(name))
}

// Create opens the output named name, for a document in clear.
func (o Output) Create(name string) (*OutFile, error) {
	return o.Open(name, true)
}

// Open opens the output named name; clear tells that its content is
// in clear (staged in the register's folder where the medium has no
// files without a name).
func (out Output) Open(name string, clear bool) (*OutFile, error) {
	if err := out.Check(name); err != nil {
		return nil, err
	}
	o := &OutFile{final: name, replace: out.Replace}
	if dir := out.RegisterDir; dir != "" && clear {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			o.regDir = dir
		}
	}
	if f, err := OpenUnnamed(filepath.Dir(name)); err == nil {
		o.File = f
		return o, nil
	}
	if clear && o.regDir != "" && !SameFolder(o.regDir, filepath.Dir(name)) {
		f, err := OpenUnnamed(o.regDir)
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
func (o *OutFile) namedBeside() (*os.File, error) {
	f, record, err := registry.CreateRecordedTemp(filepath.Dir(o.final), o.regDir, "sortie", ".tmp")
	if err != nil {
		return nil, fmt.Errorf("écriture de %s : %w", o.final, err)
	}
	o.tmp, o.record = f.Name(), record
	return f, nil
}

// SameFolder tells whether two paths name the same folder.
func SameFolder(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// Commit syncs the file and gives it its final name.
func (p *OutFile) Commit() error {
	if err := p.Sync(); err != nil {
		p.Abort()
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	if p.staged {
		if err := p.copyBeside(); err != nil {
			p.Abort()
			return fmt.Errorf("écriture de %s : %w", p.final, err)
		}
	}
	err := p.name()
	p.Abort() // closes what is left: the file, its temporary name, its record
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &OutputError{"le fichier " + p.final + " existe déjà (écrit entre-temps) : il n'a pas été remplacé", "choisissez un autre nom, ou ajoutez --remplacer"}
		}
		return fmt.Errorf("écriture de %s : %w", p.final, err)
	}
	syncDir(filepath.Dir(p.final))
	return nil
}

// copyBeside copies the staged file to a temporary file beside the final
// name, which then becomes the file to name.
func (p *OutFile) copyBeside() error {
	staged, stagedName := p.File, p.tmp
	defer func() {
		staged.Close()
		if stagedName != "" {
			os.Remove(stagedName)
		}
	}()
	p.tmp, p.staged = "", false
	f, err := OpenUnnamed(filepath.Dir(p.final))
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
func (p *OutFile) name() error {
	if p.tmp == "" { // no name yet
		err := NameUnnamed(p.File, p.final)
		if err == nil || !p.replace || !errors.Is(err, fs.ErrExist) {
			return err
		}
		// Replaced: under a temporary name first, renamed over the old file.
		if p.tmp, err = p.tempBeside(); err != nil {
			return err
		}
		if err := NameUnnamed(p.File, p.tmp); err != nil {
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
	// The check and the naming are one step (see NameNoReplace).
	err := NameNoReplace(p.tmp, p.final)
	if err == nil {
		p.tmp = ""
	}
	return err
}

// tempBeside returns a free temporary name beside the final name,
// recorded in the register's folder when it lies outside it.
func (p *OutFile) tempBeside() (string, error) {
	f, err := p.namedBeside()
	if err != nil {
		return "", err
	}
	f.Close()
	os.Remove(f.Name())
	return f.Name(), nil
}

// Abort drops the output: the file is closed, its temporary name and its
// record removed.
func (p *OutFile) Abort() {
	p.Close()
	if p.tmp != "" {
		os.Remove(p.tmp)
		p.tmp = ""
	}
	registry.DropRecord(p.record)
	p.record = ""
}

// Write writes the output named name through write: the file appears complete,
// or not at all.
func (o Output) Write(path string, write func(io.Writer) error) error {
	out, err := o.Create(path)
	if err != nil {
		return err
	}
	if err := write(out); err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}
