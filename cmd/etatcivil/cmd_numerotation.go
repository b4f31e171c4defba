package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/parse"
)

type numberingOptions struct {
	registre       string
	annee, dernier int
}

func (e *env) numerotationCmd() *cobra.Command {
	o := &numberingOptions{}
	cmd := &cobra.Command{
		Use:   "numerotation --registre naissance|deces|mariage --annee AAAA --dernier N",
		Short: "Continue la numérotation du système principal ou du registre papier",
		Long: `Indique le dernier numéro utilisé dans le système principal (ou sur le registre papier)
pour ce registre et cette année : le premier acte enregistré ici prendra le numéro suivant.
Refusé dès que le registre de l'année contient un acte : un numéro n'est jamais repris.`,
		Example: `  etatcivil numerotation --registre naissance --annee 2026 --dernier 37`,
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "registre", "annee", "dernier"); err != nil {
				return err
			}
			return e.runNumbering(o)
		},
	}
	choiceVar(cmd.Flags(), &o.registre, "registre", "", civil.KindChoice, "naissance, deces ou mariage")
	numberVar(cmd.Flags(), &o.annee, "annee", 0, minYear, maxYear, "année du registre")
	numberVar(cmd.Flags(), &o.dernier, "dernier", 0, 0, parse.MaxActNumber, "dernier numéro déjà utilisé (0 si aucun)")
	return cmd
}

func (e *env) runNumbering(o *numberingOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SetNumbering(civil.Kind(o.registre), o.annee, o.dernier); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Registre des %s %d : le prochain acte portera le numéro %d.\n", civil.Kind(o.registre).Plural(), o.annee, o.dernier+1)
	return nil
}
