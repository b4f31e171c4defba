package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
)

type summaryOptions struct{ output, officer string }

func (e *env) rapprochementCmd() *cobra.Command {
	o := &summaryOptions{}
	cmd := &cobra.Command{
		Use:   "rapprochement -o FICHIER.pdf [--officier ID]",
		Short: "Rapprochement de reprise à faire signer : chaque numéro, copies, mentions, avis en attente",
		Long: `Imprime l'état que l'officier signe au retour du système principal : pour chaque registre, les
numéros attribués sur ce poste, du premier au dernier, chacun avec son acte ou le motif pour lequel il
n'a pas servi ; les copies délivrées ; les mentions portées ; les avis de mention encore à envoyer.`,
		Example: `  etatcivil rapprochement -o rapprochement.pdf --officier o1`,
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "output"); err != nil {
				return err
			}
			return e.runSummary(o)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "fichier PDF à écrire")
	e.replaceFlag(cmd)
	cmd.Flags().StringVar(&o.officer, "officier", "", "officier qui signe l'état (son nom est imprimé)")
	return cmd
}

func (e *env) runSummary(o *summaryOptions) error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	var off civil.Officer
	if o.officer != "" {
		var ok bool
		if off, ok = s.Officer(o.officer); !ok {
			return civil.Refuse("--officier", "officier « "+o.officer+" » inconnu", "voir etatcivil officier lister")
		}
	}
	sum, err := s.Summary()
	if err != nil {
		return err
	}
	if err := e.writePDF(o.output, func(w io.Writer) error { return forms.WriteSummary(w, sum, off, e.clock()) }); err != nil {
		return err
	}
	for _, l := range sum.Lines() {
		fmt.Fprintln(e.out, l)
	}
	if w := sum.DraftsLeft(); w != "" {
		fmt.Fprintln(e.errOut, w)
	}
	fmt.Fprintf(e.out, "État écrit dans %s : à faire signer par l'officier et à joindre à la ressaisie.\n", o.output)
	return nil
}
