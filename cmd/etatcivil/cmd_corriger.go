package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) corrigerCmd() *cobra.Command {
	var fichier string
	var doublon bool
	cmd := &cobra.Command{
		Use:     "corriger REF --fichier F",
		Short:   "Remplace le contenu d'un brouillon (acte non signé), en gardant son numéro",
		Example: `  etatcivil corriger naissance/2026/38 --fichier acte-corrige.json`,
		Args:    args(1, "référence de l'acte"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "fichier"); err != nil {
				return err
			}
			return e.runCorrect(a[0], fichier, doublon)
		},
	}
	cmd.Flags().StringVarP(&fichier, "fichier", "f", "", "fichier JSON de l'acte corrigé (- : entrée standard)")
	cmd.Flags().BoolVar(&doublon, "doublon-confirme", false, "corrige même si un autre acte du même événement est au registre (vérifié : un autre événement)")
	return cmd
}

func (e *env) runCorrect(refText, fichier string, doublon bool) error {
	planned := func(s *registry.Store, n int) error {
		in, err := e.readActFile(fichier, civil.Mariage)
		if err != nil {
			return err
		}
		warnings, a, err := s.CorrectPlanned(n, in, registry.RegisterOptions{DuplicateConfirmed: doublon})
		e.warn(warnings)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Mariage prévu %s corrigé (%s, célébration le %s à %s) ; il se dresse le jour de la célébration : etatcivil dresser %s\n",
			a.Reference(), a.Who(), figures(a.Date), a.Heure, a.Reference())
		fmt.Fprintln(e.out, a.Reference())
		return nil
	}
	return e.withActOrPlanned(refText, false, func(s *registry.Store, ref civil.Ref) error {
		in, err := e.readActFile(fichier, ref.Registre)
		if err != nil {
			return err
		}
		warnings, a, err := s.CorrectWith(ref, in, registry.RegisterOptions{DuplicateConfirmed: doublon})
		e.warn(warnings)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Brouillon %s corrigé (%s). Réimprimez la feuille avant signature.\n", ref, a.Who())
		fmt.Fprintln(e.out, ref)
		return nil
	}, planned)
}
