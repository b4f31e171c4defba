// Command etatcivil keeps the civil status register of a town hall on a
// standalone laptop when the main information system is down.
package main

import (
	"os"

	"golang.org/x/term"
)

func main() {
	e := &env{
		in: os.Stdin, out: os.Stdout, errOut: os.Stderr,
		interactive: term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd())),
	}
	os.Exit(e.run(os.Args[1:]))
}
