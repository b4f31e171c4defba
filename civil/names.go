package civil

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"etatcivil/internal/fold"
)

// allowedExtra holds the letters allowed in names beyond a–z and A–Z
// (circulaire du 23 juillet 2014), lower case; their capitals are allowed too.
const allowedExtra = "àâäéèêëïîôöùûüÿçæœ"

// badLetters returns the characters of s that a name may not hold, each once.
func badLetters(s string) []string {
	var bad []string
	seen := map[rune]bool{}
	for _, r := range s {
		ok := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '-' || r == '\'' || r == ' ' ||
			strings.ContainsRune(allowedExtra, unicode.ToLower(r))
		if !ok && !seen[r] {
			seen[r] = true
			bad = append(bad, string(r))
		}
	}
	return bad
}

// checkSpelling reports the problems of one name (a NOM or one prénom):
// empty, characters outside the allowed letters (unless a court decision
// is recorded), stray spaces, and the capitals rule.
func checkSpelling(field, s string, isNom, decision bool) []Problem {
	var ps []Problem
	if strings.TrimSpace(s) == "" {
		return []Problem{{Field: field, Rule: "le nom est vide", Hint: "indiquez-le tel qu'il figure sur la pièce d'identité"}}
	}
	if n := utf8.RuneCountInString(s); n > MaxName {
		return []Problem{{Field: field, Rule: fmt.Sprintf("nom trop long : %d caractères (au plus %d)", n, MaxName), Hint: "vérifiez le champ : un nom par champ, les prénoms chacun dans son élément"}}
	}
	if !decision {
		if bad := badLetters(s); len(bad) > 0 {
			ps = append(ps, Problem{Field: field,
				Rule: "caractère non autorisé dans un nom : « " + strings.Join(bad, " ") + " »",
				Hint: "seuls les lettres de l'alphabet français (à â ä é è ê ë ï î ô ö ù û ü ÿ ç æ œ), le tiret, l'apostrophe et l'espace sont admis ; " +
					"une autre graphie exige une décision de justice (champ decision_graphie)"})
		}
	}
	if s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
		ps = append(ps, Problem{Field: field, Rule: "espaces en trop dans « " + s + " »", Hint: "séparez les noms par une seule espace, sans espace au début ni à la fin"})
	}
	if isNom {
		if up := strings.ToUpper(s); up != s {
			ps = append(ps, Problem{Field: field, Rule: "le NOM s'écrit en capitales, accents conservés", Hint: "écrivez « " + up + " »"})
		}
	} else {
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' }) {
			r, _ := utf8.DecodeRuneInString(part)
			if unicode.IsLower(r) {
				ps = append(ps, Problem{Field: field, Rule: "un prénom commence par une capitale", Hint: "écrivez « " + Capitalize(s) + " »"})
				break
			}
		}
	}
	return ps
}

// Capitalize gives each part of a prénom an initial capital and the rest
// in lower case: "jean-PIERRE" gives "Jean-Pierre".
func Capitalize(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == '-' || r == ' ' || r == '\''
	}
	return b.String()
}

// unknownWords are words that must never stand for an undeclared parent.
var unknownWords = []string{"inconnu", "inconnue", "non denomme", "non declare", "nc", "x"}

// looksUnknown tells whether a name stands for an unknown person ("père
// inconnu", "X") rather than naming one.
func looksUnknown(s string) bool {
	k := fold.Key(s)
	for _, w := range unknownWords {
		if k == w || (len(k) > len(w) && ((k[len(w)] == ' ' && k[:len(w)] == w) || (k[len(k)-len(w)-1] == ' ' && k[len(k)-len(w):] == w))) {
			return true
		}
	}
	return false
}

// PrenomsText joins prénoms as on an act: "Zoé, Chloë".
func PrenomsText(p []string) string { return strings.Join(p, ", ") }

// FullName writes "Zoé, Chloë MÜLLER".
func (p Person) FullName() string {
	return strings.TrimSpace(PrenomsText(p.Prenoms) + " " + p.Nom)
}

// particles are the words that begin a single surname written in several
// words ("DE LA FONTAINE", "LE GALL"), as opposed to a double surname.
var particles = []string{"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "ter", "ten", "di", "da", "del", "della", "dos", "das", "mac", "mc", "ben", "ibn", "bin", "al", "el", "saint", "sainte"}

// DoubleName splits a double surname (two names separated by a single
// space, etat-civil.md §5) into its two parts. A name in more than two
// words, or one that begins with a particle, is not split.
func DoubleName(nom string) (first, second string, ok bool) {
	parts := strings.Split(strings.TrimSpace(nom), " ")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return "", "", false
	}
	if slices.Contains(particles, fold.Key(parts[0])) {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// civilWords mark a mention that concerns civil status itself: marriage,
// divorce, separation, partnership, death, name or prénom change.
var civilWords = []string{"mariage", "marie", "mariee", "maries", "epoux", "epouse", "divorce", "divorces", "separation",
	"pacs", "pacte", "deces", "decede", "decedee", "nom", "noms", "prenom", "prenoms", "adoption", "reconnu", "reconnue", "reconnaissance"}

// CivilStatusMention tells whether a mention is about civil status
// (marriage, divorce, death, names), the mentions an extract carries.
func CivilStatusMention(m Mention) bool {
	if n, ok := NatureOf(m.Nature); ok && n.Civil {
		return true
	}
	for _, w := range strings.FieldsFunc(fold.Key(m.Texte), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(civilWords, w) {
			return true
		}
	}
	return false
}
