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
