package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) rechercheCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "recherche TEXTE [--json]",
		Short: "Cherche une personne dans tous les actes (accents, majuscules et tirets ignorés)",
		Long: `Cherche parmi toutes les personnes nommées dans les actes (enfant, parents, défunt, conjoint,
déclarant). Chaque mot doit correspondre au début d'un nom ou d'un prénom, sans tenir compte des
accents, des majuscules ni des tirets (« muller » trouve MÜLLER), ou se prononcer pareil
(« Lefèbvre » trouve LEFEVRE) : ces résultats-là sont marqués « ≈ ».`,
		Example: "  etatcivil recherche muller\n  etatcivil recherche \"zoé müller\"",
		Args:    cobraMinArgs(1),
		RunE:    func(_ *cobra.Command, a []string) error { return e.runSearch(strings.Join(a, " "), asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "un résultat par ligne en JSON")
	return cmd
}

func cobraMinArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) < n {
			return usage(cmd, "texte à rechercher manquant")
		}
		return nil
	}
}

// hitJSON is one search result in JSON.
type hitJSON struct {
	Reference  string       `json:"reference"`
	Role       string       `json:"role"`
	Personne   civil.Person `json:"personne"`
	Statut     string       `json:"statut"`
	Date       string       `json:"date"`
	Phonetique bool         `json:"phonetique"`
	Annule     bool         `json:"annule,omitempty"`
}

func (e *env) runSearch(q string, asJSON bool) error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	found, err := s.Find(q)
	if err != nil {
		return err
	}
	hits := found.Hits
	enc := json.NewEncoder(e.out)
	for _, h := range hits {
		if asJSON {
			if err := enc.Encode(hitJSON{h.Ref.String(), h.Role, h.Person, h.Statut, h.Date, h.Phonetic, h.Annule}); err != nil {
				return err
			}
			continue
		}
		mark := " "
		if h.Phonetic {
			mark = "≈"
		}
		status := statusLabels[h.Statut]
		if h.Annule {
			status = "ANNULÉ"
		}
		fmt.Fprintf(e.out, "%s %-20s %-10s %-12s %s\n", mark, h.Ref, civil.RoleLabel(h.Role), status, h.Person.FullName())
	}
	if !asJSON {
		switch {
		case len(hits) == 0:
			fmt.Fprintln(e.out, "Aucune personne trouvée pour « "+q+" ».")
		case len(hits) == registry.MaxHits:
			fmt.Fprintf(e.out, "(%d premiers résultats : précisez la recherche, par exemple avec le prénom)\n", registry.MaxHits)
		case found.SoundsCut:
			fmt.Fprintln(e.out, "(recherche par le son arrêtée avant la fin, ces noms sonnent comme trop d'autres : précisez la recherche, par exemple avec le prénom ; les résultats par l'orthographe sont complets)")
		}
	}
	return nil
}
