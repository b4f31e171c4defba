package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/internal/words"
)

type settingsOptions struct{ hours, acts, purge, lock int }

func (e *env) reglagesCmd() *cobra.Command {
	o := &settingsOptions{}
	cmd := &cobra.Command{
		Use:   "reglages [--rappel-heures H] [--rappel-actes N] [--purge-rdv-jours J] [--verrou-minutes M]",
		Short: "Affiche ou change les réglages du registre (rappel de sauvegarde, effacement des rendez-vous, verrou du guichet)",
		Long: `Sans option : affiche les réglages. Le rappel de sauvegarde s'affiche sur chaque commande quand
la dernière sauvegarde date de plus de H heures, ou que N actes ont été enregistrés depuis.
Les rendez-vous (nom, téléphone, objet) sont effacés J jours après leur date (30 par défaut).
Le guichet (etatcivil guichet) oublie la clé de l'officier après M minutes sans activité (15 par défaut).`,
		Example: `  etatcivil reglages
  etatcivil reglages --rappel-heures 2 --rappel-actes 10`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.open(false)
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := s.Settings()
			if err != nil {
				return err
			}
			f := cmd.Flags()
			if f.Changed("rappel-heures") || f.Changed("rappel-actes") || f.Changed("purge-rdv-jours") || f.Changed("verrou-minutes") {
				if f.Changed("verrou-minutes") {
					st.VerrouMinutes = o.lock
				}
				if f.Changed("purge-rdv-jours") {
					st.PurgeRdvJours = o.purge
				}
				if f.Changed("rappel-heures") {
					st.RappelHeures = o.hours
				}
				if f.Changed("rappel-actes") {
					st.RappelActes = o.acts
				}
				if err := s.SetSettings(st); err != nil {
					return err
				}
				fmt.Fprintln(e.out, "Réglages enregistrés.")
			}
			fmt.Fprintf(e.out, "Rappel de sauvegarde : %s.\n", st.ReminderText())
			fmt.Fprintf(e.out, "Rendez-vous effacés %s après leur date.\n", words.Plural(st.PurgeRdvJours, "jour", "jours"))
			fmt.Fprintf(e.out, "Guichet : la clé de l'officier se verrouille après %s sans activité.\n", words.Plural(st.VerrouMinutes, "minute", "minutes"))
			last, err := s.LastBackup()
			if err != nil {
				return err
			}
			if last == nil {
				fmt.Fprintln(e.out, "Dernière sauvegarde : aucune.")
			} else {
				fmt.Fprintf(e.out, "Dernière sauvegarde : le %s, %s (%s).\n", stamp(last.Horodatage), last.Fichier, words.Plural(last.Actes, "acte", "actes"))
			}
			return nil
		},
	}
	numberVar(cmd.Flags(), &o.hours, "rappel-heures", 0, 0, maxSetting, "rappel quand la dernière sauvegarde date de plus de H heures")
	numberVar(cmd.Flags(), &o.purge, "purge-rdv-jours", 0, 0, maxSetting, "efface les rendez-vous J jours après leur date")
	numberVar(cmd.Flags(), &o.acts, "rappel-actes", 0, 0, maxSetting, "rappel quand N actes ont été enregistrés depuis la dernière sauvegarde")
	numberVar(cmd.Flags(), &o.lock, "verrou-minutes", 0, 0, maxSetting, "le guichet verrouille la clé de l'officier après M minutes sans activité")
	return cmd
}
