package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) signerCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "signer REF [REF…]",
		Short: "Enregistre que la feuille de l'acte a été signée à la main : l'acte est figé",
		Long: `Enregistre que la feuille imprimée a été signée à l'encre par l'officier et les comparants.
L'acte ne peut plus être corrigé ni annulé : toute modification ultérieure passe par une mention.

Seule une feuille imprimée de l'acte tel qu'il est enregistré peut avoir été signée : un acte
jamais imprimé, ou corrigé depuis sa dernière impression, est refusé (« imprimez la feuille et
faites-la signer »).

Plusieurs actes peuvent être donnés (la pile des feuilles signées de la journée) : ils sont
tous signés ensemble, ou aucun. Si l'un est refusé, rien n'est enregistré et chaque acte refusé
est indiqué avec sa raison ; réglez-les (ou retirez-les de la liste) et relancez la commande.`,
		Example: "  etatcivil signer naissance/2026/38\n  etatcivil signer naissance/2026/38 naissance/2026/39 deces/2026/13",
		Args: func(cmd *cobra.Command, a []string) error {
			if len(a) == 0 {
				return usage(cmd, "référence de l'acte manquante (par exemple naissance/2026/38)")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, a []string) error { return e.runSign(a) },
	}
}

func (e *env) runSign(refTexts []string) error {
	var refs []civil.Ref
	for _, t := range refTexts {
		ref, err := civil.ParseRef(t)
		if err != nil {
			return err
		}
		refs = append(refs, ref)
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	signed, err := s.SignAll(refs...)
	if err != nil {
		return err
	}
	for _, sg := range signed {
		fmt.Fprintf(e.out, "Acte %s signé : il est désormais figé (%s).\n", sg.Act.Ref(), sg.Act.Who())
		e.printFollowUps(sg.Follow)
	}
	return nil
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
