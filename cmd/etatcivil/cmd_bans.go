package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

type bannsOptions struct {
	fichier string
	sortie  string
	annee   int
}

func (e *env) bansCmd() *cobra.Command {
	var o bannsOptions
	publish := &cobra.Command{
		Use:   "publier --fichier F [-o affiche.pdf]",
		Short: "Enregistre la publication des bans et écrit l'avis à afficher",
		Long: `Enregistre la publication des bans d'un futur mariage (article 63 du Code civil) : les deux
futurs époux, le jour de l'affichage et, s'il est connu, le jour prévu du mariage. La publication
reçoit la référence bans/AAAA/N. Avec -o, écrit l'avis à afficher dix jours à la porte de la mairie.

Le mariage pourra être célébré à partir du dixième jour après la publication, et jusqu'à un an après.
Ce qui empêcherait le mariage et que le registre montre déjà (un futur époux encore marié, une
parenté interdite) est signalé dès maintenant. Le format du fichier : docs/format-bans.md.`,
		Example: "  etatcivil bans publier --fichier bans.json -o affiche.pdf",
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "fichier"); err != nil {
				return err
			}
			return e.runPublishBanns(o)
		},
	}
	publish.Flags().StringVarP(&o.fichier, "fichier", "f", "", "fichier JSON de la publication (- : entrée standard)")
	publish.Flags().StringVarP(&o.sortie, "sortie", "o", "", "fichier PDF de l'avis à afficher")
	e.replaceFlag(publish)

	print := &cobra.Command{
		Use:     "imprimer REF -o affiche.pdf",
		Short:   "Écrit de nouveau l'avis à afficher d'une publication",
		Example: "  etatcivil bans imprimer bans/2026/4 -o affiche.pdf",
		Args:    args(1, "référence de la publication (par exemple bans/2026/4)"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "sortie"); err != nil {
				return err
			}
			s, err := e.open(true)
			if err != nil {
				return err
			}
			defer s.Close()
			b, err := s.GetBanns(a[0])
			if err != nil {
				return err
			}
			if err := e.writeBanns(s, b, o.sortie); err != nil {
				return err
			}
			fmt.Fprintf(e.out, "Avis de publication écrit dans %s : à afficher dix jours à la porte de la mairie.\n", o.sortie)
			return nil
		},
	}
	print.Flags().StringVarP(&o.sortie, "sortie", "o", "", "fichier PDF à écrire")
	e.replaceFlag(print)

	list := &cobra.Command{
		Use:   "lister [--annee A]",
		Short: "Liste les publications de bans, avec la période où le mariage peut être célébré",
		Args:  args(0, ""),
		RunE:  func(*cobra.Command, []string) error { return e.runListBanns(o.annee) },
	}
	numberVar(list.Flags(), &o.annee, "annee", 0, minYear, maxYear, "année de publication (toutes par défaut)")
	return groupCmd("bans", "Publication des bans avant un mariage", publish, print, list)
}

func (e *env) runPublishBanns(o bannsOptions) error {
	if o.sortie != "" {
		// Check the output name before anything is recorded.
		out, err := e.createPDF(o.sortie)
		if err != nil {
			return err
		}
		out.Abort()
	}
	raw, err := e.readInput(o.fichier)
	if err != nil {
		return err
	}
	var b civil.Banns
	if err := decodeStrict(raw, &b); err != nil {
		return err
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	warnings, err := s.PublishBanns(&b)
	e.warn(warnings)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Publication des bans enregistrée : %s et %s, affichée le %s.\n", b.Epoux[0].FullName(), b.Epoux[1].FullName(), figures(b.DatePublication))
	fmt.Fprintf(e.out, "Le mariage pourra être célébré du %s au %s inclus.\n", figures(b.Earliest()), figures(dayBefore(b.Lapses())))
	if o.sortie != "" {
		if err := e.writeBanns(s, &b, o.sortie); err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Avis de publication écrit dans %s : à afficher dix jours à la porte de la mairie.\n", o.sortie)
	} else {
		fmt.Fprintf(e.out, "  → avis à afficher : etatcivil bans imprimer %s -o affiche.pdf\n", b.Ref())
	}
	fmt.Fprintln(e.out, b.Ref())
	return nil
}

func (e *env) writeBanns(s *registry.Store, b *civil.Banns, path string) error {
	c, err := s.Commune()
	if err != nil {
		return err
	}
	of, _ := s.Officer(b.Officier)
	return e.writePDF(path, func(w io.Writer) error { return forms.WriteBanns(w, *b, c, of) })
}

func (e *env) runListBanns(annee int) error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	n := 0
	err = s.ListBanns(annee, func(b *civil.Banns) error {
		n++
		_, err := fmt.Fprintf(e.out, "%-14s affichée le %s   mariage possible du %s au %s   %s et %s\n", b.Ref(), figures(b.DatePublication),
			figures(b.Earliest()), figures(dayBefore(b.Lapses())), b.Epoux[0].FullName(), b.Epoux[1].FullName())
		return err
	})
	if err == nil && n == 0 {
		fmt.Fprintln(e.out, "Aucune publication de bans.")
	}
	return err
}
