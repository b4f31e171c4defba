// Package words writes numbers, dates and hours in French words, with the
// traditional spelling used in civil status acts: hyphens between tens and
// units under one hundred, "et" for 21 to 71, "quatre-vingts" and "cents"
// taking an s only when nothing follows, "mille" invariable, "premier" for
// the first day of a month.
package words

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var units = [...]string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
	"dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"}

var tens = [...]string{"", "", "vingt", "trente", "quarante", "cinquante", "soixante"}

// Months holds the French month names, January first.
var Months = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// below100 writes 0 <= n < 100. final tells whether nothing follows the
// number, which decides the plural of "quatre-vingts".
func below100(n int, final bool) string {
	switch {
	case n < 20:
		return units[n]
	case n < 70:
		t, u := n/10, n%10
		switch u {
		case 0:
			return tens[t]
		case 1:
			return tens[t] + " et un"
		default:
			return tens[t] + "-" + units[u]
		}
	case n < 80: // soixante-dix .. soixante-dix-neuf
		if n == 71 {
			return "soixante et onze"
		}
		return "soixante-" + units[n-60]
	default: // quatre-vingts .. quatre-vingt-dix-neuf
		if n == 80 {
			if final {
				return "quatre-vingts"
			}
			return "quatre-vingt"
		}
		return "quatre-vingt-" + units[n-80]
	}
}

// below1000 writes 0 <= n < 1000; final as for below100.
func below1000(n int, final bool) string {
	h, r := n/100, n%100
	var parts []string
	switch {
	case h == 1:
		parts = append(parts, "cent")
	case h > 1:
		if r == 0 && final {
			parts = append(parts, units[h]+" cents")
		} else {
			parts = append(parts, units[h]+" cent")
		}
	}
	if r > 0 || h == 0 {
		parts = append(parts, below100(r, final))
	}
	return strings.Join(parts, " ")
}

// Number writes 0 <= n < 1 000 000 000 in French words, e.g. 1980 gives
// "mille neuf cent quatre-vingts", 2000000 "deux millions". It panics on
// numbers out of range, which only a programming error can produce.
func Number(n int) string {
	if n < 0 || n >= 1_000_000_000 {
		panic(fmt.Sprintf("words.Number: %d out of range", n))
	}
	if n >= 1_000_000 {
		// "million" is a noun: "deux millions", "quatre-vingts millions".
		m, r := n/1_000_000, n%1_000_000
		s := "un million"
		if m > 1 {
			s = Number(m) + " millions"
		}
		if r == 0 {
			return s
		}
		return s + " " + Number(r)
	}
	th, r := n/1000, n%1000
	if th == 0 {
		return below1000(r, true)
	}
	var s string
	if th == 1 {
		s = "mille"
	} else {
		// "mille" never varies, and what stands before it is not final:
		// "quatre-vingt mille", "deux cent mille".
		s = below1000(th, false) + " mille"
	}
	if r == 0 {
		return s
	}
	return s + " " + below1000(r, true)
}

// Feminine writes a number that qualifies a feminine noun (heures,
// minutes): "un" becomes "une", including in "vingt et une".
func Feminine(n int) string {
	s := Number(n)
	if strings.HasSuffix(s, "un") && (n%10 == 1) && n%100 != 11 {
		return s[:len(s)-2] + "une"
	}
	return s
}

// Day writes a day of the month: "premier" for 1, the number otherwise.
func Day(d int) string {
	if d == 1 {
		return "premier"
	}
	return Number(d)
}

// Date writes a date as in an act, without article:
// "vingt-quatre novembre deux mille vingt-six".
func Date(t time.Time) string {
	return Day(t.Day()) + " " + Months[t.Month()-1] + " " + Number(t.Year())
}

// Hour writes an hour and minutes as in an act: "quatorze heures trente",
// "zéro heure", "une heure cinq", "vingt et une heures". A whole hour has
// no minutes word.
func Hour(h, m int) string {
	if h < 0 || h > 23 || m < 0 || m > 59 {
		panic(fmt.Sprintf("words.Hour: %02d:%02d out of range", h, m))
	}
	s := Feminine(h)
	if h <= 1 {
		s += " heure"
	} else {
		s += " heures"
	}
	if m > 0 {
		s += " " + Feminine(m)
	}
	return s
}

// DateTime writes "le vingt-quatre novembre deux mille vingt-six, à quatorze
// heures trente".
func DateTime(t time.Time) string {
	return "le " + Date(t) + ", à " + Hour(t.Hour(), t.Minute())
}

// Figures writes a date in figures, day first: "24/11/2026".
func Figures(t time.Time) string {
	return t.Format("02/01/2006")
}

// Short writes a date with the day in figures and the month in words:
// "2 mars 1941", "1er janvier 1990".
func Short(t time.Time) string {
	d := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		d = "1er"
	}
	return d + " " + Months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Weekdays holds the French names of the days, Sunday first as time.Weekday counts.
var Weekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// LongDate writes a date with its weekday: "mercredi 25 novembre 2026",
// "mardi 1er décembre 2026".
func LongDate(t time.Time) string {
	return Weekdays[t.Weekday()] + " " + Short(t)
}

// LongDay writes a date AAAA-MM-JJ as LongDate does; anything else as is.
func LongDay(date string) string {
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return LongDate(t)
	}
	return date
}

// Size writes a number of bytes the French way: "850 octets", "1 octet",
// "12,3 Ko", "4,0 Mo", "1,2 Go".
func Size(n int64) string {
	const k = 1024
	switch {
	case n < k:
		return Plural(int(n), "octet", "octets")
	case n < k*k:
		return decimal(float64(n)/k) + " Ko"
	case n < k*k*k:
		return decimal(float64(n)/(k*k)) + " Mo"
	}
	return decimal(float64(n)/(k*k*k)) + " Go"
}

// SizeIEC writes a size in bytes in binary units, as etatcivil compacter
// gives the register's file: « 412,3 Mio », « 1,2 Gio », « 8,0 Kio ».
func SizeIEC(n int64) string {
	switch {
	case n >= 1<<30:
		return decimal(float64(n)/(1<<30)) + " Gio"
	case n >= 1<<20:
		return decimal(float64(n)/(1<<20)) + " Mio"
	}
	return decimal(float64(n)/(1<<10)) + " Kio"
}

// decimal writes x with one decimal and a comma.
func decimal(x float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", x), ".", ",", 1)
}

// Count writes a whole number in figures the French way, thousands
// separated by a narrow no-break space: "1 000 000".
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
