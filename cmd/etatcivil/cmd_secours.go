package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/internal/keyring"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

type recoveryOptions struct {
	output  string
	replace bool
}

func (e *env) secoursCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "secours COMMANDE",
		Short: "Clé de secours qui chiffre les sauvegardes",
		Args:  args(0, ""),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	o := &recoveryOptions{}
	create := &cobra.Command{
		Use:   "creer -o FICHIER [--remplacer]",
		Short: "Crée la clé de secours : la partie privée est écrite une seule fois dans FICHIER",
		Long: `Crée la paire de clés qui chiffre les sauvegardes. La partie publique reste dans le registre :
une sauvegarde ne demande aucun secret. La partie privée est écrite une seule fois dans FICHIER :
imprimez-le, rangez-le sous clé loin de l'ordinateur, puis effacez le fichier. Sans elle, aucune
sauvegarde ne peut être restaurée.`,
		Example: `  etatcivil secours creer -o /media/cle-usb/cle-secours.txt
  etatcivil secours creer -o cle-secours-2027.txt --remplacer`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "output"); err != nil {
				return err
			}
			e.quiet = true
			s, err := e.open(false)
			if err != nil {
				return err
			}
			defer s.Close()
			return e.createRecovery(s, o)
		},
	}
	create.Flags().StringVarP(&o.output, "output", "o", "", "fichier où écrire la partie privée (à imprimer)")
	create.Flags().BoolVar(&o.replace, "remplacer", false, "remplace la clé de secours existante (les anciennes sauvegardes gardent l'ancienne clé)")
	sign := &cobra.Command{
		Use:   "signer",
		Short: "Fait signer par le sceau la clé de secours d'un registre créé par une version antérieure",
		Long: `Une clé de secours créée par une version antérieure n'est pas signée par le sceau de la commune :
les sauvegardes sont refusées tant qu'elle ne l'est pas, car rien ne prouve qu'elle n'a pas été
remplacée dans le fichier du registre. Comparez d'abord l'empreinte affichée à celle de la feuille
imprimée ; la commande demande la phrase secrète du sceau.`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			e.quiet = true
			s, err := e.open(false)
			if err != nil {
				return err
			}
			defer s.Close()
			sg, err := e.sealSigner(s)
			if err != nil {
				return err
			}
			k, err := s.SignRecoveryKey(sg)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.out, "Clé de secours %s signée par le sceau de la commune : vérifiez que cette empreinte est bien celle de la feuille imprimée.\n", k.Fingerprint())
			return nil
		},
	}
	cmd.AddCommand(create, sign)
	return cmd
}

// createRecovery makes the recovery key pair: the private part goes to
// o.output, written once and never replaced, the public part into the register.
func (e *env) createRecovery(s *registry.Store, o *recoveryOptions) error {
	r, err := keyring.NewRecoveryKey(s, o.replace, func() (registry.Signer, error) { return e.sealSigner(s) }, e.clock())
	if err != nil {
		return err
	}
	if err := checkDir(o.output); err != nil {
		return err
	}
	f, err := os.OpenFile(o.output, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return &usageError{"le fichier " + o.output + " existe déjà", "choisissez un autre nom : une clé de secours n'en écrase jamais une autre"}
	}
	if err != nil {
		return fmt.Errorf("écriture de %s : %w", o.output, err)
	}
	_, err = f.WriteString(r.Text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = r.Record()
	}
	if err != nil {
		os.Remove(o.output)
		return err
	}
	fmt.Fprintln(e.out, r.Lines[0])
	fmt.Fprintf(e.out, "Partie privée écrite dans %s : imprimez-la, rangez-la sous clé loin de l'ordinateur, puis effacez le fichier.\n", o.output)
	for _, l := range r.Lines[1:] {
		fmt.Fprintln(e.out, l)
	}
	fmt.Fprintln(e.out, "Sauvegarde : etatcivil sauvegarde -o DOSSIER-DU-SUPPORT   (signée par l'officier, qui tape sa phrase secrète)")
	return nil
}

// remindBackup prints, once per run, that a backup is due.
func (e *env) remindBackup(s *registry.Store) {
	if e.quiet || e.reminded {
		return
	}
	e.reminded = true
	r, err := s.BackupReminder()
	if err != nil || !r.Due {
		return
	}
	ago := e.clock().Sub(r.Since).Round(time.Minute)
	what := fmt.Sprintf("dernière sauvegarde le %s (il y a %s)", r.Since.Local().Format(stampLayout), duration(ago))
	if r.Never {
		what = fmt.Sprintf("aucune sauvegarde depuis la création du registre le %s (il y a %s)", r.Since.Local().Format(stampLayout), duration(ago))
	}
	if r.Acts > 0 {
		n := fmt.Sprint(r.Acts)
		if r.Acts >= r.Settings.RappelActes {
			n = "au moins " + n
		}
		what += ", " + n + " " + words.Agree(r.Acts, "acte enregistré", "actes enregistrés") + " depuis"
	}
	fmt.Fprintln(e.errOut, "rappel : "+what+".")
	if !r.HasKey {
		fmt.Fprintln(e.errOut, "  → créez d'abord la clé de secours (etatcivil secours creer -o FICHIER, à imprimer), puis : etatcivil sauvegarde -o DOSSIER")
		return
	}
	fmt.Fprintln(e.errOut, "  → branchez le support amovible et lancez : etatcivil sauvegarde -o DOSSIER")
}

// duration writes "3 h 20", "45 min", "2 jours".
func duration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d jours", int(d.Hours())/24)
	case d >= time.Hour:
		return fmt.Sprintf("%d h %02d", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d min", int(d.Minutes()))
}
