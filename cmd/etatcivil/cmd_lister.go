package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
)

type listOptions struct {
	registre string
	annee    int
	json     bool
}

func (e *env) listerCmd() *cobra.Command {
	o := &listOptions{}
	cmd := &cobra.Command{
		Use:     "lister [--registre R] [--annee A] [--json]",
		Short:   "Liste les actes, dans l'ordre du registre",
		Example: "  etatcivil lister --registre naissance --annee 2026\n  etatcivil lister --json > actes.jsonl",
		Args:    args(0, ""),
		RunE:    func(*cobra.Command, []string) error { return e.runList(o) },
	}
	choiceVar(cmd.Flags(), &o.registre, "registre", "", civil.KindChoice, "naissance, deces ou mariage (tous par défaut)")
	numberVar(cmd.Flags(), &o.annee, "annee", 0, minYear, maxYear, "année du registre (toutes par défaut)")
	cmd.Flags().BoolVar(&o.json, "json", false, "un acte par ligne au format d'export (JSON Lines)")
	return cmd
}

var statusLabels = map[string]string{
	civil.StatutBrouillon:  "brouillon",
	civil.StatutSigne:      "signé",
	civil.StatutNonUtilise: "non utilisé",
	civil.StatutPrevu:      "prévu",
}

func (e *env) runList(o *listOptions) error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	n := 0
	err = s.List(civil.Kind(o.registre), o.annee, func(a *civil.Act) error {
		n++
		if o.json {
			return e.printJSON(a)
		}
		who := a.Current().WhoAndKind() // as the mentions made it: a deceased identified later
		if a.Statut == civil.StatutNonUtilise {
			who += " — motif : " + a.Motif
		}
		if am, ok := a.Annulment(); ok {
			who += " — " + civil.AnnulmentText(am)
		}
		if civil.Planned(a, e.clock()) && a.Statut == civil.StatutBrouillon {
			who += " — numéroté avant le jour de la célébration : etatcivil preparer " + a.Ref().String()
		}
		_, err := fmt.Fprintf(e.out, "%-20s %-12s %-10s %s\n", a.Ref(), civil.ActStatusLabel(a), figures(a.EventDate()), who)
		return err
	})
	if err != nil {
		return err
	}
	// The marriages prepared before their day, without a number.
	if !o.json && (o.registre == "" || civil.Kind(o.registre) == civil.Mariage) {
		first := true
		err = s.ListPlanned(o.annee, true, func(a *civil.Act) error {
			if first {
				if n > 0 {
					fmt.Fprintln(e.out)
				}
				fmt.Fprintln(e.out, "Mariages prévus, sans numéro (dressés le jour de la célébration : etatcivil dresser) :")
				first = false
			}
			n++
			who := a.Who()
			if a.Statut == civil.StatutAbandonne {
				who += " — motif : " + a.Motif
			}
			_, err := fmt.Fprintf(e.out, "%-20s %-12s %-10s %s à %s\n", a.Reference(), civil.StatusLabel(a.Statut), figures(a.Date), who, a.Heure)
			return err
		})
	}
	if err == nil && n == 0 && !o.json {
		fmt.Fprintln(e.out, "Aucun acte.")
	}
	return err
}
