package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// env holds what every command shares: the streams, the data folder and
// the clock. Tests build one with their own streams.
type env struct {
	in          io.Reader
	out, errOut io.Writer
	interactive bool // standard input and output are a terminal
	ownProcess  bool // the program's own process, not a test's (see tuneGC)
	// shown are the warnings the guided entry showed before the clerk
	// confirmed: the register's own check does not repeat them.
	shown   []string
	now     func() time.Time
	timeout time.Duration

	mmapSize int    // bytes of the register to map at once (see registry.Options), for a big import
	dossier  string // --dossier
	agent    string // --agent

	lines *bufio.Reader // standard input, read line by line for prompts
	// held is the register the command opened last: it is let go while
	// a person types (waitForPerson).
	held *registry.Store

	progressOut io.Writer // the terminal of the progress line (standard error, as given)
	replace     bool      // --remplacer: an output (-o) replaces a file of that name

	quiet bool // no backup reminder (the backup commands themselves)
	// oldLayout opens a register of an earlier layout as it is
	// (compacter, which brings it to the new one).
	oldLayout bool
	reminded  bool // the backup reminder was shown in this run

	phrases      map[string]string      // passphrases given in this run, by the variable that gives each (keys.go)
	legacyWarned map[string]bool        // officers told in this run that their key still opens with the seal's phrase
	seals        map[string]*forms.Seal // officers' keys opened in this run
}

// dir returns the data folder: --dossier, else $ETATCIVIL_DOSSIER, else the user's data folder.
func (e *env) dir() (string, error) {
	if e.dossier != "" {
		return e.dossier, nil
	}
	if d := os.Getenv("ETATCIVIL_DOSSIER"); d != "" {
		return d, nil
	}
	return registry.DefaultDir()
}

// parts are the parts of the program that keep their own records in the
// register file besides the acts: the control checks them too.
var parts = []registry.Part{agenda.Records}

// options returns the store options of this run: agent, clock, timeout,
// progress, and the parts the control checks.
func (e *env) options(readOnly bool) registry.Options {
	o := registry.Options{ReadOnly: readOnly, Timeout: e.timeout, Agent: e.agentName(), Now: e.now, Progress: e.progressHook(), MmapSize: e.mmapSize, Parts: parts}
	if !readOnly {
		o.Upkeep = e.purgeAppointments
	}
	o.OldLayout = e.oldLayout
	return o
}

func (e *env) agentName() string {
	if e.agent != "" {
		return e.agent
	}
	return os.Getenv("ETATCIVIL_AGENT")
}

// open opens the register of the data folder.
func (e *env) open(readOnly bool) (*registry.Store, error) {
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	s, err := registry.Open(dir, e.options(readOnly))
	if err == nil {
		e.held = s
		if behind := s.Behind(); behind != nil {
			// Writes are refused; a reading command goes on, warned.
			if readOnly && !e.quiet {
				fmt.Fprintln(e.errOut, "attention : "+behind.Error())
				fmt.Fprintln(e.errOut, "  → ce registre n'accepte plus aucune écriture : voir etatcivil temoin")
			}
			return s, nil
		}
		e.reportMigration(s)
		e.remindBackup(s)
	}
	return s, err
}

// purgeAppointments is the register's upkeep (registry.Options.Upkeep):
// inside the command's first write, it deletes the appointments whose
// retention has ended, as the settings say (agenda.DuePurge), and tells
// the clerk once that write is done. A command refused writes nothing,
// the purge included. A purge that cannot be read is only a warning: it
// runs again at the next command.
func (e *env) purgeAppointments(tx *registry.Tx) (func(), error) {
	p, err := agenda.DuePurge(tx)
	if err != nil {
		return func() {
			fmt.Fprintln(e.errOut, "attention : les anciens rendez-vous n'ont pas pu être effacés ("+err.Error()+") ; nouvel essai à la prochaine commande")
		}, nil
	}
	if !p.Due() {
		return nil, nil
	}
	n, err := p.Apply(tx)
	if err != nil || n == 0 {
		return nil, err
	}
	days := 0
	if st, err := tx.Settings(); err == nil {
		days = st.PurgeRdvJours
	}
	return func() {
		fmt.Fprintf(e.errOut, "rendez-vous : %d rendez-vous de plus de %s %s (nom et téléphone), comme prévu par les réglages.\n", n, words.Plural(days, "jour", "jours"), words.Agree(n, "effacé", "effacés"))
	}, nil
}

func (e *env) clock() time.Time {
	if e.now != nil {
		return e.now()
	}
	return time.Now()
}

// warn prints warnings on standard error.
func (e *env) warn(ws []string) {
	for _, w := range ws {
		fmt.Fprintln(e.errOut, "attention : "+w)
	}
}

// run executes the command line and returns the exit code. No Go stack
// trace ever reaches the clerk: a panic becomes a French message, exit 1.
func (e *env) run(args []string) (code int) {
	// Everything printed goes through safeWriter; the progress line
	// keeps the terminal itself for its carriage returns.
	if _, ok := e.out.(*safeWriter); !ok {
		e.progressOut = e.errOut
		out, errOut := e.out, e.errOut
		e.out, e.errOut = &safeWriter{w: out}, &safeWriter{w: errOut}
		defer func() { e.out, e.errOut = out, errOut }()
	}
	// A memory fault reading the register's map (a damaged file) is a
	// panic, not the end of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if ie, ok := r.(*registry.IntegrityError); ok {
				code = e.report(nil, ie)
				return
			}
			if registry.DamagePanic(r) {
				code = e.report(nil, &registry.IntegrityError{Breaks: []string{"le fichier du registre est endommagé : une de ses pages est illisible ou manque (fichier tronqué ou modifié hors du programme)"}})
				if os.Getenv("ETATCIVIL_DEBUG") != "" {
					fmt.Fprintf(e.errOut, "%v\n%s", r, debug.Stack())
				}
				return
			}
			fmt.Fprintf(e.errOut, "etatcivil : erreur inattendue (%v)\n  → rien n'a été enregistré de plus ; notez ce message et signalez-le au support\n", r)
			if os.Getenv("ETATCIVIL_DEBUG") != "" {
				e.errOut.Write(debug.Stack())
			}
			code = exitError
		}
	}()
	if err := checkArgs(args); err != nil {
		return e.report(nil, err)
	}
	root := e.rootCmd()
	root.SetArgs(commandNames(root, args))
	root.SetIn(e.in)
	root.SetOut(e.out)
	root.SetErr(e.errOut)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	return e.report(cmd, err)
}

// withActOrPlanned parses a reference that may name an act
// (naissance/2026/38: numbered is called) or a marriage prepared before
// its day (mariage/prevu/3: planned is called with its number), opens the
// register and calls the one it names.
func (e *env) withActOrPlanned(refText string, readOnly bool, numbered func(s *registry.Store, ref civil.Ref) error, planned func(s *registry.Store, n int) error) error {
	n, isPlanned := civil.ParsePlannedRef(refText)
	if !isPlanned {
		return e.withRef(refText, readOnly, numbered)
	}
	s, err := e.open(readOnly)
	if err != nil {
		return err
	}
	defer s.Close()
	return planned(s, n)
}

// withRef parses an act reference, opens the register and calls fn; the
// register is closed when fn returns.
func (e *env) withRef(refText string, readOnly bool, fn func(s *registry.Store, ref civil.Ref) error) error {
	ref, err := civil.ParseRef(refText)
	if err != nil {
		return err
	}
	s, err := e.open(readOnly)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s, ref)
}

// waitForPerson runs fn — reading what a person types: an answer, a
// passphrase — with the command's register let go (registry.Store.Pause),
// so that a clerk thinking over an answer never holds the register:
// other commands, another clerk's copy, keep working meanwhile (issue 18
// §4). The register is open again when it returns.
func (e *env) waitForPerson(fn func() error) error {
	if e.held == nil {
		return fn()
	}
	return e.held.Pause(fn)
}
