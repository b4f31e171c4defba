package words

import (
	"strings"
	"testing"
	"time"
)

func TestNumber(t *testing.T) {
	cases := map[int]string{
		0: "zéro", 1: "un", 10: "dix", 16: "seize", 17: "dix-sept", 20: "vingt", 21: "vingt et un",
		22: "vingt-deux", 30: "trente", 31: "trente et un", 41: "quarante et un", 51: "cinquante et un",
		61: "soixante et un", 70: "soixante-dix", 71: "soixante et onze", 72: "soixante-douze",
		77: "soixante-dix-sept", 79: "soixante-dix-neuf", 80: "quatre-vingts", 81: "quatre-vingt-un",
		90: "quatre-vingt-dix", 91: "quatre-vingt-onze", 99: "quatre-vingt-dix-neuf", 100: "cent",
		101: "cent un", 180: "cent quatre-vingts", 200: "deux cents", 201: "deux cent un",
		280: "deux cent quatre-vingts", 1000: "mille", 1001: "mille un",
		1900: "mille neuf cents", 1901: "mille neuf cent un", 1980: "mille neuf cent quatre-vingts",
		1999: "mille neuf cent quatre-vingt-dix-neuf", 2000: "deux mille", 2001: "deux mille un",
		2026: "deux mille vingt-six", 2071: "deux mille soixante et onze", 2080: "deux mille quatre-vingts",
		2100: "deux mille cent", 80000: "quatre-vingt mille", 200000: "deux cent mille",
	}
	for n, want := range cases {
		if got := Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}

// Every year of the range is written with the traditional rules: no
// "et" outside 21..71, hyphens only below one hundred, no plural before
// something else.
func TestEveryYear(t *testing.T) {
	for y := 1900; y <= 2100; y++ {
		s := Number(y)
		if !strings.HasPrefix(s, "mille ") && !strings.HasPrefix(s, "deux mille") {
			t.Errorf("%d: %q does not start with mille", y, s)
		}
		if strings.Contains(s, "cents ") || strings.Contains(s, "vingts ") || strings.Contains(s, "vingts-") {
			t.Errorf("%d: %q has a plural followed by another word", y, s)
		}
		if strings.Contains(s, "-et-") || strings.Contains(s, "mille-") || strings.Contains(s, "cent-") {
			t.Errorf("%d: %q has a hyphen above one hundred", y, s)
		}
		if strings.Contains(s, "  ") || strings.HasSuffix(s, " ") {
			t.Errorf("%d: %q has stray spaces", y, s)
		}
	}
}

func TestEveryDayAndMonth(t *testing.T) {
	d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // a leap year: every day of every month
	seen := map[string]bool{}
	for d.Year() == 2024 {
		s := Date(d)
		if seen[s] {
			t.Fatalf("%s written twice: %q", d.Format("2006-01-02"), s)
		}
		seen[s] = true
		if d.Day() == 1 && !strings.HasPrefix(s, "premier ") {
			t.Errorf("%s: %q should start with premier", d.Format("2006-01-02"), s)
		}
		if !strings.HasSuffix(s, " "+Months[d.Month()-1]+" deux mille vingt-quatre") {
			t.Errorf("%s: %q lacks its month and year", d.Format("2006-01-02"), s)
		}
		d = d.AddDate(0, 0, 1)
	}
	if len(seen) != 366 {
		t.Fatalf("%d days written, want 366", len(seen))
	}
	if got := Date(time.Date(2026, 8, 21, 0, 0, 0, 0, time.UTC)); got != "vingt et un août deux mille vingt-six" {
		t.Errorf("got %q", got)
	}
}

func TestHour(t *testing.T) {
	cases := []struct {
		h, m int
		want string
	}{
		{0, 0, "zéro heure"}, {0, 5, "zéro heure cinq"}, {1, 0, "une heure"}, {1, 1, "une heure une"},
		{2, 0, "deux heures"}, {12, 0, "douze heures"}, {14, 30, "quatorze heures trente"},
		{21, 0, "vingt et une heures"}, {21, 21, "vingt et une heures vingt et une"},
		{23, 59, "vingt-trois heures cinquante-neuf"}, {10, 31, "dix heures trente et une"},
		{8, 11, "huit heures onze"}, {9, 41, "neuf heures quarante et une"},
	}
	for _, c := range cases {
		if got := Hour(c.h, c.m); got != c.want {
			t.Errorf("Hour(%d, %d) = %q, want %q", c.h, c.m, got, c.want)
		}
	}
	// every hour and minute is written, and distinctly
	seen := map[string]bool{}
	for h := 0; h < 24; h++ {
		for m := 0; m < 60; m++ {
			s := Hour(h, m)
			if seen[s] {
				t.Fatalf("%02d:%02d written twice: %q", h, m, s)
			}
			seen[s] = true
		}
	}
}

func TestDateTime(t *testing.T) {
	got := DateTime(time.Date(2026, 11, 24, 14, 30, 0, 0, time.UTC))
	want := "le vingt-quatre novembre deux mille vingt-six, à quatorze heures trente"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got = DateTime(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	want = "le premier janvier deux mille vingt-sept, à zéro heure"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLongDate(t *testing.T) {
	for d, want := range map[string]string{"2026-11-25": "mercredi 25 novembre 2026", "2026-12-01": "mardi 1er décembre 2026", "2026-11-29": "dimanche 29 novembre 2026"} {
		tm, _ := time.Parse("2006-01-02", d)
		if got := LongDate(tm); got != want {
			t.Errorf("LongDate(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestMillions(t *testing.T) {
	for n, want := range map[int]string{1_000_000: "un million", 1_000_001: "un million un", 2_500_000: "deux millions cinq cent mille",
		80_000_000: "quatre-vingts millions", 200_000_000: "deux cents millions", 999_999_999: "neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"} {
		if got := Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLongDay(t *testing.T) {
	if got := LongDay("2026-11-25"); got != "mercredi 25 novembre 2026" {
		t.Errorf("LongDay = %q", got)
	}
	if got := LongDay("25/11"); got != "25/11" {
		t.Errorf("LongDay of a non-date = %q", got)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1\u202f000", 1_000_000: "1\u202f000\u202f000", 123456: "123\u202f456", -4500: "-4\u202f500"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
