package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes, the same for every command.
const (
	exitOK        = 0
	exitError     = 1 // unexpected error
	exitRefused   = 2 // refused input or legal rule: nothing written
	exitIntegrity = 3 // integrity or verification failure
	exitBusy      = 4 // register open elsewhere
)

// env holds what every command shares: the streams, the data folder and
// the clock. Tests build one with their own streams.
type env struct {
	in          io.Reader
	out, errOut io.Writer
	interactive bool // standard input and output are a terminal
	now         func() time.Time
	timeout     time.Duration

	mmapSize int    // bytes of the register to map at once (see registry.Options), for a big import
	dossier  string // --dossier
	agent    string // --agent

	lines *bufio.Reader // standard input, read line by line for prompts

	quiet    bool // no backup reminder (the backup commands themselves)
	reminded bool // the backup reminder was shown in this run

	phraseCache string                 // the seal's passphrase, once given in this run
	seals       map[string]*forms.Seal // officers' keys opened in this run
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
	return registry.Options{ReadOnly: readOnly, Timeout: e.timeout, Agent: e.agentName(), Now: e.now, Progress: e.progressHook(), MmapSize: e.mmapSize, Parts: parts}
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
		e.remindBackup(s)
		if !readOnly {
			e.purgeAppointments(s)
		}
	}
	return s, err
}

// purgeAppointments deletes the appointments whose retention has ended,
// as the settings say, and tells the clerk. A failure is only a warning:
// the purge runs again at the next command.
func (e *env) purgeAppointments(s *registry.Store) {
	n, err := agenda.New(s).PurgeAppointments()
	switch {
	case err != nil:
		fmt.Fprintln(e.errOut, "attention : les anciens rendez-vous n'ont pas pu être effacés ("+err.Error()+") ; nouvel essai à la prochaine commande")
	case n > 0:
		st, _ := s.Settings()
		fmt.Fprintf(e.errOut, "rendez-vous : %d rendez-vous de plus de %d jours effacés (nom et téléphone), comme prévu par les réglages.\n", n, st.PurgeRdvJours)
	}
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
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.errOut, "etatcivil : erreur inattendue (%v)\n  → rien n'a été enregistré de plus ; notez ce message et signalez-le au support\n", r)
			if os.Getenv("ETATCIVIL_DEBUG") != "" {
				e.errOut.Write(debug.Stack())
			}
			code = exitError
		}
	}()
	root := e.rootCmd()
	root.SetArgs(args)
	root.SetIn(e.in)
	root.SetOut(e.out)
	root.SetErr(e.errOut)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	return e.report(cmd, err)
}

// report prints an error in French with its hint and returns the exit
// code. A refusal names its fields as the clerk gave them to cmd (see
// hints.go).
func (e *env) report(cmd *cobra.Command, err error) int {
	var refused *civil.RefusedError
	var logged *registry.CopyRefusedError
	var broken *registry.IntegrityError
	var usage *usageError
	var failed *verifyError
	switch {
	case errors.As(err, &logged):
		fmt.Fprintln(e.errOut, "etatcivil : "+refusalText(cmd, logged.RefusedError))
		fmt.Fprintf(e.errOut, "Aucune copie n'a été délivrée ; la demande refusée est inscrite au registre des copies (ligne n° %d).\n", logged.Numero)
		return exitRefused
	case errors.As(err, &refused):
		fmt.Fprintln(e.errOut, "etatcivil : "+refusalText(cmd, refused))
		fmt.Fprintln(e.errOut, "Rien n'a été enregistré.")
		return exitRefused
	case errors.As(err, &usage):
		fmt.Fprintln(e.errOut, "etatcivil : "+usage.msg)
		fmt.Fprintln(e.errOut, "  → "+usage.hint)
		return exitRefused
	case errors.As(err, &broken):
		fmt.Fprintln(e.errOut, "etatcivil : "+broken.Error())
		fmt.Fprintln(e.errOut, "  → ne modifiez rien ; prévenez l'officier de l'état civil : le registre a pu être altéré (signalement CNIL sous 72 heures en cas de violation de données)")
		return exitIntegrity
	case errors.As(err, &failed):
		fmt.Fprintln(e.errOut, "etatcivil : "+failed.msg)
		fmt.Fprintln(e.errOut, "  → "+failed.hint)
		return exitIntegrity
	case diskFull(err):
		fmt.Fprintln(e.errOut, "etatcivil : le disque est plein (ou le fichier dépasse la taille permise) : l'opération n'a pas abouti")
		fmt.Fprintln(e.errOut, "  → rien n'a été enregistré de plus et aucun fichier incomplet n'a été laissé ; libérez de la place (ou choisissez un autre support), puis recommencez")
		return exitError
	case errors.Is(err, registry.ErrBusy):
		fmt.Fprintln(e.errOut, "etatcivil : "+err.Error())
		fmt.Fprintln(e.errOut, "  → attendez que l'autre commande se termine (ou fermez l'autre fenêtre), puis recommencez")
		return exitBusy
	}
	fmt.Fprintln(e.errOut, "etatcivil : erreur : "+err.Error())
	fmt.Fprintln(e.errOut, "  → rien n'a été enregistré de plus ; si cela se reproduit, lancez etatcivil controle")
	return exitError
}

// diskFull tells whether err comes from a full disk, a quota or a file
// size limit. bbolt formats the system error into its own message instead
// of wrapping it, hence the comparison of texts.
func diskFull(err error) bool {
	for _, no := range []syscall.Errno{syscall.ENOSPC, syscall.EFBIG, syscall.EDQUOT} {
		if errors.Is(err, no) || strings.Contains(err.Error(), no.Error()) {
			return true
		}
	}
	return false
}

// verifyError is a document that fails verification: forged, altered,
// signed by a revoked or unknown key, or about an annulled act. Exit 3.
type verifyError struct{ msg, hint string }

func (v *verifyError) Error() string { return v.msg }

// usageError is a mistake on the command line: unknown command or flag,
// missing argument. Exit 2.
type usageError struct{ msg, hint string }

func (u *usageError) Error() string { return u.msg }

func usage(cmd *cobra.Command, msg string) error {
	return &usageError{msg, "voir « " + cmd.CommandPath() + " --help »"}
}

// invalidArg reads pflag's `invalid argument "X" for "-a, --annee" flag: …`.
var invalidArg = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag`)

// translateUsage turns cobra's and pflag's English messages into French.
func translateUsage(cmd *cobra.Command, err error) error {
	m := err.Error()
	switch {
	case strings.HasPrefix(m, "unknown flag: "):
		return usage(cmd, "option inconnue : "+strings.TrimPrefix(m, "unknown flag: "))
	case strings.HasPrefix(m, "unknown shorthand flag: "):
		return usage(cmd, "option inconnue : "+strings.TrimPrefix(m, "unknown shorthand flag: "))
	case strings.HasPrefix(m, "flag needs an argument: "):
		return usage(cmd, "l'option "+strings.TrimPrefix(m, "flag needs an argument: ")+" demande une valeur")
	case strings.HasPrefix(m, "invalid argument "):
		if p := invalidArg.FindStringSubmatch(m); p != nil {
			what := "valeur invalide"
			switch {
			case strings.Contains(m, "ParseBool"):
				what = "cette option s'écrit seule, sans valeur"
			case strings.Contains(m, "strconv.Parse"):
				what = "un nombre est attendu"
			}
			return usage(cmd, "--"+strings.TrimLeft(p[2], "-")+" : « "+p[1]+" » refusé, "+what)
		}
		return usage(cmd, "valeur d'option invalide")
	}
	return usage(cmd, "ligne de commande incorrecte : "+m)
}

// args checks the number of positional arguments, in French.
func args(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		switch {
		case len(a) < n:
			return usage(cmd, what+" manquant")
		case len(a) > n:
			return usage(cmd, "trop d'arguments : "+strings.Join(a[n:], " "))
		}
		return nil
	}
}

// required refuses a missing flag, in French.
func required(cmd *cobra.Command, names ...string) error {
	var missing []string
	for _, n := range names {
		if !cmd.Flags().Changed(n) {
			if f := cmd.Flags().Lookup(n); f != nil && f.Shorthand != "" {
				missing = append(missing, "-"+f.Shorthand+" (--"+n+")")
			} else {
				missing = append(missing, "--"+n)
			}
		}
	}
	if len(missing) > 0 {
		return usage(cmd, "option(s) obligatoire(s) manquante(s) : "+strings.Join(missing, ", "))
	}
	return nil
}

// frenchFlags replaces pflag's English placeholders in the help.
var frenchFlags = strings.NewReplacer(" string ", " TEXTE  ", " int ", " N   ", "[flags]", "[options]")

func init() {
	cobra.AddTemplateFunc("francais", frenchFlags.Replace)
}

const usageTemplate = `Utilisation :{{if .Runnable}}
  {{francais .UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} COMMANDE{{end}}{{if .HasExample}}

Exemples :
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commandes :{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Options :
{{.LocalFlags.FlagUsages | francais | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Options communes à toutes les commandes :
{{.InheritedFlags.FlagUsages | francais | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

Aide d'une commande : {{.CommandPath}} COMMANDE --help{{end}}
`

func (e *env) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "etatcivil",
		Short: "Registre d'état civil de secours, sans réseau",
		Long: `etatcivil tient le registre d'état civil de la mairie sur un ordinateur portable isolé
quand le système principal est en panne : naissances, décès, bans et mariages, numérotation qui continue
celle du système principal, feuilles du registre et copies certifiées en PDF, journal
inaltérable, recherche, contrôle d'intégrité.

Pour découvrir : etatcivil demo`,
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetUsageTemplate(usageTemplate)
	root.SetVersionTemplate("etatcivil {{.Version}}\n")
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().BoolP("help", "h", false, "affiche cette aide")
	root.Flags().BoolP("version", "v", false, "affiche la version")
	root.PersistentFlags().StringVar(&e.dossier, "dossier", "", "dossier du registre (sinon $ETATCIVIL_DOSSIER, sinon le dossier de données de l'utilisateur)")
	root.PersistentFlags().StringVar(&e.agent, "agent", "", "nom de l'agent qui prépare les actes, inscrit au journal (sinon $ETATCIVIL_AGENT, sinon l'utilisateur)")
	root.SetFlagErrorFunc(translateUsage)
	root.SetHelpCommand(&cobra.Command{
		Use:   "aide [COMMANDE]",
		Short: "Affiche l'aide d'une commande",
		RunE: func(c *cobra.Command, a []string) error {
			target, _, err := root.Find(a)
			if err != nil || target == nil {
				return usage(root, "commande inconnue : "+strings.Join(a, " "))
			}
			return target.Help()
		},
	})
	root.Args = func(cmd *cobra.Command, a []string) error {
		if len(a) > 0 {
			return &usageError{"commande inconnue : « " + a[0] + " »", "voir « etatcivil --help » pour la liste des commandes"}
		}
		return nil
	}
	root.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	root.AddCommand(
		e.initCmd(), e.officierCmd(), e.numerotationCmd(),
		e.acteCmd(civil.Naissance, "Enregistre une naissance (fichier JSON ou saisie guidée)"),
		e.acteCmd(civil.Deces, "Enregistre un décès (fichier JSON ou saisie guidée)"),
		e.bansCmd(),
		e.acteCmd(civil.Mariage, "Enregistre un mariage (fichier JSON ou saisie guidée), après contrôle des conditions légales"),
		e.signerCmd(), e.annulerCmd(), e.corrigerCmd(), e.mentionCmd(), e.mentionsCmd(),
		e.afficherCmd(), e.listerCmd(), e.rechercheCmd(), e.journalCmd(), e.controleCmd(),
		e.imprimerCmd(), e.copieCmd(), e.copiesCmd(), e.verifierCmd(), e.clesCmd(),
		e.secoursCmd(), e.sauvegardeCmd(), e.restaurerCmd(), e.reglagesCmd(), e.exportCmd(), e.importCmd(),
		e.rapprochementCmd(), e.cloturerCmd(), e.tablesCmd(), e.rdvCmd(), e.horlogeCmd(),
		e.demoCmd(),
	)
	return root
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
