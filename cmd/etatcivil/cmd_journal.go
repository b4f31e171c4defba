package main

import (
	"encoding/json"
	"fmt"
	"time"

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
		// lines of the journal. The action in words (registry.Entry.Label:
		// the page's « Journal » says the same); --json keeps its code.
		_, err := fmt.Fprintf(e.out, "%5d  %s  %-12s %-30s %-24s %s\n", en.Seq, journalTime(en.Time), oneLine(en.Author), oneLine(en.Label()), oneLine(en.Ref), oneLine(en.DataHash[:min(16, len(en.DataHash))]))
		return err
	})
}

// journalLayout is how the journal shows when an entry was written: the
// computer's local time, day first, to the second.
const journalLayout = "02/01/2006 15:04:05"

// journalTime writes an entry's time (RFC 3339, as stored) in local time,
// JJ/MM/AAAA HH:MM:SS, like every other command; a stored time that does
// not read is shown as it is, on one line (controle reports it).
func journalTime(rfc string) string {
	t, err := time.Parse(time.RFC3339, rfc)
	if err != nil {
		return oneLine(rfc)
	}
	return t.Local().Format(journalLayout)
}
