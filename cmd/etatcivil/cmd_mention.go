package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) mentionCmd() *cobra.Command {
	m := civil.Mention{}
	add := &cobra.Command{
		Use:   "ajouter REF --texte T (--nature N | --fondement F) [--officier ID]",
		Short: "Ajoute une mention en marge d'un acte signé",
		Long: `Ajoute une mention en marge d'un acte signé. Avec --nature, le fondement juridique habituel
est proposé (--fondement le remplace) :
` + naturesHelp() + `
Les mentions de mariage et de décès des actes de ce registre s'ajoutent seules à la signature ;
--nature mariage ou deces sert à porter un avis de mention reçu d'une autre commune.`,
		Example: `  etatcivil mention ajouter naissance/2026/38 --nature rectification --texte "Rectifié : lire Chloë"
  etatcivil mention ajouter mariage/2026/4 --nature divorce --texte "Divorcés par jugement du tribunal judiciaire de Lille du 2 octobre 2026."`,
		Args: args(1, "référence de l'acte"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "texte"); err != nil {
				return err
			}
			if m.Nature == "" {
				if err := required(cmd, "fondement"); err != nil {
					return err
				}
			}
			return e.runMention(a[0], m)
		},
	}
	add.Flags().StringVar(&m.Texte, "texte", "", "texte de la mention, tel qu'il sera porté en marge")
	add.Flags().StringVar(&m.Nature, "nature", "", "nature de la mention : "+civil.NatureCodes())
	add.Flags().StringVar(&m.Fondement, "fondement", "", "fondement juridique (article, jugement) ; par défaut celui de la nature")
	add.Flags().StringVar(&m.Officier, "officier", "", "officier au nom duquel la mention est signée (par défaut celui de l'acte)")
	return groupCmd("mention", "Mentions en marge des actes signés", add)
}

// naturesHelp lists the natures of mention with their usual legal basis.
func naturesHelp() string {
	var b strings.Builder
	for _, n := range civil.Natures {
		fmt.Fprintf(&b, "  %-19s %s — %s\n", n.Code, n.Label, n.Fondement)
	}
	return b.String()
}

func (e *env) runMention(refText string, m civil.Mention) error {
	return e.withRef(refText, false, func(s *registry.Store, ref civil.Ref) error {
		a, err := s.AddMention(ref, m)
		if err != nil {
			return err
		}
		added := a.Mentions[len(a.Mentions)-1]
		of, _ := s.Officer(added.Officier)
		fmt.Fprintf(e.out, "Mention ajoutée en marge de l'acte %s (%s), signée au nom de %s (%s).\n", ref,
			added.Fondement, of.FullName(), of.QualiteLabel())
		return nil
	})
}
