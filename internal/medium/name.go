package medium

import (
	"errors"
	"os"
)

// LinkFile gives a file its name; a test makes it fail as on a FAT stick.
var LinkFile = os.Link

// NameNoReplace gives the complete temporary file tmp its final name,
// failing with an error that errors.Is(err, fs.ErrExist) when the name is
// taken: a hard link where the filesystem has them, else (FAT and exFAT
// USB sticks have none) a rename that does not replace (renameNoReplace).
// tmp is removed in both cases.
func NameNoReplace(tmp, final string) error {
	err := LinkFile(tmp, final)
	if err == nil || errors.Is(err, os.ErrExist) {
		os.Remove(tmp)
		return err
	}
	if err := renameNoReplace(tmp, final); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
