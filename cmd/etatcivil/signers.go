package main

import (
	"strings"

	"etatcivil/civil"
	"etatcivil/registry"
)

// officerSigner opens the key of the officer id (asking the passphrase)
// to sign a backup or an anchor of the journal. With id empty, the only
// officer whose key is unrevoked is taken; when there are several, the
// clerk must name one.
func (e *env) officerSigner(s *registry.Store, id string) (registry.Signer, error) {
	if id == "" {
		keys, err := s.OfficerKeys()
		if err != nil {
			return registry.Signer{}, err
		}
		var ids []string
		for _, k := range keys {
			if _, revoked := k.Revoked(); !revoked {
				ids = append(ids, k.Officier)
			}
		}
		switch len(ids) {
		case 0:
			return registry.Signer{}, civil.Refuse("officier", "aucun officier de ce registre n'a de clé de signature en service : la sauvegarde ne pourrait pas être signée",
				"ajoutez un officier (il reçoit sa clé) ", civil.Then(civil.AddOfficer))
		case 1:
			id = ids[0]
		default:
			return registry.Signer{}, civil.Refuse("officier", "plusieurs officiers ont une clé de signature ("+strings.Join(ids, ", ")+") : indiquez celui qui signe",
				"l'officier présent tape sa phrase secrète", civil.Then(civil.SeeOfficers))
		}
	}
	o, ok := s.Officer(id)
	if !ok {
		return registry.Signer{}, civil.Refuse("officier", "officier « "+id+" » inconnu", "choisissez un officier du registre", civil.Then(civil.SeeOfficers))
	}
	sl, err := e.officerSeal(s, o)
	if err != nil {
		return registry.Signer{}, err
	}
	return sl.Signer(), nil
}

// sealSigner opens the commune's seal (asking its passphrase).
func (e *env) sealSigner(s *registry.Store) (registry.Signer, error) {
	key, err := e.authority(s)
	if err != nil {
		return registry.Signer{}, err
	}
	return registry.Signer{Key: key}, nil
}
