package main

import (
	"errors"
	"strconv"

	"github.com/spf13/pflag"

	"etatcivil/internal/parse"
)

// The options that carry a number, a date or an option value are read by
// internal/parse when the command line is read, as the guided entry and
// the files read theirs (issue 18 §1): « --dernier 037 » is 37, never
// octal; « --depuis 08/05/2026 » is the 8th of May; « --registre Décès »
// is the register of deaths. A value that does not read is refused with
// the option named and parse's French rule and hint (see translateUsage).

// Bounds of the numbers given as options: years of a register, settings
// and desk numbers (the domain checks its own
// narrower limits with its own message).
const (
	minYear    = 1000
	maxYear    = 9999
	maxSetting = 1_000_000
)

// parsedValue is a flag value read by internal/parse; problem is the
// reason the last value given was refused.
type parsedValue interface {
	pflag.Value
	problem() *parse.Problem
}

// refusal keeps the problem of a refused value and returns it as the
// error pflag wraps.
type refusal struct{ last *parse.Problem }

func (r *refusal) problem() *parse.Problem { return r.last }

func (r *refusal) keep(err error) error {
	var p *parse.Problem
	if errors.As(err, &p) {
		r.last = p
	}
	return err
}

// numberValue is a whole number from min to max, in plain decimal digits.
type numberValue struct {
	refusal
	p        *int
	min, max int
}

// numberVar defines an option --name N read by parse.Number.
func numberVar(fs *pflag.FlagSet, p *int, name string, def, min, max int, usage string) {
	*p = def
	fs.Var(&numberValue{p: p, min: min, max: max}, name, usage)
}

func (v *numberValue) Set(s string) error {
	n, err := parse.Number(s, v.min, v.max)
	if err != nil {
		return v.keep(err)
	}
	*v.p = n
	return nil
}

func (v *numberValue) String() string { return strconv.Itoa(*v.p) }
func (v *numberValue) Type() string   { return "N" }

// dateValue is a date, kept as AAAA-MM-JJ.
type dateValue struct {
	refusal
	p *string
}

// dateVar defines an option --name DATE read by parse.Date.
func dateVar(fs *pflag.FlagSet, p *string, name, usage string) {
	fs.Var(&dateValue{p: p}, name, usage)
}

func (v *dateValue) Set(s string) error {
	d, err := parse.Date(s)
	if err != nil {
		return v.keep(err)
	}
	*v.p = d
	return nil
}

func (v *dateValue) String() string { return *v.p }
func (v *dateValue) Type() string   { return "JJ/MM/AAAA" }

// choiceValue is one value of a list, matched by parse.Choice (accents,
// case and a final plural do not count).
type choiceValue struct {
	refusal
	p  *string
	ch *parse.Choice
}

// choiceVar defines an option --name VALEUR read by ch.
func choiceVar(fs *pflag.FlagSet, p *string, name, def string, ch *parse.Choice, usage string) {
	*p = def
	fs.Var(&choiceValue{p: p, ch: ch}, name, usage)
}

func (v *choiceValue) Set(s string) error {
	c, err := v.ch.Match(s)
	if err != nil {
		return v.keep(err)
	}
	*v.p = c
	return nil
}

func (v *choiceValue) String() string { return *v.p }
func (v *choiceValue) Type() string   { return "VALEUR" }
