package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/registry"
)

func (e *env) signerCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "signer REF",
		Short: "Enregistre que la feuille de l'acte a été signée à la main : l'acte est figé",
		Long: `Enregistre que la feuille imprimée a été signée à l'encre par l'officier et les comparants.
L'acte ne peut plus être corrigé ni annulé : toute modification ultérieure passe par une mention.`,
		Example: "  etatcivil signer naissance/2026/38",
		Args:    args(1, "référence de l'acte (par exemple naissance/2026/38)"),
		RunE:    func(_ *cobra.Command, a []string) error { return e.runSign(a[0]) },
	}
}

func (e *env) runSign(refText string) error {
	return e.withRef(refText, false, func(s *registry.Store, ref registry.Ref) error {
		a, err := s.Sign(ref)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Acte %s signé : il est désormais figé (%s).\n", ref, a.Subject().FullName())
		return nil
	})
}
