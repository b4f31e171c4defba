package guichet

import (
	"fmt"
	"net/url"

	"etatcivil/civil"
	"etatcivil/registry"
)

// « Mentions »: a mention in the margin of a signed act, as etatcivil
// mention ajouter adds it — the act, the nature, then the questions of
// that nature (civil.Questions), each answer read by civil's SetAnswer,
// the mention checked and its text written by the register (CheckMention)
// as the fields are left, and added by AddMention.

// mentionKeys are the parts of a mention a form may give: the keys of its
// data (civil.Questions), with the text and legal basis.
var mentionKeys = []string{civil.KeyDate, civil.KeyLieu, civil.KeyConjoint, civil.KeyPartenaire, civil.KeyEnregistrePar, civil.KeyAuteur,
	civil.KeyQualite, civil.KeyActe, "decision.autorite", "decision.date", "decision.reference", civil.KeyChamp, civil.KeyValeur,
	civil.KeyPrenoms, civil.KeyNom, civil.KeyPersonne, "texte", "fondement"}

var mentionsForm = func() *FormDef {
	def := &FormDef{Fields: []Field{
		{Name: "acte", Label: "Acte", Required: true, Width: "moyen", Aliases: []string{"référence"}, Autocomplete: "off",
			Hint: "sa référence, par exemple naissance/2026/38 ; sinon, cherchez la personne dans « Rechercher »"},
		{Name: "nature", Label: "Nature de la mention", Kind: "select", Required: true},
	}}
	for _, k := range mentionKeys {
		f := Field{Name: mentionPath(k), Label: k, Autocomplete: "off"}
		if k == "texte" {
			f.Kind = "textarea"
		}
		def.Fields = append(def.Fields, f)
	}
	def.Fields = append(def.Fields, Field{Name: "officier", Label: "Officier au nom duquel la mention est signée", Kind: "select"})
	return def
}()

// mentionPath is the domain path of a part of a mention, its field's name:
// "donnees.date" for the data, "texte" and "fondement" as they are.
func mentionPath(key string) string {
	if key == "texte" || key == "fondement" {
		return key
	}
	return "donnees." + key
}

type mentionsData struct {
	Act       *civil.Act
	Nature    *civil.Nature
	Questions []FieldView
	Preview   mentionPreview
}

type mentionPreview struct {
	Texte, Fondement string
	Ready            bool
}

// mention builds the mention the form describes, with the problems of the
// answers that cannot be read.
func mention(f *Form) (civil.Ref, civil.Mention, []civil.Problem, error) {
	ref, err := civil.ParseRef(f.Get("acte"))
	if err != nil {
		return ref, civil.Mention{}, nil, err
	}
	m := civil.Mention{Officier: f.Get("officier")}
	if n := f.Get("nature"); n != "" {
		if m.Nature, err = civil.ParseNature(n); err != nil {
			return ref, m, nil, err
		}
	}
	var ps []civil.Problem
	for _, k := range mentionKeys {
		if v := f.Get(mentionPath(k)); v != "" {
			if err := m.SetAnswer(k, v); err != nil {
				r, ok := problemsOf(err)
				if !ok {
					return ref, m, nil, err
				}
				ps = append(ps, r...)
			}
		}
	}
	return ref, m, ps, nil
}

// checkMention asks the register to write the mention, without writing it.
func checkMention(c *Ctx, f *Form) ([]civil.Problem, mentionPreview, error) {
	var pv mentionPreview
	ref, m, ps, err := mention(f)
	if err != nil || m.Nature == "" {
		return ps, pv, err
	}
	if len(ps) > 0 {
		return ps, pv, nil
	}
	err = c.Read(func(s *registry.Store) error {
		ready, err := s.CheckMention(ref, m)
		if err != nil {
			return err
		}
		pv = mentionPreview{Texte: ready.Texte, Fondement: ready.Fondement, Ready: true}
		return nil
	})
	if r, ok := problemsOf(err); ok {
		return r, pv, nil
	}
	return nil, pv, err
}

func mentionsPages() []*Page {
	p := &Page{Path: "/mentions", Title: "Mention en marge d'un acte", Nav: "Mentions", Key: "m", Template: "mentions.html", Form: mentionsForm}
	mentionsForm.Check = func(c *Ctx, v url.Values) ([]civil.Problem, error) {
		ps, pv, err := checkMention(c, c.Form)
		c.Live = pv
		return ps, err
	}
	p.Get = func(c *Ctx) (any, error) {
		var d mentionsData
		var officers []civil.Officer
		err := c.Read(func(s *registry.Store) (err error) {
			if officers, err = s.Officers(); err != nil {
				return err
			}
			ref, rerr := civil.ParseRef(c.Form.Get("acte"))
			if rerr != nil {
				return nil
			}
			a, err := s.Get(ref)
			if err == nil {
				d.Act = a
			} else if _, refused := problemsOf(err); !refused {
				return err
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		opts := []Option{{"", "— choisissez —"}}
		for _, n := range civil.Natures {
			if d.Act == nil || n.Goes(d.Act.Type) {
				opts = append(opts, Option{n.Code, n.Label})
			}
		}
		c.Form.SetOptions("nature", opts)
		officerOpts := []Option{{"", "— celui de l'acte —"}}
		for _, o := range officers {
			officerOpts = append(officerOpts, Option{o.ID, o.FullName() + ", " + o.QualiteLabel()})
		}
		c.Form.SetOptions("officier", officerOpts)
		if code, err := civil.ParseNature(c.Form.Get("nature")); err == nil && d.Act != nil {
			n, _ := civil.NatureOf(code)
			d.Nature = &n
			c.Form.Set("nature", code)
			if c.Form.Get("fondement") == "" && n.Fondement != "" && c.R.Method == "GET" {
				c.Form.Set("fondement", n.Fondement)
			}
			for _, q := range civil.Questions(d.Act, code) {
				v, _ := c.Form.Field(mentionPath(q.Key))
				v.Label, v.Required = q.Label, q.Required
				d.Questions = append(d.Questions, v)
			}
			if code != civil.NatureAutre {
				v, _ := c.Form.Field("fondement")
				v.Label, v.Hint = "Fondement juridique", "proposé d'après la nature ; changez-le s'il le faut"
				d.Questions = append(d.Questions, v)
			}
			ps, pv, err := checkMention(c, c.Form)
			if err != nil {
				return nil, err
			}
			d.Preview = pv
			_ = ps
		}
		return d, nil
	}
	p.Post = func(c *Ctx) (any, error) {
		ref, m, ps, err := mention(c.Form)
		if err != nil {
			return nil, err
		}
		if m.Nature == "" {
			ps = append(ps, civil.Problem{Field: "nature", Rule: "nature de la mention non choisie", Hint: "choisissez-la dans la liste"})
		}
		if len(ps) > 0 {
			return nil, &civil.RefusedError{Problems: ps}
		}
		var a *civil.Act
		var of civil.Officer
		err = c.Write(func(s *registry.Store) (err error) {
			if a, err = s.AddMention(ref, m); err != nil {
				return err
			}
			of, _ = s.Officer(a.Mentions[len(a.Mentions)-1].Officier)
			return nil
		})
		if err != nil {
			return nil, err
		}
		added := a.Mentions[len(a.Mentions)-1]
		msg := fmt.Sprintf("Mention ajoutée en marge de l'acte %s : « %s » (%s), signée au nom de %s (%s).", ref, added.Texte, added.Fondement, of.FullName(), of.QualiteLabel())
		if added.Nature == civil.NatureAutre {
			msg += " Mention de nature autre : elle figure sur la copie intégrale, jamais sur un extrait."
		}
		if am, ok := a.Annulment(); ok {
			msg += fmt.Sprintf(" L'acte %s est désormais %s : il n'en sera plus délivré de copie ni d'extrait.", ref, civil.AnnulmentText(am))
		}
		if before, after := a.Persons(), a.Current().Persons(); added.Donnees != nil && len(before) <= len(after) {
			for i := range before {
				if b, cur := before[i].Person.FullName(), after[i].Person.FullName(); b != cur {
					msg += fmt.Sprintf(" Les extraits portent désormais « %s » (et non « %s »).", cur, b)
				}
			}
		}
		c.Redirect("/mentions?acte="+url.QueryEscape(ref.String()), msg)
		return nil, nil
	}
	return []*Page{p}
}
