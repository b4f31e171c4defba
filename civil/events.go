package civil

import (
	"strings"
	"time"

	"etatcivil/internal/fold"
)

// hourRule says whether an event's hour is required, optional or absent.
type hourRule int

const (
	hourRequired hourRule = iota
	hourOptional          // « autant qu'on pourra le savoir »: a death at an unknown hour
	hourAbsent            // a foundling: the hour of birth is not known and never written
)

// eventRule is what an act requires of its event's date, hour and place.
type eventRule struct {
	prefix    string // "" or "accouchement.": the fields' path
	hour      hourRule
	future    bool // the event may be after now (a marriage drawn up before its celebration)
	elsewhere bool // the event happened in another commune (a transcription)
}

// InCommune tells whether a place, split into its commune and its
// département, is the commune of the register or its commune associée.
func InCommune(name, dept string, commune Commune) bool {
	here := fold.Equal(name, commune.Nom) || (commune.CommuneAssociee != "" && fold.Equal(name, commune.CommuneAssociee))
	return here && fold.Equal(dept, commune.Departement)
}

// SplitPlace splits a place "Commune (Département)" or "Ville (Pays)";
// false when it has not that form.
func SplitPlace(s string) (name, dept string, ok bool) {
	m := placeRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// event checks the date, hour and place of the event, which must be in
// the commune of the register (acts are drawn up where the event happened).
func (c *Checker) event(a *Act, commune Commune, now time.Time) (time.Time, bool) {
	return c.eventWith(&a.Date, &a.Heure, a.Lieu, commune, now, eventRule{})
}

// eventAt is event, allowing a date in the future when future is true (a
// marriage drawn up before its celebration).
func (c *Checker) eventAt(a *Act, commune Commune, now time.Time, future bool) (time.Time, bool) {
	return c.eventWith(&a.Date, &a.Heure, a.Lieu, commune, now, eventRule{future: future})
}

// eventWith checks an event's date, hour and place by rule r; it returns
// the day and whether the date (and the hour, when there must be one)
// could be read.
func (c *Checker) eventWith(date, hour *string, place string, commune Commune, now time.Time, r eventRule) (time.Time, bool) {
	d, okd := c.Date(r.prefix+"date", date, 1900)
	okh := true
	switch {
	case r.hour == hourAbsent:
		c.forbid(r.prefix+"heure", *hour != "", "l'heure de naissance d'un enfant trouvé n'est pas connue : l'acte n'en donne pas")
	case r.hour == hourOptional && *hour == "":
	default:
		okh = c.Hour(r.prefix+"heure", hour)
	}
	if okd && okh && !r.future {
		h := *hour
		if h == "" {
			h = "00:00"
		}
		c.notFuture(r.prefix+"date", *date, h, now)
	}
	if name, dept, ok := c.place(r.prefix+"lieu", place); ok {
		here := InCommune(name, dept, commune)
		switch {
		case r.elsewhere && here:
			c.Add(r.prefix+"lieu", "le décès est survenu dans la commune de ce registre : il n'y a rien à transcrire",
				"dressez l'acte de décès lui-même", Then(DrawUpAct, string(Deces)))
		case !r.elsewhere && !here:
			c.Add(r.prefix+"lieu", "« "+place+" » n'est pas la commune de ce registre", "l'acte est dressé par la mairie du lieu de l'événement : ici "+communeWhere(commune)+" ; sinon orientez le déclarant vers la bonne mairie")
		}
	}
	return d, okd && okh
}

// declaration checks the date and hour of the declaration: after the
// event, not in the future.
func (c *Checker) declaration(a *Act, now time.Time, eventOK bool) (time.Time, bool) {
	if a.Declaration == nil {
		c.Add("declaration", "date et heure de la déclaration manquantes", "ajoutez \"declaration\": {\"date\": \"AAAA-MM-JJ\", \"heure\": \"HH:MM\"}")
		return time.Time{}, false
	}
	d, okd := c.Date("declaration.date", &a.Declaration.Date, 1900)
	okh := c.Hour("declaration.heure", &a.Declaration.Heure)
	if !okd || !okh {
		return d, false
	}
	c.notFuture("declaration.date", a.Declaration.Date, a.Declaration.Heure, now)
	date, hour, _ := a.Event()
	if eventOK && before(a.Declaration.Date, a.Declaration.Heure, date, hour) {
		at := figuresDate(date)
		if hour != "" {
			at += " à " + hour
		}
		c.Add("declaration.date", "la déclaration (le "+figuresDate(a.Declaration.Date)+" à "+a.Declaration.Heure+") précède l'événement (le "+at+")", "vérifiez les deux dates")
	}
	return d, true
}

// before tells whether the moment (d1, h1) is before (d2, h2); an empty
// hour compares the days only.
func before(d1, h1, d2, h2 string) bool {
	if h1 == "" || h2 == "" {
		return d1 < d2
	}
	return d1+" "+h1 < d2+" "+h2
}
