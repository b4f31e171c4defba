package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/internal/keyring"
)

type restoreOptions struct {
	identity, certificate string
	force                 bool
}

func (e *env) restaurerCmd() *cobra.Command {
	o := &restoreOptions{}
	cmd := &cobra.Command{
		Use:   "restaurer SAUVEGARDE --identite CLE-DE-SECOURS [--certificat commune.pem] [--force]",
		Short: "Remet en place un registre à partir d'une sauvegarde (sur cet ordinateur ou un autre)",
		Long: `Vérifie d'abord que la sauvegarde est signée par un officier de la commune, contre le certificat
de la commune : celui imprimé avec la clé de secours, ou --certificat commune.pem (écrit par
etatcivil cles exporter). Une sauvegarde que la commune n'a pas signée est refusée, même
chiffrée pour sa clé de secours. Puis déchiffre la sauvegarde avec la clé de secours imprimée,
vérifie tout (empreinte signée, structure, chaîne du journal, chaque acte contre son empreinte,
numérotation) avant de toucher à quoi que ce soit, et met le registre en place dans le dossier
(--dossier). Un registre déjà présent qui contient des écritures absentes de la sauvegarde n'est
remplacé qu'avec --force ; un registre remplacé n'est jamais effacé, il est gardé à côté.`,
		Example: `  etatcivil restaurer /media/cle-usb/registre-lille-20261124-1200.age --identite cle-secours.txt
  etatcivil restaurer registre-lille-20261124-1200.age --identite cle-secours.txt --certificat commune.pem`,
		Args: args(1, "fichier de sauvegarde"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "identite"); err != nil {
				return err
			}
			return e.runRestore(a[0], o)
		},
	}
	cmd.Flags().StringVar(&o.identity, "identite", "", "fichier de la clé de secours (partie privée, créée par etatcivil secours creer)")
	cmd.Flags().StringVar(&o.certificate, "certificat", "", "certificat de la commune (commune.pem, écrit par etatcivil cles exporter), quand la clé de secours n'est pas imprimée avec lui")
	cmd.Flags().BoolVar(&o.force, "force", false, "remplace même un registre qui contient des écritures absentes de la sauvegarde (il est gardé à côté)")
	return cmd
}

func (e *env) runRestore(file string, o *restoreOptions) error {
	key, err := readRegular("--identite", o.identity, maxCertificate)
	if err != nil {
		return err
	}
	dir, err := e.dir()
	if err != nil {
		return err
	}
	j := keyring.RestoreJob{Dir: dir, File: file, Key: key, KeyName: "--identite " + o.identity, Force: o.force, Options: e.options(false)}
	if o.certificate != "" {
		j.Cert = func() ([]byte, error) { return readRegular("--certificat", o.certificate, maxCertificate) }
		j.CertName = "--certificat " + o.certificate
	}
	var bar *progress
	j.Progress = func(size int64) func(int) {
		bar = e.newProgress("Restauration", size)
		return func(n int) { bar.add(n) }
	}
	_, lines, err := keyring.Restore(j)
	if err != nil {
		return err
	}
	bar.finish()
	for _, l := range lines {
		fmt.Fprintln(e.out, l)
	}
	return nil
}
