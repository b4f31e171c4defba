package main

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/keyring"
	"etatcivil/internal/medium"
	"etatcivil/internal/oserr"
	"etatcivil/registry"
)

// Exit codes, the same for every command.
const (
	exitOK        = 0
	exitError     = 1 // unexpected error
	exitRefused   = 2 // refused input or legal rule: nothing written
	exitIntegrity = 3 // integrity or verification failure
	exitBusy      = 4 // register open elsewhere
)

// outcomes is the one table that decides how a command ends on an error:
// the first row whose kind matches gives the exit code and what the clerk
// reads on standard error (the message, then what to do). An error that
// no row matches is unexpected: exit 1.
var outcomes = []struct {
	code int
	// say returns the lines to print when err is of the row's kind.
	say func(cmd *cobra.Command, err error) ([]string, bool)
}{
	{exitRefused, func(cmd *cobra.Command, err error) ([]string, bool) {
		var logged *registry.CopyRefusedError
		if !errors.As(err, &logged) {
			return nil, false
		}
		return []string{"etatcivil : " + refusalText(cmd, logged.RefusedError),
			fmt.Sprintf("Aucune copie n'a été délivrée ; la demande refusée est inscrite au registre des copies (ligne n° %d).", logged.Numero)}, true
	}},
	{exitRefused, func(cmd *cobra.Command, err error) ([]string, bool) {
		var refused *civil.RefusedError
		if !errors.As(err, &refused) {
			return nil, false
		}
		return []string{"etatcivil : " + refusalText(cmd, refused), "Rien n'a été enregistré."}, true
	}},
	{exitRefused, func(_ *cobra.Command, err error) ([]string, bool) {
		var usage *usageError
		if !errors.As(err, &usage) {
			return nil, false
		}
		return []string{"etatcivil : " + usage.msg, "  → " + usage.hint}, true
	}},
	{exitRefused, func(_ *cobra.Command, err error) ([]string, bool) {
		var out *medium.OutputError
		if !errors.As(err, &out) {
			return nil, false
		}
		return []string{"etatcivil : " + out.Msg, "  → " + out.Hint}, true
	}},
	{exitRefused, func(_ *cobra.Command, err error) ([]string, bool) { return restoreRefusal(err, true) }},
	{exitIntegrity, func(_ *cobra.Command, err error) ([]string, bool) { return restoreRefusal(err, false) }},
	{exitIntegrity, func(_ *cobra.Command, err error) ([]string, bool) {
		var behind *registry.BehindError
		if !errors.As(err, &behind) {
			return nil, false
		}
		return []string{"etatcivil : " + behind.Error(),
			"  → " + registry.Unresolved + ", ou " + stepText(civil.Then(civil.RestoreBackup)),
			"  → " + stepText(civil.Then(civil.AcceptLoss))}, true
	}},
	{exitIntegrity, func(_ *cobra.Command, err error) ([]string, bool) {
		var refused *registry.BackupError
		if !errors.As(err, &refused) {
			return nil, false
		}
		return []string{"etatcivil : sauvegarde refusée : " + refused.Reason,
			"  → rien n'a été modifié ; essayez la sauvegarde précédente. Si le fichier a pu être modifié volontairement, prévenez l'officier de l'état civil"}, true
	}},
	{exitIntegrity, func(_ *cobra.Command, err error) ([]string, bool) {
		var broken *registry.IntegrityError
		if !errors.As(err, &broken) {
			return nil, false
		}
		return []string{"etatcivil : " + broken.Error(),
			"  → ne modifiez rien ; prévenez l'officier de l'état civil : le registre a pu être altéré (signalement CNIL sous 72 heures en cas de violation de données)"}, true
	}},
	// A register folder others may write: exit 3 rather than 2, because
	// it is not a mistake in what was typed but a register that cannot be
	// trusted until it is private again and checked.
	{exitIntegrity, func(_ *cobra.Command, err error) ([]string, bool) {
		var unsafe *registry.UnsafeFolderError
		if !errors.As(err, &unsafe) {
			return nil, false
		}
		fix := "chmod 700 " + shellQuote(unsafe.Path)
		if !unsafe.Mode.IsDir() {
			fix = "chmod 600 " + shellQuote(unsafe.Path)
		}
		return []string{"etatcivil : " + unsafe.Error() + " ; rien n'a été lu ni écrit",
			"  → rendez-le privé : " + fix + " ; puis lancez etatcivil controle, et si un doute demeure prévenez l'officier de l'état civil"}, true
	}},
	{exitIntegrity, func(_ *cobra.Command, err error) ([]string, bool) {
		var failed *verifyError
		if !errors.As(err, &failed) {
			return nil, false
		}
		return []string{"etatcivil : " + failed.msg, "  → " + failed.hint}, true
	}},
	{exitError, func(_ *cobra.Command, err error) ([]string, bool) {
		if !diskFull(err) {
			return nil, false
		}
		return []string{"etatcivil : le disque est plein (ou le fichier dépasse la taille permise) : l'opération n'a pas abouti",
			"  → rien n'a été enregistré de plus et aucun fichier incomplet n'a été laissé ; libérez de la place (ou choisissez un autre support), puis recommencez"}, true
	}},
	{exitBusy, func(_ *cobra.Command, err error) ([]string, bool) {
		if !errors.Is(err, registry.ErrBusy) {
			return nil, false
		}
		return []string{"etatcivil : " + err.Error(),
			"  → " + registry.BusyHint}, true
	}},
	{exitError, func(_ *cobra.Command, err error) ([]string, bool) {
		var denied *registry.AccessError
		if !errors.As(err, &denied) {
			return nil, false
		}
		return []string{"etatcivil : " + denied.Error(), "  → rien n'a été lu ni écrit ; " + registry.AccessHint}, true
	}},
	{exitError, func(_ *cobra.Command, err error) ([]string, bool) {
		return []string{"etatcivil : erreur : " + oserr.French(err),
			"  → rien n'a été enregistré de plus ; si cela se reproduit, lancez etatcivil controle"}, true
	}},
}

// restoreRefusal writes a *keyring.Refusal whose Input is input,
// as usageError and verifyError are written.
func restoreRefusal(err error, input bool) ([]string, bool) {
	var r *keyring.Refusal
	if !errors.As(err, &r) || r.Input != input {
		return nil, false
	}
	return []string{"etatcivil : " + r.Msg, "  → " + r.Hint}, true
}

// report prints an error in French with what to do, and returns the exit
// code, as the table outcomes says. A refusal names its fields as the
// clerk gave them to cmd, and its next steps as commands (see hints.go).
func (e *env) report(cmd *cobra.Command, err error) int {
	for _, o := range outcomes {
		if lines, ok := o.say(cmd, err); ok {
			for _, l := range lines {
				fmt.Fprintln(e.errOut, l)
			}
			return o.code
		}
	}
	return exitError // not reached: the last row matches every error
}

// shellQuote writes a path for a shell command line: as it is when it
// holds only safe characters, else between single quotes.
func shellQuote(p string) string {
	if strings.Trim(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+") == "" {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}

// diskFull tells whether err comes from a full disk, a quota or a file
// size limit. bbolt formats the system error into its own message instead
// of wrapping it, hence the comparison of texts.
func diskFull(err error) bool {
	for _, no := range []syscall.Errno{syscall.ENOSPC, syscall.EFBIG, syscall.EDQUOT} {
		if errors.Is(err, no) || strings.Contains(err.Error(), no.Error()) {
			return true
		}
	}
	return false
}

// verifyError is a document that fails verification: forged, altered,
// signed by a revoked or unknown key, or about an annulled act. Exit 3.
type verifyError struct{ msg, hint string }

func (v *verifyError) Error() string { return v.msg }
