package main

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"etatcivil/internal/fold"
	"etatcivil/internal/words"
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
			if f := cmd.Flags().Lookup(strings.TrimLeft(p[2], "-")); f != nil {
				if v, ok := f.Value.(parsedValue); ok && v.problem() != nil {
					return &usageError{p[2] + " : " + v.problem().Rule, v.problem().Hint}
				}
			}
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
		return usage(cmd, words.Agree(len(missing), "option obligatoire manquante : ", "options obligatoires manquantes : ")+strings.Join(missing, ", "))
	}
	return nil
}

// commandNames reads the names of the commands in args as a clerk may
// type them: accents, case and hyphens do not count, nor a final plural s
// when no command is spelled with it (« etatcivil Décès », « etatcivil
// naissances », « etatcivil mentions envoyée 3 » run deces, naissance and
// mentions envoyee; copie and copies stay two commands). Unlike option
// values, a command is never guessed from its first letters. It returns
// args with each command name as the program spells it; what names no
// command is left for cobra to refuse.
func commandNames(root *cobra.Command, args []string) []string {
	out := append([]string(nil), args...)
	c := root
	for i := 0; i < len(out); i++ {
		a := out[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			if takesValue(c, a) {
				i++
			}
			continue
		}
		sub := subCommand(c, a)
		if sub == nil {
			break
		}
		out[i] = sub.Name()
		c = sub
	}
	return out
}

// subCommand returns the subcommand of c that a names, or nil.
func subCommand(c *cobra.Command, a string) *cobra.Command {
	key := fold.Key(a)
	for _, try := range []string{key, strings.TrimSuffix(key, "s")} {
		for _, sub := range c.Commands() {
			for _, n := range append([]string{sub.Name()}, sub.Aliases...) {
				if fold.Key(n) == try {
					return sub
				}
			}
		}
	}
	return nil
}

// takesValue tells whether the flag written a (« --dossier », « -o »,
// not « --dossier=D » nor « --json ») takes the next argument as its value.
func takesValue(c *cobra.Command, a string) bool {
	name := strings.TrimLeft(a, "-")
	if strings.Contains(name, "=") {
		return false
	}
	var f *pflag.Flag
	for _, fs := range []*pflag.FlagSet{c.Flags(), c.InheritedFlags()} {
		if strings.HasPrefix(a, "--") {
			f = fs.Lookup(name)
		} else if len(name) == 1 {
			f = fs.ShorthandLookup(name)
		}
		if f != nil {
			break
		}
	}
	return f != nil && f.NoOptDefVal == ""
}
