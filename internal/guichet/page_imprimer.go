package guichet

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// « Imprimer / signer »: the drafts waiting for their signature, each
// sheet opened in the browser's PDF viewer to print (as etatcivil imprimer
// writes it, and recorded as printed), then « signée à l'encre » freezes
// the acts whose paper was signed (etatcivil signer: refused by the
// register unless a sheet of the act's current content was printed).

type draftLine struct {
	*civil.Act
	Printed     bool   // a sheet of its current content was printed
	LastPrinted string // when the last sheet was, RFC 3339
	Focus       bool   // the act the clerk came for
	Correct     string // the form that corrects it
}

type imprimerData struct {
	Drafts  []draftLine
	More    bool // older drafts may exist
	Focus   string
	KeyOpen bool
	Year    int
	Signed  []registry.Signed // after « signée à l'encre »: what was done
	Planned []*civil.Act      // marriages prepared before their day
}

var imprimerForm = &FormDef{Fields: []Field{
	{Name: "acte", Label: "Référence de l'acte", Hint: "par exemple naissance/2026/38", Width: "moyen"},
	{Name: "registre", Label: "Registre", Kind: "select", Width: "moyen"},
	{Name: "annee", Label: "Année", Width: "court"},
	{Name: "motif", Label: "Motif de l'annulation", Hint: "par exemple « le déclarant est reparti sans signer »"},
}}

func imprimerPages() []*Page {
	list := &Page{Path: "/imprimer", Title: "Imprimer et signer les actes", Nav: "Imprimer / signer", Key: "i", Template: "imprimer.html", Form: imprimerForm}
	list.Get = func(c *Ctx) (any, error) {
		d := imprimerData{Focus: c.R.URL.Query().Get("acte"), KeyOpen: c.Seal() != nil, Year: c.Now().Year()}
		var opts []Option
		for _, k := range civil.Registers {
			opts = append(opts, Option{string(k), k.Plural()})
		}
		c.Form.SetOptions("registre", opts)
		if c.Form.Get("annee") == "" {
			c.Form.Set("annee", fmt.Sprint(d.Year))
		}
		err := c.Read(func(s *registry.Store) (err error) {
			d.More, err = s.Drafts(d.Year-1, draftDepth, func(a *civil.Act) error {
				l := draftLine{Act: a, Focus: a.Ref().String() == d.Focus, Correct: correctPath(a)}
				var err error
				l.Printed, l.LastPrinted, err = s.Printed(a.Ref())
				d.Drafts = append(d.Drafts, l)
				return err
			})
			if err != nil {
				return err
			}
			return s.ListPlanned(0, false, func(a *civil.Act) error {
				d.Planned = append(d.Planned, a)
				return nil
			})
		})
		// The act the clerk came for first.
		for i, l := range d.Drafts {
			if l.Focus && i > 0 {
				copy(d.Drafts[1:i+1], d.Drafts[:i])
				d.Drafts[0] = l
			}
		}
		return d, err
	}
	// « signée à l'encre »: every act ticked is signed, or none.
	list.Post = func(c *Ctx) (any, error) {
		var refs []civil.Ref
		var ps []civil.Problem
		for _, t := range c.R.PostForm["signe"] {
			ref, err := civil.ParseRef(t)
			if err != nil {
				r, _ := problemsOf(err)
				ps = append(ps, r...)
				continue
			}
			refs = append(refs, ref)
		}
		if len(ps) > 0 {
			return nil, &civil.RefusedError{Problems: ps}
		}
		if len(refs) == 0 {
			return nil, civil.Refuse("signe", "aucun acte coché", "cochez « signée à l'encre » pour chaque acte dont la feuille a été signée, puis enregistrez")
		}
		var signed []registry.Signed
		err := c.Write(func(s *registry.Store) (err error) {
			signed, err = s.SignAll(refs...)
			return err
		})
		if err != nil {
			return nil, err
		}
		c.Redirect("/imprimer", signedMessage(signed))
		return nil, nil
	}
	sheet := &Page{Path: "/imprimer/feuille", Title: "Feuille du registre", Template: "imprimer.html", Form: imprimerForm,
		Post: func(c *Ctx) (any, error) { return printSheets(c, false) }}
	whole := &Page{Path: "/imprimer/registre", Title: "Feuilles d'un registre", Template: "imprimer.html", Form: imprimerForm,
		Post: func(c *Ctx) (any, error) { return printSheets(c, true) }}
	cancel := &Page{Path: "/imprimer/annuler", Title: "Annuler un brouillon", Template: "imprimer.html", Form: imprimerForm,
		Post: func(c *Ctx) (any, error) {
			ref, err := civil.ParseRef(c.Form.Get("acte"))
			if err != nil {
				return nil, err
			}
			var a *civil.Act
			if err := c.Write(func(s *registry.Store) (err error) {
				a, err = s.Cancel(ref, c.Form.Get("motif"))
				return err
			}); err != nil {
				return nil, err
			}
			c.Redirect("/imprimer", fmt.Sprintf("Acte %s annulé (%s) : son numéro reste au registre, « non utilisé », avec le motif.", ref, a.Who()))
			return nil, nil
		}}
	drawUp := &Page{Path: "/imprimer/dresser", Title: "Dresser un mariage prévu", Template: "imprimer.html", Form: imprimerForm,
		Post: func(c *Ctx) (any, error) {
			n, ok := civil.ParsePlannedRef(c.Form.Get("acte"))
			if !ok {
				return nil, civil.Refuse("acte", "« "+c.Form.Get("acte")+" » n'est pas un mariage prévu", "choisissez-le dans la liste des mariages prévus")
			}
			var drawn []registry.Drawn
			var warnings []string
			if err := c.Write(func(s *registry.Store) (err error) {
				drawn, warnings, err = s.DrawUp(n)
				return err
			}); err != nil {
				return nil, err
			}
			a := drawn[0].Act
			msg := fmt.Sprintf("Mariage %s dressé : acte %s, %s. Imprimez sa feuille pour la cérémonie ; elle est signée après la célébration.", drawn[0].Planned, a.Ref(), a.Who())
			for _, w := range warnings {
				msg += " Attention : " + w + "."
			}
			c.Redirect("/imprimer?acte="+url.QueryEscape(a.Ref().String()), msg)
			return nil, nil
		}}
	// A refusal of these actions is shown on the list.
	sheet.Get, whole.Get, cancel.Get, drawUp.Get = list.Get, list.Get, list.Get, list.Get
	return []*Page{list, sheet, whole, cancel, drawUp}
}

// printSheets answers the sheet of one act (or of a whole register-year)
// as a PDF signed with the open key, and records the prints.
func printSheets(c *Ctx, whole bool) (any, error) {
	sl := c.Seal()
	back := "/imprimer"
	if a := c.Form.Get("acte"); a != "" {
		back += "?acte=" + url.QueryEscape(a)
	}
	if sl == nil {
		c.Redirect("/ouverture?suite="+url.QueryEscape(back), "Ouvrez d'abord la clé de l'officier : la feuille porte sa signature électronique.")
		return nil, nil
	}
	var acts []*civil.Act
	var title, name string
	var pdf bytes.Buffer
	err := c.Read(func(s *registry.Store) error {
		if whole {
			kind, err := civil.ParseKind(c.Form.Get("registre"))
			if err != nil {
				return err
			}
			year, err := yearOf(c.Form.Get("annee"))
			if err != nil {
				return err
			}
			if err := s.List(kind, year, func(a *civil.Act) error { acts = append(acts, a); return nil }); err != nil {
				return err
			}
			if len(acts) == 0 {
				return civil.Refuse("annee", fmt.Sprintf("le registre des %s %d ne contient aucun acte", kind.Plural(), year), "vérifiez le registre et l'année")
			}
			title, name = forms.RegisterTitle(kind, year), fmt.Sprintf("registre-%s-%d.pdf", kind, year)
		} else {
			ref, err := civil.ParseRef(c.Form.Get("acte"))
			if err != nil {
				return err
			}
			a, err := s.Get(ref)
			if err != nil {
				return err
			}
			acts = []*civil.Act{a}
			title, name = forms.SheetTitle(ref), "feuille-"+strings.ReplaceAll(ref.String(), "/", "-")+".pdf"
		}
		return forms.WriteSheets(&pdf, s, acts, title, sl, nil)
	})
	if err != nil {
		return nil, err
	}
	if err := c.Write(func(s *registry.Store) error { return s.RecordPrints(acts) }); err != nil {
		return nil, err
	}
	c.PDF(name, pdf.Bytes())
	return nil, nil
}

// yearOf reads a year as the register's checks do.
func yearOf(s string) (int, error) {
	c := &civil.Checker{}
	y, _ := c.Number("annee", s, 1800, 2100)
	_, err := c.Result()
	return y, err
}

// figuresDate writes a stored date AAAA-MM-JJ as JJ/MM/AAAA.
func figuresDate(d string) string {
	if t, ok := civil.ParseDate(d); ok {
		return words.Figures(t)
	}
	return d
}

// signedMessage says what « signée à l'encre » did, as etatcivil signer
// does: each act frozen, the mentions written, the notices to send.
func signedMessage(signed []registry.Signed) string {
	var parts []string
	notices := 0
	for _, sg := range signed {
		parts = append(parts, fmt.Sprintf("Acte %s signé : il est désormais figé (%s).", sg.Act.Ref(), sg.Act.Who()))
		for _, f := range sg.Follow {
			switch {
			case f.Notice != nil:
				notices++
				parts = append(parts, fmt.Sprintf("Avis de mention n° %d à envoyer à %s avant le %s.", f.Notice.Numero, f.Notice.Destinataire, figuresDate(f.Notice.Echeance)))
			case f.Note != "":
				parts = append(parts, "Aucune mention : "+f.Note+".")
			default:
				parts = append(parts, fmt.Sprintf("Mention portée en marge de l'acte %s : « %s ».", f.Act, f.Mention.Texte))
			}
		}
	}
	if notices > 0 {
		parts = append(parts, "Les avis sont dans « Avis ».")
	}
	return strings.Join(parts, " ")
}
