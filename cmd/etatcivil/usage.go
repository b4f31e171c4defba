package main

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

// The command line's own mistakes — unknown command or option, missing
// argument — in French, whatever cobra and pflag say in English.

// usageError is a mistake on the command line: unknown command or flag,
// missing argument. Exit 2.
type usageError struct{ msg, hint string }

func (u *usageError) Error() string { return u.msg }

func usage(cmd *cobra.Command, msg string) error {
	return &usageError{msg, "voir « " + cmd.CommandPath() + " --help »"}
}

// invalidArg reads pflag's `invalid argument "X" for "-a, --annee" flag: …`.
var invalidArg = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag`)

// translateUsage turns cobra's and pflag's English messages into French.
func translateUsage(cmd *cobra.Command, err error) error {
	m := err.Error()
	switch {
	case strings.HasPrefix(m, "unknown flag: "):
		return usage(cmd, "option inconnue : "+strings.TrimPrefix(m, "unknown flag: "))
	case strings.HasPrefix(m, "unknown shorthand flag: "):
		return usage(cmd, "option inconnue : "+strings.TrimPrefix(m, "unknown shorthand flag: "))
	case strings.HasPrefix(m, "flag needs an argument: "):
		return usage(cmd, "l'option "+strings.TrimPrefix(m, "flag needs an argument: ")+" demande une valeur")
	case strings.HasPrefix(m, "invalid argument "):
		if p := invalidArg.FindStringSubmatch(m); p != nil {
			what := "valeur invalide"
			switch {
			case strings.Contains(m, "ParseBool"):
				what = "cette option s'écrit seule, sans valeur"
			case strings.Contains(m, "strconv.Parse"):
				what = "un nombre est attendu"
			}
			return usage(cmd, "--"+strings.TrimLeft(p[2], "-")+" : « "+p[1]+" » refusé, "+what)
		}
		return usage(cmd, "valeur d'option invalide")
	}
	return usage(cmd, "ligne de commande incorrecte : "+m)
}

// args checks the number of positional arguments, in French.
func args(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		switch {
		case len(a) < n:
			return usage(cmd, what+" manquant")
		case len(a) > n:
			return usage(cmd, "trop d'arguments : "+strings.Join(a[n:], " "))
		}
		return nil
	}
}

// required refuses a missing flag, in French.
func required(cmd *cobra.Command, names ...string) error {
	var missing []string
	for _, n := range names {
		if !cmd.Flags().Changed(n) {
			if f := cmd.Flags().Lookup(n); f != nil && f.Shorthand != "" {
				missing = append(missing, "-"+f.Shorthand+" (--"+n+")")
			} else {
				missing = append(missing, "--"+n)
			}
		}
	}
	if len(missing) > 0 {
		return usage(cmd, "option(s) obligatoire(s) manquante(s) : "+strings.Join(missing, ", "))
	}
	return nil
}
