package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) annulerCmd() *cobra.Command {
	var motif string
	cmd := &cobra.Command{
		Use:   "annuler REF --motif TEXTE",
		Short: "Abandonne un brouillon : son numéro devient « non utilisé »",
		Long: `Abandonne un acte non signé. Son numéro reste au registre comme « non utilisé », avec le motif,
et n'est jamais repris. Un acte signé ne s'annule pas. Un mariage prévu (mariage/prevu/N), qui
n'a pas de numéro, est annulé avec son motif et ne sera pas dressé.`,
		Example: `  etatcivil annuler naissance/2026/39 --motif "déclarant reparti sans signer"`,
		Args:    args(1, "référence de l'acte"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "motif"); err != nil {
				return err
			}
			return e.runCancel(a[0], motif)
		},
	}
	cmd.Flags().StringVar(&motif, "motif", "", "pourquoi l'acte n'est pas achevé")
	return cmd
}

func (e *env) runCancel(refText, motif string) error {
	planned := func(s *registry.Store, n int) error {
		a, err := s.AbandonPlanned(n, motif)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Mariage prévu %s annulé (motif : %s) : il ne sera pas dressé ; aucun numéro n'avait été donné.\n", a.Reference(), a.Motif)
		return nil
	}
	return e.withActOrPlanned(refText, false, func(s *registry.Store, ref civil.Ref) error {
		if _, err := s.Cancel(ref, motif); err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Numéro %s non utilisé (motif : %s). Il ne sera jamais repris.\n", ref, motif)
		return nil
	}, planned)
}
