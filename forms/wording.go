package forms

import (
	"strconv"
	"strings"
	"text/template"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/words"
)

// The wording of the acts of format version 2 (issue 20 §3): partial
// dates and ages « autant qu'on pourra le savoir », the deceased's
// situation, the parents of a deceased, the capacity of a declarant, an
// unidentified deceased, a foundling, a joint choice of name, the
// recognitions a birth act cites, a recognition and a stillborn child.
// Each phrase is built here in Go, agreed with the sex of whom it speaks
// of, so that the templates stay readable and the agreement is tested.

// kindFuncs are the template functions of these phrases.
var kindFuncs = template.FuncMap{
	// vivant and defuntMariage return the living and the deceased spouse
	// of a posthumous marriage.
	"vivant":                func(es []civil.MarriageSpouse) civil.MarriageSpouse { return posthumousSpouse(es, false) },
	"defuntMariage":         func(es []civil.MarriageSpouse) civil.MarriageSpouse { return posthumousSpouse(es, true) },
	"leDate":                dateOn,
	"enLettresJour":         dayInWords,
	"naissanceDe":           bornPhrase,
	"situation":             situationPhrase,
	"filiationDeces":        deathFiliation,
	"declarantDeces":        deathDeclarant,
	"qualiteDeclarant":      deathDeclarantBox,
	"personne":              func(s *civil.Spouse) string { return spouseName(s) },
	"defuntInconnu":         unidentifiedPhrase,
	"enfantTrouve":          foundlingPhrase,
	"choixNom":              jointNamePhrase,
	"reconnaissancesCitees": citedRecognitionsPhrase,
	"ageDe":                 agePhrase,
	"reconnaissanceObjet":   recognitionObject,
	"titreReconnaissance":   recognitionTitle,
	"enfantSansVie":         stillbornChild,
	// enLettresSi writes a date and hour in words, or the day alone when
	// the hour is not known.
	"enLettresSi": func(hour, date string) string {
		if hour == "" {
			return dayInWords(date)
		}
		t, err := time.Parse("2006-01-02 15:04", date+" "+hour)
		if err != nil {
			return date + " " + hour
		}
		return words.DateTime(t)
	},
	// ageA gives the age of a person on a day (AAAA-MM-JJ), 0 when unknown.
	"ageA": func(p civil.Person, at string) int {
		t, err := time.Parse(dateLayout, at)
		if err != nil {
			return 0
		}
		age, _ := p.AgeAt(t)
		return age
	},
}

// dateOn writes a full or partial date as a clause: "le 2 mars 1941",
// "en mars 1941", "en 1941"; an unreadable date as is.
func dateOn(date string) string {
	switch civil.PartialPrecision(date) {
	case 3:
		return "le " + shortDate(date)
	case 2:
		if m, err := strconv.Atoi(date[5:]); err == nil && m >= 1 && m <= 12 {
			return "en " + words.Months[m-1] + " " + date[:4]
		}
	case 1:
		return "en " + date
	}
	return date
}

// dayInWords writes a day in words, with its article: "le vingt-sept
// novembre deux mille vingt-six" (for an event whose hour is not known).
func dayInWords(date string) string {
	t, err := time.Parse(dateLayout, date)
	if err != nil {
		return date
	}
	return "le " + words.Date(t)
}

// agePhrase writes an age: "âgé de 47 ans", "âgée d'un an".
func agePhrase(sexe string, age int) string {
	n := strconv.Itoa(age) + " ans"
	if age == 1 {
		n = "un an"
	}
	w := civil.Agree(sexe, "âgé", "âgée")
	if age == 1 {
		return w + " d'" + n
	}
	return w + " de " + n
}

// bornPhrase writes a person's birth as far as it is known: "né le 2 mars
// 1941 à Roubaix (Nord)", "née en 1938 à Tourcoing (Nord)", "âgé de 88
// ans, né à Tourcoing (Nord)", "âgé de 88 ans"; "" when nothing is known.
func bornPhrase(p civil.Person) string {
	var parts []string
	if p.Age != nil {
		parts = append(parts, agePhrase(p.Sexe, *p.Age))
	}
	born := ""
	if p.DateNaissance != "" {
		born = " " + dateOn(p.DateNaissance)
	}
	if p.LieuNaissance != "" {
		born += " à " + p.LieuNaissance
	}
	if born != "" {
		parts = append(parts, civil.Agree(p.Sexe, "né", "née")+born)
	}
	return strings.Join(parts, ", ")
}

func spouseName(s *civil.Spouse) string {
	if s == nil {
		return ""
	}
	return civil.Person{Nom: s.Nom, Prenoms: s.Prenoms}.FullName()
}

// situationPhrase writes the deceased's marital situation (art. 79 4°,
// 4° bis), only the last spouse or partner: ", veuf de Jacqueline
// LEMAIRE", ", divorcée de Paul MARTIN", ", lié par un pacte civil de
// solidarité avec Denise ROUX", ", célibataire"; a version-1 act with a
// spouse and no situation, ", époux de …"; "" when nothing is known.
func situationPhrase(d *civil.Deceased) string {
	if d == nil {
		return ""
	}
	of := func(m, f string) string {
		return ", " + civil.Agree(d.Sexe, m, f) + " " + elided(spouseName(d.Conjoint))
	}
	switch d.Situation {
	case civil.SituationCelibataire:
		return ", célibataire"
	case civil.SituationVeuf:
		return of("veuf", "veuve")
	case civil.SituationDivorce:
		return of("divorcé", "divorcée")
	case civil.SituationPacse:
		return ", " + civil.Agree(d.Sexe, "lié", "liée") + " par un pacte civil de solidarité avec " + spouseName(d.Partenaire)
	}
	if d.Conjoint != nil {
		return of("époux", "épouse")
	}
	return ""
}

// elided writes "de X" or "d'X" before a name.
func elided(name string) string {
	if k := fold.Key(name); k != "" && strings.ContainsRune("aeiouyh", rune(k[0])) {
		return "d'" + name
	}
	return "de " + name
}

// parentClause writes one parent of a deceased: "Thierry LECLERCQ,
// chauffeur de bus", with ", demeurant …" unless home is false.
func parentClause(p civil.Person, home bool) string {
	s := p.FullName()
	if p.Profession != "" {
		s += ", " + p.Profession
	}
	if home && p.Domicile != "" {
		s += ", demeurant " + p.Domicile
	}
	return s
}

// deathFiliation writes the parents of a deceased (art. 79 3°), as far as
// known: ", fils de Henri CARPENTIER et de Marthe DUBOIS, décédés";
// ", fille de Thierry LECLERCQ, chauffeur de bus, et de Sandrine MARTIN,
// secrétaire médicale, demeurant ensemble 3 allée des Érables, Roubaix
// (Nord)"; ", fils de Louis VASSEUR, décédé, et d'Irma PLANCKE, demeurant
// …". "" when no parent is named.
func deathFiliation(sexe string, ps []civil.Person) string {
	if len(ps) == 0 {
		return ""
	}
	head := ", " + civil.Agree(sexe, "fils", "fille") + " "
	if len(ps) == 1 {
		p := ps[0]
		s := head + elided(parentClause(p, true))
		if p.Decede {
			s += ", " + civil.Agree(p.Sexe, "décédé", "décédée")
		}
		return s
	}
	a, b := ps[0], ps[1]
	bothDead := a.Decede && b.Decede
	together := !a.Decede && !b.Decede && a.Domicile != "" && fold.Key(a.Domicile) == fold.Key(b.Domicile)
	if bothDead || together {
		s := head + elided(parentClause(a, false))
		if a.Profession != "" {
			s += ","
		}
		s += " et " + elided(parentClause(b, false))
		switch {
		case bothDead && a.Sexe == "F" && b.Sexe == "F":
			return s + ", décédées"
		case bothDead:
			return s + ", décédés"
		}
		return s + ", demeurant ensemble " + a.Domicile
	}
	one := func(p civil.Person) string {
		s := elided(parentClause(p, true))
		if p.Decede {
			s += ", " + civil.Agree(p.Sexe, "décédé", "décédée")
		}
		return s
	}
	first := one(a)
	if a.Profession != "" || a.Domicile != "" || a.Decede {
		first += ","
	}
	return head + first + " et " + one(b)
}

// sameCapacity tells whether a profession only repeats a capacity
// ("officier de police judiciaire" twice).
func sameCapacity(profession, qualite string) bool {
	trim := func(s string) string {
		s = fold.Key(s)
		for _, art := range []string{"la ", "le ", "l "} {
			s = strings.TrimPrefix(s, art)
		}
		return s
	}
	return profession != "" && trim(profession) == trim(qualite)
}

// deathDeclarant writes who declared a death (art. 79 5°), after "sur la
// déclaration": "de Paul LEFÈVRE, 56 ans, comptable, demeurant …, fils du
// défunt"; a capacity as a capacity, never « … du défunt »: "de Kevin
// DEVOS, 34 ans, conseiller funéraire, demeurant …, agissant en qualité
// d'employé des pompes funèbres" ("agissant en cette qualité" when the
// profession says it already). at is the day of the declaration.
func deathDeclarant(a *civil.Act) string {
	d := a.Declarant
	if d == nil {
		return ""
	}
	s := elided(d.FullName())
	at, _ := time.Parse(dateLayout, declarationDate(a))
	if age, ok := d.AgeAt(at); ok {
		s += ", " + strconv.Itoa(age) + " ans"
	}
	if d.Profession != "" {
		s += ", " + d.Profession
	}
	if d.Domicile != "" {
		s += ", demeurant " + d.Domicile
	}
	if d.Lien != "" {
		sexe := ""
		if a.Defunt != nil {
			sexe = a.Defunt.Sexe
		}
		s += ", " + d.Lien + " " + civil.Agree(sexe, "du défunt", "de la défunte")
	}
	if q := strings.TrimSpace(d.Qualite); q != "" {
		if sameCapacity(d.Profession, q) {
			s += ", agissant en cette qualité"
		} else {
			s += ", agissant en qualité " + elided(q)
		}
	}
	return s
}

// declarationDate is the day of an act's declaration, or "".
func declarationDate(a *civil.Act) string {
	if a.Declaration != nil {
		return a.Declaration.Date
	}
	return ""
}

// deathDeclarantBox writes what follows "Le déclarant" in the signature
// box of a death: "fils", "employé des pompes funèbres".
func deathDeclarantBox(d *civil.Declarant) string {
	if d == nil {
		return ""
	}
	if d.Lien != "" {
		return d.Lien
	}
	return d.Qualite
}

// unidentifiedPhrase writes the deceased who could not be identified
// (art. 87): "un homme dont l'identité n'a pu être établie, présentant
// le signalement suivant : …, découvert le 27 novembre 2026 berge de la
// Deûle, Lille (Nord) (procès-verbal PV 2026/4398)".
func unidentifiedPhrase(d *civil.Deceased) string {
	if d == nil {
		return ""
	}
	s := civil.Agree(d.Sexe, "un homme", "une femme") + " dont l'identité n'a pu être établie"
	if b := bornPhrase(d.Person); b != "" {
		s += ", " + b
	}
	s += ", présentant le signalement suivant : " + strings.TrimSuffix(strings.TrimSpace(d.Signalement), ".")
	s += " ; " + civil.Agree(d.Sexe, "découvert", "découverte") + " " + dateOn(d.DateDecouverte)
	if d.LieuDecouverte != "" {
		s += " " + placeClause(d.LieuDecouverte)
	}
	if d.ProcesVerbal != "" {
		s += " (procès-verbal " + d.ProcesVerbal + ")"
	}
	return s
}

// placeClause writes a place of discovery after a date: "à Lille (Nord)"
// for a bare commune, the description as is otherwise ("sur le parvis de
// la gare, Lille (Nord)" stays "parvis de la gare, Lille (Nord)", put
// after a colon-free comma).
func placeClause(place string) string {
	if _, _, ok := civil.SplitPlace(place); ok && !strings.Contains(place, ",") {
		return "à " + place
	}
	return "au lieu suivant : " + place
}

// foundlingPhrase writes the discovery of a foundling (art. 58): "trouvé
// le vingt-sept novembre deux mille vingt-six à sept heures quarante, au
// lieu suivant : parvis de la gare, Lille (Nord), âgé en apparence de
// environ dix jours, présentant le signalement suivant : …, selon le
// procès-verbal …".
func foundlingPhrase(a *civil.Act) string {
	f := a.EnfantTrouve
	if f == nil {
		return ""
	}
	sexe := ""
	if a.Enfant != nil {
		sexe = a.Enfant.Sexe
	}
	s := civil.Agree(sexe, "trouvé", "trouvée") + " " + dayInWords(f.DateDecouverte)
	if h, err := time.Parse("15:04", f.HeureDecouverte); err == nil {
		s += ", à " + words.Hour(h.Hour(), h.Minute())
	}
	s += ", " + placeClause(f.LieuDecouverte)
	s += ", d'un âge apparent " + elided(strings.TrimSpace(f.AgeApparent))
	s += ", présentant le signalement suivant : " + strings.TrimSuffix(strings.TrimSpace(f.Signalement), ".")
	s += " ; procès-verbal de découverte : " + f.ProcesVerbal
	return s
}

// jointNamePhrase cites the parents' joint choice of name (art. 311-21):
// "Nom choisi suivant déclaration conjointe des parents en date du 23
// novembre 2026 : MÜLLER OUALI."
func jointNamePhrase(j *civil.JointName) string {
	if j == nil {
		return ""
	}
	return "Nom choisi suivant déclaration conjointe des parents en date du " + shortDate(j.Date) + " : " + j.Nom + "."
}

// citedRecognitionsPhrase cites the recognitions made before the birth
// act was drawn up (the register fills in the date, place and author of
// one of its own acts): "Reconnu par Julien BERTRAND le 26 novembre 2026
// à Lomme (Nord) (acte de reconnaissance n° 1 de l'année 2026)." Only
// the act itself says it: an extract never tells where a filiation
// comes from (etat-civil.md §6).
func citedRecognitionsPhrase(a *civil.Act) string {
	sexe := ""
	if a.Enfant != nil {
		sexe = a.Enfant.Sexe
	}
	var out []string
	for _, r := range a.Reconnaissances {
		s := civil.Agree(sexe, "Reconnu", "Reconnue")
		if r.Auteur != nil {
			s += " par " + spouseName(r.Auteur)
		}
		if r.Date != "" {
			s += " " + dateOn(r.Date)
		}
		if r.Lieu != "" {
			s += " à " + r.Lieu
		}
		if ref, err := civil.ParseRef(r.Acte); err == nil {
			s += " (acte de reconnaissance n° " + strconv.Itoa(ref.Numero) + " de l'année " + strconv.Itoa(ref.Annee) + ")"
		}
		out = append(out, s+".")
	}
	return strings.Join(out, " ")
}

// recognitionObject writes what the author of a recognition declares,
// after « a déclaré »: "reconnaître pour son enfant l'enfant dont Clara
// HOUZÉ, née le 21 octobre 1994 à Lens (Pas-de-Calais), est enceinte
// (nom prévu : BERTRAND)"; after the birth, "reconnaître pour son enfant
// Léa HOUZÉ, de sexe féminin, née le 2 octobre 2026 à Lomme (Nord)
// (acte de naissance n° 30 de l'année 2026), dont la mère est Clara
// HOUZÉ".
func recognitionObject(a *civil.Act) string {
	s := "reconnaître pour son enfant "
	e := a.Enfant
	if a.MomentReconnaissance == civil.ReconnaissancePrenatale {
		if p := a.AutreParent; p != nil {
			s += "l'enfant dont " + p.FullName()
			mother := *p
			mother.Sexe = "F"
			if b := bornPhrase(mother); b != "" {
				s += ", " + b + ","
			}
			s += " est enceinte"
		} else {
			s += "l'enfant dont elle est enceinte"
		}
		if e != nil {
			var expected []string
			if len(e.Prenoms) > 0 {
				expected = append(expected, civil.Agree(pluralS(len(e.Prenoms)), "prénom prévu", "prénoms prévus")+" : "+civil.PrenomsText(e.Prenoms))
			}
			if e.Nom != "" {
				expected = append(expected, "nom prévu : "+e.Nom)
			}
			if len(expected) > 0 {
				s += " (" + strings.Join(expected, " ; ") + ")"
			}
		}
		return s
	}
	if e == nil {
		return s
	}
	s += e.FullName() + ", de sexe " + civil.Agree(e.Sexe, "masculin", "féminin")
	if b := bornPhrase(*e); b != "" {
		s += ", " + b
	}
	if ref, err := civil.ParseRef(e.Acte); err == nil {
		s += " (" + actInWords(ref.String()) + ")"
	}
	if p := a.AutreParent; p != nil {
		who := "l'autre parent"
		switch p.Sexe {
		case "F":
			who = "la mère"
		case "M":
			who = "le père"
		}
		s += ", dont " + who + " est " + p.FullName()
	}
	return s
}

// pluralS gives "F" (the second form of civil.Agree) for a plural count.
func pluralS(n int) string {
	if n > 1 {
		return "F"
	}
	return "M"
}

// recognitionTitle is the subtitle of a recognition's sheet and copy:
// "Reconnaissance prénatale par Julien BERTRAND", "Reconnaissance de Léa
// HOUZÉ par Julien BERTRAND".
func recognitionTitle(a *civil.Act) string {
	by := ""
	if a.Auteur != nil {
		by = " par " + a.Auteur.FullName()
	}
	if a.MomentReconnaissance == civil.ReconnaissancePrenatale || a.Enfant == nil || len(a.Enfant.Prenoms) == 0 {
		return "Reconnaissance prénatale" + by
	}
	return "Reconnaissance " + elided(a.Enfant.FullName()) + by
}

// stillbornChild writes what the act of a stillborn child says of the
// child, after « a été mis au monde un enfant sans vie » (art. 79-1): its
// sex, and the prénoms and nom given at the parents' request:
// ", de sexe féminin, auquel ont été donnés le prénom de Lou et le nom de
// ROUSSEL" (« le prénom d'Alix », « le nom d'ARNAUD »). Never that it was born alive or died.
func stillbornChild(a *civil.Act) string {
	e := a.Enfant
	if e == nil {
		return ""
	}
	s := ""
	switch e.Sexe {
	case "F":
		s += ", de sexe féminin"
	case "M":
		s += ", de sexe masculin"
	case civil.SexeIndetermine:
		s += ", dont le sexe n'a pu être déterminé"
	}
	var given []string
	switch len(e.Prenoms) {
	case 0:
	case 1:
		given = append(given, "le prénom "+elided(e.Prenoms[0]))
	default:
		given = append(given, "les prénoms "+elided(civil.PrenomsText(e.Prenoms)))
	}
	if e.Nom != "" {
		given = append(given, "le nom "+elided(e.Nom))
	}
	if len(given) > 0 {
		verb := "a été donné "
		if len(given) > 1 || len(e.Prenoms) > 1 {
			verb = "ont été donnés "
		}
		s += ", auquel " + verb + strings.Join(given, " et ")
	}
	return s
}

// posthumousSpouse returns the deceased spouse of a posthumous marriage
// (dead) or the living one.
func posthumousSpouse(es []civil.MarriageSpouse, dead bool) civil.MarriageSpouse {
	for _, e := range es {
		if (e.DecedeLe != "") == dead {
			return e
		}
	}
	return civil.MarriageSpouse{}
}
