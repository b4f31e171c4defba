package guichet

import (
	"errors"
	"strings"

	"etatcivil/civil"
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

// « Révoquer une clé »: etatcivil officier revoquer, in two steps as the
// command: what the revocation will mean (keyring.PlanRevoke), then the
// officer's NOM typed again and the seal's passphrase.
var revoquerPage = &Page{Path: "/officiers/revoquer", Title: "Révoquer la clé d'un officier", Template: "formulaire.html", Post: revoquerPost,
	Form: &FormDef{Fields: []Field{
		{Name: "officier", Label: "Identifiant de l'officier", Required: true, Width: "court", Hint: "o1, o2… (« Officiers »)"},
		{Name: "motif", Label: "Motif", Required: true, Width: "moyen", Suggest: []string{registry.RaisonFinDeMandat, registry.RaisonCompromission},
			Hint: "fin-de-mandat (l'officier quitte ses fonctions : ce qu'il a signé avant reste authentique) ou compromission (la clé a pu être utilisée par un autre)"},
		{Name: "depuis", Label: "Depuis le", Width: "court", Hint: "JJ/MM/AAAA : premier jour où ses signatures ne valent plus ; vide : maintenant pour une fin de mandat, depuis toujours pour une compromission"},
		{Name: "nom", Label: "Pour confirmer, le NOM de l'officier", Autocomplete: "off", Hint: "après avoir lu ce que la révocation entraîne"},
		{Name: "phrase", Label: sealField.Label, Kind: "password", Hint: sealField.Hint},
	}},
	Data: &formPage{Button: "Révoquer", Links: []navLink{{Path: "/officiers", Label: "Officiers"}}, Intro: []string{
		"La clé révoquée ne signe plus rien ; ce que deviennent les documents qu'elle a signés dépend du motif. D'abord « Révoquer » sans le nom : la page dit ce que la révocation entraîne ; puis retapez le NOM de l'officier et la phrase du sceau. Ensuite, remettez aux partenaires la liste de révocation (« Clés et secours »)."}}}

func revoquerPost(c *Ctx) (any, error) {
	f := c.Form
	var p *keyring.RevokePlan
	var lines []string
	err := c.Write(func(s *registry.Store) (err error) {
		if p, err = keyring.PlanRevoke(s, f.Get("officier"), f.Get("motif"), f.Get("depuis")); err != nil || f.Get("nom") == "" {
			return err
		}
		if err := p.Confirm(f.Get("nom")); err != nil {
			var r *keyring.Refusal
			errors.As(err, &r)
			return civil.Refuse("nom", r.Msg, r.Hint)
		}
		auth, err := keyring.OpenSeal(s, c.R.PostForm.Get("phrase"))
		if err == nil {
			lines, err = p.Do(s, auth)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if lines == nil {
		return &formPage{Button: "Révoquer", Links: []navLink{{Path: "/officiers", Label: "Officiers"}},
			Result: append(p.Lines, "Pour confirmer, tapez le nom de l'officier ("+p.Officer.Nom+") et la phrase du sceau, puis « Révoquer »."), Intro: nil}, nil
	}
	c.Redirect("/officiers", strings.Join(lines, "\n"))
	return nil, nil
}
