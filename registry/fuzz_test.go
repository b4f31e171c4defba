package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"etatcivil/civil"
	"etatcivil/internal/fold"
)

// The fuzz targets of the registry. Their seeds run with go test; the
// script .ci/fuzz runs each for a minute. Nothing may panic, and each
// checks a property that must hold for any input.

func FuzzDatesAndHours(f *testing.F) {
	for _, s := range []string{"2026-11-24", "2024-02-29", "2026-02-29", "24/11/2026", "1/2/2026", "09:30", "9h30", "9h", "23:59", "24:00", "", "2026-13-01", "99/99/9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := civil.ParseDate(s); ok && d.Format(civil.DateLayout) != s {
			t.Fatalf("ParseDate(%q) accepted, writes %s", s, d.Format(civil.DateLayout))
		}
		if m, ok := minutes(s); ok && (m < 0 || m >= 24*60 || clock(m) != s) {
			t.Fatalf("minutes(%q) = %d", s, m)
		}
		// The agenda import's lenient forms give either the strict form or the input.
		if d := normDate(s); d != s {
			if _, ok := civil.ParseDate(d); !ok && len(d) == 10 && !strings.Contains(d, "-00") {
				if _, err := time.Parse(civil.DateLayout, d); err == nil {
					t.Fatalf("normDate(%q) = %q, which ParseDate refuses", s, d)
				}
			}
		}
		if h := normHour(s); h != s && len(h) != 5 {
			t.Fatalf("normHour(%q) = %q", s, h)
		}
	})
}

func FuzzNames(f *testing.F) {
	for _, s := range []string{"MÜLLER", "N'DIAYE", "DUPONT-DURAND", "Jean-Pierre", "jean-PIERRE", "Œdipe", "  ", "O''NEIL", "Zoé Chloë", "\u00e9", "e\u0301", "06 12 34 56 78", "+33 6 12 34 56 78"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if k := fold.Key(s); fold.Key(k) != k {
			t.Fatalf("fold.Key is not stable on %q: %q then %q", s, k, fold.Key(k))
		}
		if p := Phonetic(s); Phonetic(strings.ToLower(s)) != p {
			t.Fatalf("Phonetic depends on case: %q", s)
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

// FuzzImport imports a JSON Lines file into a new register: any file is
// imported whole or refused whole, and what is imported passes control.
func FuzzImport(f *testing.F) {
	src := newStore(f)
	if err := src.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		f.Fatal(err)
	}
	for range 2 {
		if _, err := src.Register(birth()); err != nil {
			f.Fatal(err)
		}
	}
	if _, _, err := src.Sign(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38}); err != nil {
		f.Fatal(err)
	}
	var export bytes.Buffer
	src.Export("", func(x *Exported) error {
		b, _ := json.Marshal(x)
		export.Write(append(b, '\n'))
		return nil
	})
	f.Add(export.Bytes())
	f.Add(bytes.Replace(export.Bytes(), []byte(`"numero":39`), []byte(`"numero":41`), 1))
	f.Add(bytes.Replace(export.Bytes(), []byte("MÜLLER"), []byte("MULLER"), 1))
	f.Add([]byte(`{"type":"naissance","annee":2026,"numero":38}`))
	f.Fuzz(func(t *testing.T, file []byte) {
		var lines []ImportLine
		for i, l := range bytes.Split(file, []byte("\n")) {
			x := new(Exported)
			if json.Unmarshal(l, x) == nil {
				lines = append(lines, ImportLine{Line: i + 1, Act: x})
			}
		}
		if len(lines) == 0 || len(lines) > 50 {
			return
		}
		s := newStore(t)
		if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
			t.Fatal(err)
		}
		_, err := s.Import(lines)
		rep, cerr := s.Check()
		if cerr != nil || rep.Err() != nil {
			t.Fatalf("import (%v) left a register that fails control: %v %v", err, cerr, rep.Err())
		}
		if err != nil && rep.Acts != 0 {
			t.Fatalf("refused import (%v) wrote %d acts", err, rep.Acts)
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
		rows, err := ReadAgendaCSV(bytes.NewReader(file))
		if err != nil || len(rows) == 0 || len(rows) > 100 {
			return
		}
		s := newStore(t)
		for _, ignore := range []bool{false, true} {
			if _, err := s.ImportAppointments(rows, ignore); err != nil && !civil.IsRefused(err) {
				t.Fatalf("not a refusal: %v", err)
			}
		}
		rep, err := s.Check()
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
