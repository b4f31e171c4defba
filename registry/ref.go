package registry

import (
	"fmt"

	"etatcivil/civil"
)

// actKey is the act's key in the acts bucket: sortable by register, year, number.
func actKey(r civil.Ref) []byte {
	return []byte(fmt.Sprintf("%s/%04d/%08d", r.Registre, r.Annee, r.Numero))
}

func registerYearKey(registre string, annee int) []byte {
	return []byte(fmt.Sprintf("%s/%04d/", registre, annee))
}

func refFromKey(k []byte) (civil.Ref, error) { return civil.ParseRef(string(k)) }
