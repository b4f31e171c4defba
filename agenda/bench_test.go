package agenda

import (
	"fmt"
	"strings"
	"testing"

	"etatcivil/civil"
)

// fullAgenda fills days of agenda from tomorrow: desks desks, open from
// 08:30 to 17:30 by 15 minutes (36 slots each), every slot booked, as
// an import would.
func fullAgenda(b *testing.B, days, desks int) *Agenda {
	b.Helper()
	s := newStore(b)
	var file strings.Builder
	file.WriteString("reference;jour;heure;duree;guichet;nom;telephone;objet\n")
	n := 0
	for d := 1; d <= days; d++ {
		day := testNow.AddDate(0, 0, d).Format(civil.DateLayout)
		for g := 1; g <= desks; g++ {
			for m := 8*60 + 30; m < 17*60+30; m += 15 {
				n++
				fmt.Fprintf(&file, "R-%d;%s;%s;15;%d;Prénom NOM-%s;06 %02d %02d %02d %02d;copie\n", n, day, clock(m), g, letters(n), n%100, n/100%100, g, d%100)
			}
		}
	}
	rows, err := ReadCSV(strings.NewReader(file.String()))
	if err != nil {
		b.Fatal(err)
	}
	res, err := s.ImportAppointments(rows, false)
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Imported) != n {
		b.Fatalf("%d imported of %d", len(res.Imported), n)
	}
	return s
}

// BenchmarkBookInFullAgenda books and cancels one appointment in an
// agenda of 30 days × 10 desks × 36 slots (10,800 appointments), the
// most an outage would see before the purge.
func BenchmarkBookInFullAgenda(b *testing.B) {
	s := fullAgenda(b, 30, 10)
	day := testNow.AddDate(0, 0, 31).Format(civil.DateLayout)
	if _, err := s.OpenSlots(Opening{Jour: day, De: "09:00", A: "09:15", Duree: 15, Guichet: 1}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		a, _, err := s.Book(Booking{Jour: day, Heure: "09:00", Guichet: 1, Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "copie"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.CancelAppointment(a.Numero, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDayBook builds one day's book (360 appointments) in the same agenda.
func BenchmarkDayBook(b *testing.B) {
	s := fullAgenda(b, 30, 10)
	day := testNow.AddDate(0, 0, 15).Format(civil.DateLayout)
	for b.Loop() {
		book, err := s.Day(day)
		if err != nil || book.Rdv != 360 {
			b.Fatalf("%v %v", book, err)
		}
	}
}

// BenchmarkImportAgenda imports 3,600 appointments (10 days × 10 desks) in one transaction.
func BenchmarkImportAgenda(b *testing.B) {
	for b.Loop() {
		fullAgenda(b, 10, 10)
	}
}

// letters writes n in base 26 with the letters A to Z.
func letters(n int) string {
	var b []byte
	for ; n > 0; n /= 26 {
		b = append([]byte{byte('A' + n%26)}, b...)
	}
	return string(b)
}
