package parse

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// problem asserts that err is a *Problem with a French rule and hint, that
// the rule contains want, and returns it.
func problem(t *testing.T, in string, err error, want string) *Problem {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("%q: want a *Problem, got %v", in, err)
	}
	if p.Rule == "" || p.Hint == "" {
		t.Fatalf("%q: empty rule or hint: %+v", in, p)
	}
	if !strings.Contains(p.Rule, want) {
		t.Errorf("%q: rule %q does not say %q", in, p.Rule, want)
	}
	return p
}

// valid tells whether y-m-d is a day of the Gregorian calendar, asking the
// time package.
func valid(y, m, d int) bool {
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	return t.Year() == y && int(t.Month()) == m && t.Day() == d
}

// TestDateEveryDayAndMonth writes every day 0–32 of every month 0–13 of
// leap and common years (2000 and 2024 leap, 1900 and 1941 not) in every
// accepted spelling, with and without leading zeros: a real day is read as
// written, the others are refused by the calendar.
func TestDateEveryDayAndMonth(t *testing.T) {
	years := []int{1900, 1940, 1941, 2000, 2024, 2026}
	n := 0
	for _, y := range years {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				want := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				var forms []string
				for _, sep := range []string{"/", ".", "-"} {
					forms = append(forms,
						fmt.Sprintf("%02d%s%02d%s%04d", d, sep, m, sep, y),
						fmt.Sprintf("%d%s%d%s%04d", d, sep, m, sep, y),
						fmt.Sprintf("%02d%s%d%s%04d", d, sep, m, sep, y),
						fmt.Sprintf("%d%s%02d%s%04d", d, sep, m, sep, y))
				}
				forms = append(forms,
					fmt.Sprintf("%04d-%02d-%02d", y, m, d),
					fmt.Sprintf("%04d-%d-%d", y, m, d),
					fmt.Sprintf("%04d-%02d-%d", y, m, d),
					fmt.Sprintf("%04d-%d-%02d", y, m, d),
					fmt.Sprintf("  %02d/%02d/%04d\t", d, m, y))
				for _, in := range forms {
					n++
					got, err := Date(in)
					if valid(y, m, d) {
						if err != nil || got != want {
							t.Fatalf("Date(%q) = %q, %v; want %s", in, got, err, want)
						}
						if pg, perr := PartialDate(in); perr != nil || pg != want {
							t.Fatalf("PartialDate(%q) = %q, %v; want %s", in, pg, perr, want)
						}
						continue
					}
					if err == nil {
						t.Fatalf("Date(%q) = %q, want a refusal", in, got)
					}
					problem(t, in, err, "n'est pas une date valide")
				}
			}
		}
	}
	t.Logf("%d spellings", n)
}

func TestDateCalendarMessages(t *testing.T) {
	cases := map[string]string{
		"31/02/1940": "le 31 février n'existe pas",
		"31/04/2026": "le 31 avril n'existe pas",
		"29/02/1941": "1941 n'est pas bissextile",
		"29/02/1900": "1900 n'est pas bissextile",
		"00/05/1940": "il n'y a pas de jour 0",
		"32/01/1940": "il n'y a pas de jour 32",
		"08/00/1940": "il n'y a pas de mois 0",
		"1940-13-01": "il n'y a pas de mois 13",
		"08/05/0000": "il n'y a pas d'année 0",
	}
	for in, want := range cases {
		_, err := Date(in)
		problem(t, in, err, want)
	}
	// A month 13 written day first with a day up to 12 is perhaps an
	// American order: the hint asks.
	_, err := Date("05/13/1940")
	p := problem(t, "05/13/1940", err, "il n'y a pas de mois 13")
	if !strings.Contains(p.Hint, "13/05/1940") {
		t.Errorf("hint %q does not propose 13/05/1940", p.Hint)
	}
}

func TestDateRefusesOtherShapes(t *testing.T) {
	cases := map[string]string{
		"":                  "date manquante",
		"   ":               "date manquante",
		"08/05/40":          "l'année doit avoir quatre chiffres",
		"8.5.40":            "l'année doit avoir quatre chiffres",
		"1940/05/08":        "n'est pas une date",
		"1940.05.08":        "n'est pas une date",
		"08/05-1940":        "n'est pas une date",
		"08-05/1940":        "n'est pas une date",
		"08 05 1940":        "n'est pas une date",
		"08 / 05 / 1940":    "n'est pas une date",
		"8 mai 1940":        "n'est pas une date",
		"08/05/1940x":       "n'est pas une date",
		"08/05/1940/":       "n'est pas une date",
		"/08/05/1940":       "n'est pas une date",
		"08//1940":          "n'est pas une date",
		"1940--05-08":       "n'est pas une date",
		"008/05/1940":       "n'est pas une date",
		"08/005/1940":       "n'est pas une date",
		"08/05/01940":       "n'est pas une date",
		"1940-005-08":       "n'est pas une date",
		"19400-05-08":       "n'est pas une date",
		"+08/05/1940":       "n'est pas une date",
		"-1940-05-08":       "n'est pas une date",
		"2026-11-30T10:00":  "n'est pas une date",
		"1940-05-08 10:00":  "n'est pas une date",
		"20261130":          "n'est pas une date",
		"1940-05":           "n'est pas une date", // partial: PartialDate only
		"05/1940":           "n'est pas une date",
		"1948":              "n'est pas une date",
		"08/05/194":         "n'est pas une date",
		"０８/05/1940":        "n'est pas une date", // full-width digits
		"٠٨/٠٥/١٩٤٠":        "n'est pas une date", // Arabic-Indic digits
		"8/5/1940\x00":      "n'est pas une date",
		"08/05/1940\x1b[2J": `\u{1b}[2J`,
		"hier":              "n'est pas une date",
	}
	for in, want := range cases {
		got, err := Date(in)
		if err == nil {
			t.Errorf("Date(%q) = %q, want a refusal", in, got)
			continue
		}
		p := problem(t, in, err, want)
		if p.Hint != DateHint && !strings.Contains(p.Rule, "quatre chiffres") {
			t.Errorf("%q: hint %q", in, p.Hint)
		}
	}
}

func TestPartialDate(t *testing.T) {
	ok := map[string]string{
		"1948":       "1948",
		" 1948 ":     "1948",
		"1948-03":    "1948-03",
		"1948-3":     "1948-03",
		"03/1948":    "1948-03",
		"3/1948":     "1948-03",
		"3.1948":     "1948-03",
		"03-1948":    "1948-03",
		"08/05/1940": "1940-05-08",
		"1940-05-08": "1940-05-08",
	}
	for in, want := range ok {
		if got, err := PartialDate(in); err != nil || got != want {
			t.Errorf("PartialDate(%q) = %q, %v; want %s", in, got, err, want)
		}
	}
	bad := map[string]string{
		"0000":       "il n'y a pas d'année 0",
		"1948-13":    "il n'y a pas de mois 13",
		"00/1948":    "il n'y a pas de mois 0",
		"13/1948":    "il n'y a pas de mois 13",
		"0000-03":    "il n'y a pas d'année 0",
		"48":         "n'est pas une date",
		"194":        "n'est pas une date",
		"19480":      "n'est pas une date",
		"1948/03":    "n'est pas une date",
		"03/48":      "n'est pas une date",
		"1948-03-":   "n'est pas une date",
		"mars 1948":  "n'est pas une date",
		"31/02/1948": "le 31 février n'existe pas",
		"":           "date manquante",
	}
	for in, want := range bad {
		got, err := PartialDate(in)
		if err == nil {
			t.Errorf("PartialDate(%q) = %q, want a refusal", in, got)
			continue
		}
		if p := problem(t, in, err, want); p.Hint != PartialDateHint {
			t.Errorf("%q: hint %q", in, p.Hint)
		}
	}
}

func TestQuote(t *testing.T) {
	cases := map[string]string{
		"Zoé":                    "« Zoé »",
		"a\x1b[31mb":             `« a\u{1b}[31mb »`,
		"a\u202eb":               `« a\u{202e}b »`,
		"a\xffb":                 `« a\xffb »`,
		"a\nb":                   `« a\u{a}b »`,
		strings.Repeat("x", 100): "« " + strings.Repeat("x", 40) + "… »",
	}
	for in, want := range cases {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDaysIn(t *testing.T) {
	for y := 1583; y < 2500; y++ {
		for m := 1; m <= 12; m++ {
			want := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if got := DaysIn(y, m); got != want {
				t.Fatalf("DaysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}

func BenchmarkDate(b *testing.B) {
	in := []string{"08/05/1940", "1940-05-08", "8/5/1940", "31/02/1940"}
	for i := 0; b.Loop(); i++ {
		Date(in[i%len(in)])
	}
}
