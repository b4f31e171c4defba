// Command etatcivil keeps the civil status register of a town hall on a
// standalone laptop when the main information system is down.
package main

import (
	"os"

	"golang.org/x/term"
)

func main() { os.Exit(processEnv().run(os.Args[1:])) }

// processEnv is the env of the process: its standard streams, guided
// entries when both standard input and output are a terminal.
func processEnv() *env {
	return &env{
		in: os.Stdin, out: os.Stdout, errOut: os.Stderr, ownProcess: true,
		interactive: term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd())),
	}
}
