package registry

import (
	"bytes"
	"fmt"

	"etatcivil/civil"
	"etatcivil/internal/parse"
)

// actKey is the act's key in the acts bucket: sortable by register, year, number.
func actKey(r civil.Ref) []byte {
	return []byte(fmt.Sprintf("%s/%04d/%08d", r.Registre, r.Annee, r.Numero))
}

func registerYearKey(registre string, annee int) []byte {
	return []byte(fmt.Sprintf("%s/%04d/", registre, annee))
}

// refFromKey reads an act's key. A key as actKey writes it
// (registre/AAAA/NNNNNNNN, a register of civil.Registers) is read in
// place: the control reads every key, and the clerk's reading
// (civil.ParseRef, with folding and a French refusal) cost a tenth of a
// control. Any other key goes through civil.ParseRef.
func refFromKey(k []byte) (civil.Ref, error) {
	if i := bytes.IndexByte(k, '/'); i > 0 && len(k) == i+14 && k[i+5] == '/' {
		kind := civil.Kind(k[:i])
		y, oky := digits(k[i+1 : i+5])
		n, okn := digits(k[i+6:])
		if kind.Valid() && oky && okn && y >= 1000 && n >= 1 && n <= parse.MaxActNumber {
			return civil.Ref{Registre: kind, Annee: y, Numero: n}, nil
		}
	}
	return civil.ParseRef(string(k))
}

// digits reads b, made only of decimal digits, as a number.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}
