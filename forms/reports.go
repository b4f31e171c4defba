package forms

import (
	"fmt"
	"io"
	"slices"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// ReportData is what the templates of the registers' own documents
// receive: the recovery summary, the closing statement, the tables.
type ReportData struct {
	Commune  civil.Commune
	Officier civil.Officer // who signs; zero when the name is left blank
	Date     string        // RFC 3339: when the document is drawn up
	Summary  registry.Summary
	Register registry.RegisterYear
	// Tables.
	Titre    string
	Periode  string
	Sections []TableSection
}

// TableSection is the part of the tables for one register.
type TableSection struct {
	Registre civil.Kind
	Entries  []registry.TableEntry
}

// WriteSummary renders the recovery summary (rapprochement) that the
// officer signs when the main system returns: every number given here,
// the copies delivered, the mentions, the notices still to send.
func WriteSummary(w io.Writer, sum registry.Summary, o civil.Officer, at time.Time) error {
	data := ReportData{Commune: sum.Commune, Officier: o, Date: at.Format(time.RFC3339), Summary: sum}
	return writeReport(w, "rapprochement.tmpl", "Rapprochement de reprise — "+sum.Commune.Nom, at, data)
}

// WriteClosing renders the closing statement (procès-verbal de clôture)
// of a register-year.
func WriteClosing(w io.Writer, ry registry.RegisterYear, c civil.Commune, o civil.Officer) error {
	at, _ := time.Parse(time.RFC3339, ry.Clos)
	data := ReportData{Commune: c, Officier: o, Date: ry.Clos, Register: ry}
	return writeReport(w, "cloture.tmpl", fmt.Sprintf("Clôture du registre des %s %d", ry.Registre.Plural(), ry.Annee), at, data)
}

// WriteTables renders the alphabetical tables of the years first to last
// (one year: the annual table; ten years: the decennial table), one line
// per person, a section per register.
func WriteTables(w io.Writer, entries []registry.TableEntry, first, last int, c civil.Commune, at time.Time) error {
	data := ReportData{Commune: c, Date: at.Format(time.RFC3339)}
	data.Titre, data.Periode = "TABLE ANNUELLE", fmt.Sprint(first)
	if last != first {
		data.Titre, data.Periode = "TABLE DÉCENNALE", fmt.Sprintf("%d-%d", first, last)
	}
	registers := []civil.Kind{civil.Naissance, civil.Mariage, civil.Deces}
	if first == last && slices.ContainsFunc(entries, func(e registry.TableEntry) bool { return e.Registre == civil.Reconnaissance }) {
		// Recognitions kept in their own register have an annual table; the
		// decennial tables are those of births, marriages and deaths.
		registers = append(registers, civil.Reconnaissance)
	}
	for _, reg := range registers {
		sec := TableSection{Registre: reg}
		for _, e := range entries {
			if e.Registre == reg {
				sec.Entries = append(sec.Entries, e)
			}
		}
		data.Sections = append(data.Sections, sec)
	}
	return writeReport(w, "tables.tmpl", "Tables alphabétiques "+data.Periode+" — "+c.Nom, at, data)
}

// writeReport renders a document of several pages whose date is at.
func writeReport[T any](w io.Writer, tmpl, title string, at time.Time, data T) error {
	markup, err := execute(tmpl, flattened(&data))
	if err != nil {
		return err
	}
	doc := newDocument(title, at)
	doc.page(markup)
	return doc.write(w)
}
