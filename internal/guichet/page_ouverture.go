package guichet

import (
	"strconv"
	"time"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

var ouvertureForm = &FormDef{Fields: []Field{
	{Name: "officier", Label: "Officier de l'état civil", Kind: "select", Required: true},
	{Name: "phrase", Label: "Phrase secrète", Kind: "password", Required: true,
		Hint: "celle de l'officier choisi, que lui seul connaît ; demandée une seule fois : la clé reste ouverte tant que le guichet sert, et se verrouille après quelques minutes sans activité"},
	{Name: "suite", Kind: "hidden"},
}}

type ouvertureData struct {
	Officers int
	Idle     int // minutes
}

// ouverturePage opens the officer's signing key with the officer's own
// passphrase (forms.OpenSeal; the seal's for a key made by an earlier
// version); the key then stays in memory (keys.go).
func ouverturePage() *Page {
	p := &Page{Path: "/ouverture", Title: "Ouverture : la clé de l'officier", Nav: "", Template: "ouverture.html", Form: ouvertureForm}
	p.Get = func(c *Ctx) (any, error) {
		var d ouvertureData
		err := c.Read(func(s *registry.Store) error {
			idle, err := c.srv.idle(s)
			if err != nil {
				return err
			}
			d.Idle = int(idle.Minutes())
			officers, err := s.Officers()
			if err != nil {
				return err
			}
			opts := []Option{{"", "— choisissez —"}}
			for _, o := range officers {
				opts = append(opts, Option{o.ID, o.FullName() + ", " + o.QualiteLabel()})
			}
			d.Officers = len(officers)
			if len(officers) == 1 && c.Form.Get("officier") == "" {
				c.Form.Set("officier", officers[0].ID)
			}
			c.Form.SetOptions("officier", opts)
			return nil
		})
		return d, err
	}
	p.Post = func(c *Ctx) (any, error) {
		id, phrase := c.Form.Get("officier"), c.R.PostForm.Get("phrase")
		var problems []civil.Problem
		if id == "" {
			problems = append(problems, civil.Problem{Field: "officier", Rule: "officier non choisi", Hint: "choisissez l'officier de service dans la liste"})
		}
		if phrase == "" {
			problems = append(problems, civil.Problem{Field: "phrase", Rule: "phrase secrète manquante", Hint: "tapez la phrase secrète de la clé"})
		}
		if problems != nil {
			return nil, &civil.RefusedError{Problems: problems}
		}
		var sl *forms.Seal
		var idle time.Duration
		err := c.Read(func(s *registry.Store) (err error) {
			if idle, err = c.srv.idle(s); err != nil {
				return err
			}
			sl, err = forms.OpenSeal(s, id, phrase, c.srv.now)
			return err
		})
		if err != nil {
			return nil, err
		}
		c.srv.keys.open(sl, idle)
		st := c.srv.keys.state()
		c.Redirect(c.Form.Get("suite"), "Clé ouverte : "+st.Officer+". Elle se verrouille après "+
			minutes(idle.Minutes())+" sans activité, ou avec « Verrouiller ».")
		return nil, nil
	}
	return p
}

func minutes(m float64) string {
	if m < 2 {
		return "1 minute"
	}
	return strconv.Itoa(int(m)) + " minutes"
}

// verrouillerPage drops the officer's key at once.
func verrouillerPage() *Page {
	return &Page{Path: "/verrouiller", Title: "Verrouiller", Template: "erreur.html",
		Post: func(c *Ctx) (any, error) {
			c.srv.keys.lock()
			c.Redirect("/", "Clé verrouillée : elle n'est plus en mémoire. « Ouvrir la clé » pour signer de nouveau.")
			return nil, nil
		}}
}
