package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) copiesCmd() *cobra.Command {
	var depuis string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "copies [--depuis AAAA-MM-JJ] [--json]",
		Short: "Affiche le registre des copies : chaque demande, délivrée ou refusée",
		Example: `  etatcivil copies --depuis 2026-11-01
  etatcivil copies --json > copies.jsonl`,
		Args: args(0, ""),
		RunE: func(*cobra.Command, []string) error { return e.runCopies(depuis, asJSON) },
	}
	dateVar(cmd.Flags(), &depuis, "depuis", "seulement les demandes faites ce jour-là ou après (JJ/MM/AAAA)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "une demande par ligne en JSON")
	return cmd
}

func (e *env) runCopies(depuis string, asJSON bool) error {
	var since time.Time
	if depuis != "" {
		since, _ = time.ParseInLocation(civil.DateLayout, depuis, time.Local) // read by dateVar
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	enc := json.NewEncoder(e.out)
	n := 0
	err = s.Copies(since, func(c registry.CopyRecord) error {
		n++
		if asJSON {
			return enc.Encode(c)
		}
		result := "délivrée n° " + c.Serie
		if c.Statut == registry.CopieRefusee {
			result = "REFUSÉE : " + c.Motif
		}
		_, err := fmt.Fprintf(e.out, "%4d  %s  %-20s %-23s %s (%s) — %s\n", c.Numero, c.Time().Local().Format("02/01/2006 15:04"),
			c.Reference, civil.FormeLabel(c.Forme), c.Demandeur, requester(c), result)
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 && !asJSON {
		fmt.Fprintln(e.out, "Aucune demande de copie.")
	}
	return nil
}

// requester writes a requester's quality as the copy log shows it, with
// a genealogist's mandate.
func requester(c registry.CopyRecord) string {
	q := civil.RequesterLabel(c.Qualite)
	if c.Mandat != "" {
		q += ", mandat " + c.Mandat
	}
	return q
}
