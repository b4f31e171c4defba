package civil

import (
	"fmt"
	"strings"

	"etatcivil/internal/parse"
)

// Ref identifies an act: register, year, number.
type Ref struct {
	Registre Kind
	Annee    int
	Numero   int
}

// String writes the reference as "naissance/2026/38".
func (r Ref) String() string { return fmt.Sprintf("%s/%d/%d", r.Registre, r.Annee, r.Numero) }

// ParseRef reads "naissance/2026/38" as typed: the register's name is
// read by KindChoice (« décès/2026/4 »), the year and the number in plain
// decimal digits (« naissance/2026/038 » is n° 38, never octal).
func ParseRef(s string) (Ref, error) {
	bad := Refuse("référence", parse.Quote(s)+" n'est pas une référence d'acte",
		"écrivez registre/année/numéro, par exemple naissance/2026/38", Then(SeeActs))
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 3 {
		return Ref{}, bad
	}
	if n, ok := ParsePlannedRef(s); ok {
		return Ref{}, Refuse("référence", PlannedRef(n)+" est un mariage prévu : il n'a pas encore de numéro, ni de feuille, ni de copie",
			"il prend son numéro le jour de la célébration, quand l'acte est dressé", Then(DrawUp, PlannedRef(n)))
	}
	k, err1 := KindChoice.Match(parts[0])
	y, err2 := parse.Number(parts[1], 1000, 9999)
	n, err3 := parse.Number(parts[2], 1, parse.MaxActNumber)
	if err1 != nil || err2 != nil || err3 != nil {
		return Ref{}, bad
	}
	return Ref{Kind(k), y, n}, nil
}
