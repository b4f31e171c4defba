package guichet

import (
	"errors"
	"fmt"

	"etatcivil/civil"
	"etatcivil/internal/medium"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// « Sauvegarde »: etatcivil sauvegarde from the page — a click on a
// removable medium plugged in (medium.Removable), or a folder typed. The
// destination's rules, the write straight to the medium read back, the
// medium's witness and the journal are internal/medium's, as for the
// command; the backup is signed with the officer's open key.

var sauvegardeForm = &FormDef{Fields: []Field{
	{Name: medium.Field, Label: "Dossier du support", Autocomplete: "off", Aliases: []string{medium.FileField},
		Hint: "le dossier où la clé USB (ou le disque externe) est montée, par exemple /media/anne/CLE-USB (E:\\ sous Windows) ; ou un fichier NOM.age dans ce dossier"},
	{Name: "meme_disque", Kind: "checkbox", Check: "accepter un dossier sur le disque du registre (copie de dépannage : elle disparaîtrait avec l'ordinateur)"},
}}

type sauvegardeData struct {
	Mounts   []medium.Mount
	Reminder registry.Reminder
	Last     *registry.Backup
	KeyOpen  bool
}

// sauvegardeGet is what the page shows: the media plugged in, the
// reminder, the last backup.
func sauvegardeGet(c *Ctx) (sauvegardeData, error) {
	d := sauvegardeData{KeyOpen: c.Seal() != nil, Mounts: medium.Removable(c.srv.cfg.Dir)}
	err := c.Read(func(s *registry.Store) (err error) {
		if d.Reminder, err = s.BackupReminder(); err != nil {
			return err
		}
		d.Last, err = s.LastBackup()
		return err
	})
	return d, err
}

func sauvegardePage() *Page {
	p := &Page{Path: "/sauvegarde", Title: "Sauvegarde du registre", Nav: "Sauvegarde", Key: "s", Template: "sauvegarde.html", Form: sauvegardeForm}
	p.Get = func(c *Ctx) (any, error) { return sauvegardeGet(c) }
	p.Post = func(c *Ctx) (any, error) {
		sl := c.Seal()
		if sl == nil {
			c.Redirect("/ouverture?suite=/sauvegarde", "Ouvrez d'abord la clé de l'officier : la sauvegarde est signée par elle.")
			return nil, nil
		}
		out := c.Form.Get(medium.Field)
		if m := c.R.PostForm.Get("support"); m != "" {
			out = m
		}
		if out == "" {
			return nil, civil.Refuse(medium.Field, "aucun support choisi", "branchez la clé USB et cliquez sur son nom, ou indiquez le dossier où elle est montée")
		}
		folder, file, err := medium.Destination(out, c.srv.cfg.Dir, c.Form.Get("meme_disque") == "oui")
		if err != nil {
			return nil, err
		}
		// The backup opens the register read-only, then for writing: this
		// process's other requests wait meanwhile.
		c.srv.storeMu.Lock()
		b, err := medium.Write(medium.Job{
			Open:   func(ro bool) (*registry.Store, error) { return registry.Open(c.srv.cfg.Dir, c.srv.options(ro)) },
			Folder: folder, File: file, Signer: sl.Signer(), Now: c.Now,
		})
		c.srv.storeMu.Unlock()
		var unread *medium.ReadBackError
		if errors.As(err, &unread) {
			return nil, civil.Refuse(medium.Field, unread.Error(), unread.Hint())
		}
		if err != nil {
			return nil, err
		}
		c.Redirect("/sauvegarde", fmt.Sprintf("Sauvegarde écrite et relue : %s (%s, %s, journal jusqu'à l'entrée n° %d), signée par %s. "+
			"Chiffrée pour la clé de secours %s : comparez cette empreinte à celle de la feuille imprimée. Retirez le support et rangez-le hors de portée de l'ordinateur.",
			b.Fichier, words.Size(b.Taille), words.Plural(b.Actes, "acte", "actes"), b.Seq, sl.Officer.FullName(), b.Cle))
		return nil, nil
	}
	return p
}
