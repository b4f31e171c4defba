package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/medium"
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
	folder, file, err := medium.Destination(o.output, dir, o.sameDisk)
	if err != nil {
		return destinationError(o.output, err)
	}
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
	var bar *progress
	b, err := medium.Write(medium.Job{Open: e.open, Folder: folder, File: file, Signer: sg, Now: e.clock,
		Progress: func(w io.Writer, total int64) io.Writer {
			bar = e.newProgress("Sauvegarde", total)
			return bar.writer(w)
		}})
	var unread *medium.ReadBackError
	if errors.As(err, &unread) {
		return &verifyError{unread.Error(), unread.Hint()}
	}
	if err != nil {
		return destinationError(o.output, err)
	}
	bar.finish()
	who := sg.Key.Cert.Subject.CommonName
	fmt.Fprintf(e.out, "Sauvegarde écrite et relue : %s (%s, %s, journal jusqu'à l'entrée n° %d), signée par %s (%s).\n", b.Fichier, words.Size(b.Taille), words.Plural(b.Actes, "acte", "actes"), b.Seq, who, sg.Officer)
	fmt.Fprintf(e.out, "Chiffrée pour la clé de secours %s : comparez cette empreinte à celle de la feuille imprimée.\n", b.Cle)
	fmt.Fprintf(e.out, "Empreinte SHA-256 : %s\n", b.Empreinte)
	fmt.Fprintln(e.out, "Retirez le support et rangez-le hors de portée de l'ordinateur.")
	return nil
}

// destinationError writes a refusal of the backup's destination as the
// command always has: « -o DOSSIER : ce dossier n'existe pas », the file
// « le fichier F existe déjà », and --meme-disque offered for the
// register's own disk.
func destinationError(out string, err error) error {
	var r *civil.RefusedError
	if !errors.As(err, &r) || len(r.Problems) != 1 {
		return err
	}
	p := r.Problems[0]
	hint := p.Hint
	for _, n := range p.Next {
		if n.Step == civil.SameDisk {
			hint += " ; pour une copie de dépannage sur ce disque malgré tout, ajoutez --meme-disque"
		}
	}
	switch p.Field {
	case medium.Field:
		return &usageError{"-o " + out + " : " + p.Rule, hint}
	case medium.FileField:
		return &usageError{p.Rule, hint}
	}
	return err
}
