package keyring

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// What etatcivil restaurer and the counter's « Restaurer » page are given
// besides the backup: the recovery key and the commune's certificate, read
// and refused here, in the same words for both.

// Refusal is an operation refused before anything was touched (a
// restore, a revocation not confirmed): Msg, then Hint (what to do), in
// French, as the command line writes them. Input tells a mistake in what
// was given (the command exits 2); otherwise the backup or the
// certificate failed verification (exit 3).
type Refusal struct {
	Msg, Hint string
	Input     bool
}

func (e *Refusal) Error() string { return e.Msg }

// ReadRecoveryKey reads the private recovery key from data: the text of
// its file, or the AGE-SECRET-KEY-1… line retyped from the printed sheet
// (seal.ParseRecovery). what names the input in a refusal
// (« --identite cle-secours.txt »).
func ReadRecoveryKey(data []byte, what string) (seal.RecoveryKey, error) {
	key, err := seal.ParseRecovery(bytes.NewReader(data))
	if err != nil {
		return key, &Refusal{what + " : aucune clé de secours lisible dans ce fichier", "le fichier doit contenir la ligne AGE-SECRET-KEY-1… imprimée, recopiée sans espace ni erreur", true}
	}
	return key, nil
}

// RestoreTrust returns the commune's certificate to check a backup's
// signature against: cert (a lone certificate, or the bundle of cles
// exporter with its officers and revocations; what names it in a
// refusal), else, when cert is nil, the one printed with the recovery
// key. With neither, the restore is refused: a backup anyone could have
// encrypted for the public recovery key proves nothing.
func RestoreTrust(cert []byte, what string, key seal.RecoveryKey) (*seal.Trust, error) {
	if cert == nil {
		if key.Commune == nil {
			return nil, &Refusal{"certificat de la commune requis : la clé de secours donnée n'est pas imprimée avec lui",
				"indiquez-le avec --certificat commune.pem (fichier écrit par etatcivil cles exporter, remis à la préfecture et au procureur) ; sans lui, rien ne prouve que la sauvegarde vient de la commune", true}
		}
		return seal.NewTrust(key.Commune), nil
	}
	t, err := seal.ReadBundle(cert)
	if err != nil {
		return nil, &Refusal{what + " : " + err.Error(), "indiquez le certificat de la commune (commune.pem, écrit par etatcivil cles exporter)", true}
	}
	if key.Commune != nil && !key.Commune.Equal(t.Authority) {
		return nil, &Refusal{"le certificat donné (--certificat, empreinte " + seal.Fingerprint(t.Authority) + ") n'est pas celui imprimé avec la clé de secours (empreinte " + seal.Fingerprint(key.Commune) + ")",
			"rien n'a été modifié ; vérifiez l'empreinte du certificat de la commune auprès de la mairie (etatcivil cles exporter l'imprime)", false}
	}
	return t, nil
}

// RestoreFailed says why RestoreBackup failed on file: a wrong recovery
// key is a refusal of the field "identite"; a backup that does not decrypt
// or does not pass the check a *Refusal of verification; anything
// else (a full disk) is returned as it is.
func RestoreFailed(file string, key seal.RecoveryKey, err error) error {
	var broken *registry.IntegrityError
	var refused *registry.BackupError
	switch {
	case errors.Is(err, seal.ErrWrongRecoveryKey):
		return civil.Refuse("identite", "la clé de secours "+key.Fingerprint()+" n'ouvre pas cette sauvegarde : elle a été chiffrée pour une autre clé",
			"prenez la clé de secours en service au moment de la sauvegarde (voir son empreinte, imprimée sur la feuille) ; rien n'a été modifié")
	case errors.Is(err, seal.ErrNotBackup):
		return damagedBackup(file, err.Error())
	case errors.As(err, &refused):
		return damagedBackup(file, refused.Reason)
	case errors.As(err, &broken):
		return damagedBackup(file, strings.Join(broken.Breaks, "\n  "))
	}
	return err
}

// damagedBackup refuses a backup that does not decrypt or does not pass
// the check: nothing touched.
func damagedBackup(file, why string) error {
	return &Refusal{Msg: "sauvegarde " + file + " refusée : " + why,
		Hint: "rien n'a été modifié ; essayez la sauvegarde précédente. Si le fichier a pu être modifié volontairement, prévenez l'officier de l'état civil"}
}

// CheckBackupFile refuses a backup file that cannot be found or read, and
// returns its size in bytes.
func CheckBackupFile(file string) (int64, error) {
	st, err := os.Stat(file)
	if err != nil {
		return 0, &Refusal{"sauvegarde " + file + " introuvable ou illisible", "indiquez le fichier .age écrit par etatcivil sauvegarde", true}
	}
	return st.Size(), nil
}

// RestoreReport is what is said of a register restored (r) into dir, its backup's
// signature checked against trust: a line each.
func RestoreReport(r registry.Restored, dir string, trust *seal.Trust) []string {
	const layout = "02/01/2006 à 15:04"
	last := r.Last
	if t, err := time.Parse(time.RFC3339, last); err == nil {
		last = t.Local().Format(layout)
	}
	lines := []string{
		fmt.Sprintf("Sauvegarde signée le %s par %s, vérifiée contre le certificat de la commune (empreinte %s).",
			r.Manifest.Time().Local().Format(layout), r.By.Name, seal.Fingerprint(trust.Authority)),
		fmt.Sprintf("Registre de %s restauré dans %s : %s, journal de %s (dernière écriture le %s), contrôle d'intégrité sans anomalie.",
			r.Commune.Nom+" ("+r.Commune.Departement+")", dir, words.Plural(r.Acts, "acte", "actes"), words.Plural(int(r.Seq), "entrée", "entrées"), last),
	}
	if r.Aside != "" {
		lines = append(lines, "L'ancien registre est gardé à côté : "+r.Aside)
	}
	return append(lines, "Vérifiez les derniers actes (etatcivil lister) et ressaisissez ceux dressés après la sauvegarde.")
}

// RestoreJob is what etatcivil restaurer and the counter's « Restaurer »
// page are given.
type RestoreJob struct {
	Dir, File string // the register's folder, the backup file
	// Key is the recovery key's text (its file, or its line retyped),
	// named KeyName in refusals.
	Key     []byte
	KeyName string
	// Cert reads the commune's certificate, named CertName in refusals;
	// nil: the one printed with the recovery key.
	Cert     func() ([]byte, error)
	CertName string
	Force    bool
	Options  registry.Options
	// Progress, when not nil, is given the backup's size in bytes and
	// returns what is told of the bytes read.
	Progress func(size int64) func(int)
}

// Restore reads the recovery key and the commune's certificate, checks
// the backup file, and restores it (registry.RestoreBackup): the refusals
// of ReadRecoveryKey, RestoreTrust, CheckBackupFile and RestoreFailed, in
// that order; nothing is touched until all passed. It returns what is said
// of the restore (RestoreReport).
func Restore(j RestoreJob) (registry.Restored, []string, error) {
	var res registry.Restored
	key, err := ReadRecoveryKey(j.Key, j.KeyName)
	if err != nil {
		return res, nil, err
	}
	var cert []byte
	if j.Cert != nil {
		if cert, err = j.Cert(); err != nil {
			return res, nil, err
		}
	}
	trust, err := RestoreTrust(cert, j.CertName, key)
	if err != nil {
		return res, nil, err
	}
	size, err := CheckBackupFile(j.File)
	if err != nil {
		return res, nil, err
	}
	var progress func(int)
	if j.Progress != nil {
		progress = j.Progress(size)
	}
	res, err = registry.RestoreBackup(j.Dir, j.File, key, trust, j.Force, j.Options, progress)
	if err != nil {
		return res, nil, RestoreFailed(j.File, key, err)
	}
	return res, RestoreReport(res, j.Dir, trust), nil
}
