package parse

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// checkProblem fails unless err is a *Problem with a rule and a hint and
// no raw control character (what is quoted from the input is escaped).
func checkProblem(t *testing.T, in string, err error) {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) || p.Rule == "" || p.Hint == "" {
		t.Fatalf("%q: not a full *Problem: %v", in, err)
	}
	for _, r := range p.Rule + p.Hint {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Fatalf("%q: raw control character %U in %q", in, r, p.Error())
		}
	}
}

// FuzzDate: no panic; an accepted date is canonical, a real day, read the
// same again, and read the same written day first.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"08/05/1940", "1940-05-08", "8/5/1940", "31/02/1940", "29/02/2000", "08.05.1940",
		"08-05-1940", "08/05/40", "1948", "1948-03", "03/1948", "0000-00-00", "9999-12-31", "1/1/0001", "\x1b", "٠٨/٠٥/١٩٤٠"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, partial := range []bool{false, true} {
			var got string
			var err error
			if partial {
				got, err = PartialDate(s)
			} else {
				got, err = Date(s)
			}
			if err != nil {
				checkProblem(t, s, err)
				continue
			}
			var layout string
			switch len(got) {
			case 10:
				layout = "2006-01-02"
			case 7:
				layout = "2006-01"
			case 4:
				layout = "2006"
			}
			if layout == "" || (!partial && len(got) != 10) {
				t.Fatalf("%q: %q is not canonical", s, got)
			}
			if tm, err := time.Parse(layout, got); err != nil || tm.Format(layout) != got {
				t.Fatalf("%q: %q is not a real date: %v", s, got, err)
			}
			if again, err := readDate(got, partial); err != nil || again != got {
				t.Fatalf("%q: %q read again gives %q, %v", s, got, again, err)
			}
			if len(got) == 10 {
				fr := got[8:10] + "/" + got[5:7] + "/" + got[0:4]
				if again, err := Date(fr); err != nil || again != got {
					t.Fatalf("%q: %q read again gives %q, %v", s, fr, again, err)
				}
			}
		}
	})
}

// FuzzHour: no panic; an accepted hour is HH:MM within the day and read the
// same again in its h spelling.
func FuzzHour(f *testing.F) {
	for _, s := range []string{"09:30", "9h30", "9h", "9 h 30", "24:00", "9:3", "08:08", "23:59", "00:00", "9H05", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Hour(s)
		if err != nil {
			checkProblem(t, s, err)
			return
		}
		if tm, err := time.Parse("15:04", got); err != nil || tm.Format("15:04") != got {
			t.Fatalf("%q: %q is not HH:MM: %v", s, got, err)
		}
		if again, err := Hour(strings.Replace(got, ":", "h", 1)); err != nil || again != got {
			t.Fatalf("%q: %q read again gives %q, %v", s, got, again, err)
		}
	})
}

// FuzzNumber: no panic; an accepted number is within its bounds, and is
// what strconv reads from the digits.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"037", "0x25", "1e3", "+5", "-0", "9223372036854775807", "18446744073709551616", "1 000", "0"} {
		f.Add(s, 999_999)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 0 {
			max = -(max + 1)
		}
		got, err := Number(s, 0, max)
		if err != nil {
			checkProblem(t, s, err)
			return
		}
		want, perr := strconv.ParseUint(strings.TrimLeft(strings.TrimSpace(s), "0")+"0", 10, 64)
		if got < 0 || got > max || perr != nil || uint64(got) != want/10 {
			t.Fatalf("Number(%q, 0, %d) = %d (strconv: %d, %v)", s, max, got, want/10, perr)
		}
	})
}

// FuzzChoice: no panic; an accepted value is one of the list.
func FuzzChoice(f *testing.F) {
	for _, s := range []string{"Décès", "ext", "fonct del", "père-mère", "", "\xff", "e e e e e e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []*Choice{registres, formes, demandeurs, officiers} {
			got, err := c.Match(s)
			if err != nil {
				checkProblem(t, s, err)
				continue
			}
			found := false
			for _, v := range c.Values() {
				found = found || v == got
			}
			if !found {
				t.Fatalf("%q: %q is not in the list", s, got)
			}
		}
	})
}
