package registry

import (
	"errors"
	"fmt"
	"strings"
)

// Problem is one rule broken by an input: the field, the rule, and what
// to do, all in French.
type Problem struct {
	Field string
	Rule  string
	Hint  string
}

func (p Problem) String() string {
	s := p.Field + " : " + p.Rule
	if p.Hint != "" {
		s += "\n  → " + p.Hint
	}
	return s
}

// RefusedError is returned when input breaks a rule of law or of the
// format. Nothing has been written. The command exits 2.
type RefusedError struct {
	Problems []Problem
}

func (e *RefusedError) Error() string {
	var parts []string
	for _, p := range e.Problems {
		parts = append(parts, p.String())
	}
	if len(parts) == 1 {
		return "refusé — " + parts[0]
	}
	return "refusé — " + fmt.Sprint(len(parts)) + " problèmes :\n" + strings.Join(parts, "\n")
}

// Refuse builds a RefusedError with one problem.
func Refuse(field, rule, hint string) error {
	return &RefusedError{[]Problem{{field, rule, hint}}}
}

// IntegrityError reports that the register or the journal was altered or
// damaged. The command exits 3.
type IntegrityError struct {
	Breaks []string
}

func (e *IntegrityError) Error() string {
	return "intégrité rompue :\n- " + strings.Join(e.Breaks, "\n- ")
}

// ErrBusy is returned when another process holds the register. The command exits 4.
var ErrBusy = errors.New("le registre est ouvert par un autre programme etatcivil")

// IsRefused tells whether err is a refusal of input.
func IsRefused(err error) bool {
	var r *RefusedError
	return errors.As(err, &r)
}
