package guichet

import (
	"strconv"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

// « Registre »: etatcivil lister and afficher — the acts of a register and
// a year in the register's order, each with its status and what to do
// next, the marriages prepared before their day, and one act's text as it
// will be printed (forms.ActText), as the mentions made it.

type registreLine struct {
	*civil.Act
	Status string // as etatcivil lister writes it
	Who    string // who and what, as the mentions made it
	Note   string // the reason of an unused number, an annulment, a marriage numbered before its day
	Early  bool   // a marriage numbered before its day (by an earlier version): etatcivil preparer
}

type registreData struct {
	Registre  civil.Kind // "" for every register
	Annee     int
	Registers []civil.Kind
	Lines     []registreLine
	Planned   []*civil.Act // marriages prepared before their day, without a number
	Shown     *civil.Act   // the act whose text is shown
	Text      string
	Annulled  string // the shown act's annulment, in words
}

// preparerPage is etatcivil preparer from « Registre »: a marriage
// numbered before its day becomes a planned one again (registry.Unnumber),
// its number left unused with the default reason.
func preparerPage() *Page {
	return &Page{Path: "/registre/preparer", Title: "Mariage numéroté avant son jour", Template: "registre.html",
		Post: func(c *Ctx) (any, error) {
			ref, err := civil.ParseRef(c.R.PostForm.Get("acte"))
			if err != nil {
				return nil, err
			}
			var planned, unused *civil.Act
			if err := c.Write(func(s *registry.Store) (err error) { planned, unused, err = s.Unnumber(ref, ""); return err }); err != nil {
				return nil, err
			}
			c.Redirect("/imprimer#t-prevus", registry.UnnumberedText(unused)+" Mariage prévu "+planned.Reference()+", sans numéro : le jour de la célébration, dressez-le ici.")
			return nil, nil
		}}
}

func registrePage() *Page {
	return &Page{Path: "/registre", Title: "Registre des actes", Nav: "Registre", Key: "e", Template: "registre.html",
		Get: func(c *Ctx) (any, error) {
			q := c.R.URL.Query()
			d := registreData{Registre: civil.Kind(q.Get("registre")), Annee: c.Now().Year(), Registers: civil.Registers}
			if y, err := strconv.Atoi(q.Get("annee")); err == nil && y > 0 && y < 10000 {
				d.Annee = y
			}
			known := d.Registre == ""
			for _, k := range civil.Registers {
				known = known || k == d.Registre
			}
			if !known {
				return nil, civil.Refuse("registre", "« "+string(d.Registre)+" » n'est pas un registre", "naissance, deces, mariage ou reconnaissance")
			}
			var shown civil.Ref
			if s := q.Get("acte"); s != "" {
				r, err := civil.ParseRef(s)
				if err != nil {
					return nil, civil.Refuse("acte", "« "+s+" » n'est pas une référence d'acte", "par exemple naissance/2026/38")
				}
				shown = r
			}
			err := c.Read(func(s *registry.Store) error {
				err := s.List(d.Registre, d.Annee, func(a *civil.Act) error {
					l := registreLine{Act: a, Status: civil.ActStatusLabel(a), Who: a.Current().WhoAndKind()}
					if a.Statut == civil.StatutNonUtilise {
						l.Note = "motif : " + a.Motif
					}
					if am, ok := a.Annulment(); ok {
						l.Note = civil.AnnulmentText(am)
					}
					if civil.Planned(a, c.Now()) && a.Statut == civil.StatutBrouillon {
						l.Note, l.Early = "numéroté avant le jour de la célébration", true
					}
					d.Lines = append(d.Lines, l)
					return nil
				})
				if err != nil {
					return err
				}
				if d.Registre == "" || d.Registre == civil.Mariage {
					if err := s.ListPlanned(d.Annee, true, func(a *civil.Act) error {
						d.Planned = append(d.Planned, a)
						return nil
					}); err != nil {
						return err
					}
				}
				if shown == (civil.Ref{}) {
					return nil
				}
				a, err := s.Get(shown)
				if err != nil {
					return err
				}
				commune, err := s.Commune()
				if err != nil {
					return err
				}
				officer, _ := s.Officer(a.Officier)
				if d.Text, err = forms.ActText(a, commune, officer); err != nil {
					return err
				}
				if am, ok := a.Annulment(); ok {
					d.Annulled = civil.AnnulmentText(am)
				}
				d.Shown = a
				return nil
			})
			return d, err
		}}
}
