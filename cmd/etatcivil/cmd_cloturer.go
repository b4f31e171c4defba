package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

type closeOptions struct {
	registre, output, officer string
	annee                     int
}

func (e *env) cloturerCmd() *cobra.Command {
	o := &closeOptions{}
	cmd := &cobra.Command{
		Use:   "cloturer --registre naissance|deces|mariage --annee AAAA --officier ID -o pv.pdf",
		Short: "Clôt le registre d'une année et imprime le procès-verbal de clôture",
		Long: `Clôt et arrête le registre d'une année : plus aucun acte ne peut y être inscrit (les mentions
restent possibles). Les brouillons doivent d'abord être signés ou annulés. Le procès-verbal indique
les numéros du premier au dernier et les numéros non utilisés avec leur motif ; il est signé par
l'officier, qui donne sa phrase secrète personnelle. Sur un registre déjà clos, la commande
réimprime le procès-verbal (sans phrase).`,
		Example: `  etatcivil cloturer --registre naissance --annee 2026 --officier o1 -o pv-naissances-2026.pdf`,
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "registre", "annee", "officier", "output"); err != nil {
				return err
			}
			return e.runClose(o)
		},
	}
	choiceVar(cmd.Flags(), &o.registre, "registre", "", civil.KindChoice, "naissance, deces ou mariage")
	numberVar(cmd.Flags(), &o.annee, "annee", 0, minYear, maxYear, "année du registre")
	cmd.Flags().StringVar(&o.officer, "officier", "", "officier de l'état civil qui clôt le registre")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "fichier PDF du procès-verbal")
	e.replaceFlag(cmd)
	return cmd
}

func (e *env) runClose(o *closeOptions) error {
	if err := e.checkPDFName(o.output); err != nil { // before closing anything
		return err
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	// The officer who closes signs an anchor of the journal: the key is
	// opened first, so that a wrong passphrase closes nothing.
	ry, closed, err := s.CloseYear(civil.Kind(o.registre), o.annee, o.officer, func() (registry.Signer, error) { return e.officerSigner(s, o.officer) })
	if err != nil {
		return err
	}
	c, err := s.Commune()
	if err != nil {
		return err
	}
	off, _ := s.Officer(ry.ClosPar)
	if err := e.writePDF(o.output, func(w io.Writer) error { return forms.WriteClosing(w, ry, c, off) }); err != nil {
		return err
	}
	if !closed {
		fmt.Fprintf(e.out, "%s : procès-verbal réimprimé dans %s.\n", ry.ClosedText(false), o.output)
		return nil
	}
	fmt.Fprintln(e.out, ry.ClosedText(true))
	fmt.Fprintf(e.out, "Procès-verbal écrit dans %s : à faire signer par l'officier.\n", o.output)
	return nil
}
