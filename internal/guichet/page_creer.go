package guichet

import (
	"errors"
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/exchange"
	"etatcivil/internal/keyring"
	"etatcivil/registry"
)

// « Créer le registre » and « Restaurer une sauvegarde »: etatcivil init
// (with the first officer, etatcivil officier ajouter) and etatcivil
// restaurer, served only while the folder holds no register (Page.Setup).
// Once either succeeds, the counter serves its usual pages.

// formPage is what formulaire.html draws around a page's form: the pages
// of the register's upkeep are one form and a few sentences.
type formPage struct {
	Intro  []string // paragraphs above the form
	Button string
	Upload bool     // the form sends a file
	Result []string // what the action did, shown in the answer itself
	Pre    string   // a text to print, shown once (the recovery key)
	Notes  []string // paragraphs below the form
	Links  []navLink
}

// refusals gathers the refusals of several checks, so that a form shows
// every problem at once; phrase, when not "", names the form's field of a
// problem of the field "phrase" (keyring names each passphrase so).
// Another error ends at once.
type refusals struct {
	ps  []civil.Problem
	err error
}

func (r *refusals) add(err error, phrase string) {
	ps, ok := problemsOf(err)
	if !ok {
		if r.err == nil {
			r.err = err
		}
		return
	}
	for _, p := range ps {
		if phrase != "" && p.Field == "phrase" {
			p.Field = phrase
		}
		r.ps = append(r.ps, p)
	}
}

func (r *refusals) result() error {
	if r.err != nil || r.ps == nil {
		return r.err
	}
	return &civil.RefusedError{Problems: r.ps}
}

var creerForm = &FormDef{Fields: []Field{
	{Name: "commune", Label: "Commune", Required: true, Group: "La commune", Autofocus: true, Hint: "son nom au code officiel géographique, par exemple Lille"},
	{Name: "departement", Label: "Département", Required: true, Group: "La commune", Width: "moyen", Hint: "son nom ou son numéro : Nord, 59, 2A"},
	{Name: "insee", Label: "Code INSEE", Group: "La commune", Width: "court", Hint: "facultatif : vérifié s'il est donné"},
	{Name: "commune_associee", Label: "Commune associée ou déléguée", Group: "La commune", Hint: "seulement si ce registre est celui d'une commune associée (Lomme pour Lille)"},
	{Name: "phrase", Label: "Phrase secrète du sceau de la commune", Kind: "password", Required: true, Group: "Le sceau de la commune",
		Hint: "au moins 12 caractères, difficile à deviner (plusieurs mots) ; gardée sous clé : elle certifie et révoque les clés des officiers"},
	{Name: "confirmation", Label: "La même phrase, une seconde fois", Kind: "password", Required: true, Group: "Le sceau de la commune"},
	{Name: "id", Label: "Identifiant de l'officier", Required: true, Group: "L'officier de l'état civil", Width: "court", Hint: "court, cité dans les actes : o1"},
	{Name: "prenoms", Label: "Prénoms", Required: true, Group: "L'officier de l'état civil", Hint: "séparés par des virgules"},
	{Name: "nom", Label: "NOM", Required: true, Group: "L'officier de l'état civil", Hint: "en capitales"},
	{Name: "qualite", Label: "Qualité", Required: true, Group: "L'officier de l'état civil", Width: "moyen", Suggest: civil.Qualites, Hint: "maire, adjoint, conseiller, maire-delegue ou fonctionnaire-delegue"},
	{Name: "civilite", Label: "Civilité", Group: "L'officier de l'état civil", Width: "court", Suggest: []string{civil.CiviliteMadame, civil.CiviliteMonsieur}, Hint: "Mme ou M : les titres s'accordent (« maire déléguée »)"},
	{Name: "phrase_officier", Label: "Phrase secrète personnelle de l'officier", Kind: "password", Required: true, Group: "L'officier de l'état civil",
		Hint: "choisie et tapée par l'officier, que lui seul connaît : elle ouvre sa clé de signature ; pas celle du sceau"},
	{Name: "confirmation_officier", Label: "La même phrase, une seconde fois", Kind: "password", Required: true, Group: "L'officier de l'état civil"},
}}

var (
	creerPage = &Page{Path: "/creer", Title: "Créer le registre de la commune", Nav: "Créer le registre", Key: "c", Template: "formulaire.html", Setup: true, Form: creerForm, Post: creerPost,
		Data: &formPage{Button: "Créer le registre", Intro: []string{
			"Ce dossier ne contient pas encore de registre. Créez celui de la commune, avec son sceau électronique et le premier officier de l'état civil ; ou, si le registre existait sur un autre ordinateur, restaurez sa dernière sauvegarde.",
			"Si le registre de la commune est déjà sur cet ordinateur, dans un autre dossier, ne créez pas un second registre (les actes de l'année seraient partagés entre deux registres) : fermez le guichet (Ctrl+C dans sa fenêtre) et relancez-le sur le bon dossier (etatcivil guichet --dossier …)."},
			Links: []navLink{{Path: "/restaurer", Label: "Restaurer une sauvegarde à la place"}}}}
	restaurerPage = &Page{Path: "/restaurer", Title: "Restaurer une sauvegarde", Nav: "Restaurer", Key: "r", Template: "formulaire.html", Setup: true, Form: restaurerForm, Post: restaurerPost,
		Data: &formPage{Button: "Vérifier et restaurer", Intro: []string{
			"La sauvegarde est vérifiée avant que rien ne soit écrit : signée par un officier de la commune (contre le certificat de la commune), déchiffrée avec la clé de secours imprimée, puis contrôlée entièrement. Le registre est ensuite mis en place dans le dossier du guichet."},
			Links: []navLink{{Path: "/creer", Label: "Créer un nouveau registre à la place"}}}}
)

// creerPost is etatcivil init, then officier ajouter for the first
// officer: every refusal at once, nothing written until all passed.
func creerPost(c *Ctx) (any, error) {
	f, pf := c.Form, c.R.PostForm
	var r refusals
	com, err := keyring.ResolveCommune(keyring.CommuneRequest{Commune: f.Get("commune"), Departement: f.Get("departement"),
		Insee: f.Get("insee"), Associee: f.Get("commune_associee"), Panne: civil.DefaultOutageStatement})
	r.add(err, "")
	sealPhrase, phrase := pf.Get("phrase"), pf.Get("phrase_officier")
	ctx := registry.CommuneContext(com)
	r.add(keyring.Confirmed(sealPhrase, pf.Get("confirmation"), "confirmation"), "")
	r.add(keyring.CheckNewPhrase(sealPhrase, ctx), "")
	o, err := keyring.NewOfficer(f.Get("id"), f.Get("prenoms"), f.Get("nom"), f.Get("qualite"), f.Get("civilite"))
	r.add(err, "")
	r.add(keyring.Confirmed(phrase, pf.Get("confirmation_officier"), "confirmation_officier"), "")
	r.add(keyring.CheckNewPhrase(phrase, append(ctx, append([]string{o.ID, o.Nom}, o.Prenoms...)...)), "phrase_officier")
	r.add(keyring.NotSealPhrase(phrase, sealPhrase), "phrase_officier")
	if err := r.result(); err != nil {
		return nil, err
	}
	c.srv.storeMu.Lock()
	defer c.srv.storeMu.Unlock()
	st, auth, lines, err := keyring.CreateRegister(c.srv.cfg.Dir, com, sealPhrase, c.Now(), c.srv.options(false))
	if err != nil {
		return nil, err
	}
	key, err := keyring.AddOfficer(st, auth, o, phrase, sealPhrase, c.Now())
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	c.srv.opened(com, c, append(append(lines, keyring.OfficerAdded(o, key)...),
		"Étapes suivantes : la numérotation de chaque registre (« Numérotation »), puis la clé de secours des sauvegardes (« Clés et secours »)."))
	return nil, nil
}

// restaurerPost is etatcivil restaurer.
func restaurerPost(c *Ctx) (any, error) {
	f := c.Form
	id, cert := f.Get("identite"), f.Get("certificat")
	j := keyring.RestoreJob{Dir: c.srv.cfg.Dir, File: f.Get("sauvegarde"), Key: []byte(id), KeyName: "clé de secours recopiée", Options: c.srv.options(false)}
	if id != "" && !strings.Contains(strings.ToUpper(id), "AGE-SECRET-KEY-") {
		// A path: the key's file.
		var err error
		if j.Key, err = exchange.ReadInput("identite", id, 64<<10); err != nil {
			return nil, err
		}
		j.KeyName = "clé de secours, fichier " + id
	}
	if cert != "" {
		j.Cert = func() ([]byte, error) { return exchange.ReadInput("certificat", cert, 1<<20) }
		j.CertName = "certificat " + cert
	}
	c.srv.storeMu.Lock()
	defer c.srv.storeMu.Unlock()
	res, lines, err := keyring.Restore(j)
	var rr *keyring.Refusal
	if errors.As(err, &rr) {
		// Beside the field it is about.
		field := "certificat"
		if strings.HasPrefix(rr.Msg, "sauvegarde") {
			field = "sauvegarde"
		} else if strings.HasPrefix(rr.Msg, j.KeyName) {
			field = "identite"
		}
		return nil, civil.Refuse(field, rr.Msg, rr.Hint)
	}
	if err != nil {
		return nil, err
	}
	c.srv.opened(res.Commune, c, lines)
	return nil, nil
}

var restaurerForm = &FormDef{Fields: []Field{
	{Name: "sauvegarde", Label: "Fichier de la sauvegarde", Required: true, Autofocus: true,
		Hint: "le fichier .age sur la clé USB, par exemple /media/anne/CLE-USB/registre-lille-20261124-1200.age (E:\\… sous Windows)"},
	{Name: "identite", Label: "Clé de secours", Kind: "textarea", Required: true,
		Hint: "la ligne AGE-SECRET-KEY-1… recopiée de la feuille imprimée, sans espace ; ou le chemin du fichier de la clé"},
	{Name: "certificat", Label: "Certificat de la commune (commune.pem)", Autocomplete: "off",
		Hint: "son chemin, quand la clé de secours n'est pas imprimée avec lui (écrit par « Clés et secours » → « Certificat de la commune », au guichet de la commune)"},
}}

// opened ends « Créer » or « Restaurer »: the register is there, the
// counter serves its usual pages, and the clerk reads what was done.
func (s *Server) opened(c civil.Commune, ctx *Ctx, lines []string) {
	s.setCommune(c)
	s.setup.Store(false)
	ctx.Redirect("/", strings.Join(lines, "\n"))
}
