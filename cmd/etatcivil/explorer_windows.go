package main

import (
	"github.com/inconshreveable/mousetrap"
	"github.com/spf13/cobra"
)

func init() {
	// cobra would answer a double-click with « this is a command line
	// tool » in English; the program opens the counter instead (startedByExplorer).
	cobra.MousetrapHelpText = ""
}

// startedByExplorer tells whether the program was started by a double
// click in the Windows file explorer (no console of its own): it then
// opens the counter, as etatcivil guichet does.
func startedByExplorer() bool { return mousetrap.StartedByExplorer() }
