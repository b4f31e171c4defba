package forms

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/words"
	"etatcivil/registry"
	"etatcivil/templates"
)

// ActData is what the templates receive: the act text, the register
// sheets and the copies.
type ActData struct {
	Acte     *civil.Act
	Commune  civil.Commune
	Officier civil.Officer // the officer who signs the act
	Registre string        // "Registre des naissances"
	Ref      string

	// Copies only.
	Copie      registry.CopyRecord
	Signataire civil.Officer // the officer who certifies the copy
	Filiation  bool          // an extract with the parents

	// Code is the signed code of the document; nil when unsigned.
	Code *CodeData

	// Officiers are the register's officers by id, to name who signed
	// each mention.
	Officiers map[string]civil.Officer
	// Imprime is when a sheet is printed (RFC 3339); a sheet of a signed
	// act is then a duplicate (Duplicata).
	Imprime   string
	Duplicata bool
}

// quality writes an officer's quality, agreed with their civilité when
// the register knows it: "maire déléguée", "adjointe au maire"
// (civil.Officer.QualiteLabel).
func quality(o civil.Officer) string { return o.QualiteLabel() }

// officerTitle writes an officer as an act names them: "Martine AUBRY,
// maire, officier de l'état civil", or for a fonctionnaire délégué
// "…, par délégation du maire" (civil.Officer.Title).
func officerTitle(o civil.Officer) string { return o.Title() }

// readAndInvited writes the statement of article 38 of the Code civil,
// agreed with the sex and number of the persons who appear: "lecture
// faite et invité à lire l'acte", "invitée", "invités", "invitées".
func readAndInvited(sexes ...string) string {
	allF := len(sexes) > 0
	for _, s := range sexes {
		if s != "F" {
			allF = false
		}
	}
	w := "invité"
	if allF {
		w += "e"
	}
	if len(sexes) > 1 {
		w += "s"
	}
	return "lecture faite et " + w + " à lire l'acte"
}

// toRecipient writes « à » and a notice's recipient as the register
// names it (« Mairie de Roubaix (Nord) », « Service central d'état civil,
// 11 rue … »): « à la mairie de Roubaix (Nord) », « au Service central
// d'état civil, 11 rue … ».
func toRecipient(name string) string {
	switch {
	case strings.HasPrefix(name, "Mairie "):
		return "à la mairie " + strings.TrimPrefix(name, "Mairie ")
	case strings.HasPrefix(name, "Service "):
		return "au " + name
	}
	return "à " + name
}

// declarantSex returns the sex the wording agrees the declarant with
// (civil.Act.DeclarantSex), "" when unknown.
func declarantSex(a *civil.Act) string { return a.DeclarantSex() }

// actInWords names an act by its reference in words: "acte de mariage
// n° 1 de l'année 2026"; a reference it cannot read, as is.
func actInWords(ref string) string {
	r, err := civil.ParseRef(ref)
	if err != nil {
		return ref
	}
	return fmt.Sprintf("%s n° %d de l'année %d", r.Registre.Label(), r.Numero, r.Annee)
}

// count writes a number (n, as written) and its noun, agreed
// (words.Agree); none stands for 0 (« aucun numéro »).
func count(written string, n int, one, many, none string) string {
	if n == 0 {
		return none + " " + one
	}
	return written + " " + words.Agree(n, one, many)
}

// Formule names the CIEC formula of the act's plurilingual extract.
func (d ActData) Formule() string {
	return map[civil.Kind]string{civil.Naissance: "formule A", civil.Mariage: "formule B", civil.Deces: "formule C", civil.Transcription: "formule C"}[d.Acte.Type]
}

// CaseDelivrance is the number of the box of the date of issue,
// signature and seal in the act's CIEC formula.
func (d ActData) CaseDelivrance() int {
	return map[civil.Kind]int{civil.Naissance: 14, civil.Mariage: 12, civil.Deces: 19, civil.Transcription: 19}[d.Acte.Type]
}

var registerNames = map[civil.Kind]string{
	civil.Naissance: "Registre des naissances",
	civil.Deces:     "Registre des décès",
	civil.Mariage:   "Registre des mariages",
	// Recognitions are kept in their own register (etat-civil.md §2).
	civil.Reconnaissance: "Registre des reconnaissances",
}

// newData prepares the data of a template. Every string goes through
// oneLine, so that nothing typed by a clerk can break the markup.
func newData(a *civil.Act, c civil.Commune, o civil.Officer) ActData {
	return ActData{Acte: flattened(a), Commune: *flattened(&c), Officier: *flattened(&o), Registre: registerNames[a.Registre], Ref: a.Ref().String()}
}

const dateLayout = "2006-01-02"

// shortDate writes "2 mars 1941", "1er janvier 1990"; an unreadable date as is.
func shortDate(date string) string {
	t, err := time.Parse(dateLayout, date)
	if err != nil {
		return date
	}
	return words.Short(t)
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
	// courte writes a date as "2 mars 1941", "1er janvier 1990".
	"courte": shortDate,
	// horodatage writes the day of an RFC 3339 timestamp as "24 novembre 2026".
	"horodatage": func(ts string) string {
		t, err := time.Parse(time.RFC3339, ts)
		if err != nil {
			return ts
		}
		return shortDate(t.Format(dateLayout))
	},
	// jour gives the day of an RFC 3339 timestamp as AAAA-MM-JJ.
	"jour": func(ts string) string {
		t, err := time.Parse(time.RFC3339, ts)
		if err != nil {
			return ts
		}
		return t.Format(dateLayout)
	},
	"majuscule": func(s string) string {
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[n:]
	},
	// capitales writes in capitals, accents kept (the plurilingual
	// extract), the ordinal "1er" left as it is written.
	"capitales": func(s string) string {
		return strings.ReplaceAll(strings.ToUpper(s), "1ER ", "1er ")
	},
	"qualite": quality,
	// compte writes a count in words with its noun agreed: "aucun numéro",
	// "un acte signé", "trois actes signés" (never « acte(s) »).
	"compte": func(n int, one, many string) string { return count(words.Number(n), n, one, many, "aucun") },
	// nombre is the same in figures: "1 acte signé", "12 numéros".
	"nombre": func(n int, one, many string) string { return count(strconv.Itoa(n), n, one, many, "aucun") },
	// nombreF is nombre for a feminine noun: "aucune demande".
	"nombreF": func(n int, one, many string) string { return count(strconv.Itoa(n), n, one, many, "aucune") },
	// lieuDelivrance names where the register is kept: the commune
	// associée when there is one.
	"lieuDelivrance": func(c civil.Commune) string {
		if c.CommuneAssociee != "" {
			return c.CommuneAssociee
		}
		return c.Nom
	},
	// aDestinataire writes « à » before a notice's recipient, with its
	// article: « à la mairie de Roubaix (Nord) », « au Service central
	// d'état civil, … ».
	"aDestinataire":    toRecipient,
	"titreOfficier":    officerTitle,
	"lectureFaite":     readAndInvited,
	"lectureFaiteTous": func(sexes []string) string { return readAndInvited(sexes...) },
	"sexeDeclarant":    declarantSex,
	"acteEnMots":       actInWords,
	// officier returns the officer of id, or nil when unknown.
	"officier": func(officers map[string]civil.Officer, id string) *civil.Officer {
		if o, ok := officers[id]; ok {
			return &o
		}
		return nil
	},
	// sexes lists the sexes of the spouses and the witnesses of a marriage.
	"sexesMariage": func(a *civil.Act) []string {
		var out []string
		for _, e := range a.Epoux {
			out = append(out, e.Sexe)
		}
		for _, t := range a.Temoins {
			out = append(out, t.Sexe)
		}
		return out
	},
	// toutesFemmes tells whether every spouse is a woman.
	"toutesFemmes": func(es []civil.MarriageSpouse) bool {
		for _, e := range es {
			if e.Sexe != "F" {
				return false
			}
		}
		return len(es) > 0
	},
	// memeQualite tells whether a profession only repeats the declarant's
	// quality ("sage-femme" and "la sage-femme").
	"memeQualite": func(profession, qualite string) bool {
		trim := func(s string) string {
			s = fold.Key(s)
			for _, art := range []string{"la ", "le ", "l "} {
				s = strings.TrimPrefix(s, art)
			}
			return s
		}
		return trim(profession) == trim(qualite)
	},
	// accord chooses the masculine or feminine form by sex ("M" or "F").
	"accord": civil.Agree,
	"nom": func(prenoms []string, nom string) string {
		return civil.Person{Prenoms: prenoms, Nom: nom}.FullName()
	},
	"prenoms": civil.PrenomsText,
	// glose explains a double surname on an extract: "(1re partie : DUPONT
	// 2de partie : DURAND)", or nothing.
	"glose": func(nom string) string {
		if a, b, ok := civil.DoubleName(nom); ok {
			return "(1re partie : " + a + " 2de partie : " + b + ")"
		}
		return ""
	},
	// pereDabord orders the parents father first, as the plurilingual
	// extract numbers its rows.
	"pereDabord": func(ps []civil.Person) []civil.Person {
		out := slices.Clone(ps)
		slices.SortStableFunc(out, func(a, b civil.Person) int {
			return cmp.Compare(b.Sexe, a.Sexe) // "M" before "F"
		})
		return out
	},
	// etatCivil keeps the mentions an extract carries.
	// mentionsPour keeps the mentions a copy of form forme carries, by
	// their nature (civil.Disclosures): never by their words.
	"mentionsPour": func(ms []civil.Mention, forme string) []civil.Mention {
		var out []civil.Mention
		for _, m := range ms {
			if civil.OnExtract(m, forme) {
				out = append(out, m)
			}
		}
		return out
	},
	// symboles writes the mentions a plurilingual extract lists in its box
	// of other statements, as the convention's symbols with the date of
	// the mention: "Mar 30.11.2026".
	"symboles": func(ms []civil.Mention) []string {
		var out []string
		for _, m := range ms {
			if !civil.OnExtract(m, civil.FormePlurilingue) {
				continue
			}
			date := m.Date
			if t, err := time.Parse(dateLayout, m.Date); err == nil {
				date = t.Format("02.01.2006")
			}
			out = append(out, civil.Disclosures[m.Nature].Symbol+" "+date)
		}
		return out
	},
	// parentsCIEC places the parents in the father's and the mother's
	// boxes of a plurilingual extract: by sex, a second parent of the same
	// sex in the boxes left free; nil for a box with no parent.
	"parentsCIEC": func(ps []civil.Person) []*civil.Person {
		out := make([]*civil.Person, 2)
		var rest []*civil.Person
		for i := range ps {
			p := &ps[i]
			switch {
			case p.Sexe == "M" && out[0] == nil:
				out[0] = p
			case p.Sexe == "F" && out[1] == nil:
				out[1] = p
			default:
				rest = append(rest, p)
			}
		}
		for _, p := range rest {
			if out[0] == nil {
				out[0] = p
			} else if out[1] == nil {
				out[1] = p
			}
		}
		return out
	},
	// epouxCIEC returns spouse i, or nil.
	"epouxCIEC": func(es []civil.MarriageSpouse, i int) *civil.MarriageSpouse {
		if i < len(es) {
			return &es[i]
		}
		return nil
	},
	// de writes "de " or, before a vowel or a mute h, "d'"; "le père"
	// gives "du père".
	"de": func(s string) string {
		switch {
		case strings.HasPrefix(s, "le "):
			return "du " + s[len("le "):]
		case strings.HasPrefix(s, "les "):
			return "des " + s[len("les "):]
		}
		if k := fold.Key(s); k != "" && strings.ContainsRune("aeiouyh", rune(k[0])) {
			return "d'" + s
		}
		return "de " + s
	},
	// dernier tells whether index i is the last of n.
	"dernier": func(i, n int) bool { return i == n-1 },
	// registres names a register in the plural: "naissances", "décès", "mariages".
	"registres": civil.Kind.Plural,
	"forme":     civil.FormeLabel,
	"demandeur": civil.RequesterLabel,
	// jourLong writes a date AAAA-MM-JJ as "mercredi 25 novembre 2026".
	"jourLong": words.LongDay,
	// objet names the purpose of an appointment.
	"objet":      agenda.ObjetLabel,
	"objetCourt": agenda.ObjetShort,
	// lettres writes a number in words: "soixante-quinze".
	"lettres": words.Number,
	// statut names the status of a number.
	"statut": func(s string) string {
		return map[string]string{civil.StatutSigne: "signé", civil.StatutBrouillon: "BROUILLON, à signer ou annuler", civil.StatutNonUtilise: "non utilisé"}[s]
	},
	// age in whole years at a date, 0 when unknown.
	"age": func(born, at string) int {
		t, err := time.Parse(dateLayout, at)
		if err != nil {
			return 0
		}
		y, _ := civil.Age(born, t)
		return y
	},
}

// docTemplates parses the wording of documents once, when a document is
// first written: the commands that write none (a search, a birth) do not
// pay for it at start (about 1.5 ms; BENCHMARKS.md, issue 23).
var docTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(funcs).Funcs(kindFuncs).ParseFS(templates.FS, "*.tmpl"))
})

// execute runs the template name on data (an ActData, or the data of a
// document that is not about one act).
func execute(name string, data any) (string, error) {
	t := docTemplates().Lookup(name)
	if t == nil {
		return "", fmt.Errorf("aucun modèle %s pour cet acte", name)
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("mise en forme de %s : %w", name, err)
	}
	return b.String(), nil
}
