package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

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
		if d, ok := parseDate(s); ok && d.Format(dateLayout) != s {
			t.Fatalf("parseDate(%q) accepted, writes %s", s, d.Format(dateLayout))
		}
		if m, ok := minutes(s); ok && (m < 0 || m >= 24*60 || clock(m) != s) {
			t.Fatalf("minutes(%q) = %d", s, m)
		}
		// The agenda import's lenient forms give either the strict form or the input.
		if d := normDate(s); d != s {
			if _, ok := parseDate(d); !ok && len(d) == 10 && !strings.Contains(d, "-00") {
				if _, err := time.Parse(dateLayout, d); err == nil {
					t.Fatalf("normDate(%q) = %q, which parseDate refuses", s, d)
				}
			}
		}
		if h := normHour(s); h != s && len(h) != 5 {
			t.Fatalf("normHour(%q) = %q", s, h)
		}
		c := &checker{}
		c.date("date", s, 1900)
		c.hour("heure", s)
		for _, p := range c.problems {
			if p.Field == "" || p.Rule == "" || p.Hint == "" {
				t.Fatalf("problem without field, rule or hint: %+v", p)
			}
		}
	})
}

func FuzzNames(f *testing.F) {
	for _, s := range []string{"MÜLLER", "N'DIAYE", "DUPONT-DURAND", "Jean-Pierre", "jean-PIERRE", "Œdipe", "  ", "O''NEIL", "Zoé Chloë", "\u00e9", "e\u0301", "06 12 34 56 78", "+33 6 12 34 56 78"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, isNom := range []bool{true, false} {
			for _, p := range checkSpelling("nom", s, isNom, false) {
				if p.Rule == "" || p.Hint == "" {
					t.Fatalf("problem without rule or hint: %+v", p)
				}
			}
		}
		if !utf8.ValidString(s) {
			return
		}
		if c := Capitalize(s); Capitalize(c) != c {
			t.Fatalf("Capitalize is not stable on %q: %q then %q", s, c, Capitalize(c))
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
		pe := Person{Nom: s, Prenoms: []string{s}}
		normalizePerson(&pe)
		again := pe
		normalizePerson(&again)
		if !reflect.DeepEqual(pe, again) {
			t.Fatalf("normalizePerson is not stable on %q", s)
		}
	})
}

func FuzzCodeContent(f *testing.F) {
	a := signedBirth(2026)
	a.Registre, a.Annee, a.Numero = Naissance, 2026, 38
	c := CodeFor(a, lomme, FormeIntegrale, 12, testNow, "a1b2c3d4e5f6")
	good, err := c.Marshal()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{CodeVersion, 0xff, 0xff, 0xff, 0xff, 0x07})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := UnmarshalCode(b)
		if err != nil {
			return
		}
		again, err := c.Marshal()
		if err != nil {
			return // decodable but not writable (a fact too long): never signed by us
		}
		c2, err := UnmarshalCode(again)
		if err != nil || !reflect.DeepEqual(c, c2) {
			t.Fatalf("%x decodes to %+v, which writes %x, read back as %+v (%v)", b, c, again, c2, err)
		}
	})
}

// FuzzImport imports a JSON Lines file into a new register: any file is
// imported whole or refused whole, and what is imported passes control.
func FuzzImport(f *testing.F) {
	src := newStore(f)
	if err := src.SetNumbering(Naissance, 2026, 37); err != nil {
		f.Fatal(err)
	}
	for range 2 {
		if _, err := src.Register(birth()); err != nil {
			f.Fatal(err)
		}
	}
	if _, _, err := src.Sign(Ref{Naissance, 2026, 38}); err != nil {
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
		if err := s.SetNumbering(Naissance, 2026, 37); err != nil {
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
			if _, err := s.ImportAppointments(rows, ignore); err != nil && !IsRefused(err) {
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
