package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/registry"
)

type exportOptions struct {
	output, format, since string
}

func (e *env) exportCmd() *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [-o FICHIER] [--format jsonl|csv] [--depuis AAAA-MM-JJ]",
		Short: "Exporte actes, mentions, numéros non utilisés et copies pour la ressaisie dans le système principal",
		Long: `Écrit chaque acte du registre, dans l'ordre du registre, au format d'échange (format-echange.md) :
JSON Lines, un acte par ligne, avec ses mentions, son statut (signé, brouillon, non utilisé avec
son motif), son empreinte et les copies demandées. --format csv donne un tableau pour un tableur
(séparateur point-virgule). Avec --depuis, seuls les actes créés, signés, mentionnés ou copiés
depuis ce jour. Sans -o, l'export s'écrit sur la sortie standard.`,
		Example: `  etatcivil export -o /media/cle-usb/export-registre.jsonl
  etatcivil export --format csv --depuis 2026-11-20 -o ressaisie.csv`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error { return e.runExport(o) },
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "fichier à écrire (sinon la sortie standard)")
	cmd.Flags().StringVar(&o.format, "format", "jsonl", "jsonl (complet, pour la ressaisie) ou csv (tableur)")
	cmd.Flags().StringVar(&o.since, "depuis", "", "seulement les actes créés ou modifiés depuis ce jour (AAAA-MM-JJ)")
	return cmd
}

func (e *env) runExport(o *exportOptions) error {
	if o.format != "jsonl" && o.format != "csv" {
		return registry.Refuse("--format", "format « "+o.format+" » inconnu", "jsonl (complet) ou csv (tableur)")
	}
	if o.since != "" {
		if _, err := time.Parse("2006-01-02", o.since); err != nil {
			return registry.Refuse("--depuis", "« "+o.since+" » n'est pas une date", "écrivez AAAA-MM-JJ, par exemple 2026-11-20")
		}
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	var out io.Writer = e.out
	var file *outFile
	if o.output != "" {
		if file, err = createOut(o.output); err != nil {
			return err
		}
		out = file
	}
	buf := bufio.NewWriter(out)
	n, err := writeExport(s, buf, o)
	if err == nil {
		err = buf.Flush()
	}
	if file != nil {
		if err != nil {
			file.abort()
			return err
		}
		if err := file.commit(); err != nil {
			return err
		}
		fmt.Fprintf(e.errOut, "%d acte(s) exporté(s) dans %s.\n", n, o.output)
	}
	return err
}

// writeExport writes the export and returns the number of acts.
func writeExport(s *registry.Store, w io.Writer, o *exportOptions) (int, error) {
	n := 0
	if o.format == "csv" {
		c, err := registry.NewCSV(w)
		if err != nil {
			return 0, err
		}
		err = s.Export(o.since, func(x *registry.Exported) error {
			n++
			return c.Write(x.CSVRow())
		})
		c.Flush()
		if err == nil {
			err = c.Error()
		}
		return n, err
	}
	err := s.Export(o.since, func(x *registry.Exported) error {
		line, err := json.Marshal(x)
		if err != nil {
			return err
		}
		n++
		_, err = w.Write(append(line, '\n'))
		return err
	})
	return n, err
}

func (e *env) importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FICHIER",
		Short: "Importe des actes dressés ailleurs (sur papier, ou sur un autre ordinateur), avec leurs numéros",
		Long: `Lit un fichier JSON Lines au format d'échange (un acte par ligne, avec registre, annee,
numero et statut ; celui d'etatcivil export convient) et inscrit les actes avec leurs numéros, leurs
mentions et leurs copies, en une seule fois : tout ou rien. Les numéros de chaque registre doivent
suivre le dernier numéro attribué, sans trou ni doublon (fixez d'abord la numérotation avec
etatcivil numerotation). Une ligne qui porte son empreinte doit y correspondre.`,
		Example: `  etatcivil import actes-papier-lundi.jsonl`,
		Args:    args(1, "fichier à importer"),
		RunE:    func(cmd *cobra.Command, a []string) error { return e.runImport(a[0]) },
	}
}

func (e *env) runImport(name string) error {
	raw, err := os.ReadFile(name)
	if err != nil {
		return registry.Refuse("FICHIER", "impossible de lire « "+name+" » : "+frenchIOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	var lines []registry.ImportLine
	var problems []registry.Problem
	for i, l := range bytes.Split(raw, []byte("\n")) {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		var x registry.Exported
		if err := decodeStrict(l, &x); err != nil {
			var refused *registry.RefusedError
			if !errors.As(err, &refused) {
				return err
			}
			for _, p := range refused.Problems {
				p.Field = fmt.Sprintf("ligne %d, %s", i+1, p.Field)
				p.Rule = stripLine(p.Rule)
				problems = append(problems, p)
			}
			continue
		}
		markNoContract(&x.Act, l)
		lines = append(lines, registry.ImportLine{Line: i + 1, Act: &x})
	}
	if len(problems) > 0 {
		return &registry.RefusedError{Problems: problems}
	}
	if len(lines) == 0 {
		return registry.Refuse("FICHIER", "aucun acte dans « "+name+" »", "un acte JSON par ligne (voir etatcivil export)")
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Import(lines)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "%d acte(s) importé(s), avec %d copie(s) :\n", res.Acts, res.Copies)
	for _, r := range res.Ranges {
		fmt.Fprintln(e.out, "  "+r)
	}
	return nil
}
