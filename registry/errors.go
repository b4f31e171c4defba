package registry

import (
	"errors"
	"strings"
)

// IntegrityError reports that the register or the journal was altered or
// damaged. The command exits 3.
type IntegrityError struct {
	Breaks []string
}

// Error writes every break, one a line.
func (e *IntegrityError) Error() string {
	return "intégrité rompue :\n- " + strings.Join(e.Breaks, "\n- ")
}

// ErrBusy is returned when another process holds the register. The command exits 4.
var ErrBusy = errors.New("le registre est ouvert par un autre programme etatcivil")

// BusyHint is what to do when the register is busy (ErrBusy), as the
// command line and the counter's page both say it.
const BusyHint = "attendez que l'autre commande se termine (ou fermez l'autre fenêtre), puis recommencez"

// AccessError is a register file that this session may not open as
// asked: the file's or the folder's rights, or a read-only medium
// (fs.ErrPermission, EROFS). Nothing was read or written.
type AccessError struct {
	Path string // the register file
	Err  error  // the system's error
}

func (e *AccessError) Error() string {
	return "ouverture du registre " + e.Path + " : accès refusé (droits du fichier ou du dossier, ou support en lecture seule)"
}

// Unwrap returns the system's error.
func (e *AccessError) Unwrap() error { return e.Err }

// AccessHint is what to do when the register cannot be opened (AccessError),
// as the command line and the counter's page both say it.
const AccessHint = "vérifiez que le dossier du registre est le bon et que cette session peut y lire et y écrire ; si le registre est sur un support en lecture seule, copiez son dossier sur le disque de ce poste et ouvrez la copie"
