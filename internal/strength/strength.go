// Package strength estimates how hard a passphrase is to guess, and says
// why in French (issue 19 §7). It wraps zxcvbn (a copy of github.com/trustelem/zxcvbn
// in internal/zxcvbn whose dictionaries are built lazily;
// a Go port of Dropbox's estimator), whose word lists are English, with
// French ones given as its "user inputs": 26,100 common French words
// (most frequent first), 2,300 first names, 10,300 surnames and the words
// of numbers, days, months and seasons (from @zxcvbn-ts/language-fr, see
// NOTICE), the vocabulary of a town hall's civil status, and the words the
// caller gives (the commune's name, its département, the officer's names).
//
// The rule: a passphrase is accepted when it has at least MinLength
// characters and zxcvbn estimates that finding it takes at least
// MinGuesses (10^12) guesses — zxcvbn's top score, 4, starts at 10^10.
// The keys it protects (the commune's seal, the officers' keys) sit on the
// town hall's laptop, encrypted with scrypt (about 0.2 s a try on one core
// here); whoever copies the file guesses offline, with no lockout and no
// trace. zxcvbn's attacker against a slow hash makes 10^4 guesses a second
// (thousands of cores): score 3 (10^8 to 10^10) falls within 3 hours to 12
// days, the start of score 4 within 12 days, 10^12 takes about 3 years.
// Score 3 is the usual threshold of a web site, whose server lets nobody
// guess offline; a seal whose copies must stay authentic for years, and
// whose theft may go unnoticed, needs more. Measured here (300 draws): four
// words drawn at random from the 26,000 common French words are estimated
// at 10^15.6 guesses or more, three at 10^12.1 or more, sixteen
// random letters and digits at 10^16; « Zoé-Chloé-11 » (10^10.5) and
// « né le 8 mai 1940 » (10^10.8) are refused.
package strength

import (
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"etatcivil/internal/zxcvbn"
	"etatcivil/internal/zxcvbn/match"

	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
)

// MinGuesses is the least estimated number of guesses accepted (see the
// package comment); zxcvbn's score is then 4.
const MinGuesses = 1e12

// MinLength is the least number of characters of a passphrase.
const MinLength = 12

// maxEvaluated bounds the bytes given to the estimator (its matchers grow
// with the square of the length or worse); a longer phrase is estimated on
// its beginning, which only underestimates it.
const maxEvaluated = 100

// GuessesPerSecond is the attacker assumed for the durations said: an
// offline attack on a slow hash such as scrypt (zxcvbn's scenario).
const GuessesPerSecond = 1e4

// Result is the strength of a passphrase.
type Result struct {
	Score   int     // zxcvbn's score, 0 (under 10^3 guesses) to 4 (10^10 or more); 0 when too short
	Guesses float64 // estimated number of guesses to find it
	Strong  bool    // accepted: long enough and Guesses >= MinGuesses
	// Explanation says in French how strong it is, and for a weak phrase
	// why: « trop facile à deviner : « soleilsoleil » répète « soleil »
	// (environ 3 839 essais, soit moins d'une minute pour qui a copié le
	// fichier de la clé) ».
	Explanation string
	// Hint says in French what to do instead (empty when Strong).
	Hint string
}

// Hint is the advice given with a weak passphrase.
const Hint = "choisissez au moins quatre mots tirés au hasard (en ouvrant un dictionnaire au hasard, par exemple), sans lien entre eux ni avec la commune, séparés par des espaces ; notez la phrase et gardez-la sous clé en mairie"

//go:embed mots.txt
var mots string

//go:embed prenoms.txt
var prenoms string

//go:embed noms.txt
var noms string

//go:embed suites.txt
var suites string

// townHall is the town hall's own words, tried first after the caller's.
var townHall = []string{"mairie", "etatcivil", "etat civil", "registre", "registres", "officier", "officiers",
	"commune", "marianne", "republique", "republiquefrancaise", "liberte", "egalite", "fraternite", "france",
	"naissance", "deces", "mariage", "acte", "actes", "secretaire", "secretariat", "hotel de ville", "hoteldeville",
	"maire", "adjoint", "sceau", "cachet", "signature", "administrateur", "admin", "accueil", "guichet"}

// frenchPasswords is what French people choose when asked for a password,
// missing from zxcvbn's English list of leaked passwords.
var frenchPasswords = []string{"motdepasse", "mot de passe", "phrase secrete", "phrasesecrete", "secret", "azerty",
	"azertyuiop", "qsdfghjklm", "wxcvbn", "bonjour", "salut", "merci", "soleil", "chocolat", "doudou", "loulou",
	"chouchou", "nounours", "bisous", "jetaime", "je t'aime", "amour", "coucou", "bebe", "marseille", "paris"}

// popularFirstNames and popularSurnames come before the lists, which are
// in alphabetical order: the most given first names in France since the
// 1950s, and the most frequent surnames.
var popularFirstNames = []string{"marie", "jean", "pierre", "michel", "nathalie", "isabelle", "sylvie", "catherine",
	"philippe", "alain", "patrick", "nicolas", "christophe", "francoise", "monique", "christine", "sophie", "sandrine",
	"stephane", "laurent", "frederic", "david", "julien", "sebastien", "thomas", "celine", "julie", "aurelie",
	"camille", "emma", "lea", "manon", "chloe", "ines", "jade", "louise", "alice", "zoe", "lina", "rose", "anna",
	"lucas", "hugo", "louis", "gabriel", "raphael", "arthur", "jules", "leo", "adam", "nathan", "theo", "paul",
	"mohamed", "sarah", "laura", "pauline", "marine", "anne", "jacques", "bernard", "daniel", "andre", "rene",
	"gerard", "claude", "jeanne", "nicole", "jacqueline", "martine", "valerie", "veronique", "stephanie", "emilie",
	"caroline", "virginie", "elodie", "melanie", "audrey", "olivier", "eric", "pascal", "thierry", "vincent",
	"antoine", "maxime", "alexandre", "romain", "guillaume", "kevin", "quentin", "clement", "mathilde", "lucie",
	"clara", "juliette", "lola", "ambre", "mila", "noah", "ethan", "mael", "sacha", "timeo", "enzo", "tom",
	"jean-pierre", "jean-claude", "jean-marie", "jean-paul", "jean-luc", "marie-claire", "anne-marie", "marie-france"}

var popularSurnames = []string{"martin", "bernard", "thomas", "petit", "robert", "richard", "durand", "dubois",
	"moreau", "laurent", "simon", "michel", "lefebvre", "leroy", "roux", "david", "bertrand", "morel", "fournier",
	"girard", "bonnet", "dupont", "lambert", "fontaine", "rousseau", "vincent", "muller", "lefevre", "faure",
	"andre", "mercier", "blanc", "guerin", "boyer", "garnier", "chevalier", "francois", "legrand", "gauthier",
	"garcia", "perrin", "robin", "clement", "morin", "nicolas", "henry", "roussel", "mathieu", "gautier", "masson"}

// dictionaryNames says in French what kind of word each zxcvbn dictionary holds.
var dictionaryNames = map[string]string{
	"passwords":         "un mot de passe très répandu",
	"english_wikipedia": "un mot anglais courant",
	"us_tv_and_film":    "un mot anglais courant",
	"female_names":      "un prénom courant",
	"male_names":        "un prénom courant",
	"surnames":          "un nom de famille courant",
}

var (
	once    sync.Once
	static  []string       // townHall, frenchPasswords, then the French lists, without duplicates
	origins []string       // what static[i] is, in French
	rank    map[string]int // index of each word in static
)

// load builds the French dictionary once: its order is each word's rank
// (zxcvbn counts a dictionary word as its rank in guesses).
func load() {
	once.Do(func() {
		rank = map[string]int{}
		add := func(what string, words []string) {
			for _, w := range words {
				if _, seen := rank[w]; !seen {
					rank[w] = len(static)
					static = append(static, w)
					origins = append(origins, what)
				}
			}
		}
		lines := func(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") }
		add("un mot lié à la mairie", townHall)
		add("un mot de passe courant", frenchPasswords)
		add("un mot courant", lines(suites))
		add("un prénom courant", popularFirstNames)
		add("un nom de famille courant", popularSurnames)
		// One word of each list in turn, so that a word's rank is about
		// three times its rank in its own list, as zxcvbn ranks each of
		// its own dictionaries from 1.
		common, first, last := lines(mots), lines(prenoms), lines(noms)
		for i := 0; i < max(len(common), len(first), len(last)); i++ {
			if i < len(common) {
				add("un mot courant", common[i:i+1])
			}
			if i < len(first) {
				add("un prénom courant", first[i:i+1])
			}
			if i < len(last) {
				add("un nom de famille courant", last[i:i+1])
			}
		}
	})
}

// frenchDate finds a date written with a French month's name: « 8 mai
// 1940 », « 1er janvier », « 14 juillet 89 » (on the folded, lower-case
// phrase). zxcvbn reads dates in digits only, so it is rewritten in digits
// (« 08051940 ») before the estimate.
var frenchDate = regexp.MustCompile(`(?:\b(1er|premier|[0-3]?[0-9])\s*)(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?:\s*([0-9]{4}|[0-9]{2})\b)?`)

var monthNumbers = map[string]string{"janvier": "01", "fevrier": "02", "mars": "03", "avril": "04", "mai": "05", "juin": "06",
	"juillet": "07", "aout": "08", "septembre": "09", "octobre": "10", "novembre": "11", "decembre": "12"}

// digitDates rewrites the French dates of p (folded, in lower case) in
// digits (see frenchDate).
func digitDates(p string) string {
	return frenchDate.ReplaceAllStringFunc(p, func(m string) string {
		g := frenchDate.FindStringSubmatch(m)
		day := g[1]
		if day == "1er" || day == "premier" {
			day = "1"
		}
		if len(day) == 1 {
			day = "0" + day
		}
		return day + monthNumbers[g[2]] + g[3]
	})
}

// Estimate returns the strength of a passphrase. context is what the
// passphrase must not lean on, known to the caller: the commune's name,
// its département, the names of the officer whose key it protects. The
// estimate is made on the phrase without its accents (the French lists are
// written without them), and in lower case with its dates in digits when
// it holds a French date in words: both can only make it lower.
func Estimate(phrase string, context ...string) Result {
	n := utf8.RuneCountInString(phrase)
	if !utf8.ValidString(phrase) {
		return Result{Explanation: "la phrase contient des octets qui ne sont pas du texte (UTF-8 invalide)", Hint: Hint}
	}
	if n < MinLength {
		return Result{Explanation: fmt.Sprintf("trop courte (%d caractères, au moins %d)", n, MinLength), Hint: Hint}
	}
	load()
	var inputs []string
	seen := map[string]bool{}
	for _, c := range context {
		k := fold.Key(c)
		for _, w := range append([]string{k, strings.ReplaceAll(k, " ", "")}, strings.Fields(k)...) {
			if len(w) >= 3 && !seen[w] {
				seen[w] = true
				inputs = append(inputs, w)
			}
		}
	}
	nctx := len(inputs)
	// zxcvbn ranks a word listed twice by its last place: a context word
	// that is also a common word or name is blanked from the lists, so
	// that it keeps its context rank.
	words := static
	for _, w := range inputs {
		if i, ok := rank[w]; ok {
			if len(words) > 0 && &words[0] == &static[0] {
				words = append([]string(nil), static...)
			}
			words[i] = ""
		}
	}
	inputs = append(inputs, words...)
	p := fold.Accents(phrase)
	if lower := strings.ToLower(p); frenchDate.MatchString(lower) {
		p = digitDates(lower)
	}
	if len(p) > maxEvaluated {
		cut := maxEvaluated
		for !utf8.RuneStart(p[cut]) {
			cut--
		}
		p = p[:cut]
	}
	z := zxcvbn.PasswordStrength(p, inputs)
	r := Result{Score: z.Score, Guesses: z.Guesses, Strong: z.Guesses >= MinGuesses}
	cost := count(z.Guesses) + ", soit " + duration(z.Guesses/GuessesPerSecond) + " pour qui a copié le fichier de la clé"
	if r.Strong {
		r.Explanation = "solide (" + cost + ")"
		return r
	}
	var why []string
	for _, m := range z.Sequence {
		if s := reason(m, nctx); s != "" && !contains(why, s) {
			why = append(why, s)
		}
	}
	r.Explanation = "trop facile à deviner"
	if len(why) > 0 {
		r.Explanation += " : " + strings.Join(why, " ; ")
	}
	r.Explanation += " (" + cost + ")"
	r.Hint = Hint
	return r
}

// reason says in French what makes one part of the phrase easy to guess,
// or "" for a part guessed only by trying every character.
func reason(m *match.Match, nctx int) string {
	tok := parse.Quote(m.Token)
	switch m.Pattern {
	case "dictionary":
		what := dictionaryNames[m.DictionaryName]
		if m.DictionaryName == "user_inputs" {
			what = "un nom propre à cette mairie (commune, département, officier)"
			if m.Rank > nctx {
				what = origins[m.Rank-nctx-1]
			}
		}
		if what == "" {
			what = "un mot courant"
		}
		s := tok + " est " + what
		if m.MatchedWord != strings.ToLower(m.Token) && !m.L33t && !m.Reversed {
			s = tok + " est " + parse.Quote(m.MatchedWord) + ", " + what
		}
		switch {
		case m.Reversed:
			s += " écrit à l'envers, ce qui ne trompe pas"
		case m.L33t:
			s += " (" + parse.Quote(m.MatchedWord) + ") dont des lettres sont remplacées par des chiffres ou des signes, ce qui ne trompe pas"
		}
		return s
	case "repeat":
		if utf8.RuneCountInString(m.BaseToken) == 1 {
			return tok + " répète le même caractère"
		}
		return tok + " répète " + parse.Quote(m.BaseToken)
	case "sequence":
		return tok + " est une suite (1 2 3…, a b c…)"
	case "spatial":
		return tok + " suit les touches du clavier"
	case "date":
		return tok + " est une date"
	case "regex":
		return tok + " est une année"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// count writes a number of guesses in French: « environ 2 millions
// d'essais ».
func count(g float64) string {
	switch {
	case g < 2:
		return "1 essai"
	case g < 1e3:
		return fmt.Sprintf("environ %.0f essais", g)
	case g < 1e6:
		n := int(g)
		return fmt.Sprintf("environ %d %03d essais", n/1000, n%1000)
	case g < 1e9:
		return "environ " + plural(g/1e6, "million") + " d'essais"
	case g < 1e12:
		return "environ " + plural(g/1e9, "milliard") + " d'essais"
	}
	return "plus de mille milliards d'essais"
}

func plural(x float64, unit string) string {
	n := int(math.Floor(x))
	if n < 2 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// duration writes a time in French words, roughly.
func duration(sec float64) string {
	const (
		minute = 60.0
		hour   = 60 * minute
		day    = 24 * hour
		year   = 365.25 * day
	)
	switch {
	case sec < minute:
		return "moins d'une minute"
	case sec < hour:
		return "moins d'une heure"
	case sec < 2*day:
		return "moins de " + words.Plural(int(math.Ceil(sec/hour)), "heure", "heures")
	case sec < 2*year:
		return fmt.Sprintf("moins de %d jours", int(math.Ceil(sec/day)))
	case sec < 100*year:
		return fmt.Sprintf("moins de %d ans", int(math.Ceil(sec/year)))
	}
	return "des siècles"
}
