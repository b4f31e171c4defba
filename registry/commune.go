package registry

import "etatcivil/civil"

// CommuneContext is what a new passphrase must not lean on, for a
// register being created: the commune's names and code.
func CommuneContext(c civil.Commune) []string {
	return []string{c.Nom, c.Departement, c.CommuneAssociee, c.Insee}
}
