package civil

import (
	"fmt"
	"time"
)

// easter returns Easter Sunday of year y (anonymous Gregorian algorithm).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// alsaceMoselle lists the départements where Good Friday and 26 December
// are also public holidays (local law of Alsace-Moselle).
var alsaceMoselle = map[string]bool{"Bas-Rhin": true, "Haut-Rhin": true, "Moselle": true}

// Holiday returns the name of the French public holiday falling on day d
// in the département, or "".
func Holiday(d time.Time, departement string) string {
	y, m, day := d.Date()
	fixed := map[[2]int]string{
		{1, 1}: "jour de l'An", {5, 1}: "fête du Travail", {5, 8}: "Victoire 1945",
		{7, 14}: "fête nationale", {8, 15}: "Assomption", {11, 1}: "Toussaint",
		{11, 11}: "Armistice", {12, 25}: "Noël",
	}
	if n, ok := fixed[[2]int{int(m), day}]; ok {
		return n
	}
	e := easter(y)
	mobile := map[int]string{1: "lundi de Pâques", 39: "Ascension", 50: "lundi de Pentecôte"}
	if alsaceMoselle[departement] {
		mobile[-2] = "Vendredi saint"
		if m == 12 && day == 26 {
			return "saint Étienne"
		}
	}
	date := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if n, ok := mobile[int(date.Sub(e).Hours()/24)]; ok {
		return n
	}
	return ""
}

// workingDay tells whether d is neither a Saturday, a Sunday nor a public holiday.
func workingDay(d time.Time, departement string) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && Holiday(d, departement) == ""
}

// BirthDeadline returns the last day on which a birth of day born may be
// declared (C. civ. art. 55): five days, the day of birth not counted; a
// last day falling on a Saturday, Sunday or public holiday moves to the
// next working day.
func BirthDeadline(born time.Time, departement string) time.Time {
	d := time.Date(born.Year(), born.Month(), born.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 5)
	for !workingDay(d, departement) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// TablesPeriod gives the years the alphabetical tables cover (décret
// 51-284 of 3 March 1951: annual tables, and decennial tables from a year
// in 3 to the year in 2 that follows): year alone for an annual table
// (decennial 0), or the ten years from decennial. Refusals name the field
// "annee" or "decennale".
func TablesPeriod(year, decennial int) (first, last int, err error) {
	if decennial != 0 {
		if decennial%10 != 3 || decennial < 1793 {
			start := decennial - ((decennial%10 + 7) % 10)
			return 0, 0, Refuse("decennale", fmt.Sprintf("%d ne commence pas une période décennale", decennial),
				fmt.Sprintf("les tables décennales vont d'une année en 3 à l'année en 2 qui suit (2013-2022, 2023-2032) : %d est dans la période %d-%d", decennial, start, start+9))
		}
		return decennial, decennial + 9, nil
	}
	if year < 1900 || year > 2100 {
		return 0, 0, Refuse("annee", fmt.Sprintf("année %d invalide", year), "écrivez l'année sur quatre chiffres, par exemple 2026")
	}
	return year, year, nil
}
