package forms

import (
	"fmt"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"etatcivil/internal/fold"
	"etatcivil/internal/words"
	"etatcivil/registry"
	"etatcivil/templates"
)

// ActData is what the act templates receive.
type ActData struct {
	Acte     *registry.Act
	Commune  registry.Commune
	Officier registry.Officer
	Registre string // "Registre des naissances"
	Ref      string
}

var registerNames = map[string]string{
	registry.Naissance: "Registre des naissances",
	registry.Deces:     "Registre des décès",
	registry.Mariage:   "Registre des mariages",
}

var funcs = template.FuncMap{
	// enLettres writes a date and hour in words: "le vingt novembre ..., à quatorze heures trente".
	"enLettres": func(hour, date string) (string, error) {
		t, err := time.Parse("2006-01-02 15:04", date+" "+hour)
		if err != nil {
			return "", fmt.Errorf("date ou heure illisible : %s %s", date, hour)
		}
		return words.DateTime(t), nil
	},
	// courte writes a date of birth as "2 mars 1941", "1er janvier 1990".
	"courte": func(date string) string {
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			return date
		}
		d := fmt.Sprint(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return d + " " + words.Months[t.Month()-1] + " " + fmt.Sprint(t.Year())
	},
	"majuscule": func(s string) string {
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[n:]
	},
	// accord chooses the masculine or feminine form by sex ("M" or "F").
	"accord": func(sexe, m, f string) string {
		if sexe == "F" {
			return f
		}
		return m
	},
	"nom": func(prenoms []string, nom string) string {
		return registry.Person{Prenoms: prenoms, Nom: nom}.FullName()
	},
	// de writes "de " or, before a vowel or a mute h, "d'".
	"de": func(s string) string {
		if k := fold.Key(s); k != "" && strings.ContainsRune("aeiouyh", rune(k[0])) {
			return "d'" + s
		}
		return "de " + s
	},
	// age in whole years at a date, 0 when unknown.
	"age": func(born, at string) int {
		b, err1 := time.Parse("2006-01-02", born)
		a, err2 := time.Parse("2006-01-02", at)
		if err1 != nil || err2 != nil {
			return 0
		}
		y := a.Year() - b.Year()
		if a.Month() < b.Month() || (a.Month() == b.Month() && a.Day() < b.Day()) {
			y--
		}
		return y
	},
}

var actTemplates = template.Must(template.New("").Funcs(funcs).ParseFS(templates.FS, "*.tmpl"))

// ActText writes the full text of an act as it will be printed: heading,
// status, body with the event and the declaration in words, mentions and
// the outage statement.
func ActText(a *registry.Act, c registry.Commune, o registry.Officer) (string, error) {
	var b strings.Builder
	data := ActData{Acte: a, Commune: c, Officier: o, Registre: registerNames[a.Registre], Ref: a.Ref().String()}
	if err := actTemplates.ExecuteTemplate(&b, a.Type+".tmpl", data); err != nil {
		return "", fmt.Errorf("mise en forme de l'acte %s : %w", a.Ref(), err)
	}
	return strings.TrimSpace(b.String()) + "\n", nil
}
