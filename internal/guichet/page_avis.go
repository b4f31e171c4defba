package guichet

import (
	"bytes"
	"fmt"

	"etatcivil/forms"
	"etatcivil/registry"
)

// « Avis »: etatcivil mentions a-envoyer, avis and envoyee — the notices of
// mention to send to other communes within three days, each in PDF, then
// marked sent.

var avisForm = &FormDef{Fields: []Field{{Name: "numero", Label: "Numéro de l'avis", Required: true, Width: "court"}}}

type avisData struct {
	Pending []noticeLine
	Sent    []*registry.Notice
	Late    int
}

func avisPages() []*Page {
	p := &Page{Path: "/avis", Title: "Avis de mention à envoyer", Nav: "Avis", Key: "v", Template: "avis.html", Form: avisForm}
	p.Get = func(c *Ctx) (any, error) {
		var d avisData
		now := c.Now()
		today := now.Format("2006-01-02")
		err := c.Read(func(s *registry.Store) error {
			return s.Notices(false, func(n *registry.Notice) error {
				if n.EnvoyeLe != "" {
					d.Sent = append(d.Sent, n)
					return nil
				}
				l := noticeLine{Notice: n, Late: n.Late(now), DueToday: n.Echeance == today}
				if l.Late {
					d.Late++
				}
				d.Pending = append(d.Pending, l)
				return nil
			})
		})
		// The last ones sent, newest first.
		for i, j := 0, len(d.Sent)-1; i < j; i, j = i+1, j-1 {
			d.Sent[i], d.Sent[j] = d.Sent[j], d.Sent[i]
		}
		if len(d.Sent) > 20 {
			d.Sent = d.Sent[:20]
		}
		return d, err
	}
	p.Post = func(c *Ctx) (any, error) {
		n, err := registry.ParseNoticeID(c.Form.Get("numero"))
		if err != nil {
			return nil, err
		}
		var nt *registry.Notice
		if err := c.Write(func(s *registry.Store) (err error) {
			nt, err = s.MarkSent(n)
			return err
		}); err != nil {
			return nil, err
		}
		c.Redirect("/avis", fmt.Sprintf("Avis de mention n° %d marqué envoyé (%s).", nt.Numero, nt.Destinataire))
		return nil, nil
	}
	pdf := &Page{Path: "/avis/pdf", Title: "Avis de mention", Template: "avis.html", Form: avisForm, Get: func(c *Ctx) (any, error) {
		n, err := registry.ParseNoticeID(c.Form.Get("numero"))
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = c.Read(func(s *registry.Store) error {
			nt, err := s.Notice(n)
			if err != nil {
				return err
			}
			com, err := s.Commune()
			if err != nil {
				return err
			}
			of, _ := s.Officer(nt.Officier)
			return forms.WriteNotice(&buf, *nt, com, of)
		})
		if err != nil {
			return nil, err
		}
		c.PDF(fmt.Sprintf("avis-%d.pdf", n), buf.Bytes())
		return nil, nil
	}}
	return []*Page{p, pdf}
}
