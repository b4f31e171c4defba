package parse

import "strings"

// HourHint is the hint given with an hour that cannot be read.
const HourHint = "écrivez l'heure sur 24 heures : 14:30, 14h30 ou 14h (minuit : 00:00)"

// Hour reads a time of day and returns it as HH:MM, from 00:00 to 23:59.
// Accepted, after trimming surrounding white space:
//
//   - hours, a colon, minutes: 09:30, 9:30, 00:05;
//   - hours, « h » or « H », minutes: 9h30, 09h05, 9H30, and the French
//     typographic form with spaces around the h: 9 h 30;
//   - hours and « h » alone for a whole hour: 9h, 09h, 9 h.
//
// Hours have one or two digits, minutes exactly two, a leading zero being
// only a zero (never octal). Refused, with a French hint: an empty input,
// one-digit minutes (9:3: 09:03 or 09:30?), a bare number (9), seconds
// (09:30:00), other separators (9.30, 9-30), spaces around a colon,
// « 24:00 » (midnight is 00:00), minutes past 59, and anything after the
// minutes (9h30min, 9:30 du matin).
func Hour(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", refuse("heure manquante", HourHint)
	}
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || i > 2 {
		return "", notHour(s)
	}
	h := small(t[:i])
	rest := t[i:]
	var mins string
	switch {
	case strings.HasPrefix(rest, ":"):
		mins = rest[1:]
		if mins == "" {
			return "", notHour(s)
		}
	default:
		rest = strings.TrimLeft(rest, " ")
		if rest == "" || (rest[0] != 'h' && rest[0] != 'H') {
			return "", notHour(s)
		}
		mins = strings.TrimLeft(rest[1:], " ")
	}
	if mins != "" && !digits(mins) {
		return "", notHour(s)
	}
	switch {
	case h == 24 && (mins == "" || mins == "00"):
		return "", refuse(Quote(s)+" n'est pas une heure valide (minuit s'écrit 00:00, au début du jour)", HourHint)
	case h > 23:
		return "", refuse(Quote(s)+" n'est pas une heure valide (les heures vont de 0 à 23)", HourHint)
	case len(mins) == 1:
		return "", refuse(Quote(s)+" : les minutes s'écrivent avec deux chiffres",
			"écrivez par exemple "+twoDigits(h)+":0"+mins+" ou "+twoDigits(h)+":"+mins+"0")
	case len(mins) > 2:
		return "", notHour(s)
	}
	m := 0
	if mins != "" {
		m = small(mins)
	}
	if m > 59 {
		return "", refuse(Quote(s)+" n'est pas une heure valide (les minutes vont de 00 à 59)", HourHint)
	}
	b := make([]byte, 0, 5)
	b = pad2(b, h)
	b = append(b, ':')
	return string(pad2(b, m)), nil
}

func notHour(s string) *Problem {
	return refuse(Quote(s)+" n'est pas une heure", HourHint)
}
