package exchange

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"etatcivil/civil"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// Inputs: the files a command or a page of the counter is given to read
// (an import, a certificate, a recovery key), refused in the same French
// words when they are not ordinary files or cannot be read.

// ReadInput reads an ordinary file given for field, at most limit bytes
// (the command line reads "-" as its standard input instead).
func ReadInput(field, name string, limit int64) ([]byte, error) {
	f, err := OpenInput(field, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLimited(field, name, f, limit)
}

// ReadLimited reads in (named name, given for field) whole, refusing it
// past limit bytes.
func ReadLimited(field, name string, in io.Reader, limit int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return nil, civil.Refuse(field, "impossible de lire « "+name+" » : "+IOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	if int64(len(raw)) > limit {
		return nil, civil.Refuse(field, fmt.Sprintf("« %s » est trop gros (plus de %s) : ce n'est pas le fichier attendu", name, words.Size(limit)), "vérifiez qu'il s'agit bien du bon fichier")
	}
	return raw, nil
}

// OpenInput opens a file given for field, refusing what is not an
// ordinary file: a device, a pipe, a folder. A named pipe is refused
// before it is opened, and opened without waiting (O_NONBLOCK) if it
// took the file's place meanwhile: opening a pipe waits for a writer,
// and the command would hang.
func OpenInput(field, name string) (*os.File, error) {
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		return nil, notRegular(field, name, st)
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, civil.Refuse(field, "impossible de lire « "+name+" » : "+IOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, civil.Refuse(field, "impossible de lire « "+name+" » : "+IOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(field, name, st)
	}
	return f, nil
}

// notRegular refuses a file given for field that is not an ordinary file.
func notRegular(field, name string, st os.FileInfo) error {
	what := "un périphérique ou un tube"
	if st.IsDir() {
		what = "un dossier"
	}
	return civil.Refuse(field, "« "+name+" » n'est pas un fichier ordinaire : c'est "+what, "indiquez le chemin d'un fichier")
}

// OpenImport opens the import file name, given for field, for the
// register kept in dir, as etatcivil import and the counter's « Importer »
// both do. It refuses what OpenInput refuses, and the register's own
// files: the register, its witness (or either under another name, a
// hard link or a symbolic link), and any file in the register's folder or
// below it. None is an exchange file, and the register would be read
// while the import writes it. It returns the file, to close, and the
// bytes of the register to map at once for it (registry.ImportMapSize).
func OpenImport(field, name, dir string) (*os.File, int, error) {
	f, err := OpenInput(field, name)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, civil.Refuse(field, "impossible de lire « "+name+" » : "+IOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	if what := registerFile(name, dir, st); what != "" {
		f.Close()
		return nil, 0, civil.Refuse(field, "« "+name+" » est "+what+" : on n'importe qu'un fichier d'échange (tel que l'export l'écrit), jamais un fichier du registre",
			"indiquez le fichier d'échange à importer, placé hors du dossier du registre (par exemple sur la clé USB) ; rien n'a été lu ni écrit")
	}
	return f, registry.ImportMapSize(dir, st.Size()), nil
}

// registerFile says which of the register's own files (in dir) the file
// name (st) is, or "" when it is none of them.
func registerFile(name, dir string, st os.FileInfo) string {
	if dir == "" {
		return ""
	}
	for _, own := range []struct{ file, what string }{{registry.FileName, "le registre lui-même"}, {registry.WitnessName, "le témoin du registre"}} {
		if ost, err := os.Stat(filepath.Join(dir, own.file)); err == nil && os.SameFile(st, ost) {
			return own.what + " (" + own.file + ")"
		}
	}
	dst, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	p := name
	if real, err := filepath.EvalSymlinks(name); err == nil {
		p = real
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	for d := filepath.Dir(p); ; d = filepath.Dir(d) {
		if fst, err := os.Stat(d); err == nil && os.SameFile(fst, dst) {
			return "dans le dossier du registre (" + dir + ")"
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
