package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (e *env) compacterCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "compacter",
		Short: "Réécrit le fichier du registre sans place perdue (registres écrits par les versions précédentes)",
		Long: `Réécrit le fichier du registre, pages pleines et sans les pages libres que gardent les grosses
écritures (imports des versions précédentes), dans un nouveau fichier du dossier du registre ;
le nouveau fichier passe le contrôle complet (comme etatcivil controle) avant de prendre la place
de l'ancien, en une seule étape. Le contenu ne change pas : mêmes actes, même journal. L'ancien
fichier reste à côté (registre.db.avant-compactage-…) : supprimez-le une fois le nouveau vérifié.
Le registre doit être libre (aucune autre commande en cours) ; il faut sur le disque la place
d'un second registre.`,
		Example: `  etatcivil compacter`,
		Args:    args(0, ""),
		RunE:    func(*cobra.Command, []string) error { return e.runCompact() },
	}
}

func (e *env) runCompact() error {
	e.oldLayout = true
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	if s.OldLayout() {
		fmt.Fprintln(e.out, "Mise du registre au nouveau format (index et actes compacts), compactage, puis contrôle du nouveau fichier…")
	} else {
		fmt.Fprintln(e.out, "Compactage du registre, puis contrôle du nouveau fichier…")
	}
	res, err := s.Compact()
	if err != nil {
		return err
	}
	for _, l := range res.Report() {
		fmt.Fprintln(e.out, l)
	}
	return nil
}
