package guichet

import (
	"etatcivil/civil"
	"etatcivil/registry"
)

// register writes a new act; confirmed says that the clerk checked that an
// act of the same event already in the register is another event (the
// command line's --doublon-confirme).
func register(s *registry.Store, a *civil.Act, confirmed bool) ([]string, error) {
	return s.RegisterWith(a, registry.RegisterOptions{DuplicateConfirmed: confirmed})
}

// duplicatesOf returns the acts of the register that record the same
// event as a.
func duplicatesOf(s *registry.Store, a *civil.Act) ([]*civil.Act, error) {
	return s.Duplicates(a)
}

// correction is the draft a form corrects (etatcivil corriger), read from
// the form's hidden field; ok is false for a new act.
func correction(v string) (ref civil.Ref, ok bool, err error) {
	if v == "" {
		return civil.Ref{}, false, nil
	}
	ref, err = civil.ParseRef(v)
	if err != nil {
		return civil.Ref{}, false, civil.Refuse("acte", "« "+v+" » n'est pas une référence d'acte", "ouvrez la correction depuis « Imprimer / signer »")
	}
	return ref, true, nil
}

// validate checks a as the register will when it is saved: a new act, or
// the correction of the draft ref.
func validate(s *registry.Store, a *civil.Act, ref civil.Ref, correcting bool) ([]string, error) {
	if correcting {
		return s.ValidateCorrection(ref, a)
	}
	return s.Validate(a)
}
