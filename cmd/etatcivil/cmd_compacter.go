package main

import (
	"fmt"
	"path/filepath"

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
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintln(e.out, "Compactage du registre, puis contrôle du nouveau fichier…")
	res, err := s.Compact()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Registre compacté : %s → %s (%d acte(s), contrôle sans anomalie).\n", sizeText(res.Before), sizeText(res.After), res.Acts)
	fmt.Fprintf(e.out, "L'ancien fichier est gardé sous %s : supprimez-le une fois le nouveau vérifié.\n", filepath.Base(res.Aside))
	return nil
}

// sizeText writes a size in bytes as French users read it: « 412,3 Mo ».
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return frenchDecimal(float64(n)/(1<<30)) + " Gio"
	case n >= 1<<20:
		return frenchDecimal(float64(n)/(1<<20)) + " Mio"
	default:
		return frenchDecimal(float64(n)/(1<<10)) + " Kio"
	}
}

// frenchDecimal writes x with one decimal and a decimal comma.
func frenchDecimal(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	for i := range s {
		if s[i] == '.' {
			return s[:i] + "," + s[i+1:]
		}
	}
	return s
}
