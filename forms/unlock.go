package forms

import (
	"crypto/x509"
	"errors"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// OpenSeal opens an officer's signing key with the passphrase, to sign
// documents with it: the officer must have a key, not revoked, certified
// by the commune's seal. now gives the signing time (time.Now when nil).
//
// Errors: a *civil.RefusedError naming the field "officier" (unknown
// officer, no key, key revoked) or "phrase" (wrong passphrase); a
// *registry.IntegrityError when a stored key or certificate does not
// decode.
func OpenSeal(s *registry.Store, officerID, phrase string, now func() time.Time) (*Seal, error) {
	o, ok := s.Officer(officerID)
	if !ok {
		return nil, civil.Refuse("officier", "aucun officier « "+officerID+" » dans ce registre", "choisissez un officier de la liste", civil.Then(civil.SeeOfficers))
	}
	auth, err := s.Seal()
	if err != nil {
		return nil, err
	}
	rec, err := s.OfficerKey(o.ID)
	if err != nil {
		return nil, err
	}
	if auth == nil || rec == nil {
		return nil, civil.Refuse("officier", "l'officier "+o.FullName()+" n'a pas de clé de signature",
			"les officiers reçoivent leur clé quand ils sont ajoutés à un registre muni d'un sceau électronique", civil.Then(civil.SeeOfficers))
	}
	if err := rec.CheckSigner(o); err != nil {
		return nil, err
	}
	key, err := seal.Unlock(rec.Certificat, rec.CleChiffree, phrase)
	if errors.Is(err, seal.ErrWrongPhrase) {
		return nil, civil.Refuse("phrase", "phrase secrète incorrecte : la clé de "+o.FullName()+" ne s'ouvre pas",
			"vérifiez la phrase (majuscules, accents, espaces) ; c'est celle choisie à la création du registre")
	}
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"clé de l'officier " + o.ID + " : " + err.Error()}}
	}
	authCert, err := x509.ParseCertificate(auth.Certificat)
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"certificat du sceau de la commune illisible"}}
	}
	c, err := s.Commune()
	if err != nil {
		return nil, err
	}
	return &Seal{Key: key, Chain: []*x509.Certificate{authCert}, Officer: o, Commune: c, Now: now}, nil
}
