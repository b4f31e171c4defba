package medium

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// LinkFile gives a file its name; a test makes it fail as on a FAT stick.
var LinkFile = os.Link

// NameNoReplace gives the complete temporary file tmp its final name,
// failing with an error that errors.Is(err, fs.ErrExist) when the name is
// taken: a hard link where the filesystem has them, else (FAT and exFAT
// USB sticks have no hard links) a rename that refuses to replace
// (renameat2 RENAME_NOREPLACE). tmp is removed in both cases.
func NameNoReplace(tmp, final string) error {
	err := LinkFile(tmp, final)
	if err == nil || errors.Is(err, os.ErrExist) {
		os.Remove(tmp)
		return err
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, final, unix.RENAME_NOREPLACE); err != nil {
		os.Remove(tmp)
		if errors.Is(err, unix.EEXIST) {
			return &os.LinkError{Op: "rename", Old: tmp, New: final, Err: os.ErrExist}
		}
		return err
	}
	return nil
}
