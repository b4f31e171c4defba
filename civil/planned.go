package civil

import (
	"strconv"
	"strings"
	"time"

	"etatcivil/internal/parse"
)

// plannedPrefix starts the reference of a marriage prepared before its
// day: "mariage/prevu/3".
const plannedPrefix = "mariage/prevu/"

// PlannedRef returns the reference of the planned marriage n:
// "mariage/prevu/3".
func PlannedRef(n int) string { return plannedPrefix + strconv.Itoa(n) }

// ParsePlannedRef reads "mariage/prevu/3" (the register's name and the
// word read as typed: « Mariage/Prévu/3 »); false when s is not one.
func ParsePlannedRef(s string) (int, bool) {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 3 {
		return 0, false
	}
	if k, err := KindChoice.Match(parts[0]); err != nil || Kind(k) != Mariage {
		return 0, false
	}
	if w := strings.ToLower(parts[1]); w != "prevu" && w != "prévu" && w != "prevus" && w != "prévus" {
		return 0, false
	}
	n, err := parse.Number(parts[2], 1, parse.MaxActNumber)
	return n, err == nil
}

// Reference returns the act's reference as a clerk types it: its
// register, year and number ("mariage/2026/5"), or, for a marriage
// prepared before its day, "mariage/prevu/3".
func (a *Act) Reference() string {
	if a.Prevu != 0 {
		return PlannedRef(a.Prevu)
	}
	return a.Ref().String()
}

// Planned tells whether a marriage is celebrated after today (at now):
// it is then prepared without a number, and drawn up on its day (art. 75
// of the Code civil: the act is drawn up at the celebration), so that the
// numbers follow the dates. A marriage of today is drawn up at once: its
// sheet is printed for the ceremony.
func Planned(a *Act, now time.Time) bool {
	return a.Type == Mariage && a.Date > now.Format(DateLayout)
}
