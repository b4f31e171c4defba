package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/registry"
)

type witnessOptions struct{ officer, motif string }

func (e *env) temoinCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "temoin [accepter --officier ID --motif TEXTE]",
		Short: "Témoin du registre : vérifie que le registre n'est pas plus ancien que ses dernières écritures",
		Long: `À côté du registre, le fichier registre.temoin retient la dernière écriture du journal. Si le
registre est remplacé par une copie plus ancienne, ou si le disque perd les dernières écritures,
plus rien n'est écrit et les entrées manquantes sont nommées. Remettez le registre le plus récent
en place, ou restaurez la dernière sauvegarde ; si ces écritures sont perdues pour de bon, un
officier l'accepte (etatcivil temoin accepter) et les actes perdus sont ressaisis.`,
		Args: args(0, ""),
		RunE: func(*cobra.Command, []string) error {
			s, err := e.open(true)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Behind(); err != nil {
				return err
			}
			fmt.Fprintln(e.out, registry.WitnessUpToDate)
			return nil
		},
	}
	o := &witnessOptions{}
	accept := &cobra.Command{
		Use:   "accepter --officier ID --motif TEXTE",
		Short: "L'officier accepte la perte des écritures que le témoin a vues et que le registre n'a plus",
		Long: `À n'utiliser que lorsque ni le registre le plus récent ni aucune sauvegarde ne contient les
écritures manquantes. La perte est inscrite au journal avec les entrées perdues, le journal est
ancré par la signature de l'officier, et les écritures reprennent. Les actes perdus doivent être
ressaisis : leurs numéros seront donnés de nouveau, vérifiez les feuilles déjà imprimées.`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "officier", "motif"); err != nil {
				return err
			}
			e.quiet = true
			s, err := e.open(false)
			if err != nil {
				return err
			}
			defer s.Close()
			sg, err := e.officerSigner(s, o.officer)
			if err != nil {
				return err
			}
			lost, err := s.AcceptLoss(o.motif, sg)
			if err != nil {
				return err
			}
			for _, l := range lost.Accepted(sg.Key.Cert.Subject.CommonName) {
				fmt.Fprintln(e.out, l)
			}
			return nil
		},
	}
	accept.Flags().StringVar(&o.officer, "officier", "", "officier de l'état civil qui accepte la perte")
	accept.Flags().StringVar(&o.motif, "motif", "", "pourquoi ces écritures sont perdues (par exemple « disque défaillant, aucune sauvegarde plus récente »)")
	cmd.AddCommand(accept)
	return cmd
}
