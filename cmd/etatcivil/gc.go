package main

import (
	"os"
	"runtime/debug"
	"strings"
)

// oneActCommands are the commands that read or write one act, or a few:
// a clerk runs them one after another at the counter, and each is a short
// process.
var oneActCommands = map[string]bool{
	"naissance": true, "deces": true, "mariage": true, "reconnaissance": true, "enfant-sans-vie": true,
	"transcription": true, "signer": true, "mention": true, "copie": true, "corriger": true, "afficher": true,
	"recherche": true, "annuler": true, "dresser": true, "preparer": true, "bans": true,
}

// shortProcessLimit is the heap past which the garbage collector of a
// one-act command runs after all.
const shortProcessLimit = 256 << 20

// tuneGC lets a one-act command run without the garbage collector, under a
// memory limit of shortProcessLimit. Such a process allocates a few
// megabytes and ends within milliseconds; with the collector's default
// (a first cycle at 4 MB), the 700 KB of the act's compression writer
// alone started a cycle that cost it 1 to 2 ms (BENCHMARKS.md, issue 23).
// Whole-register commands (import, controle, export…) keep the default,
// which bounds their heap. GOGC or GOMEMLIMIT, when set, are obeyed.
// args are the process's arguments after the program's name.
func tuneGC(args []string) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if oneActCommands[commandName(args)] {
		debug.SetMemoryLimit(shortProcessLimit)
		debug.SetGCPercent(-1)
	}
}

// commandName returns the command of a command line: its first word that
// is neither an option nor the value of --dossier or --agent.
func commandName(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--dossier" || a == "--agent":
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a
		}
	}
	return ""
}
