package civil

import "strings"

// Nature is a usual kind of marginal mention with its legal basis.
type Nature struct {
	Code      string // as spelled on the command line: divorce, rectification…
	Label     string // in words
	Fondement string // the usual legal basis, proposed by default
	Civil     bool   // about civil status: an extract carries it (etat-civil.md §6)
}

// Natures lists the usual mentions. Mariage and deces are added by the
// register itself when a marriage or a death act of this register is
// signed; they are offered too, to carry a notice received from another
// commune.
var Natures = []Nature{
	{"mariage", "mariage", "art. 76 du Code civil", true},
	{"deces", "décès", "art. 79 du Code civil", true},
	{"divorce", "divorce", "art. 1082 du code de procédure civile", true},
	{"rectification", "rectification d'une erreur matérielle", "art. 99-1 du Code civil", false},
	{"changement-nom", "changement de nom", "art. 61-3-1 du Code civil", true},
	{"changement-prenoms", "changement de prénoms", "art. 60 du Code civil", true},
	{"reconnaissance", "reconnaissance", "art. 62 du Code civil", true},
}

// NatureOf returns the nature of a code.
func NatureOf(code string) (Nature, bool) {
	for _, n := range Natures {
		if n.Code == code {
			return n, true
		}
	}
	return Nature{}, false
}

// NatureCodes returns the codes of the natures, for help and refusals.
func NatureCodes() string {
	var out []string
	for _, n := range Natures {
		out = append(out, n.Code)
	}
	return strings.Join(out, ", ")
}
