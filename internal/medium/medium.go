// Package medium writes the register's backup onto a removable medium (a
// USB stick, an external disk): the procedure of etatcivil sauvegarde and
// of the counter's « Sauvegarde » page, in one place. The destination is
// checked first (Destination: the folder must exist, be on another disk
// than the register unless the clerk accepts it, and no backup is ever
// written over another); the backup, encrypted for the commune's recovery
// key and signed by an officer (registry.Store.WriteBackup), is streamed
// straight to the medium and read back from it as it is written
// (internal/readback), its signed manifest read again from the medium,
// named without replacing anything (NameNoReplace), the medium's witness
// written beside it, and the backup recorded in the journal.
package medium

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/readback"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// plugIn is what to do when the medium is not there.
const plugIn = "branchez la clé USB (ou le disque externe), attendez qu'elle apparaisse, puis indiquez le dossier où elle est montée (par exemple /media/NOM/CLE) ; rien n'a été écrit"

// The domain fields of the refusals: Field, the destination as given (a
// folder of the medium, or a file NAME.age there), whose rules a front end
// writes after it (« -o /media/cle : ce dossier n'existe pas »); FileField,
// the backup file, whose rules name it.
const (
	Field     = "dossier"
	FileField = "fichier"
)

// Destination checks where a backup goes, before anything is written or
// asked: out is a folder of the medium, or a file NAME.age in one. It
// returns the folder and the file name ("" for the default name, see
// Write). Refusals (*civil.RefusedError naming Field): a folder that does
// not exist (the stick is not plugged in), a file that exists (a backup
// never replaces another), and a folder on the register's own disk
// (registerDir), which a breakdown, a theft or ransomware would take with
// the register — unless sameDisk, a rescue copy the clerk asks for.
func Destination(out, registerDir string, sameDisk bool) (folder, file string, err error) {
	st, err := os.Stat(out)
	switch {
	case err == nil && st.IsDir():
		folder = out
	case err == nil:
		return "", "", exists(out)
	case !errors.Is(err, fs.ErrNotExist):
		return "", "", civil.Refuse(Field, "destination illisible", plugIn)
	case strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator)) || !strings.EqualFold(filepath.Ext(out), ".age"):
		return "", "", civil.Refuse(Field, "ce dossier n'existe pas (la clé USB n'est pas branchée ?)", plugIn)
	default:
		folder, file = filepath.Dir(out), filepath.Base(out)
		if st, err := os.Stat(folder); err != nil || !st.IsDir() {
			return "", "", civil.Refuse(Field, "le dossier "+folder+" n'existe pas (la clé USB n'est pas branchée ?)", plugIn)
		}
	}
	same, err := SameDevice(folder, registerDir)
	if err != nil {
		return "", "", err
	}
	if same && !sameDisk {
		return "", "", civil.Refuse(Field, "ce dossier est sur le même disque que le registre ("+registerDir+") : une panne, un vol ou un rançongiciel emporterait le registre et sa sauvegarde",
			"branchez la clé USB (ou le disque externe) et indiquez son dossier", civil.Then(civil.SameDisk))
	}
	return folder, file, nil
}

// exists refuses to write over the file path.
func exists(path string) error {
	return civil.Refuse(FileField, "le fichier "+path+" existe déjà", "choisissez un autre nom : une sauvegarde n'en remplace jamais une autre")
}

// DefaultName is the name of a backup written into a folder: the
// commune's name and the moment, registre-lille-20261124-1705.age.
func DefaultName(commune string, at time.Time) string {
	return fmt.Sprintf("registre-%s-%s.age", strings.ReplaceAll(strings.ToLower(fold.Accents(commune)), " ", "-"), at.Format("20060102-1504"))
}

// ReadBackError is a backup that, read back from the medium, is not what
// was written: a faulty medium (or one of faked capacity). Nothing was
// kept; it is a verification failure (exit 3).
type ReadBackError struct {
	Folder string
	Err    error
}

func (e *ReadBackError) Error() string {
	return "la sauvegarde relue sur " + e.Folder + " ne correspond pas à ce qui a été écrit : " + e.Err.Error()
}

func (e *ReadBackError) Unwrap() error { return e.Err }

// Hint says what to do about a ReadBackError.
func (e *ReadBackError) Hint() string {
	return "le support est peut-être défectueux (ou de capacité truquée) : rien n'a été gardé ; recommencez sur un autre support"
}

// Job is a backup to write.
type Job struct {
	// Open opens the register, read-only or for writing, as the front end
	// opens it (its timeout, its agent, its clock).
	Open func(readOnly bool) (*registry.Store, error)
	// Folder and File are what Destination returned; File "" gives
	// DefaultName.
	Folder, File string
	// Signer is the officer's open key that signs the backup.
	Signer registry.Signer
	// Progress, when set, wraps what is written (total bytes), to show
	// how far it has gone.
	Progress func(w io.Writer, total int64) io.Writer
	// Now names the default file; time.Now when nil.
	Now func() time.Time
}

// Write writes the backup (see the package doc) and returns it as the
// journal recorded it, Fichier holding where it was written. The register
// is opened read-only while the backup is written: other programs keep
// reading it, writes wait for the end. Errors: the register's refusals
// (registry.BehindError, a register older than its witness; the medium's
// witness not held by the register, an IntegrityError; no recovery key),
// a *civil.RefusedError when a file of that name appeared, a
// *ReadBackError, or the medium's write error, named.
func Write(j Job) (registry.Backup, error) {
	if j.Now == nil {
		j.Now = time.Now
	}
	// A backup killed on this medium left its temporary files there.
	registry.SweepTemps(j.Folder)
	s, err := j.Open(true)
	if err != nil {
		return registry.Backup{}, err
	}
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	if err := s.Behind(); err != nil {
		return registry.Backup{}, err
	}
	c, err := s.Commune()
	if err != nil {
		return registry.Backup{}, err
	}
	file := j.File
	if file == "" {
		file = DefaultName(c.Nom, j.Now())
	}
	dest := filepath.Join(j.Folder, file)
	if _, err := os.Lstat(dest); err == nil {
		return registry.Backup{}, exists(dest)
	}
	// The medium's witness of its last backup: this register must still
	// hold what that backup held.
	if err := s.CheckMedium(j.Folder); err != nil {
		return registry.Backup{}, err
	}
	plan, err := s.PlanBackup(j.Signer)
	if err != nil {
		return registry.Backup{}, err
	}
	trust, err := s.Trust()
	if err != nil {
		return registry.Backup{}, err
	}
	out, err := createSealed(j.Folder)
	if err != nil {
		return registry.Backup{}, failed(dest, err)
	}
	// Written straight to the medium, and read back from it as it goes.
	rb := readback.New(out.File)
	var w io.Writer = rb
	if j.Progress != nil {
		w = j.Progress(rb, plan.Bytes)
	}
	b, anchor, err := s.WriteBackup(w, file, plan, j.Signer)
	if err != nil {
		rb.Abort()
		out.abort()
		return registry.Backup{}, failed(dest, err)
	}
	checked, err := rb.Finish()
	if err == nil && checked != b.Taille {
		err = fmt.Errorf("%w (%s relus sur %d)", readback.ErrMismatch, words.Plural(int(checked), "octet", "octets"), b.Taille)
	}
	if err == nil {
		_, err = registry.OpenBackup(out.File, b.Taille, trust) // the signed manifest, as the medium holds it
	}
	if err != nil {
		out.abort()
		var bad *registry.BackupError
		if errors.Is(err, readback.ErrMismatch) || errors.As(err, &bad) {
			return registry.Backup{}, &ReadBackError{Folder: j.Folder, Err: err}
		}
		return registry.Backup{}, failed(dest, err)
	}
	// The check and the naming are one step: a backup of that name that
	// appeared meanwhile is never replaced.
	if err := out.commit(dest); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return registry.Backup{}, exists(dest)
		}
		return registry.Backup{}, failed(dest, err)
	}
	syncDir(j.Folder)
	if err := registry.WriteMediumWitness(j.Folder, c.Insee, file, anchor); err != nil {
		return registry.Backup{}, failed(filepath.Join(j.Folder, registry.MediumWitnessName(c.Insee)), err)
	}
	s.Close()
	s = nil
	if s, err = j.Open(false); err != nil {
		return registry.Backup{}, fmt.Errorf("la sauvegarde %s est écrite, mais le registre n'a pas pu la noter au journal : %w", dest, err)
	}
	b.Fichier = dest // where it was written, for the clerk; the manifest names the file only
	if err := s.RecordBackup(b, anchor); err != nil {
		return registry.Backup{}, err
	}
	return b, nil
}

// failed names a write to the medium that failed; a refusal or an
// integrity error goes as it is.
func failed(dest string, err error) error {
	var broken *registry.IntegrityError
	if civil.IsRefused(err) || errors.As(err, &broken) {
		return err
	}
	return fmt.Errorf("écriture de %s : %w (le support est-il plein ou retiré ?)", dest, err)
}

// sealedFile is a backup being written on its medium: without a name
// where the filesystem can (O_TMPFILE), else under a temporary name of
// this process (registry.TempPattern) that the next backup on that medium
// removes if the process was killed. Nothing is written in the register's
// folder meanwhile.
type sealedFile struct {
	*os.File
	tmp string // its temporary name; "" when it has none
}

func createSealed(folder string) (*sealedFile, error) {
	if f, err := OpenUnnamed(folder); err == nil {
		return &sealedFile{File: f}, nil
	}
	f, err := os.CreateTemp(folder, registry.TempPattern("sortie", ".tmp"))
	if err != nil {
		return nil, err
	}
	return &sealedFile{File: f, tmp: f.Name()}, nil
}

// commit syncs the file and names it final, never replacing a file:
// errors.Is(err, fs.ErrExist) when the name is taken. The file is closed
// and its temporary name gone in every case.
func (o *sealedFile) commit(final string) error {
	err := o.Sync()
	if err == nil && o.tmp == "" {
		err = NameUnnamed(o.File, final)
	}
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	if err == nil && o.tmp != "" {
		err = NameNoReplace(o.tmp, final) // removes tmp
		o.tmp = ""
	}
	o.abort()
	if err == nil {
		syncDir(filepath.Dir(final))
	}
	return err
}

// abort drops the file.
func (o *sealedFile) abort() {
	o.Close()
	if o.tmp != "" {
		os.Remove(o.tmp)
		o.tmp = ""
	}
}

// syncDir makes a new name in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
