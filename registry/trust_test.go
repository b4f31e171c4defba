package registry

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/seal"
)

// The attacks of issue 19 §1 and the faults of §3, as tests: each one
// went through before backups were signed, the journal anchored and the
// register given a witness.

// Attack 1: anyone who knows the commune's recovery recipient (public, in
// clear in the register) builds a register with the program and encrypts
// it to that recipient. The restore must refuse it, whatever its form.
func TestRestoreRefusesABackupTheCommuneDidNotSign(t *testing.T) {
	victim := newSealed(t)
	fill(t, victim.Store, 2)
	genuine := filepath.Join(t.TempDir(), "vraie.age")
	victim.backup(t, genuine)
	rk, err := victim.RecoveryKey()
	if err != nil {
		t.Fatal(err)
	}

	// The attacker's register, made by the program for the same commune,
	// with the attacker's own seal and officer, and the victim's recipient.
	attacker := newSealedIn(t, filepath.Join(t.TempDir(), "faux"), lomme)
	if _, err := attacker.SetRecoveryKey(RecoveryKey{Destinataire: rk.Destinataire}, true, attacker.seal); err != nil {
		t.Fatal(err)
	}
	a := birth()
	a.Enfant.Nom = "FAUSSAIRE"
	numbered(t, attacker.Store, a)
	if _, err := attacker.RegisterWith(a, confirmed); err != nil {
		t.Fatal(err)
	}
	forged := filepath.Join(t.TempDir(), "signee-par-un-autre-sceau.age")
	attacker.backup(t, forged)

	// The same register, encrypted for the recipient as an earlier
	// version wrote backups: age alone, no signature.
	plain := filepath.Join(t.TempDir(), "age-seul.age")
	f, err := os.Create(plain)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := seal.EncryptBackup(f, rk.Destinataire)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := attacker.WriteSnapshot(enc); err != nil {
		t.Fatal(err)
	}
	enc.Close()
	f.Close()

	// The genuine backup's signed manifest kept, its encrypted part
	// replaced by another of the same length for the same recipient: here,
	// the genuine register with one byte changed (the test holds the key
	// that an attacker would not need for a register of the same size).
	spliced := filepath.Join(t.TempDir(), "manifeste-deplace.age")
	g, _ := os.ReadFile(genuine)
	gm, err := PeekBackup(bytes.NewReader(g), int64(len(g)))
	if err != nil {
		t.Fatal(err)
	}
	gf, _ := os.Open(genuine)
	bf, err := OpenBackup(gf, int64(len(g)), victim.trust)
	if err != nil {
		t.Fatal(err)
	}
	clear, _, err := bf.decrypt(victim.recovery)
	if err != nil {
		t.Fatal(err)
	}
	var inner bytes.Buffer
	if _, err := inner.ReadFrom(clear); err != nil {
		t.Fatal(err)
	}
	gf.Close()
	altered := bytes.Replace(inner.Bytes(), []byte("infirmière"), []byte("infirmièrE"), 1)
	var body bytes.Buffer
	body.WriteString(backupMagic)
	w, _ := seal.EncryptBackup(&body, rk.Destinataire)
	w.Write(altered)
	w.Close()
	if int64(body.Len()) != gm.ChiffreOctets {
		t.Fatalf("re-encrypted part of %d bytes, want %d", body.Len(), gm.ChiffreOctets)
	}
	os.WriteFile(spliced, append(body.Bytes(), g[gm.ChiffreOctets:]...), 0o600)

	for name, c := range map[string]struct{ file, want string }{
		"another seal":   {forged, "signée par Martine AUBRY, une clé que le sceau de la commune n'a pas certifiée"},
		"unsigned":       {plain, "n'est pas une sauvegarde signée"},
		"moved manifest": {spliced, "ne correspond pas à son empreinte signée"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "registre")
			_, err := RestoreBackup(dir, c.file, victim.recovery, victim.trust, false, Options{}, nil)
			var refused *BackupError
			if !errors.As(err, &refused) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("restore of a forged backup: %v, want a refusal saying %q", err, c.want)
			}
			if Exists(dir) {
				t.Fatal("a register was put in place from a forged backup")
			}
		})
	}
	// The genuine one goes through, against the commune's certificate alone.
	res, err := RestoreBackup(filepath.Join(t.TempDir(), "r"), genuine, victim.recovery, victim.trust, false, Options{}, nil)
	if err != nil || res.By.Name != "Martine AUBRY" || res.Acts != 2 {
		t.Fatalf("genuine backup: %+v %v", res, err)
	}
}

// rechain is what an attacker with write access to the register file
// does: the record under ref is replaced by data, its last journal entry
// made to hold data's hash, and every entry after it chained again; the
// head follows. No key is needed.
func rechain(t *testing.T, dir string, bucket []byte, key []byte, ref string, data []byte) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucket).Put(key, data); err != nil {
			return err
		}
		j := tx.Bucket(bucketJournal)
		var at uint64
		j.ForEach(func(k, v []byte) error {
			if entryField(v, "reference") == ref {
				at = binary.BigEndian.Uint64(k)
			}
			return nil
		})
		if at == 0 {
			t.Fatalf("no journal entry for %s", ref)
		}
		var prev string
		if at > 1 {
			prev = hashHex(j.Get(seqKey(at - 1)))
		}
		var h head
		c := j.Cursor()
		for k, v := c.Seek(seqKey(at)); k != nil; k, v = c.Next() {
			var e Entry
			json.Unmarshal(v, &e)
			if e.Seq == at {
				e.DataHash = hashHex(data)
			}
			e.PrevHash = prev
			nv, _ := json.Marshal(e)
			if err := j.Put(k, nv); err != nil {
				return err
			}
			prev = hashHex(nv)
			h = head{e.Seq, prev}
		}
		hv, _ := json.Marshal(h)
		return tx.Bucket(bucketMeta).Put(keyHead, hv)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Attack 2: with write access to the register, the recovery recipient is
// swapped for the attacker's and the journal chained again. Later backups
// would be encrypted for the attacker while printing the genuine
// fingerprint (a stored string). The anchor of the last backup is found
// broken by the control, the backup refuses to encrypt for a recipient
// the seal did not sign, and the fingerprint shown is the one computed
// from the recipient.
func TestSwappedRecipientWithRechainedJournal(t *testing.T) {
	for _, witnessToo := range []bool{false, true} {
		name := "witness left as it was"
		if witnessToo {
			name = "witness rewritten too"
		}
		t.Run(name, func(t *testing.T) {
			x := newSealed(t)
			fill(t, x.Store, 2)
			x.backup(t, filepath.Join(t.TempDir(), "lundi.age"))
			fill(t, x.Store, 1)
			genuine, _ := x.RecoveryKey()
			dir := x.Dir()
			x.Close()

			thief, _ := seal.NewRecovery()
			swapped := *genuine
			swapped.Destinataire = thief.Recipient // Empreinte and Signature kept: the genuine ones
			data, _ := json.Marshal(swapped)
			rechain(t, dir, bucketKeys, keyRecovery, "cle/secours", data)
			if witnessToo {
				var h head
				var when string
				db, _ := bolt.Open(filepath.Join(dir, FileName), 0o600, &bolt.Options{ReadOnly: true})
				db.View(func(tx *bolt.Tx) error { h, when = lastHead(tx); return nil })
				db.Close()
				if err := writeWitness(dir, h, nil, nil, when); err != nil {
					t.Fatal(err)
				}
			}

			s, err := Open(dir, Options{Now: func() time.Time { return testNow }})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if !witnessToo {
				if b := s.Behind(); b == nil || !strings.Contains(b.Error(), "réécrit") {
					t.Fatalf("the witness did not see the rewritten journal: %v", b)
				}
			}
			rep, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(rep.Breaks, "\n")
			for _, want := range []string{
				"ancre n° 1 (sauvegarde du 24/11/2026 à 15:00, signée par Martine AUBRY) : l'entrée n° ",
				"ne correspond plus à l'empreinte signée : le journal a été réécrit",
				"clé de secours " + seal.RecoveryFingerprint(thief.Recipient) + " du registre n'est pas celle que le sceau de la commune a signée",
			} {
				if !strings.Contains(all, want) {
					t.Errorf("control misses %q in:\n%s", want, all)
				}
			}
			k, _ := s.RecoveryKey()
			if k.Fingerprint() == k.Empreinte || k.Fingerprint() != seal.RecoveryFingerprint(thief.Recipient) {
				t.Fatalf("fingerprint %s is not computed from the recipient used", k.Fingerprint())
			}
			x.Store = s
			_, err = s.PlanBackup(x.officer)
			var broken *IntegrityError
			var behind *BehindError
			if !errors.As(err, &broken) && !errors.As(err, &behind) {
				t.Fatalf("a backup for the swapped recipient was allowed: %v", err)
			}
		})
	}
}

// A recipient swapped with its signature removed is refused too: the
// register's record says nothing the seal signed.
func TestUnsignedRecoveryKeyIsNotUsed(t *testing.T) {
	x := newSealed(t)
	k, _ := x.RecoveryKey()
	k.Signature = nil
	data, _ := json.Marshal(k)
	dir := x.Dir()
	x.Close()
	rechain(t, dir, bucketKeys, keyRecovery, "cle/secours", data)
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.behind = nil // the witness saw the rewrite; the refusal of the key is what is tested here
	if _, err := s.PlanBackup(x.officer); !civil.IsRefused(err) || !strings.Contains(err.Error(), "n'est pas signée par le sceau") {
		t.Fatalf("backup with an unsigned recovery key: %v", err)
	}
}

// A closing anchors the journal too: a journal rewritten before it is
// found, even with no backup ever made.
func TestClosingAnchorFindsARewrittenJournal(t *testing.T) {
	x := newSealed(t)
	x.SetNumbering(civil.Naissance, 2026, 0)
	a := birth()
	if _, err := x.RegisterWith(a, confirmed); err != nil {
		t.Fatal(err)
	}
	printAndSign(t, x.Store, a.Ref())
	if _, _, err := x.CloseRegister(civil.Naissance, 2026, "o1"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.AnchorJournal(ClosingReason(civil.Naissance, 2026), x.officer); err != nil {
		t.Fatal(err)
	}
	if rep, err := x.Check(); err != nil || len(rep.Breaks) > 0 {
		t.Fatalf("anchored register: %v %v", rep.Breaks, err)
	}
	dir := x.Dir()
	x.Close()
	// The act's profession changed, its entry and the chain rewritten.
	var act []byte
	db, _ := bolt.Open(filepath.Join(dir, FileName), 0o600, &bolt.Options{ReadOnly: true})
	db.View(func(tx *bolt.Tx) error {
		act = append([]byte(nil), tx.Bucket(bucketActs).Get(actKey(a.Ref()))...)
		return nil
	})
	db.Close()
	rechain(t, dir, bucketActs, actKey(a.Ref()), a.Ref().String(), bytes.Replace(act, []byte("infirmière"), []byte("avocate"), 1))
	os.Remove(witnessPath(dir))
	s, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, _ := s.Check()
	if all := strings.Join(rep.Breaks, "\n"); !strings.Contains(all, "ancre n° 1 (clôture naissance 2026 du 24/11/2026 à 15:00, signée par Martine AUBRY)") || !strings.Contains(all, "le journal a été réécrit") {
		t.Fatalf("rewritten journal not found by the closing's anchor:\n%s", all)
	}
}

// registerFile returns the bytes of the register file of s, closed.
func copyRegister(t *testing.T, dir string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// §3: replacing registre.db by an older copy silently undid the last acts,
// and their numbers were handed out again. Now every write is refused,
// naming the missing entries, until a newer register is put back or an
// officer accepts the loss.
func TestOlderCopyOfTheRegisterRefusesWrites(t *testing.T) {
	x := newSealed(t)
	fill(t, x.Store, 2)
	old := copyRegister(t, x.Dir())
	for i := range 2 {
		if _, err := x.RegisterWith(otherBirth(i), confirmed); err != nil {
			t.Fatal(err)
		}
	}
	dir := x.Dir()
	x.Close()
	if err := os.WriteFile(filepath.Join(dir, FileName), old, 0o600); err != nil {
		t.Fatal(err)
	}

	s, err := Open(dir, Options{Agent: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	behind := s.Behind()
	if behind == nil {
		t.Fatal("an older copy of the register was not noticed")
	}
	for _, want := range []string{"le registre est plus ancien que son témoin", "entrées manquantes : n° ", "naissance naissance/2026/3", "naissance naissance/2026/4"} {
		if !strings.Contains(behind.Error(), want) {
			t.Errorf("missing %q in %q", want, behind.Error())
		}
	}
	var refused *BehindError
	if _, err := s.RegisterWith(birth(), confirmed); !errors.As(err, &refused) {
		t.Fatalf("a write on the older copy: %v", err)
	}
	if got := copyRegister(t, dir); !bytes.Equal(got, old) {
		t.Fatal("the refused write changed the register")
	}
	rep, _ := s.Check()
	if !strings.Contains(strings.Join(rep.Breaks, "\n"), "témoin : le registre est plus ancien") {
		t.Fatalf("control: %v", rep.Breaks)
	}

	// No newer register, no backup: the officer accepts the loss, signed.
	x.Store = s
	lost, err := s.AcceptLoss("copie du matin remise en place par erreur", x.officer)
	if err != nil || lost.To-lost.From != 1 {
		t.Fatalf("accept loss: %+v %v", lost, err)
	}
	ref := mustRegister(t, s)
	if ref.Numero != 3 {
		t.Fatalf("after the loss, the next birth is n° %d", ref.Numero)
	}
	s.Close()
	s = reopen(t, dir)
	if rep, _ := s.Check(); len(rep.Breaks) > 0 {
		t.Fatalf("after the accepted loss: %v", rep.Breaks)
	}
}

func mustRegister(t *testing.T, s *Store) civil.Ref {
	t.Helper()
	a := birth()
	if _, err := s.RegisterWith(a, confirmed); err != nil {
		t.Fatal(err)
	}
	return a.Ref()
}

// §3: one flipped bit in bbolt's newest meta page makes bbolt fall back,
// silently, to the transaction before: the last act disappears. The
// witness sees it.
func TestFlippedBitInTheNewestMetaPage(t *testing.T) {
	s := newStore(t)
	fill(t, s, 2)
	a := birth()
	if _, err := s.RegisterWith(a, confirmed); err != nil {
		t.Fatal(err)
	}
	dir := s.Dir()
	s.Close()
	path := filepath.Join(dir, FileName)
	data := copyRegister(t, dir)
	pageSize := int(binary.LittleEndian.Uint32(data[24:28]))
	txid := func(p int) uint64 { return binary.LittleEndian.Uint64(data[p*pageSize+64:]) }
	newest := 0
	if txid(1) > txid(0) {
		newest = 1
	}
	data[newest*pageSize+32] ^= 0x04 // a bit of the root bucket's page number
	os.WriteFile(path, data, 0o600)

	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got, err := r.Get(a.Ref()); err == nil && got != nil {
		t.Fatal("the flipped bit did not undo the last transaction: the test proves nothing")
	}
	b := r.Behind()
	if b == nil || !strings.Contains(b.Error(), "plus ancien que son témoin") || !strings.Contains(b.Error(), a.Ref().String()) {
		t.Fatalf("the lost transaction was not noticed: %v", b)
	}
}

// A write torn by a crash damages one slot of the witness: the other
// still holds the previous head, and the register (ahead of it) is fine.
// A witness removed, or unreadable, stops writes.
func TestWitnessSlots(t *testing.T) {
	s := newStore(t)
	fill(t, s, 2)
	dir := s.Dir()
	s.Close()
	w, err := readWitness(witnessPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(witnessPath(dir))
	torn := append([]byte(nil), raw...)
	slot := int(w.Generation%2) * witnessSlot
	copy(torn[slot+100:slot+200], bytes.Repeat([]byte{0}, 100))
	os.WriteFile(witnessPath(dir), torn, 0o600)
	r := reopen(t, dir)
	if r.Behind() != nil {
		t.Fatalf("torn newest slot: %v", r.Behind())
	}
	mustRegister(t, r)
	r.Close()
	if w2, err := readWitness(witnessPath(dir)); err != nil || w2.Seq <= w.Seq {
		t.Fatalf("the witness did not move on after the torn slot: %+v %v", w2, err)
	}

	os.WriteFile(witnessPath(dir), bytes.Repeat([]byte("x"), 2*witnessSlot), 0o600)
	r = reopen(t, dir)
	if b := r.Behind(); b == nil || !strings.Contains(b.Error(), "illisible") {
		t.Fatalf("unreadable witness: %v", b)
	}
	r.Close()
	os.Remove(witnessPath(dir))
	r = reopen(t, dir)
	if b := r.Behind(); b == nil || !strings.Contains(b.Error(), "a disparu") {
		t.Fatalf("witness removed: %v", b)
	}
}

// A medium keeps the witness of the last backup written there: a register
// put back whole from an older image of the laptop (register and its
// witness together) is found at the next backup on that medium.
func TestMediumWitnessFindsAnOlderLaptopImage(t *testing.T) {
	x := newSealed(t)
	fill(t, x.Store, 1)
	dir := x.Dir()
	image := map[string][]byte{}
	x.Close()
	for _, n := range []string{FileName, WitnessName} {
		image[n], _ = os.ReadFile(filepath.Join(dir, n))
	}
	x.Store = reopen(t, dir)
	fill(t, x.Store, 2)
	usb := t.TempDir()
	x.backup(t, filepath.Join(usb, "lundi.age"))
	m, _ := x.LastAnchor()
	a := mustAnchor(t, x.Store)
	if err := WriteMediumWitness(usb, lomme.Insee, "lundi.age", a); err != nil {
		t.Fatal(err)
	}
	if err := x.CheckMedium(usb); err != nil {
		t.Fatalf("the register that made the backup: %v", err)
	}
	x.Close()
	for n, data := range image {
		os.WriteFile(filepath.Join(dir, n), data, 0o600)
	}
	s := reopen(t, dir)
	if s.Behind() != nil {
		t.Fatal("the image is consistent with its own witness; only the medium can tell")
	}
	err := s.CheckMedium(usb)
	var broken *IntegrityError
	if !errors.As(err, &broken) || !strings.Contains(err.Error(), "le registre est plus ancien que la sauvegarde lundi.age") || !strings.Contains(err.Error(), "signée par Martine AUBRY") {
		t.Fatalf("older image against the medium (backup up to entry %d): %v", m.JournalSeq, err)
	}
}

// mustAnchor returns the newest anchor stored.
func mustAnchor(t *testing.T, s *Store) Anchor {
	t.Helper()
	var a Anchor
	s.db.View(func(tx *bolt.Tx) error {
		_, v := tx.Bucket(bucketAnchors).Cursor().Last()
		a, _ = readAnchor(v)
		return nil
	})
	return a
}

// §5: a restore killed between its steps left no registre.db, and the
// program then advised init, restarting the numbering. The swap keeps the
// current register by a link and renames the new one over it: stopped
// after any step, the folder holds a register that opens, is not behind
// its witness, and is the old one or the new one.
func TestRestoreStoppedBetweenItsSteps(t *testing.T) {
	for _, step := range []string{"témoin", "lien", "renommé"} {
		t.Run(step, func(t *testing.T) {
			x := newSealed(t)
			fill(t, x.Store, 2)
			file := filepath.Join(t.TempDir(), "b.age")
			x.backup(t, file)
			a := birth()
			if _, err := x.RegisterWith(a, confirmed); err != nil {
				t.Fatal(err)
			}
			dir := x.Dir()
			x.Close()
			restoreStep = func(s string) {
				if s == step {
					panic("coupure de courant")
				}
			}
			func() {
				defer func() { recover() }()
				RestoreBackup(dir, file, x.recovery, x.trust, true, Options{}, nil)
			}()
			restoreStep = func(string) {}
			s, err := Open(dir, Options{Now: func() time.Time { return testNow }})
			if err != nil {
				t.Fatalf("after a stop at %q the register does not open: %v", step, err)
			}
			if b := s.Behind(); b != nil {
				t.Fatalf("after a stop at %q the register is behind its witness: %v", step, b)
			}
			got, _ := s.Get(a.Ref())
			if step == "renommé" && got != nil || step != "renommé" && got == nil {
				t.Fatalf("stop at %q: the act after the backup is there: %v", step, got != nil)
			}
			if _, err := s.RegisterWith(birth(), confirmed); err != nil {
				t.Fatalf("after a stop at %q no write goes through: %v", step, err)
			}
			if rep, _ := s.Check(); len(rep.Breaks) > 0 {
				t.Fatalf("after a stop at %q: %v", step, rep.Breaks)
			}
			s.Close()
		})
	}
}

// A folder whose registre.db is gone but that keeps a register set aside
// by a restore, or the register's witness, never advises creating a new
// register: the numbering would restart.
func TestNoInitBesideALostRegister(t *testing.T) {
	x := newSealed(t)
	dir := x.Dir()
	x.Close()
	aside := filepath.Join(dir, FileName+".avant-restauration-20261124-150000")
	if err := os.Rename(filepath.Join(dir, FileName), aside); err != nil {
		t.Fatal(err)
	}
	for name, try := range map[string]func() error{
		"open":   func() error { _, err := Open(dir, Options{}); return err },
		"create": func() error { _, err := Create(dir, lomme, nil, Options{}); return err },
	} {
		err := try()
		var r *civil.RefusedError
		if !errors.As(err, &r) || !strings.Contains(err.Error(), "une restauration a été interrompue") || !strings.Contains(err.Error(), "mv "+aside) {
			t.Fatalf("%s beside %s: %v", name, aside, err)
		}
		for _, p := range r.Problems {
			for _, n := range p.Next {
				if n.Step == civil.CreateRegister {
					t.Fatalf("%s advises creating a register beside %s", name, aside)
				}
			}
		}
	}
	os.Remove(aside)
	if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), "garde son témoin") {
		t.Fatalf("open beside a lone witness: %v", err)
	}
}
