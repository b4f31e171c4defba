package civil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
)

// Decision is the decision a mention rests on: a judgment, a decision of
// the procureur de la République or of the officer of civil status.
type Decision struct {
	Autorite  string `json:"autorite"`
	Date      string `json:"date"`
	Reference string `json:"reference"`
}

// MentionData is the donnees of a structured mention: which keys a nature
// takes is in Natures (format-echange.md, the table of « Structured
// mentions »). Persons are given by their names only ({nom, prenoms}).
type MentionData struct {
	Date          string    `json:"date,omitempty"` // of the event: the marriage, the death, the divorce…
	Lieu          string    `json:"lieu,omitempty"`
	Conjoint      *Spouse   `json:"conjoint,omitempty"`
	Partenaire    *Spouse   `json:"partenaire,omitempty"`
	EnregistrePar string    `json:"enregistre_par,omitempty"`
	Auteur        *Spouse   `json:"auteur,omitempty"`
	Qualite       string    `json:"qualite,omitempty"` // of the author of a recognition: père, mère
	Acte          string    `json:"acte,omitempty"`    // the act that recorded the event, e.g. "mariage/2026/3"
	Decision      *Decision `json:"decision,omitempty"`
	Champ         string    `json:"champ,omitempty"` // the path of the rectified field: "enfant.prenoms", "parents[2].nom"
	Valeur        *Value    `json:"valeur,omitempty"`
	Prenoms       []string  `json:"prenoms,omitempty"`
	Nom           string    `json:"nom,omitempty"`
	Personne      string    `json:"personne,omitempty"` // on a marriage act: "epoux[1]" or "epoux[2]"
}

// Value is the corrected value of a rectification: a string, or a list of
// strings for a list field (the prénoms), as the JSON holds it.
type Value struct {
	Texts []string
	List  bool
}

// Text returns the value as one string: the list's items joined by ", ".
func (v *Value) Text() string {
	if v == nil {
		return ""
	}
	return strings.Join(v.Texts, ", ")
}

// MarshalJSON writes a list as a JSON array, a string as a string.
func (v Value) MarshalJSON() ([]byte, error) {
	if v.List {
		return json.Marshal(v.Texts)
	}
	return json.Marshal(strings.Join(v.Texts, ", "))
}

// UnmarshalJSON reads a JSON string or an array of strings.
func (v *Value) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")) {
		v.List = true
		return json.Unmarshal(b, &v.Texts)
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v.Texts, v.List = []string{s}, false
	return nil
}

// has tells whether the data holds a value for key.
func (d *MentionData) has(key string) bool {
	if d == nil {
		return false
	}
	switch key {
	case KeyDate:
		return d.Date != ""
	case KeyLieu:
		return d.Lieu != ""
	case KeyConjoint:
		return d.Conjoint != nil
	case KeyPartenaire:
		return d.Partenaire != nil
	case KeyEnregistrePar:
		return d.EnregistrePar != ""
	case KeyAuteur:
		return d.Auteur != nil
	case KeyQualite:
		return d.Qualite != ""
	case KeyActe:
		return d.Acte != ""
	case KeyDecision:
		return d.Decision != nil
	case KeyChamp:
		return d.Champ != ""
	case KeyValeur:
		return d.Valeur != nil
	case KeyPrenoms:
		return len(d.Prenoms) > 0
	case KeyNom:
		return d.Nom != ""
	case KeyPersonne:
		return d.Personne != ""
	}
	return false
}

// empty tells whether the data holds nothing.
func (d *MentionData) empty() bool {
	return !slices.ContainsFunc(allKeys, d.has)
}

// allKeys lists every key of the donnees, in the order of the format.
var allKeys = []string{KeyDate, KeyLieu, KeyConjoint, KeyPartenaire, KeyEnregistrePar, KeyAuteur, KeyQualite, KeyActe,
	KeyDecision, KeyChamp, KeyValeur, KeyPrenoms, KeyNom, KeyPersonne}

// SetAnswer sets the part key of a mention from what a clerk typed (a
// flag, an answer of the guided entry): "date" reads a date as
// internal/parse does, "conjoint", "partenaire" and "auteur" read
// « Prénoms NOM » (see ParseNames), "prenoms" and a list "valeur" are
// separated by commas, "decision.autorite", "decision.date" and
// "decision.reference" fill the decision, "texte" and "fondement" the
// mention itself. It refuses, as a problem of that key, what it cannot
// read; the rules of the nature and the act are CheckAnswer's.
func (m *Mention) SetAnswer(key, text string) error {
	text = strings.TrimSpace(text)
	if m.Donnees == nil {
		m.Donnees = &MentionData{}
	}
	d := m.Donnees
	field := mentionField(key)
	names := func(dst **Spouse) error {
		p, err := ParseNames(field, text)
		if err != nil {
			return err
		}
		*dst = &Spouse{Nom: p.Nom, Prenoms: p.Prenoms}
		return nil
	}
	date := func(dst *string) error {
		v, err := parse.Date(text)
		if err != nil {
			p := err.(*parse.Problem)
			return Refuse(field, p.Rule, p.Hint)
		}
		*dst = v
		return nil
	}
	decision := func() *Decision {
		if d.Decision == nil {
			d.Decision = &Decision{}
		}
		return d.Decision
	}
	switch key {
	case "texte":
		m.Texte = text
	case "fondement":
		m.Fondement = text
	case KeyDate:
		return date(&d.Date)
	case KeyLieu:
		d.Lieu = fold.Name(text)
	case KeyConjoint:
		return names(&d.Conjoint)
	case KeyPartenaire:
		return names(&d.Partenaire)
	case KeyAuteur:
		return names(&d.Auteur)
	case KeyEnregistrePar:
		d.EnregistrePar = fold.Name(text)
	case KeyQualite:
		d.Qualite = strings.ToLower(text)
	case KeyActe:
		d.Acte = text
	case KeyChamp:
		d.Champ = strings.ReplaceAll(text, " ", "")
	case KeyValeur:
		d.Valeur = &Value{Texts: []string{fold.Name(text)}}
	case KeyPrenoms:
		d.Prenoms = nil
		for _, p := range strings.Split(text, ",") {
			if p = strings.TrimSpace(p); p != "" {
				d.Prenoms = append(d.Prenoms, fold.Name(p))
			}
		}
	case KeyNom:
		d.Nom = fold.Name(text)
	case KeyPersonne:
		d.Personne = strings.ReplaceAll(text, " ", "")
	case "decision.autorite":
		decision().Autorite = fold.Name(text)
	case "decision.date":
		return date(&decision().Date)
	case "decision.reference":
		decision().Reference = text
	default:
		return Refuse(key, "donnée inconnue", "les données d'une mention sont : "+strings.Join(allKeys, ", "))
	}
	return nil
}

// mentionField names a key of the donnees as problems do: donnees.date.
func mentionField(key string) string {
	switch key {
	case "texte", "fondement", "nature", "officier":
		return key
	}
	return "donnees." + key
}

// ParseNames reads « Prénoms NOM » as a clerk types a person's names: the
// last words written in capitals are the NOM, the words before them the
// prénoms (commas or spaces between them): « Karim OUALI », « Jean-Pierre,
// Marcel LE GALL ». It refuses, as a problem of field, names where it
// cannot tell the NOM from the prénoms.
func ParseNames(field, s string) (Person, error) {
	ws := strings.Fields(strings.ReplaceAll(fold.Name(s), ",", " "))
	upper := func(w string) bool { return strings.ToUpper(w) == w && strings.ToLower(w) != w }
	i := len(ws)
	for i > 0 && upper(ws[i-1]) {
		i--
	}
	if i == 0 || i == len(ws) {
		return Person{}, Refuse(field, "« "+s+" » : impossible de distinguer les prénoms du NOM",
			"écrivez les prénoms puis le NOM en capitales, par exemple « Karim OUALI »")
	}
	return Person{Prenoms: ws[:i], Nom: strings.Join(ws[i:], " ")}, nil
}

// MentionQuestion is one piece of a mention a guided entry asks, in order.
type MentionQuestion struct {
	Key      string // for SetAnswer and CheckAnswer
	Label    string // the question, in French
	Required bool
}

// Questions returns what a mention of nature on act a needs, in the order
// a guided entry asks it: its data, then its legal basis (proposed).
func Questions(a *Act, nature string) []MentionQuestion {
	n, ok := NatureOf(nature)
	if !ok {
		return nil
	}
	if n.Code == NatureAutre {
		return []MentionQuestion{{"texte", "Texte de la mention, tel qu'il sera porté en marge", true},
			{"fondement", "Fondement juridique (article, jugement)", true}}
	}
	required, optional := n.keys(a.Type)
	var out []MentionQuestion
	for _, k := range append(required, optional...) {
		req := slices.Contains(required, k)
		if k == KeyDecision {
			for _, part := range []string{"autorite", "date", "reference"} {
				out = append(out, MentionQuestion{"decision." + part, questionLabels["decision."+part], req})
			}
			continue
		}
		out = append(out, MentionQuestion{k, questionLabels[k], req})
	}
	return append(out, MentionQuestion{"fondement", "Fondement juridique", false})
}

// DefaultFondement returns the legal basis a mention takes when none is
// given: its nature's, « art. 99 du Code civil » for a rectification
// ordered by a decision.
func DefaultFondement(m Mention) string {
	n, _ := NatureOf(m.Nature)
	if n.Code == NatureRectification && m.Donnees != nil && m.Donnees.Decision != nil {
		return "art. 99 du Code civil"
	}
	return n.Fondement
}

var questionLabels = map[string]string{
	KeyDate:              "Date de l'événement (JJ/MM/AAAA)",
	KeyLieu:              "Lieu — Commune (Département) ou Ville (Pays)",
	KeyConjoint:          "Conjoint — Prénoms NOM",
	KeyPartenaire:        "Partenaire — Prénoms NOM",
	KeyEnregistrePar:     "Enregistré par (l'officier de l'état civil de …, Maître … notaire à …)",
	KeyAuteur:            "Auteur de la reconnaissance — Prénoms NOM",
	KeyQualite:           "Qualité de l'auteur (père ou mère)",
	KeyActe:              "Acte qui l'a constaté (registre/année/numéro ; vide : aucun ici)",
	KeyChamp:             "Champ rectifié (enfant.prenoms, parents[2].nom, date…)",
	KeyValeur:            "Valeur rectifiée (prénoms séparés par des virgules)",
	KeyPrenoms:           "Nouveaux prénoms (séparés par des virgules)",
	KeyNom:               "Nouveau NOM",
	KeyPersonne:          "Époux concerné (epoux[1] ou epoux[2])",
	KeyDecision:          "la décision : autorité, date et référence",
	"decision.autorite":  "Décision — autorité (tribunal judiciaire de …, procureur de la République près …)",
	"decision.date":      "Décision — date (JJ/MM/AAAA)",
	"decision.reference": "Décision — référence",
}

// PrepareMention checks a mention to add in the margin of act a at now,
// for the register whose officers officer finds, and completes it as the
// register writes it: nature autre for a mention without one, the usual
// legal basis when none is given, the names and places in canonical
// form, and the text written from the data (templates/mentions.tmpl). It
// refuses (a *RefusedError naming the fields) a nature unknown or that
// does not go on this kind of act, data missing, foreign to the nature or
// not read by the rules of its field (a rectified field is checked as
// the act's own: a NOM in capitals, prénoms in the allowed letters unless
// a court's decision ordered others), a typed text on a nature whose text
// the register writes, and an unknown officer. The date, the time stamp
// and the agent are the register's to set.
func PrepareMention(a *Act, m *Mention, officer func(string) (Officer, bool), now time.Time) error {
	c := &Checker{}
	c.mention(a, m, now, "")
	if m.Officier == "" {
		m.Officier = a.Officier
	}
	c.officer(m.Officier, officer)
	if _, err := c.Result(); err != nil {
		return err
	}
	return writeText(a, m)
}

// PrepareImported checks the mentions of an act drawn up elsewhere (a
// line of an import, version 1 or 2) and completes them as the register
// writes them: each is checked against the act as the mentions before it
// made it; a mention without nature (version 1) becomes of nature autre,
// keeping its text; a structured one without text gets its text from its
// data. Problems name mentions[i].field. Officers are the caller's to
// check (a paper act's mention may name none).
func PrepareImported(a *Act, now time.Time) []Problem {
	var out []Problem
	for i := range a.Mentions {
		prior := *a
		prior.Mentions = a.Mentions[:i]
		m := &a.Mentions[i]
		c := &Checker{imported: true}
		c.Date("date", &m.Date, 1880)
		c.mention(&prior, m, now, "")
		if len(c.problems) == 0 && m.Texte == "" {
			if err := writeText(&prior, m); err != nil {
				c.Add("texte", err.Error(), "")
			}
		}
		for _, p := range c.problems {
			p.Field = fmt.Sprintf("mentions[%d].%s", i+1, p.Field)
			out = append(out, p)
		}
	}
	return out
}

// CompleteImported completes the mentions of an act of an import line
// already checked by PrepareImported, as that does, without checking
// them again: nature autre for a mention without one, the nature's usual
// legal basis when none is given, the text written from the data when
// none is given.
func CompleteImported(a *Act) {
	for i := range a.Mentions {
		m := &a.Mentions[i]
		if m.Nature == "" {
			m.Nature = NatureAutre
		}
		if n, ok := NatureOf(m.Nature); ok && m.Fondement == "" {
			m.Fondement = n.Fondement
			if n.Code == NatureRectification && m.Donnees != nil && m.Donnees.Decision != nil {
				m.Fondement = "art. 99 du Code civil"
			}
		}
		if m.Texte == "" && m.Donnees != nil {
			prior := *a
			prior.Mentions = a.Mentions[:i]
			writeText(&prior, m)
		}
	}
}

// CheckAnswer checks one answer of a guided entry as PrepareMention will:
// key is the one just set on m (see Questions). It returns the problems
// of that key only, so that the clerk corrects the answer at once.
func CheckAnswer(a *Act, m *Mention, key string, now time.Time) []Problem {
	c := &Checker{}
	c.mention(a, m, now, key)
	return c.problems
}

// mention checks m against act a; with only not empty, only the problems
// of that key (a guided answer).
func (c *Checker) mention(a *Act, m *Mention, now time.Time, only string) {
	if m.Nature == "" {
		m.Nature = NatureAutre
	}
	n, ok := NatureOf(m.Nature)
	if !ok {
		c.Add("nature", "nature « "+m.Nature+" » inconnue", "choisissez parmi : "+NatureCodes())
		return
	}
	if am, annulled := a.Annulment(); annulled && only == "" {
		c.Add("référence", "l'acte "+a.Ref().String()+" est "+AnnulmentText(am)+" : il ne reçoit plus de mention", "vérifiez la référence")
		return
	}
	if !n.Goes(a.Type) {
		c.Add("nature", "une mention de "+n.Label+" ne se porte pas sur un acte de "+kindWords(a.Type), "portez-la sur "+kindsWords(n.On))
		return
	}
	m.Texte, m.Fondement = strings.TrimSpace(m.Texte), strings.TrimSpace(m.Fondement)
	if n.Code == NatureAutre {
		if !m.Donnees.empty() {
			c.Add("donnees", "une mention de nature autre n'a pas de données : son texte est saisi", "écrivez le texte, ou choisissez la nature qui convient : "+NatureCodes())
		}
		m.Donnees = nil
		if (only == "" || only == "texte") && m.Texte == "" {
			c.Add("texte", "texte de la mention manquant", "écrivez le texte tel qu'il sera porté en marge")
		}
		if (only == "" || only == "fondement") && m.Fondement == "" {
			c.Add("fondement", "fondement juridique manquant", "par exemple « art. 99-1 du Code civil » ou la référence du jugement")
		}
		return
	}
	if c.imported && m.Donnees == nil && m.Texte != "" {
		// A mention of version 1 kept as its text (as a migrated register
		// keeps it): its data are never guessed from its words.
		if m.Fondement == "" {
			m.Fondement = n.Fondement
		}
		return
	}
	if m.Texte != "" && only == "" && !c.imported {
		c.Add("texte", "le texte d'une mention de "+n.Label+" est écrit par le registre à partir de ses données", "retirez le texte et donnez les données de la mention ; un texte libre est une mention de nature autre")
	}
	if m.Donnees == nil {
		m.Donnees = &MentionData{}
	}
	d := m.Donnees
	required, optional := n.keys(a.Type)
	if only == "" {
		for _, k := range allKeys {
			switch {
			case slices.Contains(required, k) && !d.has(k):
				c.Add(mentionField(k), "donnée manquante pour une mention de "+n.Label, "indiquez-la : "+questionLabels[k])
			case d.has(k) && !slices.Contains(required, k) && !slices.Contains(optional, k):
				c.Add(mentionField(k), "donnée non admise pour une mention de "+n.Label, "retirez-la ; une mention de "+n.Label+" a : "+strings.Join(append(required, optional...), ", "))
			}
		}
	}
	want := func(keys ...string) bool {
		if only == "" {
			return true
		}
		for _, k := range keys {
			if only == k || strings.HasPrefix(only, k+".") {
				return true
			}
		}
		return false
	}
	if want(KeyDate) && d.Date != "" {
		if t, ok := c.Date("donnees.date", &d.Date, 1880); ok && t.After(now) {
			c.Add("donnees.date", "la date est dans le futur", "vérifiez la date de l'événement")
		}
	}
	if want(KeyLieu) && d.Lieu != "" {
		c.place("donnees.lieu", d.Lieu)
	}
	for _, x := range []struct {
		key string
		p   *Spouse
	}{{KeyConjoint, d.Conjoint}, {KeyPartenaire, d.Partenaire}, {KeyAuteur, d.Auteur}} {
		if x.p != nil && want(x.key) {
			p := Person{Nom: x.p.Nom, Prenoms: x.p.Prenoms}
			normalizePerson(&p)
			x.p.Nom, x.p.Prenoms = p.Nom, p.Prenoms
			c.person("donnees."+x.key, &p, personNeeds{})
		}
	}
	if want(KeyEnregistrePar) && d.has(KeyEnregistrePar) {
		c.text("donnees.enregistre_par", d.EnregistrePar)
	}
	if want(KeyQualite) && d.Qualite != "" {
		if d.Qualite != "père" && d.Qualite != "mère" {
			c.Add("donnees.qualite", "qualité « "+d.Qualite+" » inconnue", "écrivez père ou mère")
		}
	}
	if want(KeyActe) && d.Acte != "" {
		if _, err := ParseRef(d.Acte); err != nil {
			c.Add("donnees.acte", "« "+d.Acte+" » n'est pas une référence d'acte", "écrivez registre/année/numéro, par exemple mariage/2026/3, ou laissez vide")
		}
	}
	if d.Decision != nil {
		switch only {
		case "":
			c.judgmentLike("donnees.decision", d.Decision.Autorite, d.Decision.Reference, &d.Decision.Date, now)
		case "decision.autorite":
			c.text("donnees.decision.autorite", d.Decision.Autorite)
		case "decision.reference":
			c.text("donnees.decision.reference", d.Decision.Reference)
		case "decision.date":
			if t, ok := c.Date("donnees.decision.date", &d.Decision.Date, 1880); ok && t.After(now) {
				c.Add("donnees.decision.date", "la décision est datée dans le futur", "vérifiez la date")
			}
		}
	}
	if want(KeyPersonne) && d.Personne != "" {
		if d.Personne != "epoux[1]" && d.Personne != "epoux[2]" {
			c.Add("donnees.personne", "« "+d.Personne+" » : époux inconnu", "écrivez epoux[1] ou epoux[2]")
		}
	}
	// Letters outside the allowed list need a court's decision (the
	// circulaire of 23 July 2014 binds the officer): a rectification or a
	// change of names ordered by a judge or the procureur may write
	// « Fañch »; one decided by the officer alone may not.
	saved := c.decision
	c.decision = a.DecisionGraphie != nil || (d.Decision != nil && JudicialAuthority(d.Decision.Autorite))
	defer func() { c.decision = saved }()
	if want(KeyPrenoms) && len(d.Prenoms) > 0 {
		for i, p := range d.Prenoms {
			d.Prenoms[i] = fold.Name(p)
			c.spelling(fmt.Sprintf("donnees.prenoms[%d]", i+1), d.Prenoms[i], false)
		}
	}
	if want(KeyNom) && d.Nom != "" {
		d.Nom = fold.Name(d.Nom)
		c.spelling("donnees.nom", d.Nom, true)
	}
	if want(KeyChamp, KeyValeur) && d.Champ != "" {
		c.rectification(a, d, only)
	}
	if only == "" && m.Fondement == "" {
		m.Fondement = DefaultFondement(*m)
	}
}

// spelling checks a name a mention writes, as the act's own names are:
// letters outside the allowed list need the decision of a court or of
// the procureur, given in the mention's decision.
func (c *Checker) spelling(field, s string, isNom bool) {
	for _, p := range checkSpelling(field, s, isNom, c.decision) {
		if strings.HasPrefix(p.Rule, "caractère non autorisé") {
			p.Hint = "seuls les lettres de l'alphabet français (à â ä é è ê ë ï î ô ö ù û ü ÿ ç æ œ), le tiret, l'apostrophe et l'espace sont admis ; " +
				"une autre graphie exige une décision de justice ou du procureur de la République qui l'ordonne : indiquez-la (decision.autorite, decision.date, decision.reference)"
		}
		c.problems = append(c.problems, p)
	}
}

// text checks a free text field: not empty, one line.
func (c *Checker) text(field, s string) {
	if strings.TrimSpace(s) == "" {
		c.Add(field, "réponse vide", "complétez-la")
	} else if strings.ContainsAny(s, "\n\r\t") {
		c.Add(field, "le texte tient sur une ligne", "retirez les retours à la ligne")
	}
}

// JudicialAuthority tells whether an authority is a court, a judge or the
// procureur de la République: one whose decision may order a spelling
// outside the allowed letters.
func JudicialAuthority(autorite string) bool {
	k := fold.Key(autorite)
	for _, w := range []string{"tribunal", "cour", "juge", "procureur"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// kindWords names a kind of act after « un acte de ».
func kindWords(k Kind) string {
	switch k {
	case Deces:
		return "décès"
	}
	return string(k)
}

// kindsWords names the acts a nature goes on: « un acte de naissance ou
// de mariage ».
func kindsWords(ks []Kind) string {
	var ws []string
	for _, k := range ks {
		ws = append(ws, kindWords(k))
	}
	return "un acte de " + strings.Join(ws, " ou de ")
}
