package parse

import (
	"strconv"
	"strings"
)

// Number reads a whole number written in plain decimal digits and returns
// it if min <= n <= max (0 <= min <= max). Accepted, after trimming
// surrounding white space: ASCII digits only, leading zeros being only
// zeros (« 037 » is 37, never octal), however many. Refused, with a French
// hint: an empty input, a sign (+5, -0), a base prefix (0x25, 0o17, 0b1),
// an exponent (1e3), a decimal point or comma, spaces or underscores
// inside (1 000, 1_000), non-ASCII digits, and a number outside the bounds
// — checked digit by digit, so that 2^63-1 or a thousand digits never
// overflow.
//
// Bounds are the caller's rule; give sane ones (a register's numbering,
// issue 19 §4, takes at most MaxActNumber).
func Number(s string, min, max int) (int, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, refuse("nombre manquant", rangeHint(min, max))
	}
	if !digits(t) {
		why := " n'est pas un nombre écrit en chiffres"
		switch {
		case t[0] == '-' || t[0] == '+':
			why += " (sans signe)"
		case strings.ContainsAny(t, " _\u00a0\u202f"):
			why += " (sans espace ni séparateur)"
		}
		return 0, refuse(Quote(s)+why, "écrivez seulement des chiffres, "+rangeText(min, max))
	}
	n := 0
	for i := 0; i < len(t); i++ {
		d := int(t[i] - '0')
		if d > max || n > (max-d)/10 {
			return 0, refuse(Quote(s)+" est hors des limites", rangeHint(min, max))
		}
		n = n*10 + d
	}
	if n < min {
		return 0, refuse(Quote(s)+" est hors des limites", rangeHint(min, max))
	}
	return n, nil
}

// MaxActNumber bounds the last number of a register-year: no commune draws
// up a million acts of one kind in one year (Paris draws up about 50,000
// births), and the bound keeps every later number far from overflowing.
const MaxActNumber = 999_999

func rangeText(min, max int) string {
	return "de " + strconv.Itoa(min) + " à " + strconv.Itoa(max)
}

func rangeHint(min, max int) string {
	return "écrivez un nombre " + rangeText(min, max) + ", en chiffres"
}
