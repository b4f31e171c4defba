//go:build !linux

package medium

import "os"

// renameNoReplace renames tmp to final after checking that final does not
// exist (os.ErrExist then); this system has no rename that refuses.
func renameNoReplace(tmp, final string) error {
	if _, err := os.Lstat(final); err == nil {
		return &os.LinkError{Op: "rename", Old: tmp, New: final, Err: os.ErrExist}
	}
	return os.Rename(tmp, final)
}
