package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"etatcivil/forms"
	"etatcivil/internal/seal"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// demoContinuity shows that the laptop can be lost after a backup: the
// recovery key, an encrypted backup, its restore into another folder (the
// other laptop) with an identical export, and the recovery summary.
func (e *env) demoContinuity(s *registry.Store, dir string) error {
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	usb := filepath.Join(dir, "cle-usb")
	if err := os.MkdirAll(usb, 0o700); err != nil {
		return err
	}
	pair, err := seal.NewRecovery()
	if err != nil {
		return err
	}
	keyFile := filepath.Join(usb, "cle-secours.txt")
	if err := os.WriteFile(keyFile, []byte(pair.Identity+"\n"), 0o600); err != nil {
		return err
	}
	fp := seal.RecoveryFingerprint(pair.Recipient)
	if _, err := s.SetRecoveryKey(registry.RecoveryKey{Destinataire: pair.Recipient, Empreinte: fp}, false); err != nil {
		return err
	}
	say("15. Continuité : clé de secours %s créée (etatcivil secours creer -o cle-secours.txt, à imprimer).", fp)

	backup := filepath.Join(usb, "registre-lomme.age")
	f, err := os.OpenFile(backup, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	snap, err := writeEncrypted(s, pair.Recipient, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	st, err := os.Stat(backup)
	if err != nil {
		return err
	}
	if err := s.RecordBackup(registry.Backup{Seq: snap.Seq, Actes: snap.Acts, Fichier: backup, Taille: st.Size(), Cle: fp}); err != nil {
		return err
	}
	say("    etatcivil sauvegarde -o cle-usb : %s chiffrés, %d actes, sans aucun secret demandé.", words.Size(st.Size()), snap.Acts)

	// The other laptop: a fresh folder, the printed key, the backup.
	other := filepath.Join(dir, "autre-portable")
	in, err := os.Open(backup)
	if err != nil {
		return err
	}
	defer in.Close()
	key, err := readRecoveryFile(keyFile)
	if err != nil {
		return err
	}
	plain, err := decryptBackup(in, backup, key)
	if err != nil {
		return err
	}
	res, err := registry.Restore(other, plain, backup, false, e.options(false))
	if err != nil {
		return err
	}
	restored, err := registry.Open(other, e.options(true))
	if err != nil {
		return err
	}
	var before, after bytes.Buffer
	opts := &exportOptions{format: "jsonl"}
	n, err := writeExport(s, &before, opts)
	if err == nil {
		_, err = writeExport(restored, &after, opts)
	}
	restored.Close()
	if err != nil {
		return err
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		return fmt.Errorf("l'export du registre restauré diffère de l'original")
	}
	say("    Portable perdu : etatcivil restaurer registre-lomme.age --identite cle-secours.txt, sur un autre portable")
	say("    → %s : %d actes, journal de %d entrées contrôlé ; l'export des %d actes est identique à l'original.", other, res.Acts, res.Seq, n)

	sum, err := s.Summary()
	if err != nil {
		return err
	}
	o, _ := s.Officer("o1")
	path := filepath.Join(dir, "rapprochement.pdf")
	if err := writePDF(path, func(w io.Writer) error { return forms.WriteSummary(w, sum, o, e.clock()) }); err != nil {
		return err
	}
	say("16. Rapprochement de reprise, à faire signer : %s", path)
	for _, r := range sum.Registers {
		if r.First() > 0 {
			say("     %-9s %d : %s — %d signé(s), %d non utilisé(s), %d brouillon(s) ; le système principal reprend au n° %d",
				r.Registre, r.Annee, r.Range(), r.Signed, r.Unused, r.Drafts, r.Next())
		}
	}
	say("     copies délivrées : %d ; mentions : %d ; avis de mention à envoyer : %d", len(sum.Copies), len(sum.Mentions), len(sum.Pending))
	return nil
}
