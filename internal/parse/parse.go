// Package parse is the one reader of what a clerk types or a file carries:
// dates, hours, whole numbers and option values. The guided entry, every
// flag, the JSON files and the CSV imports call it, so that « 08/05/1940 »
// or « 9h05 » means the same thing everywhere (issue 18 §1), and a number
// is never read as octal or hexadecimal (issue 19 §4).
//
// Each function returns the canonical value or a *Problem, whose rule and
// hint are in French and whose rule quotes the input (control characters
// and invalid UTF-8 escaped, long inputs cut). The caller names the field:
// a Problem becomes registry.Problem{Field, Rule, Hint} as it is.
//
// Input is trimmed of surrounding white space first; an empty input is a
// « … manquante » problem, so callers that allow an empty answer test for
// it before calling.
package parse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is an input that cannot be read: what is wrong (Rule, quoting
// the input) and what to write instead (Hint), both in French. Every error
// returned by this package is a *Problem.
type Problem struct {
	Rule string
	Hint string
}

// Error returns the rule and the hint on one line.
func (p *Problem) Error() string {
	if p.Hint == "" {
		return p.Rule
	}
	return p.Rule + " ; " + p.Hint
}

func refuse(rule, hint string) *Problem { return &Problem{Rule: rule, Hint: hint} }

// maxShown is the number of characters of an input quoted in a problem.
const maxShown = 40

// Quote writes an input between French quotes for a message: control and
// format characters (terminal escapes, bidirectional overrides) as \u{…},
// invalid UTF-8 bytes as \x…, and at most 40 characters followed by « … ».
// Nothing typed is ever printed raw.
func Quote(s string) string {
	var b strings.Builder
	b.WriteString("« ")
	n := 0
	for i := 0; i < len(s); {
		if n == maxShown {
			b.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i]), 16))
		case r == ' ':
			b.WriteRune(r)
		case !unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r):
			b.WriteString(`\u{`)
			b.WriteString(strconv.FormatUint(uint64(r), 16))
			b.WriteString("}")
		default:
			b.WriteRune(r)
		}
		i += size
		n++
	}
	b.WriteString(" »")
	return b.String()
}

// digits tells whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// small reads at most 4 ASCII digits as a decimal number (callers check
// the shape first): a leading zero is only a zero.
func small(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// pad2 writes 0 <= n < 100 on two digits.
func pad2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

// pad4 writes 0 <= n < 10000 on four digits.
func pad4(b []byte, n int) []byte {
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}
