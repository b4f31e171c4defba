package guichet

import (
	"etatcivil/registry"
)

type rechercheData struct {
	Query string
	Found *registry.Found
	Max   int
}

var rechercheForm = &FormDef{Fields: []Field{{
	Name: "recherche", Label: "Nom ou prénom", Kind: "search", Autofocus: true, Live: true, Autocomplete: "off",
	Hint: "accents, majuscules, tirets et orthographe exacte ignorés : « muller » trouve MÜLLER, « Lefèbvre » trouve LEFEVRE",
}}}

// recherchePage finds a person across every act as the clerk types
// (registry's search: by spelling, then by sound).
func recherchePage() *Page {
	return &Page{Path: "/recherche", Title: "Rechercher une personne", Nav: "Rechercher", Key: "r", Template: "recherche.html",
		Form: rechercheForm,
		Get: func(c *Ctx) (any, error) {
			d := rechercheData{Query: c.Form.Get("recherche"), Max: registry.MaxHits}
			if d.Query == "" {
				return d, nil
			}
			err := c.Read(func(s *registry.Store) error {
				f, err := s.Find(d.Query)
				d.Found = &f
				return err
			})
			return d, err
		}}
}
