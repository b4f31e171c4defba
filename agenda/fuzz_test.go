package agenda

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"etatcivil/civil"
)

// The fuzz targets of the agenda. Their seeds run with go test; the
// script .ci/fuzz runs each for a minute. Nothing may panic, and each
// checks a property that must hold for any input.

func FuzzDatesAndHours(f *testing.F) {
	for _, s := range []string{"2026-11-24", "2024-02-29", "2026-02-29", "24/11/2026", "1/2/2026", "09:30", "9h30", "9h", "23:59", "24:00", "", "2026-13-01", "99/99/9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, ok := minutes(s); ok && (m < 0 || m >= 24*60 || clock(m) != s) {
			t.Fatalf("minutes(%q) = %d", s, m)
		}
		// The import reads what the command line reads, and writes it
		// back in the stored form.
		c := &checker{}
		d, h := s, s
		if _, ok := c.day("jour", &d, time.Time{}, true); ok {
			if _, ok := civil.ParseDate(d); !ok {
				t.Fatalf("day(%q) accepted, wrote %q", s, d)
			}
		}
		if m, ok := c.minute("heure", &h); ok && clock(m) != h {
			t.Fatalf("minute(%q) = %d, wrote %q", s, m, h)
		}
	})
}

func FuzzNames(f *testing.F) {
	for _, s := range []string{"Marie DUPONT", "N'DIAYE", "  ", "\u00e9", "e\u0301", "06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if n := cleanName(s); cleanName(n) != n || strings.Contains(n, "  ") {
			t.Fatalf("cleanName(%q) = %q is not clean", s, n)
		}
		if tel, ok := Phone(s); ok {
			if again, ok2 := Phone(tel); !ok2 || again != tel {
				t.Fatalf("Phone(%q) = %q, which reads back as %q, %v", s, tel, again, ok2)
			}
		}
	})
}

// FuzzAgendaCSV reads and imports an agenda file: whole or nothing, never
// two appointments in one slot, and control passes.
func FuzzAgendaCSV(f *testing.F) {
	f.Add([]byte(agendaFile))
	f.Add([]byte("jour,heure,nom,telephone,objet\n2026-11-25,09:00,Luc PETIT,0622222222,copie\n2026-11-25,09:00,Luc PETIT,0622222222,copie\n"))
	f.Add([]byte("jour;heure;nom;telephone;objet;statut\n2026-11-25;9h;Luc PETIT;0622222222;copie;a-rappeler\n\"oops;\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, file []byte) {
		rows, err := ReadCSV(bytes.NewReader(file))
		if err != nil || len(rows) == 0 || len(rows) > 100 {
			return
		}
		s := newStore(t)
		for _, ignore := range []bool{false, true} {
			if _, err := s.ImportAppointments(rows, ignore); err != nil && !civil.IsRefused(err) {
				t.Fatalf("not a refusal: %v", err)
			}
		}
		rep, err := s.reg.Check()
		if err != nil || rep.Err() != nil {
			t.Fatalf("control: %v %v", err, rep.Err())
		}
		seen := map[string]int{}
		s.Appointments(func(a *Appointment) error {
			if a.Active() {
				k := fmt.Sprintf("%s %s guichet %d", a.Jour, a.Heure, a.Guichet)
				if n, dup := seen[k]; dup {
					t.Fatalf("appointments %d and %d share the slot %s", n, a.Numero, k)
				}
				seen[k] = a.Numero
			}
			return nil
		})
	})
}
