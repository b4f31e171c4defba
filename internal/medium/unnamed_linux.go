package medium

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// OpenUnnamed opens a file without a name in the folder dir (O_TMPFILE):
// killed before it is named, the process leaves nothing behind, the
// system frees the file. Filesystems without it (FAT and exFAT sticks)
// fail: the caller then uses a named temporary file.
var OpenUnnamed = func(dir string) (*os.File, error) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(fichier sans nom)")), nil
}

// NameUnnamed gives the file f, opened by OpenUnnamed, the name final;
// it fails, with an error that errors.Is(err, fs.ErrExist), when the name
// is taken.
func NameUnnamed(f *os.File, final string) error {
	err := unix.Linkat(unix.AT_FDCWD, fmt.Sprintf("/proc/self/fd/%d", f.Fd()), unix.AT_FDCWD, final, unix.AT_SYMLINK_FOLLOW)
	if err == unix.ENOENT {
		// /proc not mounted: by the descriptor itself (needs a privilege).
		err = unix.Linkat(int(f.Fd()), "", unix.AT_FDCWD, final, unix.AT_EMPTY_PATH)
	}
	if err != nil {
		return &os.LinkError{Op: "link", Old: f.Name(), New: final, Err: err}
	}
	return nil
}
