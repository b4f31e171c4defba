package parse

import (
	"strconv"
	"strings"

	"etatcivil/internal/words"
)

// DateHint is the hint given with a date that cannot be read.
const DateHint = "écrivez la date JJ/MM/AAAA ou AAAA-MM-JJ, par exemple 08/05/1940"

// PartialDateHint is the hint given with a date that cannot be read where
// the day or the month may be unknown.
const PartialDateHint = "écrivez la date JJ/MM/AAAA ou AAAA-MM-JJ ; si le jour n'est pas connu, le mois et l'année (03/1948 ou 1948-03) ; si le mois non plus, l'année seule (1948)"

// Date reads a full date and returns it as AAAA-MM-JJ (Gregorian calendar,
// years 0001 to 9999; the plausible range of a field is the caller's
// rule). Accepted, after trimming surrounding white space:
//
//   - year first, with hyphens: 1940-05-08, 1940-5-8;
//   - day first, then month, then the year on four digits, with the same
//     separator twice, a slash, a dot or a hyphen: 08/05/1940, 8/5/1940,
//     08.05.1940, 8-5-1940.
//
// Day and month have one or two digits, a leading zero being only a zero
// (never octal). Refused, with a French hint: an empty input, a year of two
// digits (« 08/05/40 »: which century?), a day or a month of three digits,
// a year-first date with slashes or dots (1940/05/08: the only year-first
// form is the ISO one), mixed separators, spaces or letters inside
// (« 8 mai 1940 »), trailing characters, non-ASCII digits, and a day that
// the calendar does not have (31/04, 29/02/1941, 00/05, month 13).
func Date(s string) (string, error) {
	d, err := readDate(s, false)
	if err != nil {
		return "", err
	}
	return d, nil
}

// PartialDate reads a date that may lack its day, or its day and month
// (format version 2, "autant qu'on pourra le savoir", art. 79 and 87 of
// the Code civil): it returns AAAA, AAAA-MM or AAAA-MM-JJ. Besides the
// forms of Date it accepts the year alone on four digits (1948), the year
// then the month with a hyphen (1948-03, 1948-3) and the month then the
// year with a slash, a dot or a hyphen (03/1948, 3/1948). Use Date where a
// full date is required.
func PartialDate(s string) (string, error) {
	return readDate(s, true)
}

// readDate splits s into fields of digits and checks their shape, then the
// calendar.
func readDate(s string, partial bool) (string, error) {
	hint := DateHint
	if partial {
		hint = PartialDateHint
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return "", refuse("date manquante", hint)
	}
	var f [3]string
	var sep [2]byte
	n, start := 0, 0
	for i := 0; i <= len(t); i++ {
		if i < len(t) && t[i] >= '0' && t[i] <= '9' {
			continue
		}
		if i == start || n == 3 { // empty field, or a fourth one
			return "", notDate(s, hint)
		}
		f[n] = t[start:i]
		if len(f[n]) > 4 {
			return "", notDate(s, hint)
		}
		n++
		if i < len(t) {
			c := t[i]
			if (c != '/' && c != '.' && c != '-') || n == 3 {
				return "", notDate(s, hint)
			}
			sep[n-1] = c
		}
		start = i + 1
	}
	switch n {
	case 3:
		if sep[0] != sep[1] {
			return "", notDate(s, hint)
		}
		switch {
		case len(f[0]) == 4 && sep[0] == '-' && len(f[1]) <= 2 && len(f[2]) <= 2:
			return calendar(s, small(f[0]), small(f[1]), small(f[2]), hint, false)
		case len(f[2]) == 4 && len(f[0]) <= 2 && len(f[1]) <= 2:
			return calendar(s, small(f[2]), small(f[1]), small(f[0]), hint, true)
		case len(f[2]) == 2 && len(f[0]) <= 2 && len(f[1]) <= 2 && sep[0] != '-':
			return "", refuse(Quote(s)+" : l'année doit avoir quatre chiffres",
				"écrivez l'année en entier, par exemple "+f[0]+string(sep[0])+f[1]+string(sep[0])+"19"+f[2]+" ou "+f[0]+string(sep[0])+f[1]+string(sep[0])+"20"+f[2])
		}
	case 2:
		if !partial {
			break
		}
		switch {
		case len(f[0]) == 4 && sep[0] == '-' && len(f[1]) <= 2:
			return month(s, small(f[0]), small(f[1]), hint)
		case len(f[1]) == 4 && len(f[0]) <= 2:
			return month(s, small(f[1]), small(f[0]), hint)
		}
	case 1:
		if partial && len(f[0]) == 4 {
			y := small(f[0])
			if y == 0 {
				return "", refuse(Quote(s)+" n'est pas une date valide (il n'y a pas d'année 0)", hint)
			}
			return f[0], nil
		}
	}
	return "", notDate(s, hint)
}

func notDate(s, hint string) *Problem {
	return refuse(Quote(s)+" n'est pas une date", hint)
}

// month checks a year and a month and writes AAAA-MM.
func month(s string, y, m int, hint string) (string, error) {
	switch {
	case y == 0:
		return "", refuse(Quote(s)+" n'est pas une date valide (il n'y a pas d'année 0)", hint)
	case m < 1 || m > 12:
		return "", refuse(Quote(s)+" n'est pas une date valide (il n'y a pas de mois "+strconv.Itoa(m)+")", hint)
	}
	b := make([]byte, 0, 7)
	b = pad4(b, y)
	b = append(b, '-')
	return string(pad2(b, m)), nil
}

// calendar checks a day of the Gregorian calendar and writes AAAA-MM-JJ.
// dayFirst tells that the day was written first (the hint for a month 13
// then recalls the order).
func calendar(s string, y, m, d int, hint string, dayFirst bool) (string, error) {
	bad := func(why string) (string, error) {
		return "", refuse(Quote(s)+" n'est pas une date valide ("+why+")", hint)
	}
	switch {
	case y == 0:
		return bad("il n'y a pas d'année 0")
	case m < 1 || m > 12:
		if dayFirst && m > 12 && d >= 1 && d <= 12 {
			return "", refuse(Quote(s)+" n'est pas une date valide (il n'y a pas de mois "+strconv.Itoa(m)+")",
				"le jour s'écrit avant le mois (JJ/MM/AAAA) : vouliez-vous dire "+twoDigits(m)+"/"+twoDigits(d)+"/"+strconv.Itoa(y)+" ?")
		}
		return bad("il n'y a pas de mois " + strconv.Itoa(m))
	case d < 1 || d > 31:
		return bad("il n'y a pas de jour " + strconv.Itoa(d))
	case d > DaysIn(y, m):
		if m == 2 && d == 29 {
			return bad("le 29 février " + strconv.Itoa(y) + " n'existe pas : " + strconv.Itoa(y) + " n'est pas bissextile")
		}
		return bad("le " + strconv.Itoa(d) + " " + words.Months[m-1] + " n'existe pas")
	}
	b := make([]byte, 0, 10)
	b = pad4(b, y)
	b = append(b, '-')
	b = pad2(b, m)
	b = append(b, '-')
	return string(pad2(b, d)), nil
}

func twoDigits(n int) string { return string(pad2(nil, n%100)) }

// DaysIn returns the number of days of month m (1 to 12) of year y in the
// Gregorian calendar.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
