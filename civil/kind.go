package civil

import "etatcivil/internal/parse"

// Kind is a kind of act: the "type" of an act in the interchange format
// (format-echange.md), whose values are the words of the files. Most
// kinds are kept in the register of their own name; a stillborn child
// and a transcription of a death are kept in the death register (see
// Register). A register is named by a Kind too: naissance, deces,
// mariage, reconnaissance.
type Kind string

// The kinds of act.
const (
	Naissance Kind = "naissance"
	Deces     Kind = "deces"
	Mariage   Kind = "mariage"
	// Reconnaissance is a recognition of a child before or after its
	// birth (C. civ. art. 316, 62), kept in its own register.
	Reconnaissance Kind = "reconnaissance"
	// EnfantSansVie is the act of a stillborn child (acte d'enfant sans
	// vie, C. civ. art. 79-1), kept in the death register.
	EnfantSansVie Kind = "enfant_sans_vie"
	// Transcription is the transcription of a death act drawn up in
	// another commune, into the death register of the deceased's last
	// domicile (C. civ. art. 80).
	Transcription Kind = "transcription"
)

// Registers lists the registers: births, deaths, marriages, then
// recognitions.
var Registers = []Kind{Naissance, Deces, Mariage, Reconnaissance}

// Kinds lists the kinds of act.
var Kinds = []Kind{Naissance, Deces, Mariage, Reconnaissance, EnfantSansVie, Transcription}

// Register returns the register that keeps acts of kind k: the death
// register for a stillborn child and a transcription, else the register
// of the same name. It returns k itself for a kind it does not know.
func (k Kind) Register() Kind {
	switch k {
	case EnfantSansVie, Transcription:
		return Deces
	}
	return k
}

// Valid tells whether k names a register: naissance, deces, mariage,
// reconnaissance.
func (k Kind) Valid() bool {
	for _, r := range Registers {
		if k == r {
			return true
		}
	}
	return false
}

// ValidType tells whether k is a kind of act of the interchange format.
func (k Kind) ValidType() bool {
	for _, t := range Kinds {
		if k == t {
			return true
		}
	}
	return false
}

// KindChoice reads the name of a register as a clerk types it: « décès »,
// « Décès », « deces », « naissances » (see parse.Choice).
var KindChoice = parse.NewChoice(
	parse.Option{Value: string(Naissance)},
	parse.Option{Value: string(Deces), Label: "décès"},
	parse.Option{Value: string(Mariage)},
	parse.Option{Value: string(Reconnaissance)},
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
		return Refuse("registre", "registre « "+string(k)+" » inconnu", "choisissez naissance, deces, mariage ou reconnaissance")
	}
	return nil
}

// Plural names the register in the plural, as in "registre des
// naissances": naissances, décès, mariages, reconnaissances.
func (k Kind) Plural() string {
	switch k {
	case Naissance:
		return "naissances"
	case Deces:
		return "décès"
	case Mariage:
		return "mariages"
	case Reconnaissance:
		return "reconnaissances"
	}
	return string(k)
}

// Label names an act of kind k in words, as in messages and titles:
// "acte de naissance", "acte d'enfant sans vie".
func (k Kind) Label() string {
	switch k {
	case Naissance:
		return "acte de naissance"
	case Deces:
		return "acte de décès"
	case Mariage:
		return "acte de mariage"
	case Reconnaissance:
		return "acte de reconnaissance"
	case EnfantSansVie:
		return "acte d'enfant sans vie"
	case Transcription:
		return "transcription d'acte de décès"
	}
	return string(k)
}

// Indefinite names an act of kind k with its indefinite article: "un
// acte de naissance", "une transcription d'acte de décès".
func (k Kind) Indefinite() string {
	if k == Transcription {
		return "une " + k.Label()
	}
	return "un " + k.Label()
}

// OfIndefinite is Indefinite after « de »: "d'un acte de décès", "d'une
// transcription d'acte de décès".
func (k Kind) OfIndefinite() string { return "d'" + k.Indefinite() }

// Command is the command that draws up an act of kind k: the kind, with
// a hyphen for an underscore (enfant-sans-vie).
func (k Kind) Command() string {
	switch k {
	case EnfantSansVie:
		return "enfant-sans-vie"
	}
	return string(k)
}
