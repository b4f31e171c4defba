package guichet

import (
	"fmt"
	"strconv"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/keyring"
	"etatcivil/registry"
)

// « Contrôle », « Réglages », « Numérotation », « Officiers »: etatcivil
// controle, reglages, numerotation and officier, each a call to the
// register.

// controlePage runs the full check of the register (registry.Store.Check).
func controlePage() *Page {
	type data struct {
		Ran    bool
		Report registry.Report
		Took   time.Duration
		Dir    string
	}
	p := &Page{Path: "/controle", Title: "Contrôle du registre", Nav: "Contrôle", Key: "o", Template: "controle.html"}
	p.Get = func(c *Ctx) (any, error) { return data{Dir: c.srv.cfg.Dir}, nil }
	p.Post = func(c *Ctx) (any, error) {
		d := data{Ran: true, Dir: c.srv.cfg.Dir}
		start := time.Now()
		err := c.Read(func(s *registry.Store) (err error) {
			d.Report, err = s.Check()
			return err
		})
		d.Took = time.Since(start).Round(time.Millisecond)
		return d, err
	}
	return p
}

var reglagesForm = &FormDef{Fields: []Field{
	{Name: "rappel_sauvegarde_heures", Label: "Rappel de sauvegarde : toutes les … heures", Hint: "quand la dernière sauvegarde date de plus de ce nombre d'heures (1 à 168)", Required: true, Width: "court"},
	{Name: "rappel_sauvegarde_actes", Label: "ou tous les … actes", Hint: "quand ce nombre d'actes a été enregistré depuis (1 à 1000)", Required: true, Width: "court"},
	{Name: "purge_rdv_jours", Label: "Rendez-vous effacés … jours après leur date", Hint: "nom, téléphone et objet (1 à 365)", Required: true, Width: "court"},
	{Name: "verrou_guichet_minutes", Label: "Clé de l'officier verrouillée après … minutes sans activité", Hint: "sur ce guichet (1 à 240 ; 15 par défaut)", Required: true, Width: "court"},
}}

type reglagesData struct {
	Settings registry.Settings
	Last     *registry.Backup
	Fixed    bool // the idle time is fixed by the program's start (tests)
}

func reglagesPage() *Page {
	p := &Page{Path: "/reglages", Title: "Réglages", Nav: "Réglages", Key: "g", Template: "reglages.html", Form: reglagesForm}
	p.Get = func(c *Ctx) (any, error) {
		d := reglagesData{Fixed: c.srv.cfg.Idle > 0}
		err := c.Read(func(s *registry.Store) (err error) {
			if d.Settings, err = s.Settings(); err != nil {
				return err
			}
			d.Last, err = s.LastBackup()
			return err
		})
		if c.R.Method == "GET" {
			c.Form.Set("rappel_sauvegarde_heures", strconv.Itoa(d.Settings.RappelHeures))
			c.Form.Set("rappel_sauvegarde_actes", strconv.Itoa(d.Settings.RappelActes))
			c.Form.Set("purge_rdv_jours", strconv.Itoa(d.Settings.PurgeRdvJours))
			c.Form.Set("verrou_guichet_minutes", strconv.Itoa(d.Settings.VerrouMinutes))
		}
		return d, err
	}
	p.Post = func(c *Ctx) (any, error) {
		var ch civil.Checker
		var st registry.Settings
		st.RappelHeures, _ = ch.Number("rappel_sauvegarde_heures", c.Form.Get("rappel_sauvegarde_heures"), 0, 100000)
		st.RappelActes, _ = ch.Number("rappel_sauvegarde_actes", c.Form.Get("rappel_sauvegarde_actes"), 0, 100000)
		st.PurgeRdvJours, _ = ch.Number("purge_rdv_jours", c.Form.Get("purge_rdv_jours"), 0, 100000)
		st.VerrouMinutes, _ = ch.Number("verrou_guichet_minutes", c.Form.Get("verrou_guichet_minutes"), 0, 100000)
		if _, err := ch.Result(); err != nil {
			return nil, err
		}
		var idle time.Duration
		err := c.Write(func(s *registry.Store) (err error) {
			if err = s.SetSettings(st); err != nil {
				return err
			}
			idle, err = c.srv.idle(s)
			return err
		})
		if err != nil {
			return nil, err
		}
		c.srv.keys.setIdle(idle)
		c.Redirect("/reglages", "Réglages enregistrés.")
		return nil, nil
	}
	return p
}

var numerotationForm = &FormDef{Fields: []Field{
	{Name: "registre", Label: "Registre", Kind: "select", Required: true, Width: "moyen"},
	{Name: "annee", Label: "Année", Required: true, Width: "court"},
	{Name: "dernier", Label: "Dernier numéro déjà donné", Required: true, Width: "court",
		Hint: "par le système principal (ou sur le registre papier) cette année ; le prochain acte prendra le suivant ; 0 seulement si la mairie n'a dressé aucun acte de ce registre cette année"},
	{Name: "motif", Label: "Motif de la correction", Hint: "seulement pour changer une numérotation déjà fixée : « le système principal en était au n° 40 »"},
	{Name: "officier", Label: "Officier qui autorise la correction", Kind: "select",
		Hint: "seulement si le registre a déjà donné des numéros : l'officier tape sa phrase secrète"},
	{Name: "phrase", Label: "Phrase secrète de cet officier", Kind: "password"},
}}

type numerotationData struct {
	Year  int
	Lines []registry.Numbering
}

func numerotationPage() *Page {
	p := &Page{Path: "/numerotation", Title: "Numérotation des registres", Nav: "Numérotation", Key: "u", Template: "numerotation.html", Form: numerotationForm}
	p.Get = func(c *Ctx) (any, error) {
		d := numerotationData{Year: c.Now().Year()}
		if y, err := strconv.Atoi(c.R.URL.Query().Get("annee")); err == nil && y > 1800 && y < 2200 {
			d.Year = y
		}
		var officers []civil.Officer
		err := c.Read(func(s *registry.Store) (err error) {
			if officers, err = s.Officers(); err != nil {
				return err
			}
			for _, k := range civil.Registers {
				n, err := s.RegisterNumbering(k, d.Year)
				if err != nil {
					return err
				}
				d.Lines = append(d.Lines, n)
			}
			return nil
		})
		var opts []Option
		for _, k := range civil.Registers {
			opts = append(opts, Option{string(k), k.Plural()})
		}
		c.Form.SetOptions("registre", opts)
		offs := []Option{{"", "— aucun —"}}
		for _, o := range officers {
			offs = append(offs, Option{o.ID, o.FullName() + ", " + o.QualiteLabel()})
		}
		c.Form.SetOptions("officier", offs)
		if c.Form.Get("annee") == "" {
			c.Form.Set("annee", strconv.Itoa(d.Year))
		}
		if r := c.R.URL.Query().Get("registre"); r != "" && c.Form.Get("registre") == "" {
			c.Form.Set("registre", r)
		}
		return d, err
	}
	p.Post = func(c *Ctx) (any, error) {
		kind, err := civil.ParseKind(c.Form.Get("registre"))
		if err != nil {
			return nil, err
		}
		var ch civil.Checker
		year, _ := ch.Number("annee", c.Form.Get("annee"), 1800, 2100)
		last, _ := ch.Number("dernier", c.Form.Get("dernier"), 0, 999999)
		if _, err := ch.Result(); err != nil {
			return nil, err
		}
		change := registry.NumberingChange{Registre: kind, Annee: year, Dernier: last, Motif: c.Form.Get("motif")}
		var res registry.NumberingResult
		var n registry.Numbering
		err = c.Write(func(s *registry.Store) (err error) {
			before, err := s.RegisterNumbering(kind, year)
			if err != nil {
				return err
			}
			if before.NeedsOfficer(change) {
				id := c.Form.Get("officier")
				if id == "" {
					return before.OfficerRefusal()
				}
				if _, err := keyring.Attest(s, id, c.R.PostForm.Get("phrase")); err != nil {
					return err
				}
				change.Officier = id
			}
			if res, err = s.ChangeNumbering(change); err != nil {
				return err
			}
			n, err = s.RegisterNumbering(kind, year)
			return err
		})
		if err != nil {
			return nil, err
		}
		msg := ""
		switch {
		case !res.Set && !res.Corrected:
			msg = fmt.Sprintf("Registre des %s %d : la numérotation est déjà celle-ci, rien n'a changé ; le prochain acte portera le numéro %d.", kind.Plural(), year, last+1)
		default:
			if res.Corrected {
				msg = fmt.Sprintf("Numérotation du registre des %s %d corrigée (motif : %s), inscrite au journal. ", kind.Plural(), year, change.Motif)
			}
			for _, m := range res.Moved {
				msg += fmt.Sprintf("%s devient %s (%s, %s)", m.From, m.To, civil.StatusLabel(m.Statut), m.Who)
				if m.Printed {
					msg += " : sa feuille imprimée porte l'ancien numéro, détruisez-la et réimprimez-la"
				}
				msg += ". "
			}
			msg += fmt.Sprintf("Registre des %s %d : le prochain acte portera le numéro %d.", kind.Plural(), year, n.Last+1)
		}
		c.Redirect(fmt.Sprintf("/numerotation?annee=%d", year), msg)
		return nil, nil
	}
	return p
}

type officiersData struct {
	Lines            []officerLine
	Civilite, Phrase *Form
}

// officerLine is an officer and the state of their key.
type officerLine struct {
	civil.Officer
	Key       *registry.KeyRecord
	RevokedAt time.Time
	Revoked   bool
}

var officiersCivilite = &FormDef{Prefix: "civilite.", Fields: []Field{
	{Name: "officier", Label: "Officier", Kind: "select", Required: true},
	{Name: "civilite", Label: "Civilité", Kind: "select", Width: "moyen", Options: []Option{{"", "— choisissez —"}, {civil.CiviliteMadame, "Mme"}, {civil.CiviliteMonsieur, "M"}}},
}}

var officiersPhrase = &FormDef{Prefix: "phrase.", Fields: []Field{
	{Name: "officier", Label: "Officier", Kind: "select", Required: true},
	{Name: "ancienne", Label: "Phrase secrète actuelle", Kind: "password", Hint: "celle qui ouvre la clé aujourd'hui (la phrase du sceau pour une clé d'avant les phrases personnelles)"},
	{Name: "nouvelle", Label: "Nouvelle phrase secrète", Kind: "password", Hint: "plusieurs mots, que l'officier est seul à connaître"},
	{Name: "confirmation", Label: "Nouvelle phrase, encore une fois", Kind: "password"},
}}

func officiersPages() []*Page {
	list := &Page{Path: "/officiers", Title: "Officiers de l'état civil", Nav: "Officiers", Key: "q", Template: "officiers.html"}
	list.Get = func(c *Ctx) (any, error) {
		var d officiersData
		d.Civilite, d.Phrase = c.FormOf(officiersCivilite, nil), c.FormOf(officiersPhrase, nil)
		err := c.Read(func(s *registry.Store) error {
			officers, err := s.Officers()
			if err != nil {
				return err
			}
			keys, err := s.OfficerKeys()
			if err != nil {
				return err
			}
			opts := []Option{{"", "— choisissez —"}}
			for _, o := range officers {
				l := officerLine{Officer: o}
				for i := range keys {
					if keys[i].Officier == o.ID {
						l.Key = &keys[i]
						l.RevokedAt, l.Revoked = keys[i].Revoked()
					}
				}
				d.Lines = append(d.Lines, l)
				opts = append(opts, Option{o.ID, o.FullName() + ", " + o.QualiteLabel()})
			}
			d.Civilite.SetOptions("officier", opts)
			d.Phrase.SetOptions("officier", opts)
			return nil
		})
		return d, err
	}
	civilite := &Page{Path: "/officiers/civilite", Title: "Civilité d'un officier", Template: "officiers.html", Form: officiersCivilite, Get: list.Get,
		Post: func(c *Ctx) (any, error) {
			cv, err := civil.ParseCivilite(c.Form.Get("civilite"))
			if err != nil {
				return nil, err
			}
			var o civil.Officer
			if err := c.Write(func(s *registry.Store) (err error) {
				o, err = s.SetOfficerCivilite(c.Form.Get("officier"), cv)
				return err
			}); err != nil {
				return nil, err
			}
			c.Redirect("/officiers", fmt.Sprintf("Civilité de l'officier %s enregistrée : %s — %s.", o.ID, o.Civilite, o.Title()))
			return nil, nil
		}}
	phrase := &Page{Path: "/officiers/phrase", Title: "Phrase secrète d'un officier", Template: "officiers.html", Form: officiersPhrase, Get: list.Get,
		Post: func(c *Ctx) (any, error) {
			id := c.Form.Get("officier")
			old, nw, again := c.R.PostForm.Get("ancienne"), c.R.PostForm.Get("nouvelle"), c.R.PostForm.Get("confirmation")
			if nw != again {
				return nil, civil.Refuse("confirmation", "les deux nouvelles phrases diffèrent", "tapez deux fois la même phrase")
			}
			if err := c.Write(func(s *registry.Store) error {
				ctx, err := keyring.Context(s, id)
				if err != nil {
					return err
				}
				if err := keyring.CheckNewPhrase(nw, ctx); err != nil {
					return phraseField(err, "nouvelle")
				}
				return phraseField(keyring.SetOfficerPhrase(s, id, old, nw), "ancienne")
			}); err != nil {
				return nil, err
			}
			c.Redirect("/officiers", "Phrase secrète de l'officier "+id+" changée : la clé ne s'ouvre plus qu'avec la nouvelle.")
			return nil, nil
		}}
	return []*Page{list, civilite, phrase}
}

// phraseField names the passphrase field of a refusal: keyring names it
// "phrase", the page has two of them.
func phraseField(err error, field string) error {
	ps, ok := problemsOf(err)
	if !ok {
		return err
	}
	out := make([]civil.Problem, len(ps))
	for i, p := range ps {
		if p.Field == "phrase" {
			p.Field = field
		}
		out[i] = p
	}
	return &civil.RefusedError{Problems: out}
}
