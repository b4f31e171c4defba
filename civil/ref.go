package civil

import (
	"fmt"
	"strconv"
	"strings"
)

// Ref identifies an act: register, year, number.
type Ref struct {
	Registre Kind
	Annee    int
	Numero   int
}

// String writes the reference as "naissance/2026/38".
func (r Ref) String() string { return fmt.Sprintf("%s/%d/%d", r.Registre, r.Annee, r.Numero) }

// ParseRef reads "naissance/2026/38".
func ParseRef(s string) (Ref, error) {
	bad := Refuse("référence", fmt.Sprintf("« %s » n'est pas une référence d'acte", s),
		"écrivez registre/année/numéro, par exemple naissance/2026/38", Then(SeeActs))
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 3 || !Kind(parts[0]).Valid() {
		return Ref{}, bad
	}
	y, err1 := strconv.Atoi(parts[1])
	n, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || y < 1000 || y > 9999 || n < 1 {
		return Ref{}, bad
	}
	return Ref{Kind(parts[0]), y, n}, nil
}
