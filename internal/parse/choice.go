package parse

import (
	"strings"

	"etatcivil/internal/fold"
)

// Option is one value a Choice accepts.
type Option struct {
	// Value is what Match returns, as spelled on the command line and in
	// files: "pere-mere", "fonctionnaire-delegue".
	Value string
	// Label says it in words, shown in lists and accepted too: "père ou mère".
	Label string
	// Aliases are other accepted spellings: "mère", "père".
	Aliases []string
}

// Choice matches what was typed against a fixed list of options.
//
// A typed value and every spelling of an option (value, label, aliases)
// are compared after folding: accents, case and ligatures do not count
// (fold.Key), hyphens, spaces, underscores and apostrophes are one
// separator, and each word loses a final plural s or x (words of four
// letters or more) and the e of a feminine -ée: « Décès », « deces »,
// « naissances », « Intégrale », « père_mère », « Maire »,
// « fonctionnaire déléguée », « envoyée » all match.
//
// If nothing matches so, a prefix is accepted when it designates one
// option only: each typed word begins the word of the same rank of a
// spelling (« fonct del » → fonctionnaire-delegue, « intég » → integrale),
// and the typed letters are at least 3. A prefix shared by two options
// (« ext »: extrait, extrait-filiation) is refused as ambiguous with both
// named, an unknown value with the list of the accepted ones and their
// labels. An exact match always wins over a prefix (« extrait » is
// extrait, not extrait-filiation).
type Choice struct {
	opts  []Option
	exact map[string]int // folded spelling -> index in opts
	pre   []spelling     // every spelling's folded words, for prefixes
}

type spelling struct {
	words []string // fold.Key words, before the plural and feminine are cut
	opt   int
}

// MinPrefix is the least number of letters (and digits) of a prefix that
// Choice accepts for an option.
const MinPrefix = 3

// NewChoice builds a Choice. It panics when two options share a folded
// spelling: the lists are the program's own, and such a list is a bug.
func NewChoice(opts ...Option) *Choice {
	c := &Choice{opts: opts, exact: map[string]int{}}
	for i, o := range opts {
		for _, sp := range append([]string{o.Value, o.Label}, o.Aliases...) {
			if strings.TrimSpace(sp) == "" {
				continue
			}
			k := choiceKey(sp)
			if j, ok := c.exact[k]; ok && j != i {
				panic("parse: options " + opts[j].Value + " and " + o.Value + " both fold to " + k)
			}
			c.exact[k] = i
			c.pre = append(c.pre, spelling{strings.Fields(fold.Key(sp)), i})
		}
	}
	return c
}

// Values returns the options' values, in the list's order.
func (c *Choice) Values() []string {
	v := make([]string, len(c.opts))
	for i, o := range c.opts {
		v[i] = o.Value
	}
	return v
}

// Label returns the label of a value, or the value itself.
func (c *Choice) Label(value string) string {
	for _, o := range c.opts {
		if o.Value == value && o.Label != "" {
			return o.Label
		}
	}
	return value
}

// List writes the accepted values with their labels, for a hint or a
// help text: "integrale (copie intégrale), extrait (extrait sans filiation)".
func (c *Choice) List() string {
	parts := make([]string, len(c.opts))
	for i := range c.opts {
		parts[i] = c.show(i)
	}
	return strings.Join(parts, ", ")
}

func (c *Choice) show(i int) string {
	o := c.opts[i]
	if o.Label == "" || o.Label == o.Value {
		return o.Value
	}
	return o.Value + " (" + o.Label + ")"
}

// Match returns the value of the option that s designates (see Choice),
// or a *Problem naming the accepted values.
func (c *Choice) Match(s string) (string, error) {
	k := choiceKey(s)
	hint := "choisissez parmi : " + c.List()
	if k == "" {
		return "", refuse("valeur manquante", hint)
	}
	if i, ok := c.exact[k]; ok {
		return c.opts[i].Value, nil
	}
	typed := strings.Fields(fold.Key(s))
	letters := 0
	for _, w := range typed {
		letters += len(w)
	}
	var found []int
	if letters >= MinPrefix {
		for _, sp := range c.pre {
			if prefixOf(typed, sp.words) && !contains(found, sp.opt) {
				found = append(found, sp.opt)
			}
		}
	}
	switch len(found) {
	case 1:
		return c.opts[found[0]].Value, nil
	case 0:
		return "", refuse(Quote(s)+" n'est pas une valeur reconnue", hint)
	}
	names := make([]string, len(found))
	for i, o := range found {
		names[i] = c.show(o)
	}
	last := len(names) - 1
	return "", refuse(Quote(s)+" est ambigu : "+strings.Join(names[:last], ", ")+" ou "+names[last]+" ?", hint)
}

// prefixOf tells whether each typed word is the same as, or begins, the
// word of the same rank.
func prefixOf(typed, words []string) bool {
	if len(typed) > len(words) {
		return false
	}
	for i, t := range typed {
		if !strings.HasPrefix(words[i], t) && stem(t) != stem(words[i]) {
			return false
		}
	}
	return true
}

func contains(list []int, n int) bool {
	for _, v := range list {
		if v == n {
			return true
		}
	}
	return false
}

// choiceKey folds a spelling for an exact comparison: fold.Key, then each
// word's stem, joined by one space.
func choiceKey(s string) string {
	w := strings.Fields(fold.Key(s))
	for i := range w {
		w[i] = stem(w[i])
	}
	return strings.Join(w, " ")
}

// stem cuts a final plural s or x (words of four letters or more) and the
// e of a feminine -ée: "naissances" → "naissance", "deleguee" → "delegue",
// "deces" → "dece" (on both sides of a comparison, so it matches).
func stem(w string) string {
	if len(w) >= 4 && (w[len(w)-1] == 's' || w[len(w)-1] == 'x') {
		w = w[:len(w)-1]
	}
	if strings.HasSuffix(w, "ee") {
		w = w[:len(w)-1]
	}
	return w
}
