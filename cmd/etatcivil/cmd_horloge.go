package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/registry"
)

type clockOptions struct {
	confirm bool
	officer string
}

func (e *env) horlogeCmd() *cobra.Command {
	o := &clockOptions{}
	cmd := &cobra.Command{
		Use:   "horloge [--confirmer --officier ID]",
		Short: "Compare l'horloge de l'ordinateur avec la dernière écriture du registre",
		Long: `L'horloge de l'ordinateur date chaque acte, chaque entrée du journal et chaque copie. Tant qu'elle
indique une date antérieure à la dernière écriture du registre (pile de l'horloge usée, ordinateur
remis à zéro), toute écriture est refusée. Remettez l'ordinateur à la bonne date et heure.
Si l'horloge est juste et que c'est la dernière écriture qui avait été datée à tort (horloge en
avance à ce moment-là), l'officier de l'état civil le constate avec --confirmer et sa phrase
secrète personnelle : le constat est inscrit au journal et les écritures reprennent.`,
		Example: `  etatcivil horloge
  etatcivil horloge --confirmer --officier o1`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.confirm {
				if err := required(cmd, "officier"); err != nil {
					return err
				}
			}
			return e.runClock(o)
		},
	}
	cmd.Flags().BoolVar(&o.confirm, "confirmer", false, "l'officier constate que l'horloge est juste et que la dernière écriture était datée à tort")
	cmd.Flags().StringVar(&o.officer, "officier", "", "identifiant de l'officier qui fait le constat")
	return cmd
}

func (e *env) runClock(o *clockOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Clock()
	if err != nil {
		return err
	}
	for _, l := range st.Lines() {
		fmt.Fprintln(e.out, l)
	}
	if st.Seq == 0 {
		return nil
	}
	if o.confirm {
		if st.Behind { // the officer's passphrase, when there is something to state
			if _, err := e.attest(s, o.officer); err != nil {
				return err
			}
		}
		if err := s.ConfirmClock(o.officer); err != nil {
			return err
		}
		fmt.Fprintln(e.out, registry.ClockConfirmed(o.officer))
		return nil
	}
	fmt.Fprintln(e.out, st.Verdict())
	if st.Behind {
		fmt.Fprintln(e.out, "  → remettez l'ordinateur à la bonne date et heure ; si c'est la dernière écriture qui était datée à tort : etatcivil horloge --confirmer --officier ID")
	}
	return nil
}
