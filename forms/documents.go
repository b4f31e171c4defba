package forms

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// Sheets builds one PDF holding the register sheets of acts, one act per
// sheet: printed, then signed by hand by the officer and the declarant.
type Sheets struct {
	// Printed is when the sheets are printed: a sheet of an act already
	// signed is a duplicate, which says so with this date (zero: the
	// seal's time, else the act's signature).
	Printed  time.Time
	doc      *document
	commune  civil.Commune
	officers map[string]civil.Officer
	seal     *Seal
	latest   time.Time
	count    int
}

// SheetTitle is the title of the PDF of one act's sheet.
func SheetTitle(ref civil.Ref) string { return "Feuille du registre — acte " + ref.String() }

// RegisterTitle is the title of the PDF of a whole register-year's sheets.
func RegisterTitle(kind civil.Kind, year int) string {
	return fmt.Sprintf("Registre %s %d — feuilles", kind, year)
}

// WriteSheets writes the sheets of acts, read from the register s, into w:
// one PDF titled title, each sheet with the signed code of sl and the PDF
// signed with it (see NewSheets), dated s.Now(). It calls progress, when
// not nil, with the number of sheets laid out so far. The prints are not
// recorded here: the caller records them (registry.Store.RecordPrints)
// once the PDF is written, on the register opened for writing, so that a
// draft is signed only after a sheet of its current content was printed.
func WriteSheets(w io.Writer, s *registry.Store, acts []*civil.Act, title string, sl *Seal, progress func(int)) error {
	c, err := s.Commune()
	if err != nil {
		return err
	}
	officers, err := s.Officers()
	if err != nil {
		return err
	}
	sheets := NewSheets(title, c, officers, sl)
	sheets.Printed = s.Now()
	for i, a := range acts {
		if err := sheets.Add(a); err != nil {
			return err
		}
		if progress != nil {
			progress(i + 1)
		}
	}
	return sheets.Write(w)
}

// NewSheets starts a PDF of register sheets for a commune's register,
// with its officers (to name who signs each act). With a seal, each sheet
// carries a signed code and the PDF is signed.
func NewSheets(title string, c civil.Commune, officers []civil.Officer, sl *Seal) *Sheets {
	s := &Sheets{doc: newDocument(title, time.Time{}), commune: c, officers: map[string]civil.Officer{}, seal: sl}
	for _, o := range officers {
		s.officers[o.ID] = o
	}
	return s
}

// Add lays out the sheet of one act.
func (s *Sheets) Add(a *civil.Act) error {
	data := newData(a, s.commune, s.officers[a.Officier])
	data.Officiers = s.officers
	if a.Statut == civil.StatutSigne {
		data.Duplicata = true
		printed := s.Printed
		if printed.IsZero() && s.seal != nil {
			printed = s.seal.now()
		}
		data.Imprime = a.SigneLe
		if !printed.IsZero() {
			data.Imprime = printed.Format(time.RFC3339)
		}
	}
	if s.seal != nil {
		code, err := s.seal.code(civil.CodeFor(a, s.commune, civil.FormeFeuillet, 0, s.seal.now(), s.seal.KeyID()))
		if err != nil {
			return err
		}
		data.Code = code
		s.doc.setCode(code.Texte)
	}
	markup, err := execute("feuillet-"+string(a.Type)+".tmpl", data)
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
	return s.doc.finish(w, s.seal, "Feuille du registre de l'état civil, à signer à l'encre")
}

// copyTemplates maps a form to its template prefix.
var copyTemplates = map[string]string{
	civil.FormeIntegrale:        "integrale",
	civil.FormeExtraitFiliation: "extrait",
	civil.FormeExtrait:          "extrait",
	civil.FormePlurilingue:      "plurilingue",
}

// WriteCopy renders a certified copy or extract of an act as a one-document
// PDF. The same copy always gives the same bytes: the PDF's dates are the
// copy's.
//
// With a seal, the copy carries a signed code and the PDF is signed; the
// seal must be the key of the officer who certifies the copy.
func WriteCopy(w io.Writer, c registry.Delivery, sl *Seal) error {
	// An extract prints the act as its mentions have made it; a copie
	// intégrale, the act with its mentions.
	c.Act = c.Act.AsPrinted(c.Record.Forme)
	data := newData(c.Act, c.Commune, c.ActOfficer)
	data.Copie = *flattened(&c.Record)
	data.Signataire = *flattened(&c.Signer)
	data.Filiation = c.Record.Forme == civil.FormeExtraitFiliation
	data.Officiers = map[string]civil.Officer{}
	for _, o := range c.Officers {
		data.Officiers[o.ID] = *flattened(&o)
	}
	if sl != nil {
		if sl.Officer.ID != c.Signer.ID {
			return fmt.Errorf("la copie est certifiée par %s mais la clé ouverte est celle de %s", c.Signer.ID, sl.Officer.ID)
		}
		code, err := sl.code(civil.CodeFor(c.Act, c.Commune, c.Record.Forme, c.Record.Numero, c.Record.Time(), sl.KeyID()))
		if err != nil {
			return err
		}
		data.Code = code
	}
	label := civil.FormeLabel(c.Record.Forme)
	var qr func() ([][]bool, error)
	if data.Code != nil {
		qr = startQR(data.Code.Texte) // while the document is set up
	}
	doc := newDocument(label+" — "+c.Act.Ref().String(), c.Record.Time())
	if data.Code != nil {
		doc.code, doc.qr = data.Code.Texte, qr
	}
	markup, err := execute(copyTemplates[c.Record.Forme]+"-"+string(c.Act.Type)+".tmpl", data)
	if err != nil {
		return err
	}
	doc.page(markup)
	return doc.finish(w, sl, strings.ToUpper(label[:1])+label[1:]+" certifiée conforme, n° "+c.Record.Serie)
}

// finish writes the document, signed when there is a seal.
func (d *document) finish(w io.Writer, sl *Seal, reason string) error {
	if sl == nil {
		return d.write(w)
	}
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		return err
	}
	signed, err := sl.sign(buf.Bytes(), reason)
	if err != nil {
		return err
	}
	_, err = w.Write(signed)
	return err
}
