package main

import (
	"bufio"
	"fmt"
	"io"

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
		Long: `Écrit chaque acte du registre, dans l'ordre du registre, au format d'échange (docs/format-export.md) :
JSON Lines, un acte par ligne, avec ses mentions, son statut (signé, brouillon, non utilisé avec
son motif), son empreinte et les copies demandées. --format csv donne un tableau pour un tableur
(séparateur point-virgule). Avec --depuis, seuls les actes créés, signés, mentionnés ou copiés
depuis ce jour. Sans -o, l'export s'écrit sur la sortie standard.`,
		Example: `  etatcivil export -o /media/cle-usb/export-registre.jsonl
  etatcivil export --format csv --depuis 2026-11-20 -o ressaisie.csv`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error { return e.runExport(o) },
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "fichier à écrire (sinon, ou avec -o -, la sortie standard)")
	e.replaceFlag(cmd)
	choiceVar(cmd.Flags(), &o.format, "format", "jsonl", exportFormats, "jsonl (complet, pour la ressaisie) ou csv (tableur)")
	dateVar(cmd.Flags(), &o.since, "depuis", "seulement les actes créés ou modifiés depuis ce jour (JJ/MM/AAAA)")
	return cmd
}

// exportFormats are the formats of an export.
var exportFormats = registry.ExportFormats

func (e *env) runExport(o *exportOptions) error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	var out io.Writer = e.out
	var file *outFile
	// "-" is the standard output, as for every tool that takes -o.
	if o.output != "" && o.output != "-" {
		if file, err = e.createOut(o.output); err != nil {
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
			file.Abort()
			return err
		}
		if err := file.Commit(); err != nil {
			return err
		}
		fmt.Fprintln(e.errOut, registry.ExportedTo(n, o.output))
	}
	return err
}

// writeExport writes the export and returns the number of acts.
func writeExport(s *registry.Store, w io.Writer, o *exportOptions) (int, error) {
	return s.WriteExport(w, o.format, o.since)
}
