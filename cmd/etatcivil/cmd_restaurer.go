package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

type restoreOptions struct {
	identity string
	force    bool
}

func (e *env) restaurerCmd() *cobra.Command {
	o := &restoreOptions{}
	cmd := &cobra.Command{
		Use:   "restaurer SAUVEGARDE --identite CLE-DE-SECOURS [--force]",
		Short: "Remet en place un registre à partir d'une sauvegarde (sur cet ordinateur ou un autre)",
		Long: `Déchiffre la sauvegarde avec la clé de secours imprimée, vérifie tout (structure, chaîne du
journal, chaque acte contre son empreinte, numérotation) avant de toucher à quoi que ce soit, puis
met le registre en place dans le dossier (--dossier). Un registre déjà présent qui contient des
écritures absentes de la sauvegarde n'est remplacé qu'avec --force ; un registre remplacé n'est
jamais effacé, il est renommé à côté.`,
		Example: `  etatcivil restaurer /media/cle-usb/registre-lille-20261124-1200.age --identite cle-secours.txt`,
		Args:    args(1, "fichier de sauvegarde"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "identite"); err != nil {
				return err
			}
			return e.runRestore(a[0], o)
		},
	}
	cmd.Flags().StringVar(&o.identity, "identite", "", "fichier de la clé de secours (partie privée, créée par etatcivil secours creer)")
	cmd.Flags().BoolVar(&o.force, "force", false, "remplace même un registre qui contient des écritures absentes de la sauvegarde (il est gardé à côté)")
	return cmd
}

func (e *env) runRestore(file string, o *restoreOptions) error {
	key, err := readRecoveryFile(o.identity)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return &usageError{"sauvegarde " + file + " introuvable ou illisible", "indiquez le fichier .age écrit par etatcivil sauvegarde"}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	bar := e.newProgress("Restauration", st.Size())
	plain, err := decryptBackup(bar.reader(f), file, key)
	if err != nil {
		return err
	}
	dir, err := e.dir()
	if err != nil {
		return err
	}
	res, err := registry.Restore(dir, plain, file, o.force, e.options(false))
	var broken *registry.IntegrityError
	if errors.As(err, &broken) {
		return damagedBackup(file, strings.Join(broken.Breaks, "\n  "))
	}
	if err != nil {
		return err
	}
	bar.finish()
	where := res.Commune.Nom + " (" + res.Commune.Departement + ")"
	fmt.Fprintf(e.out, "Registre de %s restauré dans %s : %d actes, journal de %d entrées (dernière écriture le %s), contrôle d'intégrité sans anomalie.\n",
		where, dir, res.Acts, res.Seq, stamp(res.Last))
	if res.Aside != "" {
		fmt.Fprintf(e.out, "L'ancien registre est gardé à côté : %s\n", res.Aside)
	}
	fmt.Fprintln(e.out, "Vérifiez les derniers actes (etatcivil lister) et ressaisissez ceux dressés après la sauvegarde.")
	return nil
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
	f, err := os.Open(name)
	if err != nil {
		return seal.RecoveryKey{}, &usageError{"--identite " + name + " : fichier introuvable ou illisible", "indiquez le fichier de la clé de secours (ressaisissez la ligne AGE-SECRET-KEY-… imprimée dans un fichier texte)"}
	}
	defer f.Close()
	key, err := seal.ParseRecovery(f)
	if err != nil {
		return key, &usageError{"--identite " + name + " : aucune clé de secours lisible dans ce fichier", "le fichier doit contenir la ligne AGE-SECRET-KEY-1… imprimée, recopiée sans espace ni erreur"}
	}
	return key, nil
}

// decryptBackup opens the backup read from r (named file) with the
// recovery key: a key made for another backup is refused (exit 2), a
// file that is not a backup or whose header was altered fails (exit 3).
func decryptBackup(r io.Reader, file string, key seal.RecoveryKey) (io.Reader, error) {
	plain, err := seal.DecryptBackup(r, key)
	switch {
	case errors.Is(err, seal.ErrWrongRecoveryKey):
		return nil, civil.Refuse("--identite", "la clé de secours "+key.Fingerprint()+" n'ouvre pas cette sauvegarde : elle a été chiffrée pour une autre clé",
			"prenez la clé de secours en service au moment de la sauvegarde (voir son empreinte, imprimée sur la feuille) ; rien n'a été modifié")
	case err != nil:
		return nil, damagedBackup(file, err.Error())
	}
	return plain, nil
}
