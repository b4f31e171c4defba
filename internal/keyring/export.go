package keyring

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// stampLayout writes a time as the messages do: « 24/11/2026 à 10:15 ».
const stampLayout = "02/01/2006 à 15:04"

// SignedExport prepares etatcivil cles exporter (or, with listOnly, cles
// revocations) for a file named path: the commune's certificate with its
// officers' and a revocation list dated now, signed by the seal auth (or
// the revocation list alone). write writes the file (PEM); lines say what
// it holds, once written.
func SignedExport(s *registry.Store, auth *seal.Key, listOnly bool, path string, now time.Time) (write func(io.Writer) error, lines []string, err error) {
	c, err := s.Commune()
	if err != nil {
		return nil, nil, err
	}
	trust, err := Trust(s)
	if err != nil {
		return nil, nil, err
	}
	officers := Officers(trust)
	fp := seal.Fingerprint(auth.Cert)
	var header []string
	if listOnly {
		header = append(header,
			fmt.Sprintf("Liste de révocation du sceau de l'état civil de la commune de %s (%s), code INSEE %s", c.Nom, c.Departement, c.Insee),
			"Empreinte du sceau : "+fp,
			fmt.Sprintf("Datée du %s : %s.", now.Format(stampLayout), RevokedCount(trust)))
	} else {
		header = append(header,
			fmt.Sprintf("Sceau de l'état civil de la commune de %s (%s), code INSEE %s", c.Nom, c.Departement, c.Insee),
			"Empreinte : "+fp)
		for _, l := range seal.FingerprintWords(fp) {
			header = append(header, "  "+l)
		}
		header = append(header,
			fmt.Sprintf("Exporté le %s : %s, %s (liste de révocation de cette date).", now.Format(stampLayout), words.Plural(len(officers), "officier", "officiers"), RevokedCount(trust)),
			"Avant usage, comparez l'empreinte au téléphone avec la mairie.")
	}
	for _, id := range revokedIDs(trust) {
		header = append(header, fmt.Sprintf("Révoquée : clé %s %s, %s.", id, civil.Of(trust.Officers[id].Subject.CommonName), Describe(trust.Revoked[id])))
	}
	if listOnly {
		header = append(header, "Vérifier un document : etatcivil verifier --certificat commune.pem --revocations "+filepath.Base(path)+" FICHIER.pdf")
	} else {
		header = append(header, "Vérifier un document : etatcivil verifier --certificat commune.pem FICHIER.pdf")
	}
	write = func(w io.Writer) error {
		if listOnly {
			return seal.WriteRevocationList(w, auth, header, officers, trust.Revoked, now)
		}
		return seal.WriteBundle(w, auth, header, officers, trust.Revoked, now)
	}
	if listOnly {
		return write, []string{fmt.Sprintf("Liste de révocation écrite dans %s : %s, datée du %s, signée par le sceau.", path, RevokedCount(trust), now.Format(stampLayout)),
			"À remettre aux partenaires qui ont le certificat de la commune : etatcivil verifier --certificat commune.pem --revocations " + filepath.Base(path) + " FICHIER"}, nil
	}
	lines = []string{fmt.Sprintf("Certificat de la commune écrit dans %s (%s, %s).", path, words.Plural(len(officers), "officier", "officiers"), RevokedCount(trust)),
		"Empreinte à lire au téléphone : " + fp}
	for _, l := range seal.FingerprintWords(fp) {
		lines = append(lines, "  "+l)
	}
	return write, lines, nil
}

// RevokedCount says how many keys a trust revokes, agreed (words): « aucune
// clé révoquée », « 1 clé révoquée », « 2 clés révoquées ».
func RevokedCount(t *seal.Trust) string {
	return words.PluralOrNone(len(t.Revoked), "aucune", "clé révoquée", "clés révoquées")
}

// revokedIDs returns the ids of the revoked keys of a trust, in the
// order of Officers.
func revokedIDs(t *seal.Trust) []string {
	var ids []string
	for _, c := range Officers(t) {
		if _, ok := t.Revoked[seal.ID(c)]; ok {
			ids = append(ids, seal.ID(c))
		}
	}
	return ids
}
