package main

import (
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
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

// isOneAct tells whether cmd is one of oneActCommands or one of their
// subcommands (mention ajouter, bans publier…).
func isOneAct(cmd *cobra.Command) bool {
	for ; cmd != nil && cmd.HasParent(); cmd = cmd.Parent() {
		if !cmd.Parent().HasParent() {
			return oneActCommands[cmd.Name()]
		}
	}
	return false
}

// tuneGC lets a one-act command run without the garbage collector, under a
// memory limit of shortProcessLimit. Such a process allocates a few
// megabytes and ends within milliseconds; with the collector's default
// (a first cycle at 4 MB), the 700 KB of the act's compression writer
// alone started a cycle that cost it 1 to 2 ms (BENCHMARKS.md, issue 23).
// Whole-register commands (import, controle, export…) keep the default,
// which bounds their heap. GOGC or GOMEMLIMIT, when set, are obeyed. Only
// the program's own process calls it (env.ownProcess): tests run many
// commands in one process.
func tuneGC(cmd *cobra.Command) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || !isOneAct(cmd) {
		return
	}
	debug.SetMemoryLimit(shortProcessLimit)
	debug.SetGCPercent(-1)
}
