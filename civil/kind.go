package civil

import "etatcivil/internal/parse"

// Kind is a kind of act. It is also the name of the act's register and
// the "type" of an act in the interchange format (format-echange.md), so
// that its values are the words of the files: naissance, deces, mariage.
type Kind string

// The kinds of act.
const (
	Naissance Kind = "naissance"
	Deces     Kind = "deces"
	Mariage   Kind = "mariage"
)

// Kinds lists the kinds of act, in the order of the registers.
var Kinds = []Kind{Naissance, Deces, Mariage}

// Valid tells whether k names a register: naissance, deces, mariage.
func (k Kind) Valid() bool {
	return k == Naissance || k == Deces || k == Mariage
}

// KindChoice reads the name of a register as a clerk types it: « décès »,
// « Décès », « deces », « naissances » (see parse.Choice).
var KindChoice = parse.NewChoice(
	parse.Option{Value: string(Naissance)},
	parse.Option{Value: string(Deces), Label: "décès"},
	parse.Option{Value: string(Mariage)},
)

// ParseKind reads the name of a register typed by a clerk or written in a
// file, refusing it as the field "registre" with the accepted values.
func ParseKind(s string) (Kind, error) {
	c := &Checker{}
	if !c.Choice("registre", &s, KindChoice) {
		_, err := c.Result()
		return "", err
	}
	return Kind(s), nil
}

// Check refuses a kind that names no register, as a refusal of the field
// "registre".
func (k Kind) Check() error {
	if !k.Valid() {
		return Refuse("registre", "registre « "+string(k)+" » inconnu", "choisissez naissance, deces ou mariage")
	}
	return nil
}

// Plural names the register in the plural, as in "registre des
// naissances": naissances, décès, mariages.
func (k Kind) Plural() string {
	switch k {
	case Naissance:
		return "naissances"
	case Deces:
		return "décès"
	case Mariage:
		return "mariages"
	}
	return string(k)
}
