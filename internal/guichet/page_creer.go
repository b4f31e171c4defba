package guichet

import (
	"errors"
	"path/filepath"
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/exchange"
	"etatcivil/internal/keyring"
	"etatcivil/internal/medium"
	"etatcivil/internal/seal"
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

// static is a page's Get that shows the same formPage each time.
func static(d *formPage) func(*Ctx) (any, error) {
	return func(*Ctx) (any, error) { return d, nil }
}

// refusals gathers the refusals of several checks, so that a form shows
// every problem at once; rename names a problem's field as the form does
// (keyring names each passphrase "phrase"). Another error ends at once.
type refusals struct {
	ps  []civil.Problem
	err error
}

func (r *refusals) add(err error, rename map[string]string) {
	ps, ok := problemsOf(err)
	if !ok {
		if r.err == nil {
			r.err = err
		}
		return
	}
	for _, p := range ps {
		if f, ok := rename[p.Field]; ok {
			p.Field = f
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
	{Name: "id", Label: "Identifiant de l'officier", Required: true, Group: "Le premier officier", Width: "court", Hint: "court, cité dans les actes : o1"},
	{Name: "prenoms", Label: "Prénoms", Required: true, Group: "Le premier officier", Hint: "séparés par des virgules"},
	{Name: "nom", Label: "NOM", Required: true, Group: "Le premier officier", Hint: "en capitales"},
	{Name: "qualite", Label: "Qualité", Kind: "select", Required: true, Group: "Le premier officier", Width: "moyen"},
	{Name: "civilite", Label: "Civilité", Kind: "select", Group: "Le premier officier", Width: "court", Hint: "les titres s'accordent (« maire déléguée »)"},
	{Name: "phrase_officier", Label: "Phrase secrète personnelle de l'officier", Kind: "password", Required: true, Group: "Le premier officier",
		Hint: "choisie et tapée par l'officier, que lui seul connaît : elle ouvre sa clé de signature ; pas celle du sceau"},
	{Name: "confirmation_officier", Label: "La même phrase, une seconde fois", Kind: "password", Required: true, Group: "Le premier officier"},
}}

func creerPages() []*Page {
	creer := &Page{Path: "/creer", Title: "Créer le registre de la commune", Nav: "Créer le registre", Key: "c", Template: "formulaire.html", Setup: true, Form: creerForm}
	creer.Get = func(c *Ctx) (any, error) {
		opts := []Option{{"", "— choisissez —"}}
		for _, v := range civil.OfficerQualiteChoice.Values() {
			opts = append(opts, Option{v, civil.OfficerQualiteChoice.Label(v)})
		}
		c.Form.SetOptions("qualite", opts)
		c.Form.SetOptions("civilite", []Option{{"", "— non précisée —"}, {civil.CiviliteMadame, "Madame"}, {civil.CiviliteMonsieur, "Monsieur"}})
		return &formPage{Button: "Créer le registre", Intro: []string{
			"Ce dossier ne contient pas encore de registre : " + c.srv.cfg.Dir + ".",
			"Créez celui de la commune, avec son sceau électronique et le premier officier de l'état civil ; ou, si le registre existait sur un autre ordinateur, restaurez sa dernière sauvegarde."},
			Links: []navLink{{Path: "/restaurer", Label: "Restaurer une sauvegarde à la place"}}}, nil
	}
	creer.Post = func(c *Ctx) (any, error) {
		f, pf := c.Form, c.R.PostForm
		var r refusals
		com, err := keyring.ResolveCommune(keyring.CommuneRequest{Commune: f.Get("commune"), Departement: f.Get("departement"),
			Insee: f.Get("insee"), Associee: f.Get("commune_associee"), Panne: civil.DefaultOutageStatement})
		r.add(err, nil)
		sealPhrase, phrase := pf.Get("phrase"), pf.Get("phrase_officier")
		ctx := registry.CommuneContext(com)
		if err := keyring.Confirmed(sealPhrase, pf.Get("confirmation"), "confirmation"); err != nil {
			r.add(err, nil)
		} else {
			r.add(keyring.CheckNewPhrase(sealPhrase, ctx), nil)
		}
		o := civil.Officer{ID: f.Get("id"), Nom: f.Get("nom"), Qualite: f.Get("qualite")}
		for _, p := range strings.Split(f.Get("prenoms"), ",") {
			if p = strings.TrimSpace(p); p != "" {
				o.Prenoms = append(o.Prenoms, p)
			}
		}
		if v := f.Get("civilite"); v != "" {
			o.Civilite, err = civil.ParseCivilite(v)
			r.add(err, nil)
		}
		r.add(civil.ValidateOfficer(&o), nil)
		own := map[string]string{"phrase": "phrase_officier"}
		if err := keyring.Confirmed(phrase, pf.Get("confirmation_officier"), "confirmation_officier"); err != nil {
			r.add(err, nil)
		} else if err := keyring.NotSealPhrase(phrase, sealPhrase); err != nil {
			r.add(err, own)
		} else {
			r.add(keyring.CheckNewPhrase(phrase, append(ctx, append([]string{o.ID, o.Nom}, o.Prenoms...)...)), own)
		}
		if err := r.result(); err != nil {
			return nil, err
		}
		c.srv.storeMu.Lock()
		defer c.srv.storeMu.Unlock()
		key, rec, err := keyring.NewSeal(com, sealPhrase, c.Now())
		if err != nil {
			return nil, err
		}
		st, err := registry.Create(c.srv.cfg.Dir, com, rec, c.srv.options(false))
		if err != nil {
			return nil, err
		}
		lines := keyring.Created(com, c.srv.cfg.Dir, key)
		okey, err := keyring.AddOfficer(st, key, o, phrase, sealPhrase, c.Now())
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		lines = append(lines, keyring.OfficerAdded(o, okey)...)
		c.srv.opened(com, c, append(lines, "Étapes suivantes : la numérotation de chaque registre (« Numérotation »), puis la clé de secours des sauvegardes (« Clés et secours »)."))
		return nil, nil
	}

	restaurer := &Page{Path: "/restaurer", Title: "Restaurer une sauvegarde", Nav: "Restaurer", Key: "r", Template: "formulaire.html", Setup: true, Form: restaurerForm}
	restaurer.Get = func(c *Ctx) (any, error) {
		var found []string
		for _, m := range medium.Removable(c.srv.cfg.Dir) {
			names, _ := filepath.Glob(filepath.Join(m.Path, "*.age"))
			found = append(found, names...)
		}
		c.Form.Def = restaurerDef(found)
		return &formPage{Button: "Vérifier et restaurer", Intro: []string{
			"La sauvegarde est vérifiée avant que rien ne soit écrit : signée par un officier de la commune (contre le certificat de la commune), déchiffrée avec la clé de secours imprimée, puis contrôlée entièrement. Le registre est ensuite mis en place dans " + c.srv.cfg.Dir + "."},
			Links: []navLink{{Path: "/creer", Label: "Créer un nouveau registre à la place"}}}, nil
	}
	restaurer.Post = func(c *Ctx) (any, error) {
		f := c.Form
		file, id, cert := f.Get("sauvegarde"), f.Get("identite"), f.Get("certificat")
		if file == "" || id == "" {
			var r refusals
			if file == "" {
				r.add(civil.Refuse("sauvegarde", "aucune sauvegarde choisie", "indiquez le fichier .age écrit par etatcivil sauvegarde, sur la clé USB"), nil)
			}
			if id == "" {
				r.add(civil.Refuse("identite", "clé de secours manquante", "recopiez la ligne AGE-SECRET-KEY-1… de la feuille imprimée, ou indiquez le fichier de la clé"), nil)
			}
			return nil, r.result()
		}
		var key seal.RecoveryKey
		data, what := []byte(id), "identite (ligne recopiée)"
		var err error
		if !strings.Contains(strings.ToUpper(id), "AGE-SECRET-KEY-") {
			data, err = exchange.ReadInput("identite", id, 64<<10)
			what = "identite " + id
		}
		if err == nil {
			key, err = keyring.ReadRecoveryKey(data, what)
		}
		if err != nil {
			return nil, restoreField(err, "identite")
		}
		var certData []byte
		if cert != "" {
			if certData, err = exchange.ReadInput("certificat", cert, 1<<20); err != nil {
				return nil, err
			}
		}
		trust, err := keyring.RestoreTrust(certData, "certificat "+cert, key)
		if err != nil {
			return nil, restoreField(err, "certificat")
		}
		if _, err := keyring.CheckBackupFile(file); err != nil {
			return nil, restoreField(err, "sauvegarde")
		}
		c.srv.storeMu.Lock()
		defer c.srv.storeMu.Unlock()
		res, err := registry.RestoreBackup(c.srv.cfg.Dir, file, key, trust, false, c.srv.options(false), nil)
		if err != nil {
			return nil, restoreField(keyring.RestoreFailed(file, key, err), "sauvegarde")
		}
		c.srv.opened(res.Commune, c, keyring.RestoreReport(res, c.srv.cfg.Dir, trust))
		return nil, nil
	}
	return []*Page{creer, restaurer}
}

var restaurerForm = restaurerDef(nil)

// restaurerDef is the restore form, offering the backups found on the
// media plugged in.
func restaurerDef(found []string) *FormDef {
	return &FormDef{Fields: []Field{
		{Name: "sauvegarde", Label: "Fichier de la sauvegarde", Required: true, Autofocus: true, Suggest: found,
			Hint: "le fichier .age sur la clé USB, par exemple /media/anne/CLE-USB/registre-lille-20261124-1200.age (E:\\… sous Windows)"},
		{Name: "identite", Label: "Clé de secours", Kind: "textarea", Required: true,
			Hint: "la ligne AGE-SECRET-KEY-1… recopiée de la feuille imprimée, sans espace ; ou le chemin du fichier de la clé"},
		{Name: "certificat", Label: "Certificat de la commune (commune.pem)", Autocomplete: "off",
			Hint: "son chemin, quand la clé de secours n'est pas imprimée avec lui (écrit par « Clés et secours » ou etatcivil cles exporter)"},
	}}
}

// restoreField shows a restore's refusal beside field: a
// *keyring.RestoreRefusal becomes a refusal of that field, in its words.
func restoreField(err error, field string) error {
	var rr *keyring.RestoreRefusal
	if errors.As(err, &rr) {
		return civil.Refuse(field, rr.Msg, rr.Hint)
	}
	return err
}

// opened ends « Créer » or « Restaurer »: the register is there, the
// counter serves its usual pages, and the clerk reads what was done.
func (s *Server) opened(c civil.Commune, ctx *Ctx, lines []string) {
	s.setCommune(c)
	s.setup.Store(false)
	ctx.Redirect("/", strings.Join(lines, "\n"))
}
