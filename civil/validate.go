package civil

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"etatcivil/internal/communes"
	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
)

// Checker collects the problems and warnings found in one input: an act
// here, and, through its exported methods, the input of other parts of
// the program that check theirs the same way (the agenda). The zero
// Checker is ready to use.
type Checker struct {
	problems []Problem
	warnings []string
	decision bool // a court decision allows other letters
	imported bool // mentions of an import: their text may be given
	// drawnUp is set when the act was already drawn up and signed on
	// paper (an import): what the law asks of the act's content and the
	// paper lacks is then a warning, since the act stands as it was
	// signed.
	drawnUp bool
}

// Add records a problem: the domain field, the rule broken and what to
// do, in French, and the next steps if any.
func (c *Checker) Add(field, rule, hint string, next ...Next) {
	c.problems = append(c.problems, Problem{field, rule, hint, next})
}

// Warn records a warning for the clerk, in French.
func (c *Checker) Warn(format string, args ...any) {
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// Problems returns the problems found so far.
func (c *Checker) Problems() []Problem { return c.problems }

// DateLayout is the layout of a date in the interchange format: AAAA-MM-JJ.
const DateLayout = "2006-01-02"

// ParseDate reads a stored date, "AAAA-MM-JJ" strictly (what the register
// and the interchange format write). Input typed or carried by a file is
// read by the Checker's Date, which accepts every form of parse.Date.
func ParseDate(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse(DateLayout, s)
	return t, err == nil
}

// Minutes reads a stored hour "HH:MM" of the interchange format (00:00 to
// 23:59) as minutes since midnight; false when it is not one.
func Minutes(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, err := parse.Hour(s)
	if err != nil || h != s {
		return 0, false
	}
	return int(s[0]-'0')*600 + int(s[1]-'0')*60 + int(s[3]-'0')*10 + int(s[4]-'0'), true
}

// startOfDay returns midnight UTC of t's day.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Date checks a required date field and puts it in canonical form: *s is
// read by parse.Date (AAAA-MM-JJ, JJ/MM/AAAA, J/M/AAAA… — the one reading
// of dates of the guided entry, the flags and the files, issue 18 §1) and
// rewritten as AAAA-MM-JJ; its year must lie from minYear to 2100. It
// returns the date, or false after recording the problem.
func (c *Checker) Date(field string, s *string, minYear int) (time.Time, bool) {
	v, err := parse.Date(*s)
	if err != nil {
		c.addParse(field, err)
		return time.Time{}, false
	}
	*s = v
	t, _ := ParseDate(v)
	if t.Year() < minYear || t.Year() > 2100 {
		c.Add(field, fmt.Sprintf("l'année %d est hors des limites (%d à 2100)", t.Year(), minYear), "vérifiez l'année")
		return time.Time{}, false
	}
	return t, true
}

// Hour checks a required hour field and puts it in canonical form: *s is
// read by parse.Hour (14:30, 9:30, 9h30, 9h) and rewritten as HH:MM, on
// 24 hours. It records the problem when *s is not an hour.
func (c *Checker) Hour(field string, s *string) bool {
	v, err := parse.Hour(*s)
	if err != nil {
		c.addParse(field, err)
		return false
	}
	*s = v
	return true
}

// Choice reads an option value with ch (accents, case and a final plural
// do not count) and puts it in canonical form in *s; it records the
// problem, naming the accepted values, when *s designates none or several.
func (c *Checker) Choice(field string, s *string, ch *parse.Choice) bool {
	v, err := ch.Match(*s)
	if err != nil {
		c.addParse(field, err)
		return false
	}
	*s = v
	return true
}

// Number reads a whole number with parse.Number (plain decimal digits,
// never octal, from min to max) and returns it, or false after recording
// the problem.
func (c *Checker) Number(field, s string, min, max int) (int, bool) {
	n, err := parse.Number(s, min, max)
	if err != nil {
		c.addParse(field, err)
		return 0, false
	}
	return n, true
}

// addParse records a problem of the parse package as the field's.
func (c *Checker) addParse(field string, err error) {
	var p *parse.Problem
	if errors.As(err, &p) {
		c.Add(field, p.Rule, p.Hint)
		return
	}
	c.Add(field, err.Error(), "")
}

// notFuture refuses a moment after now.
func (c *Checker) notFuture(field, date, hour string, now time.Time) {
	if date+" "+hour > now.Format("2006-01-02 15:04") {
		at := "le " + figuresDate(date)
		if hour != "" {
			at += " à " + hour
		}
		c.Add(field, at+" est dans le futur (horloge de l'ordinateur : le "+now.Format("02/01/2006 à 15:04")+")",
			"vérifiez la date ; si l'horloge de l'ordinateur est fausse, faites-la régler avant d'enregistrer")
	}
}

var placeRe = regexp.MustCompile(`^(.+) \(([^()]+)\)$`)

// placeHint is the hint of a place that is not written « Commune (Département) ».
const placeHint = "écrivez « Commune (Département) », par exemple « Lomme (Nord) », ou « Ville (Pays) » à l'étranger"

// place checks a place written "Commune (Département)" or "Ville (Pays)".
// A French commune that is not in the official list is a warning (it may
// have merged since), not a refusal; the warning, like the refusal of a
// place without its département, proposes the closest names of the
// official list (SuggestPlaces).
func (c *Checker) place(field, s string) (commune, dept string, ok bool) {
	m := placeRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		if strings.TrimSpace(s) == "" {
			c.Add(field, "lieu manquant", placeHint)
		} else {
			hint := placeHint
			if sug := SuggestPlaces(s); len(sug) > 0 {
				hint = "vouliez-vous dire " + quoteList(sug) + " ? " + strings.Replace(hint, "par exemple « Lomme (Nord) », ", "", 1)
			}
			c.Add(field, parse.Quote(s)+" n'est pas un lieu de la forme « Commune (Département) »", hint)
		}
		return "", "", false
	}
	d, french := communes.Departement(m[2])
	switch {
	case french && len(communes.Find(m[1], d)) == 0:
		w := fmt.Sprintf("%s : « %s » ne figure pas dans la liste officielle des communes de %s (ancienne commune ? vérifiez l'orthographe)", field, m[1], d)
		if sug := SuggestPlaces(s); len(sug) > 0 {
			w += " ; vouliez-vous dire " + quoteList(sug) + " ?"
		}
		c.Warn("%s", w)
	case !french:
		// A country, or a département mistyped: say so when the name
		// is that of a French commune.
		if named := placesNamed(m[1]); len(named) > 0 {
			c.Warn("%s : « %s » n'est pas un département français ; s'il s'agit de %s, écrivez-le ainsi", field, m[2], quoteList(named))
		}
	}
	return m[1], m[2], true
}

// maxPlaceSuggestions is how many places a refusal or a warning proposes.
const maxPlaceSuggestions = 3

// SuggestPlaces returns the places of the official list of communes
// closest to s, a place as typed that is not one (« Dunkerque »,
// « Gravelinnes (Nord) »), written « Commune (Département) », best first,
// at most three (communes.Suggest: within the département when s names
// one). The refusals and warnings of places propose them, and the guided
// entry offers the first one as its answer.
func SuggestPlaces(s string) []string {
	name, dept := strings.TrimSpace(s), ""
	if m := placeRe.FindStringSubmatch(name); m != nil {
		if d, ok := communes.Departement(m[2]); ok {
			name, dept = m[1], d
		} else {
			name = m[1]
		}
	}
	if dept == "" {
		if named := placesNamed(name); len(named) > 0 { // the name is right, only the département is missing
			return named
		}
	}
	var out, same []string
	for _, x := range communes.Suggest(name, dept, maxPlaceSuggestions) {
		p := x.Nom + " (" + x.DepartementNom + ")"
		if slices.Contains(out, p) {
			continue
		}
		out = append(out, p)
		if fold.Equal(x.Nom, name) {
			same = append(same, p)
		}
	}
	if len(same) > 0 { // the name is right, only the département is missing
		return same
	}
	return out
}

// placesNamed returns the places of the official list that bear exactly
// the name nom (accents and case aside), at most three: cheap, unlike
// SuggestPlaces, for the foreign places of a big import.
func placesNamed(nom string) []string {
	var out []string
	for _, x := range communes.Named(nom) {
		p := x.Nom + " (" + x.DepartementNom + ")"
		if !slices.Contains(out, p) && len(out) < maxPlaceSuggestions {
			out = append(out, p)
		}
	}
	return out
}

// quoteList writes places between French quotes, separated by « ou ».
func quoteList(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = "« " + p + " »"
	}
	return strings.Join(q, " ou ")
}

// person checks the names of a person and the fields required of it.
func (c *Checker) person(field string, p *Person, need personNeeds) {
	if p == nil {
		c.Add(field, "personne manquante", "complétez "+field+" dans le fichier")
		return
	}
	if p.Nom == "" {
		c.Add(field+".nom", "NOM manquant", "écrivez le nom de famille en capitales")
	} else {
		c.problems = append(c.problems, checkSpelling(field+".nom", p.Nom, true, c.decision)...)
		if looksUnknown(p.Nom) {
			c.Add(field+".nom", "« "+p.Nom+" » ne nomme personne", "une personne non déclarée ne figure pas dans l'acte : retirez-la du fichier ; rien comme « inconnu » n'est jamais écrit")
		}
	}
	if len(p.Prenoms) == 0 {
		c.Add(field+".prenoms", "prénoms manquants", "donnez au moins un prénom, dans l'ordre de l'état civil")
	}
	if len(p.Prenoms) > MaxPrenoms {
		c.Add(field+".prenoms", fmt.Sprintf("%d prénoms : au plus %d", len(p.Prenoms), MaxPrenoms), "vérifiez la liste : un prénom par élément, dans l'ordre de l'état civil")
		return
	}
	for i, pr := range p.Prenoms {
		f := fmt.Sprintf("%s.prenoms[%d]", field, i+1)
		c.problems = append(c.problems, checkSpelling(f, pr, false, c.decision)...)
		if looksUnknown(pr) {
			c.Add(f, "« "+pr+" » ne nomme personne", "une personne non déclarée ne figure pas dans l'acte : retirez-la du fichier")
		}
	}
	if need.sexe || p.Sexe != "" {
		c.Choice(field+".sexe", &p.Sexe, SexeChoice)
	}
	c.birthOf(field, p, need)
	if need.domicile && strings.TrimSpace(p.Domicile) == "" {
		c.Add(field+".domicile", "domicile manquant", "indiquez l'adresse : numéro, rue, Commune (Département)")
	}
	c.forbid(field+".decede", p.Decede && !need.decede, "seuls les parents nommés dans un acte de décès ou de mariage peuvent être dits décédés")
	c.forbid(field+".acte", p.Acte != "" && !need.acte, "seul l'enfant d'une reconnaissance renvoie à son acte de naissance")
	if p.Nationalite != "" && strings.TrimSpace(p.Nationalite) == "" {
		c.Add(field+".nationalite", "nationalité vide", "écrivez « française » ou la nationalité en français (« marocaine »), ou retirez le champ")
	}
}

// birthOf checks the date and place of birth of a person, or the age
// that stands for the date where the act allows it (need.age).
func (c *Checker) birthOf(field string, p *Person, need personNeeds) {
	if p.Age != nil {
		switch {
		case !need.age:
			c.Add(field+".age", "l'âge ne remplace pas ici la date de naissance", "écrivez la date de naissance (date_naissance) et retirez \"age\"")
		case p.DateNaissance != "":
			c.Add(field+".age", "la date de naissance et l'âge sont donnés tous deux", "gardez la date de naissance, et retirez \"age\"")
		case *p.Age < 0 || *p.Age > 130:
			c.Add(field+".age", fmt.Sprintf("âge de %d ans invalide", *p.Age), "écrivez l'âge en années révolues, de 0 à 130")
		}
	}
	dateNeeded := need.birth && !(need.age && p.Age != nil)
	switch {
	case p.DateNaissance == "" && dateNeeded && need.age:
		c.Add(field+".date_naissance", "date de naissance manquante", "écrivez la date de naissance ; si elle n'est pas connue, l'âge (\"age\") ; autant qu'on pourra le savoir, l'année seule (1948) ou le mois et l'année (1948-03)")
	case p.DateNaissance == "" && !dateNeeded:
	case need.partial:
		c.partialDate(field+".date_naissance", &p.DateNaissance, 1880)
	default:
		c.Date(field+".date_naissance", &p.DateNaissance, 1880)
	}
	if p.LieuNaissance != "" || (need.birth && !need.placeOptional) {
		c.place(field+".lieu_naissance", p.LieuNaissance)
	}
}

type personNeeds struct {
	sexe, birth, domicile bool
	partial               bool // the date of birth may be partial (« autant qu'on pourra le savoir »)
	age                   bool // an age may stand for the date of birth
	placeOptional         bool // with birth: the place of birth may be unknown
	decede                bool // the person may be said dead (a parent in a death or marriage act)
	acte                  bool // the person may refer to their birth act (the child of a recognition)
}

// forbidFields refuses fields that the input of this act must not hold.
func (c *Checker) forbid(field string, present bool, why string) {
	if present {
		c.Add(field, "champ non admis : "+why, "retirez ce champ du fichier")
	}
}

// Validate checks an act given in input (a file or the interactive entry)
// against French law and the interchange format, for the register of
// commune, at time now. officer finds an officer of the register by id.
// It returns the warnings to show the clerk, and a *RefusedError listing
// every problem when the act must be refused.
//
// It first puts the act's names in canonical form (see Normalize).
//
// Texts are checked first (see TextProblems): an act with a text that is
// not UTF-8 or holds a control character is refused for that alone.
func Validate(a *Act, commune Commune, officer func(string) (Officer, bool), now time.Time) ([]string, error) {
	return validate(a, commune, officer, now, false)
}

// ValidateDrawnUp is Validate for an act already drawn up and signed on
// paper, as an import brings it: what the content lacks that the law asks
// of a new act (a witness's profession, art. 76 7°) is a warning, the act
// standing as it was signed; every other rule refuses as in Validate.
func ValidateDrawnUp(a *Act, commune Commune, officer func(string) (Officer, bool), at time.Time) ([]string, error) {
	return validate(a, commune, officer, at, true)
}

func validate(a *Act, commune Commune, officer func(string) (Officer, bool), now time.Time, drawnUp bool) ([]string, error) {
	if ps := TextProblems("", a); len(ps) > 0 {
		return nil, &RefusedError{ps}
	}
	Normalize(a)
	c := &Checker{decision: a.DecisionGraphie != nil, drawnUp: drawnUp}
	reserved := a.Registre != "" || a.Annee != 0 || a.Numero != 0 || a.Statut != "" || a.Motif != "" ||
		a.Mentions != nil || a.CreeLe != "" || a.SigneLe != "" || a.Empreinte != "" || a.Agent != "" || a.Prevu != 0
	c.forbid("registre/annee/numero/statut", reserved, "le registre attribue lui-même le numéro, le statut et les dates")
	if a.DecisionGraphie != nil {
		c.judgment("decision_graphie", a.DecisionGraphie, now)
	}
	c.foreignFields(a)
	switch a.Type {
	case Naissance:
		c.birth(a, commune, now)
	case Deces:
		c.death(a, commune, now)
	case Mariage:
		c.marriage(a, commune, officer, now)
	case Reconnaissance:
		c.recognition(a, commune, now)
	case EnfantSansVie:
		c.stillborn(a, commune, now)
	case Transcription:
		c.transcription(a, commune, now)
	case "":
		c.Add("type", "type d'acte manquant", "écrivez \"type\": \"naissance\", \"deces\", \"mariage\", \"reconnaissance\", \"enfant_sans_vie\" ou \"transcription\"")
	default:
		c.Add("type", "type d'acte « "+string(a.Type)+" » inconnu", "écrivez \"naissance\", \"deces\", \"mariage\", \"reconnaissance\", \"enfant_sans_vie\" ou \"transcription\"")
	}
	c.clockFar(a, now)
	c.officer(a.Officier, officer)
	return c.Result()
}

// CheckOfficer refuses an officer id that is empty or that officer does
// not find in the register.
func CheckOfficer(id string, officer func(string) (Officer, bool)) error {
	c := &Checker{}
	c.officer(id, officer)
	_, err := c.Result()
	return err
}

// officer checks that an officer is named and known to the register.
func (c *Checker) officer(id string, officer func(string) (Officer, bool)) {
	if id == "" {
		c.Add("officier", "officier de l'état civil manquant", "indiquez l'identifiant d'un officier", Then(SeeOfficers))
	} else if _, ok := officer(id); !ok {
		c.Add("officier", "officier « "+id+" » inconnu du registre", "choisissez un officier du registre, ou ajoutez celui-ci", Then(SeeOfficers), Then(AddOfficer))
	}
}

// Result returns the warnings, and a *RefusedError when problems were found.
func (c *Checker) Result() ([]string, error) {
	if len(c.problems) > 0 {
		return c.warnings, &RefusedError{c.problems}
	}
	return c.warnings, nil
}

func (c *Checker) judgment(field string, j *Judgment, now time.Time) {
	if strings.TrimSpace(j.Tribunal) == "" {
		c.Add(field+".tribunal", "tribunal manquant", "indiquez le tribunal judiciaire qui a rendu la décision")
	}
	if strings.TrimSpace(j.Reference) == "" {
		c.Add(field+".reference", "référence manquante", "indiquez le numéro de la décision (RG)")
	}
	if d, ok := c.Date(field+".date", &j.Date, 1900); ok && d.After(now) {
		c.Add(field+".date", "la décision est datée dans le futur", "vérifiez la date de la décision")
	}
}

func (c *Checker) birth(a *Act, commune Commune, now time.Time) {
	c.person("enfant", a.Enfant, personNeeds{sexe: true})
	if a.Enfant != nil && (a.Enfant.DateNaissance != "" || a.Enfant.LieuNaissance != "") {
		c.Add("enfant", "la date et le lieu de naissance de l'enfant s'écrivent dans \"date\" et \"lieu\"", "retirez date_naissance et lieu_naissance de \"enfant\"")
	}
	rule := eventRule{}
	if a.EnfantTrouve != nil {
		rule.hour = hourAbsent
	}
	born, eventOK := c.eventWith(&a.Date, &a.Heure, a.Lieu, commune, now, rule)
	if len(a.Parents) > 2 {
		c.Add("parents", fmt.Sprintf("%d parents déclarés", len(a.Parents)), "un acte de naissance nomme au plus deux parents")
	}
	for i := range a.Parents {
		p := &a.Parents[i]
		f := fmt.Sprintf("parents[%d]", i+1)
		c.person(f, p, personNeeds{sexe: true, birth: true, domicile: true, age: true})
		if eventOK && p.DateNaissance != "" && p.DateNaissance >= a.Date {
			c.Add(f+".date_naissance", "le parent serait né après l'enfant", "vérifiez la date de naissance du parent")
		}
	}
	decl, declOK := c.declaration(a, now, eventOK)
	if a.EnfantTrouve != nil {
		c.foundling(a, born, eventOK, decl, declOK)
	} else if eventOK && declOK {
		limit := BirthDeadline(born, commune.Departement)
		if decl.After(limit) {
			if a.Jugement == nil {
				c.Add("declaration.date", "déclaration hors délai : naissance le "+words.Figures(born)+", la déclaration devait être faite au plus tard le "+words.Figures(limit)+
					" (5 jours, art. 55 du Code civil)", "l'acte ne peut être dressé que sur jugement déclaratif de naissance : ajoutez \"jugement\": {\"tribunal\", \"date\", \"reference\"}")
			} else {
				c.judgment("jugement", a.Jugement, now)
			}
		}
	}
	c.birthDeclarant(a)
	c.jointName(a, decl, declOK)
	c.childName(a)
	c.citedRecognitions(a, decl, declOK)
}

// parentQualites maps a declarant quality that names a parent (a value of
// DeclarantChoice) to the sex of that parent ("" for either).
var parentQualites = map[string]string{"la mère": "F", "le père": "M", "le parent": "", "la parente": ""}

// parentQualite reads a declarant's quality that names a parent as typed
// (« La Mère », « pere »): the canonical quality and the parent's sex
// ("" for either), or false when it names no parent.
func parentQualite(q string) (canonical, sex string, ok bool) {
	v, err := DeclarantChoice.Match(q)
	if err != nil {
		return "", "", false
	}
	return v, parentQualites[v], true
}

func (c *Checker) birthDeclarant(a *Act) {
	d := a.Declarant
	if d == nil {
		c.Add("declarant", "déclarant manquant", "ajoutez \"declarant\": {\"qualite\": \"la mère\"} pour un parent, ou la personne qui déclare avec sa qualité")
		return
	}
	if strings.TrimSpace(d.Qualite) == "" {
		c.Add("declarant.qualite", "qualité du déclarant manquante", "par exemple « la mère », « le père », « sage-femme »")
		return
	}
	q, sex, namesParent := parentQualite(d.Qualite)
	if namesParent {
		d.Qualite = q
	}
	if d.Nom == "" && len(d.Prenoms) == 0 {
		if !namesParent {
			c.Add("declarant", "le déclarant « "+d.Qualite+" » n'est pas un parent : il faut son identité complète", "ajoutez nom, prenoms, domicile (et date de naissance) du déclarant")
			return
		}
		for _, p := range a.Parents {
			if sex == "" || p.Sexe == sex {
				return
			}
		}
		c.Add("declarant.qualite", "le déclarant est « "+d.Qualite+" » mais aucun parent de ce sexe n'est déclaré", "ajoutez ce parent dans \"parents\", ou donnez l'identité complète du déclarant")
		return
	}
	c.person("declarant", &d.Person, personNeeds{domicile: true})
	c.declarantSex(a)
}

// declarantSex warns when the wording of the act cannot agree with a
// named declarant (art. 38 « invitée », « la déclarante »): no sex, and
// neither the quality's article nor a kinship says it (Act.DeclarantSex).
func (c *Checker) declarantSex(a *Act) {
	d := a.Declarant
	if d == nil || (d.Nom == "" && len(d.Prenoms) == 0) || a.DeclarantSex() != "" {
		return
	}
	c.Warn("declarant.sexe : sexe %s non indiqué : l'acte l'accordera au masculin (« invité à lire l'acte », « le déclarant ») ; précisez \"sexe\": \"F\" ou \"M\"", elide(d.FullName()))
}

var officerIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// ValidateOfficer checks an officer before it is added, reading the
// quality as typed (OfficerQualiteChoice: « Maire », « adjointe »,
// « fonctionnaire déléguée ») and leaving it canonical.
func ValidateOfficer(o *Officer) error {
	if ps := TextProblems("", o); len(ps) > 0 {
		return &RefusedError{ps}
	}
	c := &Checker{}
	if !officerIDRe.MatchString(o.ID) {
		c.Add("id", "identifiant « "+o.ID+" » invalide", "lettres minuscules sans accent, chiffres, tiret : par exemple o1 ou adjoint-durand")
	}
	if o.Nom == "" {
		c.Add("nom", "NOM manquant", "écrivez le nom de l'officier en capitales")
	}
	c.problems = append(c.problems, checkSpelling("nom", o.Nom, true, false)...)
	if len(o.Prenoms) == 0 {
		c.Add("prenoms", "prénoms manquants", "donnez au moins un prénom")
	}
	for _, p := range o.Prenoms {
		c.problems = append(c.problems, checkSpelling("prenoms", p, false, false)...)
	}
	c.Choice("qualite", &o.Qualite, OfficerQualiteChoice)
	if o.Civilite != "" && o.Civilite != CiviliteMadame && o.Civilite != CiviliteMonsieur {
		c.Add("civilite", "civilité « "+o.Civilite+" » inconnue", "écrivez Mme ou M")
	}
	if len(c.problems) > 0 {
		return &RefusedError{c.problems}
	}
	return nil
}

// clockFar warns when the act is drawn up more than a day before the
// computer's clock says: either a late entry, or a clock that is wrong
// and would date the journal and the copies wrongly. (An act dated after
// the clock is refused by the date checks.)
func (c *Checker) clockFar(a *Act, now time.Time) {
	t, ok := ParseDate(drawnUpDate(a))
	if !ok || now.IsZero() {
		return
	}
	if days := startOfDay(now).Sub(t).Hours() / 24; days > 1 {
		c.Warn("l'acte est dressé le %s, mais l'horloge de l'ordinateur indique le %s : si l'horloge est fausse, faites-la corriger avant d'aller plus loin (voir l'état de l'horloge)",
			words.Figures(t), words.LongDate(now))
	}
}
