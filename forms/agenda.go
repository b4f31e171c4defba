package forms

import (
	"fmt"
	"io"
	"time"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/internal/words"
)

// AgendaData is what the templates of the counter's agenda receive: the
// citizen's slip, or the day's book.
type AgendaData struct {
	Commune civil.Commune
	Date    string // RFC 3339: when the document is printed
	Rdv     *agenda.Appointment
	// PurgeJours is how long after the appointment its data is kept.
	PurgeJours int
	Book       *agenda.DayBook
}

// WriteSlip renders the slip given to the citizen: the date and hour in
// words, the desk, the purpose and what to bring for it.
func WriteSlip(w io.Writer, a *agenda.Appointment, c civil.Commune, purgeDays int, at time.Time) error {
	data := AgendaData{Commune: c, Date: at.Format(time.RFC3339), Rdv: a, PurgeJours: purgeDays}
	return writeReport(w, "rdv-recu.tmpl", fmt.Sprintf("Rendez-vous n° %d — état civil de %s", a.Numero, c.Nom), at, data)
}

// WriteDayBook renders the day's book, to print in the morning: each
// desk's slots with who comes, the free and closed ones, and the
// appointments to phone back.
func WriteDayBook(w io.Writer, b *agenda.DayBook, c civil.Commune, at time.Time) error {
	data := AgendaData{Commune: c, Date: at.Format(time.RFC3339), Book: b}
	return writeReport(w, "rdv-jour.tmpl", "Rendez-vous du "+words.LongDay(b.Jour)+" — état civil de "+c.Nom, at, data)
}
