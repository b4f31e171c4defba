package guichet

import (
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/exchange"
	"etatcivil/internal/keyring"
	"etatcivil/internal/verify"
	"etatcivil/registry"
)

// « Vérifier »: etatcivil verifier — a signed PDF copy or sheet, a photo or
// scan of its code, or the code's text pasted, checked against the
// register's keys and acts by verify.Check: the same verdict, in the same
// words, as the command.

const verificationPath = "/verification"

var verificationForm = &FormDef{Fields: []Field{
	{Name: "document", Label: "Document : PDF signé, photo ou scan du code (PNG, JPEG)", Kind: "file",
		Hint: "la copie ou la feuille reçue en PDF, ou l'image du code imprimé sur le papier présenté"},
	{Name: "code", Label: "Ou le texte du code", Kind: "textarea", Autocomplete: "off",
		Hint: "le texte lu par un téléphone, qui commence par EC1:"},
}}

// verdictItem is a line of the verdict, or a table of the facts it
// certifies (consecutive fact lines).
type verdictItem struct {
	verify.Line
	Facts []verify.Line
}

type verificationData struct {
	Name    string // the document's name, or « texte du code »
	Failure *verify.Failure
	Items   []verdictItem
}

func verificationPage() *Page {
	p := &Page{Path: verificationPath, Title: "Vérifier une copie ou une feuille", Nav: "Vérifier", Key: "f", Template: "verification.html", Form: verificationForm,
		Get: func(*Ctx) (any, error) { return nil, nil }}
	p.Post = func(c *Ctx) (any, error) {
		in, name, err := verificationInput(c)
		if err != nil {
			return nil, err
		}
		var v *verify.Verdict
		if err := c.Read(func(s *registry.Store) error {
			trust, err := keyring.Trust(s)
			if err == nil {
				v = verify.Check(in, trust, s, c.Now())
			}
			return err
		}); err != nil {
			return nil, err
		}
		if v.Failure != nil && v.Failure.Input {
			return nil, civil.Refuse("code", v.Failure.Message, v.Failure.Hint)
		}
		// The verdict as etatcivil verifier says it, with the pages that
		// do what it advises (pageWords).
		d := verificationData{Name: name, Failure: v.Failure}
		if f := v.Failure; f != nil {
			d.Failure = &verify.Failure{Message: pageWords(f.Message), Hint: pageWords(f.Hint)}
		}
		for _, l := range v.Lines {
			l.Text = pageWords(l.Text)
			n := len(d.Items)
			switch {
			case l.Label != "" && n > 0 && d.Items[n-1].Facts != nil:
				d.Items[n-1].Facts = append(d.Items[n-1].Facts, l)
			case l.Label != "":
				d.Items = append(d.Items, verdictItem{Facts: []verify.Line{l}})
			case strings.TrimSpace(l.Text) != "":
				l.Text = strings.TrimSpace(l.Text)
				d.Items = append(d.Items, verdictItem{Line: l})
			}
		}
		return d, nil
	}
	return p
}

// verificationInput reads what the clerk gave: the file chosen, else the
// code's text, as etatcivil verifier reads its argument (verify.Read).
func verificationInput(c *Ctx) (*verify.Input, string, error) {
	file, head, err := c.R.FormFile("document")
	if err != nil {
		code := strings.TrimSpace(c.Form.Get("code"))
		if code == "" {
			return nil, "", civil.Refuse("document", "aucun document choisi ni texte de code collé", "choisissez le PDF ou l'image du code, ou collez le texte lu par le téléphone")
		}
		return verify.Text(code), "texte du code", nil
	}
	defer file.Close()
	data, err := exchange.ReadLimited("document", head.Filename, file, verify.MaxDocument)
	if err != nil {
		return nil, "", err
	}
	in, err := verify.Read(head.Filename, data)
	if f, ok := err.(*verify.Failure); ok {
		return nil, "", civil.Refuse("document", f.Message, f.Hint)
	}
	return in, head.Filename, err
}
