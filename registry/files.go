package registry

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// openRegular opens path for reading, refusing what is not an ordinary
// file (a folder, a device, a named pipe) with *NotRegularError. A named
// pipe is refused before it is opened, and opened without waiting
// (O_NONBLOCK) if it took the file's place meanwhile: opening a pipe
// waits for a writer, and the command would hang. A file that does not
// exist is os.Open's error (fs.ErrNotExist).
func openRegular(path string) (*os.File, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, &NotRegularError{path}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{path}
	}
	return f, nil
}

// readRegular reads the ordinary file path whole, at most limit bytes
// (see openRegular); a longer file is an error.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("le fichier %s est trop gros (plus de %d octets) : ce n'est pas le fichier attendu", path, limit)
	}
	return data, err
}

// NotRegularError is a file the program reads that is not an ordinary
// file: a folder, a device or a named pipe put in its place.
type NotRegularError struct{ Path string }

func (e *NotRegularError) Error() string {
	return "« " + e.Path + " » n'est pas un fichier ordinaire (un dossier, un périphérique ou un tube)"
}
