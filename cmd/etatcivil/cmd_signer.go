package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
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
	return e.withRef(refText, false, func(s *registry.Store, ref civil.Ref) error {
		a, follow, err := s.Sign(ref)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Acte %s signé : il est désormais figé (%s).\n", ref, a.Who())
		e.printFollowUps(follow)
		return nil
	})
}

// printFollowUps reports the mentions that a signature wrote in the
// register and the notices to send to other communes.
func (e *env) printFollowUps(follow []registry.FollowUp) {
	var notices []*registry.Notice
	for _, f := range follow {
		if f.Notice != nil {
			notices = append(notices, f.Notice)
			continue
		}
		if f.Note != "" {
			fmt.Fprintf(e.out, "Aucune mention : %s.\n", f.Note)
			continue
		}
		fmt.Fprintf(e.out, "Mention portée en marge de l'acte %s : « %s » (%s).\n", f.Act, f.Mention.Texte, f.Mention.Fondement)
	}
	for _, n := range notices {
		fmt.Fprintf(e.out, "Avis de mention n° %d à envoyer avant le %s : %s\n", n.Numero, figures(n.Echeance), n.Destinataire)
		fmt.Fprintf(e.out, "  acte de naissance de %s, %s le %s à %s : « %s »\n", n.Personne.FullName(), civil.Agree(n.Personne.Sexe, "né", "née"),
			figures(n.Personne.DateNaissance), n.Personne.LieuNaissance, n.Texte)
	}
	if len(notices) > 0 {
		fmt.Fprintf(e.out, "  → imprimez chaque avis (etatcivil mentions avis N -o avis-N.pdf), envoyez-le, puis : etatcivil mentions envoyee N\n")
	}
}
