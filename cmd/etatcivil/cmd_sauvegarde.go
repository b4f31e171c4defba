package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/internal/fold"
	"etatcivil/internal/readback"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

type backupOptions struct {
	output, officer string
	sameDisk        bool
}

func (e *env) sauvegardeCmd() *cobra.Command {
	o := &backupOptions{}
	cmd := &cobra.Command{
		Use:   "sauvegarde -o DOSSIER|FICHIER.age [--officier ID]",
		Short: "Sauvegarde chiffrée et signée du registre, écrite sur un support amovible",
		Long: `Écrit une copie cohérente du registre directement sur le support (clé USB, disque externe),
chiffrée pour la clé de secours de la commune (voir etatcivil secours creer) et signée par
l'officier qui tape sa phrase secrète : seule la clé de secours imprimée permet de la restaurer,
et la restauration refuse toute sauvegarde que la commune n'a pas signée. Rien n'est écrit
ailleurs que sur le support : pas de copie sur le disque de l'ordinateur. La sauvegarde est relue
sur le support au fil de l'écriture, puis inscrite au journal. Pendant l'écriture, le registre
reste lisible ; une commande qui écrit attend la fin de la sauvegarde (deux secondes, puis
« registre occupé » : recommencez-la ensuite).
Le support doit être un autre disque que celui du registre (sinon --meme-disque).
Avec un DOSSIER, le fichier est nommé registre-COMMUNE-AAAAMMJJ-HHMM.age.
Une sauvegarde n'en remplace jamais une autre.`,
		Example: `  etatcivil sauvegarde -o /media/cle-usb
  etatcivil sauvegarde -o /media/cle-usb/registre-lundi-midi.age --officier o1`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "output"); err != nil {
				return err
			}
			return e.runBackup(o)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "dossier du support amovible (clé USB, disque externe), ou fichier .age à y écrire")
	cmd.Flags().StringVar(&o.officer, "officier", "", "officier qui signe la sauvegarde (par défaut le seul qui a une clé)")
	cmd.Flags().BoolVar(&o.sameDisk, "meme-disque", false, "accepte une destination sur le disque du registre (copie de dépannage : elle disparaît avec l'ordinateur)")
	return cmd
}

// plugIn is what to do when the medium is not there.
const plugIn = "branchez la clé USB (ou le disque externe), attendez qu'elle apparaisse, puis indiquez le dossier où elle est montée (par exemple /media/NOM/CLE) ; rien n'a été écrit"

// backupDestination checks -o before anything is written and returns the
// folder of the medium and the backup's file name: a folder that does not
// exist (the stick is not plugged in) is refused, and so is a folder on
// the register's own disk, unless sameDisk.
func backupDestination(out, registerDir string, sameDisk bool) (folder, file string, err error) {
	st, err := os.Stat(out)
	switch {
	case err == nil && st.IsDir():
		folder = out
	case err == nil:
		return "", "", &usageError{"le fichier " + out + " existe déjà", "choisissez un autre nom : une sauvegarde n'en remplace jamais une autre"}
	case !errors.Is(err, fs.ErrNotExist):
		return "", "", &usageError{"-o " + out + " : destination illisible", plugIn}
	case strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator)) || !strings.EqualFold(filepath.Ext(out), ".age"):
		// Not a file name: the folder of a medium that is not there.
		return "", "", &usageError{"-o " + out + " : ce dossier n'existe pas (la clé USB n'est pas branchée ?)", plugIn}
	default:
		folder, file = filepath.Dir(out), filepath.Base(out)
		if st, err := os.Stat(folder); err != nil || !st.IsDir() {
			return "", "", &usageError{"-o " + out + " : le dossier " + folder + " n'existe pas (la clé USB n'est pas branchée ?)", plugIn}
		}
	}
	same, err := sameDevice(folder, registerDir)
	if err != nil {
		return "", "", err
	}
	if same && !sameDisk {
		return "", "", &usageError{"-o " + out + " : ce dossier est sur le même disque que le registre (" + registerDir + ") : une panne, un vol ou un rançongiciel emporterait le registre et sa sauvegarde",
			"branchez la clé USB (ou le disque externe) et indiquez son dossier ; pour une copie de dépannage sur ce disque malgré tout, ajoutez --meme-disque"}
	}
	return folder, file, nil
}

func (e *env) runBackup(o *backupOptions) error {
	e.quiet = true
	dir, err := e.dir()
	if err != nil {
		return err
	}
	if !registry.Exists(dir) {
		s, err := e.open(true) // the register's own refusal
		if err == nil {
			s.Close()
		}
		return err
	}
	folder, file, err := backupDestination(o.output, dir, o.sameDisk)
	if err != nil {
		return err
	}
	// A backup killed on this medium left its temporary files there.
	registry.SweepTemps(folder)
	// The officer's key is opened first (the passphrase, and scrypt's
	// fraction of a second), the register not held meanwhile.
	s, err := e.open(true)
	if err != nil {
		return err
	}
	if err := s.Behind(); err != nil {
		s.Close()
		return err
	}
	sg, err := e.officerSigner(s, o.officer)
	s.Close()
	if err != nil {
		return err
	}
	// Read-only: other commands may read the register while the backup is
	// written; writes wait for its end.
	s, err = e.open(true)
	if err != nil {
		return err
	}
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	if err := s.Behind(); err != nil {
		return err
	}
	c, err := s.Commune()
	if err != nil {
		return err
	}
	if file == "" {
		file = fmt.Sprintf("registre-%s-%s.age", strings.ReplaceAll(strings.ToLower(fold.Accents(c.Nom)), " ", "-"), e.clock().Format("20060102-1504"))
	}
	dest := filepath.Join(folder, file)
	if _, err := os.Lstat(dest); err == nil {
		return &usageError{"le fichier " + dest + " existe déjà", "choisissez un autre nom : une sauvegarde n'en remplace jamais une autre"}
	}
	// The medium's witness of its last backup: this register must still
	// hold what that backup held.
	if err := s.CheckMedium(folder); err != nil {
		return err
	}
	plan, err := s.PlanBackup(sg)
	if err != nil {
		return err
	}
	trust, err := s.Trust()
	if err != nil {
		return err
	}

	out, err := e.createSealedOut(dest)
	if err != nil {
		return err
	}
	// Written straight to the medium, and read back from it as it goes.
	bar := e.newProgress("Sauvegarde", plan.Bytes)
	rb := readback.New(out.File)
	b, anchor, err := s.WriteBackup(bar.writer(rb), file, plan, sg)
	if err != nil {
		rb.Abort()
		out.abort()
		return writeFailed(dest, err)
	}
	checked, err := rb.Finish()
	if err == nil && checked != b.Taille {
		err = fmt.Errorf("%w (%d octets relus sur %d)", readback.ErrMismatch, checked, b.Taille)
	}
	if err == nil {
		_, err = registry.OpenBackup(out.File, b.Taille, trust) // the signed manifest, as the medium holds it
	}
	if err != nil {
		out.abort()
		var bad *registry.BackupError
		if errors.Is(err, readback.ErrMismatch) || errors.As(err, &bad) {
			return &verifyError{"la sauvegarde relue sur " + folder + " ne correspond pas à ce qui a été écrit : " + err.Error(),
				"le support est peut-être défectueux (ou de capacité truquée) : rien n'a été gardé ; recommencez sur un autre support"}
		}
		return writeFailed(dest, err)
	}
	bar.finish()
	if err := out.commit(); err != nil {
		return err
	}
	if err := registry.WriteMediumWitness(folder, c.Insee, file, anchor); err != nil {
		return writeFailed(filepath.Join(folder, registry.MediumWitnessName(c.Insee)), err)
	}

	s.Close()
	s = nil
	if s, err = e.open(false); err != nil {
		return fmt.Errorf("la sauvegarde %s est écrite, mais le registre n'a pas pu la noter au journal : %w", dest, err)
	}
	b.Fichier = dest // where it was written, for the clerk; the manifest names the file only
	if err := s.RecordBackup(b, anchor); err != nil {
		return err
	}
	who := sg.Key.Cert.Subject.CommonName
	fmt.Fprintf(e.out, "Sauvegarde écrite et relue : %s (%s, %d actes, journal jusqu'à l'entrée n° %d), signée par %s (%s).\n", dest, words.Size(b.Taille), b.Actes, b.Seq, who, sg.Officer)
	fmt.Fprintf(e.out, "Chiffrée pour la clé de secours %s : comparez cette empreinte à celle de la feuille imprimée.\n", b.Cle)
	fmt.Fprintf(e.out, "Empreinte SHA-256 : %s\n", b.Empreinte)
	fmt.Fprintln(e.out, "Retirez le support et rangez-le hors de portée de l'ordinateur.")
	return nil
}

// writeFailed names a write to the medium that failed; a full medium is
// reported as such by the exit table.
func writeFailed(dest string, err error) error {
	var refused *usageError
	var broken *registry.IntegrityError
	if errors.As(err, &refused) || errors.As(err, &broken) {
		return err
	}
	return fmt.Errorf("écriture de %s : %w (le support est-il plein ou retiré ?)", dest, err)
}
