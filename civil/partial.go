package civil

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"etatcivil/internal/parse"
)

// Partial dates (format version 2): where the law says « le tout, autant
// qu'on pourra le savoir » (C. civ. art. 79 for a death, art. 87 for an
// unidentified person, art. 62 for the author of a recognition), a date
// may lack its day, or its day and month: "1948", "1948-03". It is
// printed « en 1948 », « en mars 1948 ». Nothing is ever invented to
// complete it.

// PartialPrecision tells how much of a date in the interchange format is
// known: 3 for AAAA-MM-JJ, 2 for AAAA-MM, 1 for AAAA, 0 for anything else.
func PartialPrecision(s string) int {
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		return 3
	case len(s) == 7 && s[4] == '-':
		return 2
	case len(s) == 4:
		return 1
	}
	return 0
}

// PartialYear returns the year of a full or partial date, 0 when there
// is none.
func PartialYear(s string) int {
	if len(s) < 4 {
		return 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil {
		return 0
	}
	return y
}

// partialDate checks a date that may be partial (AAAA, AAAA-MM or
// AAAA-MM-JJ, or the forms of parse.PartialDate: 03/1948, 2/3/1948…),
// from minYear to 2100, and writes it back in the interchange format. It
// records the problem and returns false when the date cannot be read.
// An empty date is missing.
func (c *Checker) partialDate(field string, s *string, minYear int) bool {
	if strings.TrimSpace(*s) == "" {
		c.Add(field, "date manquante", parse.PartialDateHint)
		return false
	}
	d, err := parse.PartialDate(*s)
	if err != nil {
		c.Add(field, dateRule(*s, err), parse.PartialDateHint)
		return false
	}
	if y := PartialYear(d); y < minYear || y > 2100 {
		c.Add(field, fmt.Sprintf("l'année %d est hors des limites (%d à 2100)", y, minYear), "vérifiez l'année")
		return false
	}
	*s = d
	return true
}

// dateRule is the rule of a date parse refused: its own words when it
// gives them.
func dateRule(s string, err error) string {
	if p, ok := err.(*parse.Problem); ok && p.Rule != "" {
		return p.Rule
	}
	return "« " + s + " » n'est pas une date valide"
}

// partialAfter tells whether the partial or full date d is certainly
// after the day t: a partial date is after t only when all its days are.
func partialAfter(d string, t time.Time) bool {
	switch PartialPrecision(d) {
	case 3:
		x, err := time.Parse(DateLayout, d)
		return err == nil && x.After(t)
	case 2:
		return d > t.Format("2006-01")
	case 1:
		return d > t.Format("2006")
	}
	return false
}

// AgeAt returns the age in whole years of a person at a day: the age the
// act gives, or the age from a full date of birth; false when neither is
// known (a partial date of birth gives no exact age).
func (p Person) AgeAt(at time.Time) (int, bool) {
	if p.Age != nil {
		return *p.Age, true
	}
	if PartialPrecision(p.DateNaissance) == 3 {
		return Age(p.DateNaissance, at)
	}
	return 0, false
}
