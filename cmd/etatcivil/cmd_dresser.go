package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

// The commands dresser and preparer: a marriage entered before its day
// is a planned marriage without a number (mariage/prevu/N); on the day of
// the celebration, dresser draws it up and gives it its number.

func (e *env) dresserCmd() *cobra.Command {
	var today bool
	cmd := &cobra.Command{
		Use:   "dresser (mariage/prevu/N… | --du-jour)",
		Short: "Le jour de la célébration, dresse un mariage prévu : il prend son numéro, sa feuille s'imprime pour la cérémonie",
		Long: `Un mariage enregistré avant son jour est un mariage prévu, sans numéro (mariage/prevu/N) :
le registre numérote les actes dans l'ordre où ils sont dressés, et l'acte de mariage se dresse
à la célébration (art. 75 du Code civil). Le jour de la célébration, le matin, dressez-le : les
conditions du mariage sont vérifiées de nouveau, il prend le numéro suivant du registre des
mariages, et sa feuille s'imprime pour la cérémonie (etatcivil imprimer), puis se signe après.

--du-jour dresse tous les mariages prévus aujourd'hui, dans l'ordre des heures. Plusieurs
mariages sont dressés ensemble, ou aucun : chaque refus est dit, rien n'est écrit.
Un mariage prévu un autre jour est refusé ; un mariage dont le jour est passé est dressé, avec
un avertissement.`,
		Example: "  etatcivil dresser --du-jour\n  etatcivil dresser mariage/prevu/3",
		Args: func(cmd *cobra.Command, a []string) error {
			switch {
			case today && len(a) > 0:
				return usage(cmd, "donnez soit des références, soit --du-jour, pas les deux")
			case !today && len(a) == 0:
				return usage(cmd, "référence du mariage prévu manquante (mariage/prevu/N), ou --du-jour")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, a []string) error { return e.runDrawUp(a, today) },
	}
	cmd.Flags().BoolVar(&today, "du-jour", false, "dresse tous les mariages prévus aujourd'hui")
	return cmd
}

func (e *env) runDrawUp(refTexts []string, today bool) error {
	var ns []int
	for _, t := range refTexts {
		n, ok := civil.ParsePlannedRef(t)
		if !ok {
			if _, err := civil.ParseRef(t); err == nil {
				return civil.Refuse("référence", "« "+t+" » est un acte déjà dressé : il a son numéro", "imprimez sa feuille, faites-la signer, puis enregistrez la signature",
					civil.Then(civil.PrintSheet, t), civil.Then(civil.SignAct, t))
			}
			return civil.Refuse("référence", "« "+t+" » n'est pas la référence d'un mariage prévu", "écrivez mariage/prevu/N, par exemple mariage/prevu/3", civil.Then(civil.SeeActs))
		}
		ns = append(ns, n)
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	var drawn []registry.Drawn
	var warnings []string
	if today {
		drawn, warnings, err = s.DrawUpToday()
	} else {
		drawn, warnings, err = s.DrawUp(ns...)
	}
	e.warn(warnings)
	if err != nil {
		return err
	}
	for _, d := range drawn {
		a := d.Act
		fmt.Fprintf(e.out, "Mariage %s dressé : acte de mariage n° %d de %d, %s, célébration le %s à %s.\n", d.Planned, a.Numero, a.Annee, a.Who(), figures(a.Date), a.Heure)
		fmt.Fprintf(e.out, "  → imprimez la feuille pour la cérémonie : etatcivil imprimer %s -o %s.pdf ; après la célébration : etatcivil signer %s\n",
			a.Ref(), strings.ReplaceAll(a.Ref().String(), "/", "-"), a.Ref())
	}
	for _, d := range drawn {
		fmt.Fprintln(e.out, d.Act.Ref())
	}
	return nil
}

func (e *env) preparerCmd() *cobra.Command {
	var motif string
	cmd := &cobra.Command{
		Use:   "preparer REF [--motif TEXTE]",
		Short: "Rend son état de mariage prévu à un mariage numéroté avant son jour (par une version précédente)",
		Long: `Une version précédente donnait son numéro à un mariage enregistré avant son jour : le registre
n'était plus dans l'ordre des dates. Pour un tel brouillon, dont la célébration est après
aujourd'hui, preparer en fait un mariage prévu (mariage/prevu/N), dressé le jour de la
célébration, et son numéro devient « non utilisé », avec le motif (par défaut : mariage saisi avant
le jour de sa célébration), et n'est jamais repris. La feuille imprimée avec ce numéro est à détruire.`,
		Example: "  etatcivil preparer mariage/2026/5",
		Args:    args(1, "référence de l'acte de mariage"),
		RunE: func(_ *cobra.Command, a []string) error {
			return e.withRef(a[0], false, func(s *registry.Store, ref civil.Ref) error {
				planned, unused, err := s.Unnumber(ref, motif)
				if err != nil {
					return err
				}
				fmt.Fprintln(e.out, registry.UnnumberedText(unused))
				fmt.Fprintf(e.out, "Mariage prévu %s, sans numéro, célébration le %s à %s : le jour venu, etatcivil dresser %s\n", planned.Reference(), figures(planned.Date), planned.Heure, planned.Reference())
				fmt.Fprintln(e.out, planned.Reference())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&motif, "motif", "", "pourquoi le numéro n'est pas utilisé (un motif par défaut le dit)")
	return cmd
}
