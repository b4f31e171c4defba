package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/seal"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

type backupOptions struct{ output string }

func (e *env) sauvegardeCmd() *cobra.Command {
	o := &backupOptions{}
	cmd := &cobra.Command{
		Use:   "sauvegarde -o FICHIER|DOSSIER",
		Short: "Sauvegarde chiffrée du registre, à emporter sur un support amovible",
		Long: `Écrit une copie cohérente du registre, chiffrée pour la clé de secours de la commune
(voir etatcivil secours creer) : aucun secret n'est demandé, et seule la clé de secours imprimée
permet de la restaurer. Le registre reste utilisable : il n'est bloqué que le temps de la copie
locale, avant l'écriture sur le support. La sauvegarde est inscrite au journal.
Avec un DOSSIER, le fichier est nommé registre-COMMUNE-AAAAMMJJ-HHMM.age.
Une sauvegarde n'en remplace jamais une autre.`,
		Example: `  etatcivil sauvegarde -o /media/cle-usb
  etatcivil sauvegarde -o /media/cle-usb/registre-lundi-midi.age`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "output"); err != nil {
				return err
			}
			return e.runBackup(o)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "fichier de sauvegarde, ou dossier où l'écrire (clé USB, disque externe)")
	return cmd
}

func (e *env) runBackup(o *backupOptions) error {
	e.quiet = true
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	key, err := s.RecoveryKey()
	if err != nil {
		return err
	}
	if key == nil {
		return civil.Refuse("clé de secours", "ce registre n'a pas encore de clé de secours : la sauvegarde ne pourrait pas être chiffrée",
			"créez-la une fois pour toutes : etatcivil secours creer -o FICHIER (à imprimer et garder loin de l'ordinateur)")
	}
	c, err := s.Commune()
	if err != nil {
		return err
	}
	dest := o.output
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		dest = filepath.Join(dest, fmt.Sprintf("registre-%s-%s.age", strings.ReplaceAll(strings.ToLower(fold.Accents(c.Nom)), " ", "-"), e.clock().Format("20060102-1504")))
	}
	if _, err := os.Stat(dest); err == nil {
		return &usageError{"le fichier " + dest + " existe déjà", "choisissez un autre nom : une sauvegarde n'en remplace jamais une autre"}
	}

	// The snapshot is encrypted into a temporary file beside the register:
	// the register is held only for this local write.
	tmp, err := os.CreateTemp(s.Dir(), ".sauvegarde-*.age")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	sum := sha256.New()
	var plain int64
	if st, err := os.Stat(filepath.Join(s.Dir(), registry.FileName)); err == nil {
		plain = st.Size()
	}
	sealing := e.newProgress("Chiffrement", plain)
	snap, err := writeEncrypted(s, key.Destinataire, sealing.writer(io.MultiWriter(tmp, sum)))
	if err != nil {
		return err
	}
	sealing.finish()
	s.Close()
	s = nil
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}

	out, err := createOut(dest)
	if err != nil {
		return err
	}
	out.noReplace = true
	bar := e.newProgress("Sauvegarde", size)
	if _, err := io.Copy(out, bar.reader(tmp)); err != nil {
		out.abort()
		return fmt.Errorf("écriture de %s : %w (le support est-il plein ou retiré ?)", dest, err)
	}
	if err := out.commit(); err != nil {
		return err
	}
	bar.finish()

	if s, err = e.open(false); err != nil {
		return fmt.Errorf("la sauvegarde %s est écrite, mais le registre n'a pas pu la noter au journal : %w", dest, err)
	}
	b := registry.Backup{Seq: snap.Seq, Actes: snap.Acts, Fichier: dest, Taille: size, Empreinte: hex.EncodeToString(sum.Sum(nil)), Cle: key.Empreinte}
	if err := s.RecordBackup(b); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Sauvegarde écrite : %s (%s, %d actes, journal jusqu'à l'entrée n° %d).\n", dest, words.Size(size), snap.Acts, snap.Seq)
	fmt.Fprintf(e.out, "Chiffrée pour la clé de secours %s. Empreinte SHA-256 : %s\n", key.Empreinte, b.Empreinte)
	fmt.Fprintln(e.out, "Retirez le support et rangez-le hors de portée de l'ordinateur.")
	return nil
}

// writeEncrypted writes a consistent snapshot of the register to w,
// encrypted for the recovery key's public part.
func writeEncrypted(s *registry.Store, recipient string, w io.Writer) (registry.Snapshot, error) {
	enc, err := seal.EncryptBackup(w, recipient)
	if err != nil {
		return registry.Snapshot{}, err
	}
	snap, err := s.WriteSnapshot(enc)
	if err != nil {
		return snap, fmt.Errorf("copie du registre : %w", err)
	}
	return snap, enc.Close()
}
