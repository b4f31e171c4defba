//go:build !unix

package main

import (
	"path/filepath"
	"strings"
)

// sameDevice tells whether two paths are on the same volume (drive letter).
func sameDevice(a, b string) (bool, error) {
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
