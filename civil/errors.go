package civil

import (
	"errors"
	"fmt"
	"strings"
)

// Problem is one rule broken by an input, in the words of the domain:
// the field, the rule, and what to do, all in French, with the next steps
// when what to do is to take one.
//
// Field names what was given as the domain knows it: a field of an act
// file ("enfant.prenoms[1]", "declaration.date"), of a request or a
// record ("motif", "officier", "forme", "jour"), or a line of a file
// ("ligne 3"). It is never a command-line flag, and Hint and Rule never
// name a command: a front end writes them its own way (the command line
// in cmd/etatcivil/hints.go: "motif" becomes "--motif" where the command
// has that option, SeeOfficers the command that lists them).
type Problem struct {
	Field string
	Rule  string
	Hint  string
	Next  []Next
}

// String writes the problem as the domain says it: "field : rule", then
// the hint on its own line. The next steps are left to the front end.
func (p Problem) String() string { return p.Format(p.Field, nil) }

// Format writes the problem as every front end lays it out: "field :
// rule", then the hint and each next step on a line of their own, with
// the field and the steps as the front end names them.
func (p Problem) Format(field string, next []string) string {
	s := field + " : " + p.Rule
	if p.Hint != "" {
		s += "\n  → " + p.Hint
	}
	for _, n := range next {
		s += "\n  → " + n
	}
	return s
}

// RefusedError is returned when input breaks a rule of law or of the
// format. Nothing has been written. The command exits 2.
type RefusedError struct {
	Problems []Problem
}

// Error writes every problem as the domain says it, after « refusé — ».
func (e *RefusedError) Error() string { return e.Format(Problem.String) }

// Format writes every problem with problem, after « refusé — » and, when
// there are several, their number.
func (e *RefusedError) Format(problem func(Problem) string) string {
	var parts []string
	for _, p := range e.Problems {
		parts = append(parts, problem(p))
	}
	if len(parts) == 1 {
		return "refusé — " + parts[0]
	}
	return "refusé — " + fmt.Sprint(len(parts)) + " problèmes :\n" + strings.Join(parts, "\n")
}

// Refuse builds a RefusedError with one problem.
func Refuse(field, rule, hint string, next ...Next) error {
	return &RefusedError{[]Problem{{field, rule, hint, next}}}
}

// IsRefused tells whether err is a refusal of input.
func IsRefused(err error) bool {
	var r *RefusedError
	return errors.As(err, &r)
}
