package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/keyring"
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
	keyFile := filepath.Join(usb, "cle-secours.txt")
	out := e.out
	e.out = io.Discard // the command's own words: the demo says it its way
	err := e.createRecovery(s, &recoveryOptions{output: keyFile})
	e.out = out
	if err != nil {
		return err
	}
	rk, err := s.RecoveryKey()
	if err != nil {
		return err
	}
	say("15. Continuité : clé de secours %s créée, signée par le sceau (etatcivil secours creer -o cle-secours.txt, à imprimer).", rk.Fingerprint())

	// The backup, signed by the officer whose key the demo opened.
	sg, err := e.officerSigner(s, "o1")
	if err != nil {
		return err
	}
	plan, err := s.PlanBackup(sg)
	if err != nil {
		return err
	}
	backup := filepath.Join(usb, "registre-lomme.age")
	f, err := os.OpenFile(backup, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	b, anchor, err := s.WriteBackup(f, filepath.Base(backup), plan, sg)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = s.RecordBackup(b, anchor)
	}
	if err != nil {
		return err
	}
	say("    etatcivil sauvegarde -o cle-usb : %s chiffrés pour la clé de secours %s, %d actes, signée par l'officier o1.", words.Size(b.Taille), b.Cle, b.Actes)

	// The other laptop: a fresh folder, the printed key (with the
	// commune's certificate), the backup.
	other := filepath.Join(dir, "autre-portable")
	keyText, err := readRegular("--identite", keyFile, maxCertificate)
	if err != nil {
		return err
	}
	res, _, err := keyring.Restore(keyring.RestoreJob{Dir: other, File: backup, Key: keyText, KeyName: "--identite " + keyFile, Options: e.options(false)})
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
	say("    Portable perdu : etatcivil restaurer registre-lomme.age --identite cle-secours.txt, sur un autre portable ; signature %s vérifiée contre le certificat de la commune", civil.Of(res.By.Name))
	say("    → %s : %d actes, journal de %d entrées contrôlé ; l'export des %d actes est identique à l'original.", other, res.Acts, res.Seq, n)

	sum, err := s.Summary()
	if err != nil {
		return err
	}
	o, _ := s.Officer("o1")
	path := filepath.Join(dir, "rapprochement.pdf")
	if err := e.writePDF(path, func(w io.Writer) error { return forms.WriteSummary(w, sum, o, e.clock()) }); err != nil {
		return err
	}
	say("16. Rapprochement de reprise, à faire signer : %s", path)
	for _, r := range sum.Registers {
		if r.First() > 0 {
			say("     %-9s %d : %s — %s ; le système principal reprend au n° %d",
				r.Registre, r.Annee, r.Range(), r.Counts(), r.Next())
		}
	}
	say("     copies délivrées : %d ; mentions : %d ; avis de mention à envoyer : %d", len(sum.Copies), len(sum.Mentions), len(sum.Pending))
	return nil
}
