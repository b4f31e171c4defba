package keyring

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// RecoveryText is the sheet of a new recovery key, to print and keep
// under lock (etatcivil secours creer writes it to a file, the counter's
// « Clés et secours » shows it once): what it is for, its fingerprint, its
// private part (pair.Identity) and the commune's certificate cert.
func RecoveryText(c civil.Commune, pair seal.Recovery, cert *x509.Certificate, now time.Time) string {
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
	return fmt.Sprintf(`# Clé de secours du registre d'état civil de %s (%s), code INSEE %s
# Créée le %s. Empreinte : %s
# Elle seule permet de restaurer les sauvegardes de ce registre sur un autre ordinateur :
#   etatcivil restaurer SAUVEGARDE --identite CE-FICHIER
#   ou, au guichet ouvert sur un dossier sans registre : « Restaurer »
# Imprimez ce fichier, rangez-le sous clé loin de l'ordinateur, puis effacez-le de l'ordinateur.
# Pour la ressaisir : recopiez la ligne AGE-SECRET-KEY ci-dessous, sans espace, dans un fichier
# texte, et donnez aussi le certificat de la commune (--certificat commune.pem) : la restauration
# vérifie contre lui que la sauvegarde est signée par la commune. Empreinte du certificat :
#   %s
%s
# Certificat du sceau de la commune :
%s`, c.Nom, c.Departement, c.Insee, now.Format(stampLayout), seal.RecoveryFingerprint(pair.Recipient), seal.Fingerprint(cert), pair.Identity, certPEM)
}

// RecoveryCreated is what is said of a recovery key created now, whose
// fingerprint is fp, replacing old (nil when there was none): the first
// line, then what the older backups need.
func RecoveryCreated(fp string, old *registry.RecoveryKey, now time.Time) []string {
	lines := []string{"Clé de secours créée, empreinte " + fp + "."}
	if old != nil {
		lines = append(lines, fmt.Sprintf("L'ancienne clé (empreinte %s) reste nécessaire pour restaurer les sauvegardes faites avant le %s.", old.Fingerprint(), now.Format(stampLayout)))
	}
	return lines
}

// NewRecovery is a recovery key made, not yet recorded: its sheet (Text),
// to write or show before Record puts its public part in the register.
type NewRecovery struct {
	Text  string   // RecoveryText
	Lines []string // RecoveryCreated
	// Record puts the key's public part in the register, signed by the
	// seal: backups are encrypted for it from then on.
	Record func() error
}

// NewRecoveryKey makes a recovery key pair for s (etatcivil secours
// creer): refused when s has one and not replace (the register's
// refusal), before the seal is opened (signer, which asks its
// passphrase).
func NewRecoveryKey(s *registry.Store, replace bool, signer func() (registry.Signer, error), now time.Time) (*NewRecovery, error) {
	old, err := s.RecoveryKey()
	if err != nil {
		return nil, err
	}
	if old != nil && !replace {
		_, err := s.SetRecoveryKey(registry.RecoveryKey{}, false, registry.Signer{}) // the register's refusal
		return nil, err
	}
	c, err := s.Commune()
	if err != nil {
		return nil, err
	}
	pair, err := seal.NewRecovery()
	if err != nil {
		return nil, err
	}
	sg, err := signer()
	if err != nil {
		return nil, err
	}
	return &NewRecovery{Text: RecoveryText(c, pair, sg.Key.Cert, now), Lines: RecoveryCreated(seal.RecoveryFingerprint(pair.Recipient), old, now),
		Record: func() error {
			_, err := s.SetRecoveryKey(registry.RecoveryKey{Destinataire: pair.Recipient}, replace, sg)
			return err
		}}, nil
}
