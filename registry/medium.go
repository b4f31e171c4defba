package registry

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/words"
)

// Each backup medium keeps a witness too: beside the backups, the signed
// manifest of the last backup written there (the journal's head at that
// backup, signed by the officer). The laptop cannot change it once the
// medium is unplugged: at the next backup on that medium, a register that
// no longer holds that head (put back from an older copy, its journal
// rewritten) is found, whatever was done to the laptop meanwhile.

// mediumFormat names the format of a medium's witness.
const mediumFormat = "etatcivil-temoin-support/1"

// MediumWitnessName returns the name of the witness file a medium keeps
// for the commune of INSEE code insee.
func MediumWitnessName(insee string) string { return "etatcivil-temoin-" + insee + ".json" }

type mediumWitness struct {
	Format  string `json:"format"`
	Fichier string `json:"fichier"` // the backup it describes
	Ancre   Anchor `json:"ancre"`
}

// WriteMediumWitness writes, in the folder dir of a medium, the witness of
// the backup named file, whose signed manifest is a: in a temporary file
// synced, then renamed over the previous witness.
//
// Its temporary file, left by a backup killed meanwhile, is removed by
// the next backup on that medium (see SweepTemps).
func WriteMediumWitness(dir, insee, file string, a Anchor) error {
	data, err := json.MarshalIndent(mediumWitness{mediumFormat, file, a}, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, TempPattern("temoin", ".tmp"))
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, MediumWitnessName(insee)))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	syncDir(dir)
	return nil
}

// CheckMedium compares the register with the witness that the medium
// folder dir keeps of the last backup written there, if any: the witness
// must be signed by a key of the register's seal, and the register must
// still hold the journal entry it names, with the same hash. It returns
// an *IntegrityError naming the backup, the entries missing or the entry
// rewritten.
func (s *Store) CheckMedium(dir string) error {
	var c struct{ Insee string }
	err := s.db.View(func(tx *bolt.Tx) error { return json.Unmarshal(tx.Bucket(bucketMeta).Get(keyCommune), &c) })
	if err != nil {
		return &IntegrityError{[]string{"commune illisible"}}
	}
	path := filepath.Join(dir, MediumWitnessName(c.Insee))
	data, err := readRegular(path, 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var w mediumWitness
	if json.Unmarshal(data, &w) != nil || w.Format != mediumFormat {
		return &IntegrityError{[]string{"le témoin de la dernière sauvegarde sur ce support (" + path + ") est illisible : support abîmé ou fichier modifié ; utilisez un autre support, et gardez celui-ci pour examen"}}
	}
	return s.db.View(func(tx *bolt.Tx) error {
		trust, err := readTrust(tx)
		if err != nil {
			return err
		}
		m, by, err := w.Ancre.Verify(trust)
		if err != nil {
			return &IntegrityError{[]string{"le témoin de la dernière sauvegarde sur ce support (" + path + ") n'est pas signé par une clé du sceau de ce registre (" + err.Error() + ") : ce registre a pu être remplacé par un autre, ou ses clés changées"}}
		}
		v := tx.Bucket(bucketJournal).Get(seqKey(m.JournalSeq))
		if v != nil && hashHex(v) == m.JournalEmpreinte {
			return nil
		}
		what := fmt.Sprintf("la sauvegarde %s du %s, signée par %s (témoin sur ce support)", w.Fichier, m.Time().Local().Format("02/01/2006 à 15:04"), by.Name)
		if v != nil {
			return &IntegrityError{[]string{fmt.Sprintf("le journal du registre ne contient plus l'entrée n° %d telle que %s l'a signée : le registre a été remplacé par une autre copie, ou son journal réécrit", m.JournalSeq, what)}}
		}
		last, _ := lastHead(tx)
		return &IntegrityError{[]string{fmt.Sprintf("le registre est plus ancien que %s : elle va jusqu'à l'entrée n° %d du journal, le registre s'arrête à la n° %d (%s) ; restaurez cette sauvegarde plutôt que d'en écrire une plus ancienne",
			what, m.JournalSeq, last.Seq, words.Agree(int(m.JournalSeq-last.Seq), fmt.Sprintf("entrée n° %d manquante", m.JournalSeq), fmt.Sprintf("entrées n° %d à %d manquantes", last.Seq+1, m.JournalSeq)))}}
	})
}
