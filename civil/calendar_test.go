package civil

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestEaster(t *testing.T) {
	known := map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25", 2000: "2000-04-23"}
	for y, want := range known {
		if got := easter(y).Format(DateLayout); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestHolidays(t *testing.T) {
	cases := []struct {
		date, dept, want string
	}{
		{"2026-07-14", "Nord", "fête nationale"},
		{"2026-04-06", "Nord", "lundi de Pâques"},
		{"2026-05-14", "Nord", "Ascension"},
		{"2026-05-25", "Nord", "lundi de Pentecôte"},
		{"2026-04-03", "Nord", ""},
		{"2026-04-03", "Moselle", "Vendredi saint"},
		{"2026-12-26", "Bas-Rhin", "saint Étienne"},
		{"2026-12-26", "Nord", ""},
		{"2027-01-01", "Nord", "jour de l'An"},
		{"2026-11-11", "Paris", "Armistice"},
	}
	for _, c := range cases {
		if got := Holiday(day(c.date), c.dept); got != c.want {
			t.Errorf("Holiday(%s, %s) = %q, want %q", c.date, c.dept, got, c.want)
		}
	}
}

// The edges named in the issue: a birth on a Friday, on a Saturday, a
// deadline on 14 July, on Easter Monday, and across 31 December.
func TestBirthDeadline(t *testing.T) {
	cases := []struct {
		born, dept, want, why string
	}{
		{"2026-11-20", "Nord", "2026-11-25", "Friday: five days later is a Wednesday"},
		{"2026-11-21", "Nord", "2026-11-26", "Saturday: five days later is a Thursday"},
		{"2026-11-16", "Nord", "2026-11-23", "Monday: the fifth day is a Saturday, moved to Monday"},
		{"2026-11-17", "Nord", "2026-11-23", "Tuesday: the fifth day is a Sunday, moved to Monday"},
		{"2026-07-09", "Nord", "2026-07-15", "the fifth day is 14 July"},
		{"2026-04-01", "Nord", "2026-04-07", "the fifth day is Easter Monday"},
		{"2026-12-27", "Nord", "2027-01-04", "the fifth day is 1 January (Friday), then a weekend"},
		{"2026-12-31", "Nord", "2027-01-05", "31 December: the fifth day is 5 January"},
		{"2026-12-21", "Nord", "2026-12-28", "the fifth day is Saturday 26 December: Monday 28"},
		{"2026-03-29", "Moselle", "2026-04-07", "Alsace-Moselle: the fifth day is Good Friday, then Easter weekend and Easter Monday"},
		{"2026-12-21", "Haut-Rhin", "2026-12-28", "Alsace-Moselle: 26 December is a holiday and a Saturday"},
		{"2027-12-21", "Haut-Rhin", "2027-12-27", "Alsace-Moselle: Sunday 26 December 2027"},
		{"2025-12-21", "Bas-Rhin", "2025-12-29", "Alsace-Moselle: Friday 26 December 2025 is a holiday there"},
		{"2025-12-21", "Nord", "2025-12-26", "elsewhere Friday 26 December 2025 is a working day"},
		{"2026-03-29", "Nord", "2026-04-03", "elsewhere Good Friday is a working day"},
	}
	for _, c := range cases {
		if got := BirthDeadline(day(c.born), c.dept).Format(DateLayout); got != c.want {
			t.Errorf("born %s in %s: deadline %s, want %s (%s)", c.born, c.dept, got, c.want, c.why)
		}
	}
}
