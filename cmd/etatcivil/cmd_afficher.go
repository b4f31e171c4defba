package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) afficherCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "afficher REF [--json]",
		Short:   "Affiche le texte de l'acte tel qu'il sera imprimé",
		Example: "  etatcivil afficher naissance/2026/38",
		Args:    args(1, "référence de l'acte"),
		RunE:    func(_ *cobra.Command, a []string) error { return e.runShow(a[0], asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "l'acte au format d'export")
	return cmd
}

func (e *env) runShow(refText string, asJSON bool) error {
	planned := func(s *registry.Store, n int) error {
		a, err := s.GetPlanned(n)
		if err != nil {
			return err
		}
		if asJSON {
			return e.printJSON(a)
		}
		text, err := actText(s, a)
		if err != nil {
			return err
		}
		if a.Statut == civil.StatutAbandonne {
			fmt.Fprintf(e.out, "MARIAGE PRÉVU ANNULÉ — %s (motif : %s) : il ne sera pas dressé.\n\n", a.Reference(), a.Motif)
		} else {
			fmt.Fprintf(e.out, "MARIAGE PRÉVU — %s, sans numéro : le jour de la célébration (%s), dressez l'acte, qui prend alors son numéro : etatcivil dresser %s\n\n",
				a.Reference(), figures(a.Date), a.Reference())
		}
		fmt.Fprint(e.out, text)
		return nil
	}
	return e.withActOrPlanned(refText, true, func(s *registry.Store, ref civil.Ref) error {
		a, err := s.Get(ref)
		if err != nil {
			return err
		}
		if asJSON {
			return e.printJSON(a)
		}
		text, err := actText(s, a)
		if err != nil {
			return err
		}
		if am, ok := a.Annulment(); ok {
			fmt.Fprintf(e.out, "ACTE ANNULÉ — l'acte %s est %s : il n'en est plus délivré ni copie ni extrait.\n\n", ref, civil.AnnulmentText(am))
		}
		fmt.Fprint(e.out, text)
		return nil
	}, planned)
}
