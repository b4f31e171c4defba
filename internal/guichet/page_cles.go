package guichet

import (
	"bytes"

	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// « Clés et secours »: etatcivil cles exporter and cles revocations (a
// download), cles phrase, secours creer (the key's sheet shown once, to
// print) and secours signer, each with the seal's passphrase, through the
// same keyring calls as the commands.

var keyLinks = []navLink{{Path: "/cles", Label: "Certificat de la commune"}, {Path: "/cles/phrase", Label: "Changer la phrase du sceau"},
	{Path: "/secours", Label: "Clé de secours : la créer, ou faire signer celle d'une version précédente"}}

// sealField is the seal's passphrase, asked by every form of these pages.
var sealField = Field{Name: "phrase", Label: "Phrase secrète du sceau de la commune", Kind: "password", Required: true,
	Hint: "celle du sceau, gardée par le maire ; jamais enregistrée"}

var (
	clesPage = &Page{Path: "/cles", Title: "Clés et secours", Nav: "Clés et secours", Key: "y", Template: "formulaire.html", Get: clesGet, Post: clesPost,
		Form: &FormDef{Fields: []Field{sealField, {Name: "revocations", Kind: "checkbox", Check: "la liste des clés révoquées seule (revocations.pem), pour les partenaires qui ont déjà le certificat"}}}}
	sealPhrasePage = &Page{Path: "/cles/phrase", Title: "Phrase secrète du sceau", Template: "formulaire.html", Post: sealPhrasePost,
		Form: &FormDef{Fields: []Field{{Name: "ancienne", Label: "Phrase actuelle du sceau", Kind: "password", Required: true},
			{Name: "nouvelle", Label: "Nouvelle phrase du sceau", Kind: "password", Required: true, Hint: "au moins 12 caractères, difficile à deviner ; celle d'aucun officier"},
			{Name: "confirmation", Label: "La nouvelle phrase, une seconde fois", Kind: "password", Required: true}}},
		Data: &formPage{Button: "Changer la phrase du sceau", Links: keyLinks, Intro: []string{
			"Le sceau ne change pas (même certificat, même empreinte) : seule la phrase qui l'ouvre change. Refusé tant que des clés d'officiers s'ouvrent encore avec la phrase du sceau."}}}
	secoursPage = &Page{Path: "/secours", Title: "Clé de secours des sauvegardes", Template: "formulaire.html", Post: secoursPost,
		Form: &FormDef{Fields: []Field{sealField,
			{Name: "remplacer", Kind: "checkbox", Check: "remplacer la clé de secours en service (les sauvegardes déjà faites gardent l'ancienne)"},
			{Name: "signer", Kind: "checkbox", Check: "ne pas en créer : faire signer par le sceau celle créée par une version précédente (comparez d'abord son empreinte à la feuille imprimée)"}}},
		Data: &formPage{Button: "Créer la clé de secours", Links: keyLinks, Intro: []string{
			"La clé de secours chiffre les sauvegardes : sa partie publique reste dans le registre, sa partie privée est montrée une seule fois sur cette page. Imprimez-la aussitôt (Ctrl+P), rangez la feuille sous clé loin de l'ordinateur : sans elle, aucune sauvegarde ne peut être restaurée."}}}
)

// sealed runs fn with the seal opened by the form's passphrase, the
// register open for writing.
func sealed(c *Ctx, fn func(*registry.Store, *seal.Key) error) error {
	return c.Write(func(s *registry.Store) error {
		auth, err := keyring.OpenSeal(s, c.R.PostForm.Get("phrase"))
		if err != nil {
			return err
		}
		return fn(s, auth)
	})
}

// clesGet shows the seal's and the recovery key's fingerprints.
func clesGet(c *Ctx) (any, error) {
	d := &formPage{Button: "Télécharger le certificat (commune.pem)", Links: keyLinks,
		Notes: []string{"Le certificat porte ceux des officiers et la liste des clés révoquées, datée de maintenant et signée par le sceau : remettez-le au procureur et aux partenaires, qui vérifient les copies sans réseau ; ré-exportez après chaque nouvel officier ou révocation."}}
	err := c.Read(func(s *registry.Store) error {
		t, err := keyring.Trust(s)
		if err != nil {
			return err
		}
		d.Intro = append(d.Intro, "Sceau de la commune, empreinte à lire au téléphone : "+seal.Fingerprint(t.Authority)+".")
		k, err := s.RecoveryKey()
		switch {
		case err != nil:
			return err
		case k == nil:
			d.Intro = append(d.Intro, "Pas de clé de secours : les sauvegardes sont chiffrées pour elle ; créez-la, imprimez-la.")
		case k.Signature == nil:
			d.Intro = append(d.Intro, "Clé de secours en service, empreinte "+k.Fingerprint()+" (créée le "+k.CreeLe+"), pas encore signée par le sceau : faites-la signer.")
		default:
			d.Intro = append(d.Intro, "Clé de secours en service, empreinte "+k.Fingerprint()+" (créée le "+k.CreeLe+") : comparez-la à celle de la feuille imprimée.")
		}
		return nil
	})
	return d, err
}

// clesPost downloads the commune's certificate (or the revocation list).
func clesPost(c *Ctx) (any, error) {
	list := c.Form.Get("revocations") == "oui"
	name := "commune.pem"
	if list {
		name = "revocations.pem"
	}
	var buf bytes.Buffer
	err := sealed(c, func(s *registry.Store, auth *seal.Key) error {
		write, _, err := keyring.SignedExport(s, auth, list, name, c.Now())
		if err == nil {
			err = write(&buf)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	c.File(name, "application/x-pem-file", buf.Bytes())
	return nil, nil
}

func sealPhrasePost(c *Ctx) (any, error) {
	pf := c.R.PostForm
	old, nw := pf.Get("ancienne"), pf.Get("nouvelle")
	if err := keyring.Confirmed(nw, pf.Get("confirmation"), "confirmation"); err != nil {
		return nil, err
	}
	err := c.Write(func(s *registry.Store) error {
		if _, err := keyring.OpenSeal(s, old); err != nil {
			return phraseField(err, "ancienne")
		}
		return phraseField(keyring.SetSealPhrase(s, old, nw), "nouvelle")
	})
	if err != nil {
		return nil, err
	}
	c.Redirect("/cles", "Nouvelle phrase du sceau enregistrée : elle seule ouvre désormais le sceau de la commune (même certificat, même empreinte).")
	return nil, nil
}

// secoursPost creates the recovery key and shows its sheet once, or signs
// with the seal the key an earlier version made.
func secoursPost(c *Ctx) (any, error) {
	var r *keyring.NewRecovery
	var k *registry.RecoveryKey
	sign := c.Form.Get("signer") == "oui"
	err := sealed(c, func(s *registry.Store, auth *seal.Key) (err error) {
		sg := registry.Signer{Key: auth}
		if sign {
			k, err = s.SignRecoveryKey(sg)
			return err
		}
		r, err = keyring.NewRecoveryKey(s, c.Form.Get("remplacer") == "oui", func() (registry.Signer, error) { return sg, nil }, c.Now())
		if err == nil {
			err = r.Record()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if sign {
		c.Redirect("/cles", "Clé de secours "+k.Fingerprint()+" signée par le sceau de la commune : vérifiez que cette empreinte est bien celle de la feuille imprimée.")
		return nil, nil
	}
	return &formPage{Button: "Créer la clé de secours", Links: keyLinks, Pre: r.Text,
		Result: append(r.Lines, "Imprimez cette page maintenant (Ctrl+P) : elle n'est montrée qu'une fois, rien ne la garde. Si elle ne s'imprime pas, recréez la clé en la remplaçant.")}, nil
}
