package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/registry"
)

func (e *env) mentionCmd() *cobra.Command {
	m := registry.Mention{}
	add := &cobra.Command{
		Use:     "ajouter REF --texte T --fondement F [--officier ID]",
		Short:   "Ajoute une mention en marge d'un acte signé",
		Example: `  etatcivil mention ajouter naissance/2026/38 --texte "Rectifié : lire Chloë" --fondement "art. 99-1 du Code civil"`,
		Args:    args(1, "référence de l'acte"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "texte", "fondement"); err != nil {
				return err
			}
			return e.runMention(a[0], m)
		},
	}
	add.Flags().StringVar(&m.Texte, "texte", "", "texte de la mention, tel qu'il sera porté en marge")
	add.Flags().StringVar(&m.Fondement, "fondement", "", "fondement juridique (article, jugement)")
	add.Flags().StringVar(&m.Officier, "officier", "", "officier au nom duquel la mention est signée (par défaut celui de l'acte)")
	return groupCmd("mention", "Mentions en marge des actes signés", add)
}

func (e *env) runMention(refText string, m registry.Mention) error {
	return e.withRef(refText, false, func(s *registry.Store, ref registry.Ref) error {
		a, err := s.AddMention(ref, m)
		if err != nil {
			return err
		}
		added := a.Mentions[len(a.Mentions)-1]
		of, _ := s.Officer(added.Officier)
		fmt.Fprintf(e.out, "Mention ajoutée en marge de l'acte %s, signée au nom de %s (%s).\n", ref,
			of.FullName(), of.QualiteLabel())
		return nil
	})
}
