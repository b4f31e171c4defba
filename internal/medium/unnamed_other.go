//go:build !linux

package medium

import (
	"errors"
	"os"
)

// OpenUnnamed is not available on this system: outputs use named
// temporary files (see Write).
var OpenUnnamed = func(dir string) (*os.File, error) { return nil, errors.ErrUnsupported }

func NameUnnamed(f *os.File, final string) error { return errors.ErrUnsupported }
