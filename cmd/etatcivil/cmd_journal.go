package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/registry"
)

func (e *env) journalCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "journal [--json]",
		Short: "Affiche le journal de toutes les écritures (qui, quand, quoi)",
		Args:  args(0, ""),
		RunE:  func(*cobra.Command, []string) error { return e.runJournal(asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "une entrée par ligne en JSON")
	return cmd
}

func (e *env) runJournal(asJSON bool) error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	enc := json.NewEncoder(e.out)
	return s.Journal(func(en registry.Entry) error {
		if asJSON {
			return enc.Encode(en)
		}
		// Each field on its line: a stored author holding a newline forged
		// lines of the journal.
		_, err := fmt.Fprintf(e.out, "%5d  %s  %-12s %-13s %-24s %s\n", en.Seq, oneLine(en.Time), oneLine(en.Author), oneLine(en.Action), oneLine(en.Ref), oneLine(en.DataHash[:min(16, len(en.DataHash))]))
		return err
	})
}
