package registry

import (
	"fmt"
	"strconv"
	"strings"
)

// Ref identifies an act: register, year, number.
type Ref struct {
	Registre string
	Annee    int
	Numero   int
}

func (r Ref) String() string { return fmt.Sprintf("%s/%d/%d", r.Registre, r.Annee, r.Numero) }

// key is the act's key in the acts bucket: sortable by register, year, number.
func (r Ref) key() []byte { return []byte(fmt.Sprintf("%s/%04d/%08d", r.Registre, r.Annee, r.Numero)) }

func registerYearKey(registre string, annee int) []byte {
	return []byte(fmt.Sprintf("%s/%04d/", registre, annee))
}

func refFromKey(k []byte) (Ref, error) { return ParseRef(string(k)) }

// ValidRegister tells whether name is a register: naissance, deces, mariage.
func ValidRegister(name string) bool {
	return name == Naissance || name == Deces || name == Mariage
}

// CheckRegister refuses a --registre value that names no register.
func CheckRegister(name string) error {
	if !ValidRegister(name) {
		return Refuse("--registre", "registre « "+name+" » inconnu", "choisissez naissance, deces ou mariage")
	}
	return nil
}

// ParseRef reads "naissance/2026/38".
func ParseRef(s string) (Ref, error) {
	bad := Refuse("référence", fmt.Sprintf("« %s » n'est pas une référence d'acte", s),
		"écrivez registre/année/numéro, par exemple naissance/2026/38 (voir etatcivil lister)")
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 3 || !ValidRegister(parts[0]) {
		return Ref{}, bad
	}
	y, err1 := strconv.Atoi(parts[1])
	n, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || y < 1000 || y > 9999 || n < 1 {
		return Ref{}, bad
	}
	return Ref{parts[0], y, n}, nil
}

// RegisterLabel names a register in the plural, as in "registre des
// naissances": naissances, décès, mariages.
func RegisterLabel(registre string) string {
	switch registre {
	case Naissance:
		return "naissances"
	case Deces:
		return "décès"
	case Mariage:
		return "mariages"
	}
	return registre
}
