package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/words"
)

type tablesOptions struct {
	annee, decennale int
	output           string
}

func (e *env) tablesCmd() *cobra.Command {
	o := &tablesOptions{}
	cmd := &cobra.Command{
		Use:   "tables (--annee AAAA | --decennale AAAA) -o FICHIER.pdf",
		Short: "Tables alphabétiques annuelles ou décennales des actes",
		Long: `Imprime les tables alphabétiques des actes signés : une ligne par personne (l'enfant, le défunt,
chacun des époux), une partie par registre, dans l'ordre alphabétique français (accents et
majuscules ignorés : É avec E). --decennale 2023 couvre 2023 à 2032.`,
		Example: `  etatcivil tables --annee 2026 -o tables-2026.pdf
  etatcivil tables --decennale 2023 -o tables-2023-2032.pdf`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "output"); err != nil {
				return err
			}
			f := cmd.Flags()
			if f.Changed("annee") == f.Changed("decennale") {
				return usage(cmd, "indiquez soit --annee, soit --decennale")
			}
			return e.runTables(o)
		},
	}
	numberVar(cmd.Flags(), &o.annee, "annee", 0, minYear, maxYear, "année de la table annuelle")
	numberVar(cmd.Flags(), &o.decennale, "decennale", 0, minYear, maxYear, "première année de la période décennale (2013, 2023, 2033…)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "fichier PDF à écrire")
	e.replaceFlag(cmd)
	return cmd
}

func (e *env) runTables(o *tablesOptions) error {
	first, last, err := civil.TablesPeriod(o.annee, o.decennale)
	if err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	entries, err := s.Tables(first, last)
	if err != nil {
		return err
	}
	c, err := s.Commune()
	if err != nil {
		return err
	}
	if err := e.writePDF(o.output, func(w io.Writer) error { return forms.WriteTables(w, entries, first, last, c, e.clock()) }); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Tables %s écrites dans %s : %s.\n", periodText(first, last), o.output, words.Plural(len(entries), "ligne", "lignes"))
	return nil
}

func periodText(first, last int) string {
	if first == last {
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d-%d", first, last)
}
