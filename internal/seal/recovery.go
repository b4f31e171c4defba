package seal

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
)

// The recovery key encrypts the register's backups. Its public part (an
// age X25519 recipient) stays in the register, so that a backup needs no
// secret; its private part (an age identity) is written once to a file
// that is printed and kept away from the laptop, and is needed only to
// restore.

// ErrWrongRecoveryKey is returned when the recovery key given does not
// open a backup: the backup was made for another key.
var ErrWrongRecoveryKey = errors.New("la clé de secours n'ouvre pas cette sauvegarde")

// ErrNotBackup is returned for a file that is not an encrypted backup, or
// whose header was altered.
var ErrNotBackup = errors.New("ce fichier n'est pas une sauvegarde chiffrée etatcivil, ou son en-tête a été altéré")

// ErrBadRecoveryFile is returned for a recovery key file that holds no key.
var ErrBadRecoveryFile = errors.New("aucune clé de secours lisible dans ce fichier")

// Recovery is a new recovery key pair.
type Recovery struct {
	Recipient string // public part, "age1…", kept in the register
	Identity  string // private part, "AGE-SECRET-KEY-1…", written once to a file
}

// NewRecovery generates a recovery key pair.
func NewRecovery() (Recovery, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return Recovery{}, err
	}
	return Recovery{Recipient: id.Recipient().String(), Identity: id.String()}, nil
}

// RecoveryFingerprint is a short fingerprint of a recipient, to compare
// the key printed on paper with the one the register holds.
func RecoveryFingerprint(recipient string) string {
	h := sha256.Sum256([]byte(recipient))
	return strings.ToUpper(hex.EncodeToString(h[:6]))
}

// CheckRecipient tells whether a recipient string is a valid public key.
func CheckRecipient(recipient string) error {
	_, err := age.ParseX25519Recipient(recipient)
	return err
}

// EncryptBackup returns a writer that encrypts what is written to it for
// the recipient, into dst. Close must be called to finish the file.
func EncryptBackup(dst io.Writer, recipient string) (io.WriteCloser, error) {
	r, err := age.ParseX25519Recipient(recipient)
	if err != nil {
		return nil, fmt.Errorf("clé publique de secours illisible : %w", err)
	}
	return age.Encrypt(dst, r)
}

// RecoveryKey is the private part of a recovery key, read from its file.
type RecoveryKey struct {
	id *age.X25519Identity
	// Commune is the commune's certificate printed with the key, nil when
	// the file holds none (a key made by an earlier version, or retyped
	// without it): a restore checks the backup's signature against it.
	Commune *x509.Certificate
}

// Fingerprint returns the fingerprint of the key's public part.
func (k RecoveryKey) Fingerprint() string { return RecoveryFingerprint(k.id.Recipient().String()) }

// ParseRecovery reads the private recovery key from the text of its file
// (comment lines starting with # are allowed), and the commune's
// certificate when the file holds it (a PEM block). The file is read up
// to 64 KiB.
func ParseRecovery(text io.Reader) (RecoveryKey, error) {
	raw, err := io.ReadAll(io.LimitReader(text, 64<<10))
	if err != nil {
		return RecoveryKey{}, ErrBadRecoveryFile
	}
	var key, certs bytes.Buffer
	inPEM := false
	for _, line := range strings.SplitAfter(string(raw), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "-----BEGIN "):
			inPEM = true
			certs.WriteString(t + "\n")
		case strings.HasPrefix(t, "-----END "):
			inPEM = false
			certs.WriteString(t + "\n")
		case inPEM:
			certs.WriteString(t + "\n")
		default:
			key.WriteString(line)
		}
	}
	ids, err := age.ParseIdentities(&key)
	if err != nil || len(ids) != 1 {
		return RecoveryKey{}, ErrBadRecoveryFile
	}
	x, ok := ids[0].(*age.X25519Identity)
	if !ok {
		return RecoveryKey{}, ErrBadRecoveryFile
	}
	k := RecoveryKey{id: x}
	if b, _ := pem.Decode(certs.Bytes()); b != nil && b.Type == "CERTIFICATE" {
		if c, err := x509.ParseCertificate(b.Bytes); err == nil {
			k.Commune = c
		}
	}
	return k, nil
}

// DecryptBackup opens an encrypted backup with the recovery key. The
// returned reader fails (with an error, never silently) on any altered or
// missing part of the file: age authenticates every 64 KiB chunk and the
// end of the stream.
func DecryptBackup(src io.Reader, k RecoveryKey) (io.Reader, error) {
	r, err := age.Decrypt(src, k.id)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, ErrWrongRecoveryKey
		}
		return nil, ErrNotBackup
	}
	return r, nil
}

// Recipient returns the key's public part, "age1…".
func (k RecoveryKey) Recipient() string { return k.id.Recipient().String() }
