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
