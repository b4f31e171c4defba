package guichet

import (
	"strings"

	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// « Ajouter un officier »: etatcivil officier ajouter. The officer's key
// is certified by the seal (its passphrase, typed by whoever keeps it) and
// locked with the officer's own passphrase, typed by the officer: the same
// keyring calls and refusals as the command.

var officierPage = &Page{Path: "/officiers/ajouter", Title: "Ajouter un officier", Template: "formulaire.html", Post: officierPost,
	Form: &FormDef{Fields: append(append([]Field(nil), creerForm.Fields[6:]...),
		Field{Name: "phrase", Label: sealField.Label, Kind: "password", Required: true, Group: "Le sceau de la commune", Hint: sealField.Hint})},
	Data: &formPage{Button: "Ajouter l'officier", Links: []navLink{{Path: "/officiers", Label: "Officiers"}}, Intro: []string{
		"Un officier de l'état civil ou un fonctionnaire délégué : sa clé de signature est certifiée par le sceau de la commune (la phrase du sceau, tapée par celui qui le garde) et s'ouvre avec sa propre phrase, qu'il choisit et tape lui-même."}}}

func officierPost(c *Ctx) (any, error) {
	f, pf := c.Form, c.R.PostForm
	o, err := keyring.NewOfficer(f.Get("id"), f.Get("prenoms"), f.Get("nom"), f.Get("qualite"), f.Get("civilite"))
	if err != nil {
		return nil, err
	}
	phrase, sealPhrase := pf.Get("phrase_officier"), pf.Get("phrase")
	var key *registry.KeyRecord
	err = sealed(c, func(s *registry.Store, auth *seal.Key) error {
		if err := keyring.CheckOfficerID(s, o.ID); err != nil {
			return err
		}
		ctx, err := keyring.Context(s, append([]string{o.ID, o.Nom}, o.Prenoms...)...)
		if err == nil {
			err = keyring.Confirmed(phrase, pf.Get("confirmation_officier"), "confirmation_officier")
		}
		if err == nil {
			err = phraseField(keyring.CheckNewPhrase(phrase, ctx), "phrase_officier")
		}
		if err == nil {
			key, err = keyring.AddOfficer(s, auth, o, phrase, sealPhrase, c.Now())
			err = phraseField(err, "phrase_officier")
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	c.Redirect("/officiers", strings.Join(keyring.OfficerAdded(o, key), "\n"))
	return nil, nil
}
