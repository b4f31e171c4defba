package forms

import "etatcivil/registry"

// Signer returns the officer's opened key as the register's backups and
// anchors take it (registry.Signer): the counter's page signs a backup
// with the key it keeps open.
func (s *Seal) Signer() registry.Signer {
	return registry.Signer{Officer: s.Officer.ID, Key: s.Key, Chain: s.Chain}
}
