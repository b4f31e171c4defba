package guichet

import (
	"os"
	"path/filepath"
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// « Compacter »: etatcivil compacter (registry.Store.Compact). The register
// is opened for writing, alone: the counter's other requests wait, and a
// command that holds it makes the page answer « Registre occupé »; the new
// file is checked before it takes the old one's place.

var compacterPage = &Page{Path: "/compacter", Title: "Compacter le registre", Nav: "Compacter", Key: "p", Template: "formulaire.html", Get: compacterGet, Post: compacterPost,
	Form: &FormDef{Fields: []Field{{Name: "confirme", Kind: "checkbox",
		Check: "compacter maintenant : le fichier est réécrit puis contrôlé ; les autres postes et commandes attendent la fin"}}}}

func compacterGet(c *Ctx) (any, error) {
	d := &formPage{Button: "Compacter", Intro: []string{"Réécrit le fichier du registre sans la place perdue que gardent les grosses écritures (imports des versions précédentes). Le contenu ne change pas : mêmes actes, même journal. L'ancien fichier reste à côté, à supprimer une fois le nouveau vérifié ; il faut sur le disque la place d'un second registre."}}
	if st, err := os.Stat(filepath.Join(c.srv.cfg.Dir, registry.FileName)); err == nil {
		d.Intro = append(d.Intro, "Taille actuelle du fichier du registre : "+words.SizeIEC(st.Size())+".")
	}
	return d, nil
}

func compacterPost(c *Ctx) (any, error) {
	if c.Form.Get("confirme") != "oui" {
		return nil, civil.Refuse("confirme", "compactage non confirmé", "cochez la case, puis « Compacter »")
	}
	var res registry.Compacted
	if err := c.Write(func(s *registry.Store) (err error) { res, err = s.Compact(); return err }); err != nil {
		return nil, err
	}
	c.Redirect("/compacter", strings.Join(res.Report(), "\n"))
	return nil, nil
}
