// Package seal holds the cryptography of the commune's seal: the ECDSA
// P-256 keys of the commune and of its officers, their certificates, the
// passphrase that keeps the private keys encrypted at rest (age, scrypt),
// the recovery key that encrypts backups (age X25519), the compact
// signed codes printed as QR codes on copies, the CMS
// signatures embedded in PDFs, and the certificate bundle given to third
// parties. It knows nothing of acts or PDFs: callers give it bytes.
package seal
