package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/registry"
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
	key, err := readRecoveryFile(o.identity)
	if err != nil {
		return err
	}
	trust, err := restoreTrust(o.certificate, key)
	if err != nil {
		return err
	}
	st, err := os.Stat(file)
	if err != nil {
		return &usageError{"sauvegarde " + file + " introuvable ou illisible", "indiquez le fichier .age écrit par etatcivil sauvegarde"}
	}
	dir, err := e.dir()
	if err != nil {
		return err
	}
	bar := e.newProgress("Restauration", st.Size())
	res, err := registry.RestoreBackup(dir, file, key, trust, o.force, e.options(false), func(n int) { bar.add(n) })
	if err != nil {
		return restoreFailed(file, key, err)
	}
	bar.finish()
	where := res.Commune.Nom + " (" + res.Commune.Departement + ")"
	fmt.Fprintf(e.out, "Sauvegarde signée le %s par %s, vérifiée contre le certificat de la commune (empreinte %s).\n",
		res.Manifest.Time().Local().Format(stampLayout), res.By.Name, seal.Fingerprint(trust.Authority))
	fmt.Fprintf(e.out, "Registre de %s restauré dans %s : %d actes, journal de %d entrées (dernière écriture le %s), contrôle d'intégrité sans anomalie.\n",
		where, dir, res.Acts, res.Seq, stamp(res.Last))
	if res.Aside != "" {
		fmt.Fprintf(e.out, "L'ancien registre est gardé à côté : %s\n", res.Aside)
	}
	fmt.Fprintln(e.out, "Vérifiez les derniers actes (etatcivil lister) et ressaisissez ceux dressés après la sauvegarde.")
	return nil
}

// restoreTrust returns the commune's certificate to check a backup's
// signature against: --certificat (a lone certificate, or the bundle of
// cles exporter with its officers and revocations), else the one printed
// with the recovery key. With neither, the restore is refused: a backup
// anyone could have encrypted for the public recovery key proves nothing.
func restoreTrust(file string, key seal.RecoveryKey) (*seal.Trust, error) {
	if file == "" {
		if key.Commune == nil {
			return nil, &usageError{"certificat de la commune requis : la clé de secours donnée n'est pas imprimée avec lui",
				"indiquez-le avec --certificat commune.pem (fichier écrit par etatcivil cles exporter, remis à la préfecture et au procureur) ; sans lui, rien ne prouve que la sauvegarde vient de la commune"}
		}
		return seal.NewTrust(key.Commune), nil
	}
	data, err := readRegular("--certificat", file, maxCertificate)
	if err != nil {
		return nil, err
	}
	t, err := seal.ReadBundle(data)
	if err != nil {
		return nil, &usageError{"--certificat " + file + " : " + err.Error(), "indiquez le certificat de la commune (commune.pem, écrit par etatcivil cles exporter)"}
	}
	if key.Commune != nil && !key.Commune.Equal(t.Authority) {
		return nil, &verifyError{"le certificat donné (--certificat, empreinte " + seal.Fingerprint(t.Authority) + ") n'est pas celui imprimé avec la clé de secours (empreinte " + seal.Fingerprint(key.Commune) + ")",
			"rien n'a été modifié ; vérifiez l'empreinte du certificat de la commune auprès de la mairie (etatcivil cles exporter l'imprime)"}
	}
	return t, nil
}

// restoreFailed says why a restore failed: a backup refused is exit 3, a
// wrong key exit 2, a full disk exit 1 (the exit table knows it).
func restoreFailed(file string, key seal.RecoveryKey, err error) error {
	var broken *registry.IntegrityError
	var refused *registry.BackupError
	switch {
	case errors.Is(err, seal.ErrWrongRecoveryKey):
		return civil.Refuse("--identite", "la clé de secours "+key.Fingerprint()+" n'ouvre pas cette sauvegarde : elle a été chiffrée pour une autre clé",
			"prenez la clé de secours en service au moment de la sauvegarde (voir son empreinte, imprimée sur la feuille) ; rien n'a été modifié")
	case errors.Is(err, seal.ErrNotBackup):
		return damagedBackup(file, err.Error())
	case errors.As(err, &refused):
		return damagedBackup(file, refused.Reason)
	case errors.As(err, &broken):
		return damagedBackup(file, strings.Join(broken.Breaks, "\n  "))
	}
	return err
}

// damagedBackup refuses a backup that does not decrypt or does not pass
// the check: exit 3, nothing touched.
func damagedBackup(file, why string) error {
	return &verifyError{"sauvegarde " + file + " refusée : " + why,
		"rien n'a été modifié ; essayez la sauvegarde précédente. Si le fichier a pu être modifié volontairement, prévenez l'officier de l'état civil"}
}

// readRecoveryFile reads the private recovery key from the file given
// with --identite.
func readRecoveryFile(name string) (seal.RecoveryKey, error) {
	data, err := readRegular("--identite", name, maxCertificate)
	if err != nil {
		return seal.RecoveryKey{}, err
	}
	key, err := seal.ParseRecovery(bytes.NewReader(data))
	if err != nil {
		return key, &usageError{"--identite " + name + " : aucune clé de secours lisible dans ce fichier", "le fichier doit contenir la ligne AGE-SECRET-KEY-1… imprimée, recopiée sans espace ni erreur"}
	}
	return key, nil
}
