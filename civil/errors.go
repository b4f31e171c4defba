package civil

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

// String writes the problem as "field : rule", then the hint on its own
// line.
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

// Error writes every problem, after « refusé — ».
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

// IsRefused tells whether err is a refusal of input.
func IsRefused(err error) bool {
	var r *RefusedError
	return errors.As(err, &r)
}
