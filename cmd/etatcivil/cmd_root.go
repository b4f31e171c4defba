package main

import (
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
)

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

// rootCmd builds the command etatcivil: its help in French, the options
// common to every command, and every command, each built in its
// cmd_<verbe>.go file.
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
	// Before any command: the temporary files that killed commands left
	// (see registry.SweepTemps), and the garbage collector of a one-act
	// command (tuneGC).
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		if e.ownProcess {
			tuneGC(cmd)
		}
		e.sweepTemps()
	}
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
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		if startedByExplorer() {
			// A double click on the program: the counter, in the browser.
			return e.runGuichet(false)
		}
		return cmd.Help()
	}
	root.AddCommand(
		e.initCmd(), e.officierCmd(), e.numerotationCmd(),
		e.acteCmd(civil.Naissance, "Enregistre une naissance (fichier JSON ou saisie guidée)"),
		e.acteCmd(civil.Deces, "Enregistre un décès (fichier JSON ou saisie guidée)"),
		e.bansCmd(),
		e.acteCmd(civil.Mariage, "Enregistre un mariage (fichier JSON ou saisie guidée), après contrôle des conditions légales"),
		e.acteCmd(civil.Reconnaissance, "Enregistre une reconnaissance d'enfant, avant ou après la naissance (fichier JSON), dans le registre des reconnaissances"),
		e.acteCmd(civil.EnfantSansVie, "Enregistre un acte d'enfant sans vie (fichier JSON), dans le registre des décès (art. 79-1 du Code civil)"),
		e.acteCmd(civil.Transcription, "Transcrit un acte de décès dressé par une autre commune (fichier JSON), dans le registre des décès (art. 80 du Code civil)"),
		e.dresserCmd(), e.preparerCmd(),
		e.signerCmd(), e.annulerCmd(), e.corrigerCmd(), e.mentionCmd(), e.mentionsCmd(),
		e.afficherCmd(), e.listerCmd(), e.rechercheCmd(), e.journalCmd(), e.controleCmd(),
		e.imprimerCmd(), e.copieCmd(), e.copiesCmd(), e.verifierCmd(), e.clesCmd(),
		e.secoursCmd(), e.sauvegardeCmd(), e.restaurerCmd(), e.temoinCmd(), e.reglagesCmd(), e.exportCmd(), e.importCmd(), e.compacterCmd(),
		e.rapprochementCmd(), e.cloturerCmd(), e.tablesCmd(), e.rdvCmd(), e.horlogeCmd(),
		e.guichetCmd(), e.demoCmd(),
	)
	return root
}
