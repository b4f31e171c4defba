package registry

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"etatcivil/internal/seal"
)

// A backup file is, in order:
//
//	the line "etatcivil-sauvegarde/2\n"
//	the register file, encrypted with age for the commune's recovery key
//	the manifest (JSON, see Manifest), then its CMS signature (DER)
//	a footer of 24 bytes: the manifest's length and the signature's
//	  (8 bytes each, big-endian), then "ECSAUV02"
//
// The manifest gives the SHA-256 of the first two parts and the journal
// head of the register inside; it is signed by the officer who made the
// backup, whose certificate the commune's seal signed. A restore checks
// the signature against the commune's certificate before decrypting
// anything, then the hash while decrypting, then the register's journal
// head against the manifest: a file made by someone else, even encrypted
// for the right recovery key, is refused.

const (
	backupMagic  = "etatcivil-sauvegarde/2\n"
	footerMagic  = "ECSAUV02"
	footerSize   = 24
	maxSignature = 64 << 10 // manifest and signature, each
)

// ErrNotSignedBackup is returned for a file that is not a signed backup of
// this version: a backup made by an earlier version, or a file made by
// someone else.
var ErrNotSignedBackup = errors.New("ce fichier n'est pas une sauvegarde signée etatcivil (sauvegarde d'une version antérieure, fichier tronqué, ou fabriqué)")

// BackupError is a backup file refused: altered, truncated, unsigned, or
// signed by a key the commune's seal did not certify. The command exits 3.
type BackupError struct{ Reason string }

func (e *BackupError) Error() string { return e.Reason }

// hashingWriter hashes and counts what it writes to w.
type hashingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

// writeFooter writes the signed manifest and the footer.
func writeFooter(w io.Writer, a Anchor) error {
	var foot [footerSize]byte
	binary.BigEndian.PutUint64(foot[0:8], uint64(len(a.Manifeste)))
	binary.BigEndian.PutUint64(foot[8:16], uint64(len(a.Signature)))
	copy(foot[16:], footerMagic)
	for _, b := range [][]byte{a.Manifeste, a.Signature, foot[:]} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// BackupFile is a backup file whose signature was checked.
type BackupFile struct {
	Manifest *Manifest
	Anchor   Anchor
	By       SignedBy
	payload  *io.SectionReader // the magic line and the encrypted register
}

// OpenBackup reads the footer and manifest of the backup held by r (size
// bytes) and checks its signature against trust, the commune's
// certificate (and, from a bundle, its officers and revocations). Nothing
// is decrypted. A file that is not a signed backup, or whose signature
// does not verify, is a *BackupError.
func OpenBackup(r io.ReaderAt, size int64, trust *seal.Trust) (*BackupFile, error) {
	a, start, err := readTail(r, size)
	if err != nil {
		return nil, err
	}
	m, err := a.Manifest()
	if err != nil {
		return nil, &BackupError{"le manifeste de la sauvegarde est illisible : fichier altéré"}
	}
	by, err := verifySigned(trust, a.Manifeste, a.Signature, m.Time())
	if err != nil {
		return nil, &BackupError{"signature de la sauvegarde refusée : " + err.Error()}
	}
	if m.Motif != ReasonBackup || m.ChiffreOctets != start {
		return nil, &BackupError{"le manifeste signé ne décrit pas ce fichier (taille différente : fichier tronqué, complété ou assemblé)"}
	}
	return &BackupFile{Manifest: m, Anchor: a, By: by, payload: io.NewSectionReader(r, 0, start)}, nil
}

// PeekBackup returns the manifest of a backup file without checking its
// signature: only to tell early that a recovery key cannot open it.
func PeekBackup(r io.ReaderAt, size int64) (*Manifest, error) {
	a, _, err := readTail(r, size)
	if err != nil {
		return nil, err
	}
	m, err := a.Manifest()
	if err != nil {
		return nil, &BackupError{"le manifeste de la sauvegarde est illisible : fichier altéré"}
	}
	return m, nil
}

// readTail reads the signed manifest at the end of a backup file, and
// where the encrypted part ends.
func readTail(r io.ReaderAt, size int64) (Anchor, int64, error) {
	var a Anchor
	if size < int64(len(backupMagic))+footerSize {
		return a, 0, &BackupError{ErrNotSignedBackup.Error()}
	}
	head := make([]byte, len(backupMagic))
	if _, err := r.ReadAt(head, 0); err != nil {
		return a, 0, err
	}
	var foot [footerSize]byte
	if _, err := r.ReadAt(foot[:], size-footerSize); err != nil {
		return a, 0, err
	}
	if string(head) != backupMagic || string(foot[16:]) != footerMagic {
		return a, 0, &BackupError{ErrNotSignedBackup.Error()}
	}
	ml, sl := binary.BigEndian.Uint64(foot[0:8]), binary.BigEndian.Uint64(foot[8:16])
	if ml == 0 || sl == 0 || ml > maxSignature || sl > maxSignature || int64(ml+sl)+footerSize+int64(len(backupMagic)) > size {
		return a, 0, &BackupError{"la fin de la sauvegarde (manifeste signé) est illisible : fichier tronqué ou altéré"}
	}
	tail := make([]byte, ml+sl)
	start := size - footerSize - int64(ml+sl)
	if _, err := r.ReadAt(tail, start); err != nil {
		return a, 0, err
	}
	return Anchor{Manifeste: tail[:ml], Signature: tail[ml:]}, start, nil
}

// Verify reads the whole encrypted part and compares its SHA-256 with the
// signed manifest's: the check of a backup just written, without the
// recovery key. progress, when not nil, is told the bytes read.
func (b *BackupFile) Verify(progress func(int)) error {
	h := sha256.New()
	var w io.Writer = h
	if progress != nil {
		w = progressWriter{h, progress}
	}
	if _, err := io.Copy(w, io.NewSectionReader(b.payload, 0, b.payload.Size())); err != nil {
		return err
	}
	if hex.EncodeToString(h.Sum(nil)) != b.Manifest.ChiffreSHA256 {
		return &BackupError{"le contenu de la sauvegarde ne correspond pas à son empreinte signée : fichier altéré ou mal écrit"}
	}
	return nil
}

type progressWriter struct {
	w  io.Writer
	fn func(int)
}

func (p progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.fn(n)
	return n, err
}

// decrypt returns the register file held by the backup, decrypted with
// the recovery key as it is read, and a function to call once it was
// read whole: it compares the SHA-256 of what was read with the signed
// manifest's.
func (b *BackupFile) decrypt(id seal.RecoveryKey) (io.Reader, func() error, error) {
	if b.Manifest.Destinataire != "" && b.Manifest.Destinataire != id.Recipient() {
		return nil, nil, seal.ErrWrongRecoveryKey
	}
	h := sha256.New()
	src := io.TeeReader(bufio.NewReaderSize(io.NewSectionReader(b.payload, 0, b.payload.Size()), 1<<20), h)
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(src, magic); err != nil || !bytes.Equal(magic, []byte(backupMagic)) {
		return nil, nil, &BackupError{ErrNotSignedBackup.Error()}
	}
	plain, err := seal.DecryptBackup(src, id)
	if err != nil {
		return nil, nil, err
	}
	check := func() error {
		// age stops at its last chunk: whatever follows it is read too.
		if _, err := io.Copy(io.Discard, src); err != nil {
			return err
		}
		if hex.EncodeToString(h.Sum(nil)) != b.Manifest.ChiffreSHA256 {
			return &BackupError{"le contenu de la sauvegarde ne correspond pas à son empreinte signée : fichier altéré"}
		}
		return nil
	}
	return plain, check, nil
}

// checkAgainst checks that the register restored from the backup is the
// one its manifest describes: same commune, same journal head.
func (b *BackupFile) checkAgainst(res *Restored, insee string, h head) error {
	m := b.Manifest
	if insee != m.Insee {
		return &BackupError{fmt.Sprintf("la sauvegarde contient le registre d'une autre commune (INSEE %s) que son manifeste (INSEE %s)", insee, m.Insee)}
	}
	if h.Seq != m.JournalSeq || h.Hash != m.JournalEmpreinte {
		return &BackupError{fmt.Sprintf("le registre de la sauvegarde (journal jusqu'à l'entrée n° %d) n'est pas celui que son manifeste signé décrit (entrée n° %d)", h.Seq, m.JournalSeq)}
	}
	return nil
}
