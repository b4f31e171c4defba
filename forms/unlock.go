package forms

import (
	"crypto/x509"
	"time"

	"etatcivil/internal/keyring"
	"etatcivil/registry"
)

// OpenSeal opens an officer's signing key with the officer's own
// passphrase (the seal's, for a key made by an earlier version that has
// no phrase of its own yet), to sign documents with it: the officer must
// have a key, not revoked, certified by the commune's seal (see
// keyring.OpenOfficer). now gives the signing time (time.Now when nil).
//
// Errors: a *civil.RefusedError naming the field "officier" (unknown
// officer, no key, key revoked), "sceau" (a register without seal) or
// "phrase" (wrong passphrase); a *registry.IntegrityError when a stored
// key or certificate does not decode.
func OpenSeal(s *registry.Store, officerID, phrase string, now func() time.Time) (*Seal, error) {
	k, err := keyring.OpenOfficer(s, officerID, phrase)
	if err != nil {
		return nil, err
	}
	return SealOf(s, k, now)
}

// SealOf returns the Seal of an officer's key already open.
func SealOf(s *registry.Store, k *keyring.Officer, now func() time.Time) (*Seal, error) {
	c, err := s.Commune()
	if err != nil {
		return nil, err
	}
	return &Seal{Key: k.Key, Chain: []*x509.Certificate{k.Authority}, Officer: k.Officer, Commune: c, Now: now}, nil
}
