package main

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// openBrowser opens the local page path in the default browser (the
// shell's handler of file:// addresses) and reports whether it did.
func openBrowser(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return windows.ShellExecute(0, nil, windows.StringToUTF16Ptr("file://"+abs), nil, nil, windows.SW_SHOWNORMAL) == nil
}
