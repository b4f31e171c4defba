package guichet

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

// « Bans »: etatcivil bans publier, lister and imprimer — the publication
// built from fields named as in its file (docs/format-bans.md), checked by
// the register's rules (PublishBanns), the notice to put up in PDF.

var bansForm = func() *FormDef {
	def := &FormDef{}
	for i := 1; i <= 2; i++ {
		p := fmt.Sprintf("epoux[%d]", i)
		for _, f := range person(p, fmt.Sprintf("futur époux %d", i), need{sexe: true, birth: true, profession: true, domicile: true, required: true}) {
			f.Autocomplete = "off"
			def.Fields = append(def.Fields, f)
		}
	}
	def.Fields = append(def.Fields,
		Field{Name: "date_publication", Label: "Jour de l'affichage", Hint: hintDate, Required: true, Width: "court"},
		Field{Name: "date_prevue", Label: "Jour prévu du mariage", Hint: "facultatif ; au plus tôt dix jours après la publication", Width: "court"},
		Field{Name: "officier", Label: "Officier", Kind: "select", Required: true})
	return def
}()

type bansData struct {
	Year     int
	Affiche  string // the publication just recorded
	Banns    []*civil.Banns
	Sections []sectionView
}

// banns builds the publication the form describes.
func banns(f *Form) (*civil.Banns, []civil.Problem) {
	fields := map[string]string{}
	for _, fd := range bansForm.Fields {
		fields[fd.Name] = f.Get(fd.Name)
	}
	return civil.BannsFromFields(fields)
}

func bansPages() []*Page {
	p := &Page{Path: "/bans", Title: "Publication des bans", Nav: "Bans", Key: "b", Template: "bans.html", Form: bansForm}
	p.Get = func(c *Ctx) (any, error) {
		d := bansData{Year: c.Now().Year(), Affiche: c.R.URL.Query().Get("affiche")}
		if y, err := strconv.Atoi(c.R.URL.Query().Get("annee")); err == nil {
			d.Year = y
		}
		var officers []civil.Officer
		err := c.Read(func(s *registry.Store) (err error) {
			if officers, err = s.Officers(); err != nil {
				return err
			}
			return s.ListBanns(d.Year, func(b *civil.Banns) error { d.Banns = append(d.Banns, b); return nil })
		})
		opts := []Option{{"", "— choisissez —"}}
		for _, o := range officers {
			opts = append(opts, Option{o.ID, o.FullName() + ", " + o.QualiteLabel()})
		}
		c.Form.SetOptions("officier", opts)
		if len(officers) == 1 && c.Form.Get("officier") == "" {
			c.Form.Set("officier", officers[0].ID)
		}
		for i := 1; i <= 2; i++ {
			sv := sectionView{section: section{Title: fmt.Sprintf("Futur époux %d", i)}}
			for _, fd := range bansForm.Fields {
				if strings.HasPrefix(fd.Name, fmt.Sprintf("epoux[%d].", i)) {
					v, _ := c.Form.Field(fd.Name)
					sv.Fields = append(sv.Fields, v)
				}
			}
			d.Sections = append(d.Sections, sv)
		}
		return d, err
	}
	p.Post = func(c *Ctx) (any, error) {
		b, ps := banns(c.Form)
		if len(ps) > 0 {
			return nil, &civil.RefusedError{Problems: ps}
		}
		var warnings []string
		err := c.Write(func(s *registry.Store) (err error) {
			warnings, err = s.PublishBanns(b)
			return err
		})
		if err != nil {
			return nil, err
		}
		msg := fmt.Sprintf("Publication des bans enregistrée (%s) : %s et %s, affichée le %s. Le mariage pourra être célébré du %s au %s inclus.",
			b.Ref(), b.Epoux[0].FullName(), b.Epoux[1].FullName(), figuresDate(b.DatePublication), figuresDate(b.Earliest()), figuresDate(dayBefore(b.Lapses())))
		for _, w := range warnings {
			msg += " Attention : " + w + "."
		}
		c.Redirect("/bans?annee="+strconv.Itoa(b.Annee)+"&affiche="+url.QueryEscape(b.Ref()), msg)
		return nil, nil
	}
	affiche := &Page{Path: "/bans/affiche", Title: "Avis à afficher", Template: "bans.html", Get: func(c *Ctx) (any, error) {
		ref := c.R.URL.Query().Get("ref")
		var pdf bytes.Buffer
		err := c.Read(func(s *registry.Store) error {
			b, err := s.GetBanns(ref)
			if err != nil {
				return err
			}
			com, err := s.Commune()
			if err != nil {
				return err
			}
			of, _ := s.Officer(b.Officier)
			return forms.WriteBanns(&pdf, *b, com, of)
		})
		if err != nil {
			return nil, err
		}
		c.PDF("affiche-"+strings.ReplaceAll(ref, "/", "-")+".pdf", pdf.Bytes())
		return nil, nil
	}}
	return []*Page{p, affiche}
}

// dayBefore returns the day before a date AAAA-MM-JJ.
func dayBefore(date string) string {
	if t, ok := civil.ParseDate(date); ok {
		return t.AddDate(0, 0, -1).Format(civil.DateLayout)
	}
	return date
}
