package civil

import (
	"fmt"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"etatcivil/internal/fold"
	"etatcivil/internal/words"
	"etatcivil/templates"
)

// mentionView is what the wording of a mention receives (see
// templates/mentions/textes.tmpl).
type mentionView struct {
	D        *MentionData
	Sexe     string
	Sujet    string
	Mariage  bool
	Epouses  bool
	Champ    string
	Pluriel  bool
	Avant    string
	Apres    string
	Decision *Decision
}

var mentionFuncs = template.FuncMap{
	"courte": func(date string) string {
		if t, ok := ParseDate(date); ok {
			return words.Short(t)
		}
		return date
	},
	"nom": func(s *Spouse) string {
		if s == nil {
			return ""
		}
		return Person{Nom: s.Nom, Prenoms: s.Prenoms}.FullName()
	},
	"prenoms":  PrenomsText,
	"accord":   Agree,
	"decision": decisionText,
	"majuscule": func(s string) string {
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[n:]
	},
}

// mentionTemplates parses the wording of mentions once, when a mention is
// first written: a command that writes none (a search, a birth) does not
// pay for it at start.
var mentionTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(mentionFuncs).ParseFS(templates.Mentions, "mentions/*.tmpl"))
})

// decisionText writes « par décision du tribunal judiciaire de Lille du 2
// octobre 2026 (référence RG 26/1234) ».
func decisionText(d *Decision) string {
	if d == nil {
		return ""
	}
	s := "par décision " + ofAuthority(d.Autorite)
	if t, ok := ParseDate(d.Date); ok {
		s += " du " + words.Short(t)
	}
	if d.Reference != "" {
		s += " (référence " + d.Reference + ")"
	}
	return s
}

// feminineHeads are the first words of authorities that take « de la ».
var feminineHeads = []string{"cour", "chambre", "juridiction", "commission", "direction", "prefecture", "mairie", "ministre de la"}

// ofAuthority writes « of » an authority as French says it: « du
// tribunal judiciaire de Lille », « de la cour d'appel de Douai »,
// « de l'officier de l'état civil », « de Maître Anne GARNIER »; an
// authority written with its article keeps it (« le procureur… » gives
// « du procureur… »).
func ofAuthority(a string) string {
	a = strings.TrimSpace(a)
	low := strings.ToLower(a)
	switch {
	case strings.HasPrefix(low, "le "):
		return "du " + a[3:]
	case strings.HasPrefix(low, "les "):
		return "des " + a[4:]
	case strings.HasPrefix(low, "la "), strings.HasPrefix(low, "l'"):
		return "de " + strings.ToLower(a[:1]) + a[1:]
	}
	k := fold.Key(a)
	for _, h := range feminineHeads {
		if strings.HasPrefix(k, h) {
			return "de la " + a
		}
	}
	switch {
	case strings.HasPrefix(k, "maitre ") || strings.HasPrefix(k, "me "):
		return "de " + a
	case k != "" && strings.ContainsRune("aeiouyh", rune(k[0])):
		return "de l'" + a
	}
	return "du " + a
}

// writeText writes the text of mention m from its data, as it reads on
// act a before the mention (see templates/mentions/textes.tmpl); a
// mention of nature autre keeps its typed text.
func writeText(a *Act, m *Mention) error {
	if m.Nature == NatureAutre || m.Donnees == nil {
		return nil
	}
	text, err := MentionText(a, *m)
	if err != nil {
		return err
	}
	m.Texte = text
	return nil
}

// MentionText returns the text the register writes for mention m, from
// its data, on act a as it read before the mention: « Mariée à Lomme
// (Nord) le 27 novembre 2026 avec Sacha N'DIAYE. », « Par décision du
// procureur de la République … du 29 novembre 2026 (référence
// PR-2026-118), l'acte est rectifié en ce sens que les prénoms de
// l'enfant doivent se lire « Fañch » et non « Fanch ». ».
func MentionText(a *Act, m Mention) (string, error) {
	cur := a.Current()
	v := mentionView{D: m.Donnees, Mariage: cur.Type == Mariage}
	if v.D == nil {
		v.D = &MentionData{}
	}
	if p := cur.mentionSubject(v.D.Personne); p != nil {
		v.Sexe, v.Sujet = p.Sexe, p.FullName()
	}
	v.Epouses = len(cur.Epoux) > 0
	for _, e := range cur.Epoux {
		v.Epouses = v.Epouses && e.Sexe == "F"
	}
	if m.Nature == NatureReconnaissance && cur.Enfant != nil {
		v.Sexe = cur.Enfant.Sexe
	}
	if m.Nature == NatureRectification {
		v.Champ, v.Pluriel = FieldLabel(cur, v.D.Champ)
		if f, err := fieldAt(cur, v.D.Champ, ""); err == nil {
			v.Avant = readValue(v.D.Champ, valueText(f))
		}
		v.Apres = readValue(v.D.Champ, v.D.Valeur.Text())
	}
	t := mentionTemplates().Lookup("mention-" + m.Nature)
	if t == nil {
		return "", fmt.Errorf("aucun texte de mention pour la nature %s", m.Nature)
	}
	var b strings.Builder
	if err := t.Execute(&b, v); err != nil {
		return "", fmt.Errorf("texte de la mention %s : %w", m.Nature, err)
	}
	return b.String(), nil
}

// readValue writes a field's value as a mention quotes it: a date as
// « 13 mars 1990 », an hour in words as the act writes it (« quatre
// heures trente »), anything else as it is (a partial date « 1962 »
// too).
func readValue(path, value string) string {
	leaf := path[strings.LastIndexByte(path, '.')+1:]
	if i := strings.IndexByte(leaf, '['); i >= 0 {
		leaf = leaf[:i]
	}
	switch {
	case leaf == "date" || strings.HasPrefix(leaf, "date_"):
		if t, ok := ParseDate(value); ok {
			return words.Short(t)
		}
	case leaf == "heure":
		if t, err := time.Parse("15:04", value); err == nil {
			return words.Hour(t.Hour(), t.Minute())
		}
	}
	return value
}

// leafLabels names a field, with whether it is plural.
var leafLabels = map[string]struct {
	label   string
	plural  bool
	feminin bool
}{
	"nom":            {"le nom", false, false},
	"prenoms":        {"les prénoms", true, false},
	"sexe":           {"le sexe", false, false},
	"date_naissance": {"la date de naissance", false, true},
	"lieu_naissance": {"le lieu de naissance", false, false},
	"profession":     {"la profession", false, true},
	"domicile":       {"le domicile", false, false},
	"qualite":        {"la qualité", false, true},
	"lien":           {"le lien avec le défunt", false, false},
	"notaire":        {"le notaire", false, false},
	"date":           {"la date", false, true},
}

var ordinals = []string{"premier", "second", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième", "dixième"}

func ordinal(n int) string {
	if n >= 1 && n <= len(ordinals) {
		return ordinals[n-1]
	}
	return fmt.Sprintf("%de", n)
}

// FieldLabel names a field path of act a in words, as a rectification
// says it: « les prénoms de l'enfant » (plural), « le second prénom de
// l'enfant », « le nom de la mère », « le domicile de Sacha N'DIAYE »,
// « la date de naissance » (the event's date on a birth act).
func FieldLabel(a *Act, path string) (label string, plural bool) {
	steps, ok := splitPath(path)
	if !ok {
		return "le champ « " + path + " »", false
	}
	leaf := steps[len(steps)-1]
	if len(steps) == 1 {
		event := map[Kind]string{Naissance: "de naissance", Deces: "du décès", Mariage: "du mariage", Transcription: "du décès", Reconnaissance: "de la reconnaissance"}[a.Type]
		switch leaf.name {
		case "date":
			return "la date " + event, false
		case "heure":
			return "l'heure " + event, false
		case "lieu":
			return "le lieu " + event, false
		}
	}
	l, known := leafLabels[leaf.name]
	if !known {
		l.label = "le champ « " + leaf.name + " »"
	}
	label, plural = l.label, l.plural
	if leaf.name == "prenoms" && leaf.index > 0 {
		label, plural = "le "+ordinal(leaf.index)+" prénom", false
	}
	if len(steps) == 1 {
		return label, plural
	}
	return label + " " + ownerWords(a, joinSteps(steps[:len(steps)-1])), plural
}

// ownerWords names whose field it is: « de l'enfant », « de la mère »,
// « du témoin Inès LEROY ».
func ownerWords(a *Act, path string) string {
	var who string
	var p *Person
	a.EachPerson(func(r Role, q *Person) {
		if r.Field == path {
			who, p = r.Name, q
		}
	})
	if p == nil {
		switch path {
		case "contrat":
			return "du contrat de mariage"
		case "accouchement":
			return "de l'accouchement"
		case "acte_origine":
			return "de l'acte transcrit"
		}
		return "de « " + path + " »"
	}
	switch {
	case who == "enfant", who == "enfant-sans-vie":
		return "de l'enfant"
	case who == "auteur":
		return "de l'auteur de la reconnaissance"
	case who == "autre-parent":
		return "de l'autre parent"
	case who == "partenaire":
		return "du partenaire du défunt"
	case strings.HasPrefix(who, "precedent-conjoint-"):
		steps, _ := splitPath(path)
		return "du précédent conjoint " + ownerWords(a, joinSteps(steps[:1]))
	case who == "defunt":
		return Agree(p.Sexe, "du défunt", "de la défunte")
	case who == "conjoint":
		return "du conjoint du défunt"
	case who == "declarant":
		return Agree(p.Sexe, "du déclarant", "de la déclarante")
	case strings.HasPrefix(who, "parent-epoux"):
		steps, _ := splitPath(path)
		return "du " + ordinal(steps[1].index) + " parent " + ownerWords(a, joinSteps(steps[:1]))
	case strings.HasPrefix(who, "parent"):
		switch p.Sexe {
		case "M":
			return "du père"
		case "F":
			return "de la mère"
		}
		return "du parent « " + p.FullName() + " »"
	case strings.HasPrefix(who, "epoux"), strings.HasPrefix(who, "temoin"):
		prefix := "de "
		if strings.HasPrefix(who, "temoin") {
			prefix = Agree(p.Sexe, "du témoin ", "de la témoin ")
		}
		return prefix + p.FullName()
	}
	return "de « " + path + " »"
}

// AutomaticMention completes a mention the register writes by itself on
// act target (a marriage or a death signed in this register: art. 76 and
// 79 of the Code civil): the usual legal basis, and the text written from
// its data. Its data come from an act already checked, so they are not
// checked again (a spelling a court allowed on that act may not be
// allowed on the target).
func AutomaticMention(target *Act, m *Mention) error {
	if n, ok := NatureOf(m.Nature); ok && m.Fondement == "" {
		m.Fondement = n.Fondement
	}
	return writeText(target, m)
}

// NoticeText writes the text of a mention to send to the commune that
// keeps the birth act of p (an avis de mention): as it will read on that
// act.
func NoticeText(p Person, m Mention) (string, error) {
	return MentionText(&Act{Type: Naissance, Enfant: &p}, m)
}
