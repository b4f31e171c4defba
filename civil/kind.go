package civil

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
