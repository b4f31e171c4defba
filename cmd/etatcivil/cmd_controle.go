package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/internal/words"
)

func (e *env) controleCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "controle",
		Short: "Vérifie l'intégrité du registre et du journal",
		Long: `Recalcule la chaîne du journal, compare chaque acte, officier, clé, ligne du registre des
copies, publication, avis et rendez-vous, et la commune, à leur empreinte au journal ; recalcule à
partir des actes ce que le registre en déduit : l'index des noms et l'index phonétique (sur
lesquels reposent la recherche et les empêchements au mariage), la numérotation de chaque registre
(point de départ, dernier numéro, clôture) ; vérifie que les numéros se suivent sans trou, et lance
le contrôle de cohérence de bbolt. Toute anomalie est signalée avec sa place ; code de sortie 3.`,
		Args: args(0, ""),
		RunE: func(*cobra.Command, []string) error { return e.runControl() },
	}
}

func (e *env) runControl() error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.Check()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Contrôle du registre %s : %s, %s.\n", s.Dir(), words.Plural(r.Acts, "acte", "actes"), words.Plural(r.Entries, "entrée de journal", "entrées de journal"))
	if err := r.Err(); err != nil {
		fmt.Fprintln(e.out, words.Plural(len(r.Breaks), "anomalie trouvée.", "anomalies trouvées."))
		return err
	}
	fmt.Fprintln(e.out, "Aucune anomalie : journal chaîné, actes conformes à leur empreinte, index et numérotation conformes aux actes, fichier sain.")
	return nil
}
