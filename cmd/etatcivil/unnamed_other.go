//go:build !linux

package main

import (
	"errors"
	"os"
)

// openUnnamed is not available on this system: outputs use named
// temporary files (see output.go).
var openUnnamed = func(dir string) (*os.File, error) { return nil, errors.ErrUnsupported }

func nameUnnamed(f *os.File, final string) error { return errors.ErrUnsupported }
