package forms

import (
	"io"
	"time"

	"etatcivil/registry"
)

// Sheets builds one PDF holding the register sheets of acts, one act per
// sheet: printed, then signed by hand by the officer and the declarant.
type Sheets struct {
	doc      *document
	commune  registry.Commune
	officers map[string]registry.Officer
	latest   time.Time
	count    int
}

// NewSheets starts a PDF of register sheets for a commune's register,
// with its officers (to name who signs each act).
func NewSheets(title string, c registry.Commune, officers []registry.Officer) *Sheets {
	s := &Sheets{doc: newDocument(title, time.Time{}), commune: c, officers: map[string]registry.Officer{}}
	for _, o := range officers {
		s.officers[o.ID] = o
	}
	return s
}

// Add lays out the sheet of one act.
func (s *Sheets) Add(a *registry.Act) error {
	markup, err := execute("feuillet-"+a.Type+".tmpl", newData(a, s.commune, s.officers[a.Officier]))
	if err != nil {
		return err
	}
	s.doc.page(markup)
	s.count++
	// The document's date is the latest creation of its acts, so that the
	// same acts always give the same bytes.
	if t, err := time.Parse(time.RFC3339, a.CreeLe); err == nil && t.After(s.latest) {
		s.latest = t
	}
	return nil
}

// Count returns the number of sheets added.
func (s *Sheets) Count() int { return s.count }

// Write finishes the PDF and writes it to w.
func (s *Sheets) Write(w io.Writer) error {
	s.doc.setDate(s.latest)
	return s.doc.write(w)
}

// copyTemplates maps a form to its template prefix.
var copyTemplates = map[string]string{
	registry.FormeIntegrale:        "integrale",
	registry.FormeExtraitFiliation: "extrait",
	registry.FormeExtrait:          "extrait",
	registry.FormePlurilingue:      "plurilingue",
}

// WriteCopy renders a certified copy or extract of an act as a one-document
// PDF. The same copy always gives the same bytes: the PDF's dates are the
// copy's.
func WriteCopy(w io.Writer, c registry.Delivery) error {
	data := newData(c.Act, c.Commune, c.ActOfficer)
	data.Copie = *flattened(&c.Record)
	data.Signataire = *flattened(&c.Signer)
	data.Filiation = c.Record.Forme == registry.FormeExtraitFiliation
	markup, err := execute(copyTemplates[c.Record.Forme]+"-"+c.Act.Type+".tmpl", data)
	if err != nil {
		return err
	}
	doc := newDocument(registry.FormeLabel(c.Record.Forme)+" — "+c.Act.Ref().String(), c.Record.Time())
	doc.page(markup)
	return doc.write(w)
}
