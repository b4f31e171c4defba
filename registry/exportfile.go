package registry

import (
	"encoding/json"
	"io"

	"etatcivil/internal/parse"
	"etatcivil/internal/words"
)

// ExportFormats are the formats of an export (etatcivil export --format,
// the counter's « Exporter »).
var ExportFormats = parse.NewChoice(
	parse.Option{Value: "jsonl", Label: "JSON Lines, complet, pour la ressaisie", Aliases: []string{"json"}},
	parse.Option{Value: "csv", Label: "tableur"},
)

// WriteExport writes the export (see Export) to w in format, "jsonl" (the
// interchange format, docs/format-export.md: an act a line) or "csv" (a
// row an act, see CSVRow), of the acts touched since the day since
// (AAAA-MM-JJ; every act when ""). It returns the number of acts written.
func (s *Store) WriteExport(w io.Writer, format, since string) (int, error) {
	n := 0
	if format == "csv" {
		c, err := NewCSV(w)
		if err != nil {
			return 0, err
		}
		err = s.Export(since, func(x *Exported) error {
			n++
			return c.Write(x.CSVRow())
		})
		c.Flush()
		if err == nil {
			err = c.Error()
		}
		return n, err
	}
	err := s.Export(since, func(x *Exported) error {
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

// ExportedTo is what is said of an export of n acts written to the file
// path.
func ExportedTo(n int, path string) string {
	return words.Plural(n, "acte exporté", "actes exportés") + " dans " + path + "."
}
