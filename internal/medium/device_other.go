//go:build !unix

package medium

import (
	"path/filepath"
	"strings"
)

// SameDevice tells whether two paths are on the same volume (drive letter).
func SameDevice(a, b string) (bool, error) {
	aa, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	bb, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	return strings.EqualFold(filepath.VolumeName(aa), filepath.VolumeName(bb)), nil
}
