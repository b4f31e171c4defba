package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"etatcivil/internal/exchange"
	"etatcivil/registry"
)

func (e *env) importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FICHIER",
		Short: "Importe des actes dressés ailleurs (sur papier, ou sur un autre ordinateur), avec leurs numéros",
		Long: `Lit un fichier JSON Lines au format d'échange (docs/format-export.md ; un acte par ligne, avec registre, annee,
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
	dir, err := e.dir()
	if err != nil {
		return err
	}
	// Read twice: never a pipe nor a device, nor a file of the register;
	// a big file maps the register at once (as the counter's import).
	f, mmap, err := exchange.OpenImport("FICHIER", name, dir)
	if err != nil {
		return err
	}
	defer f.Close()
	src := &importFile{f: f, name: name}
	e.mmapSize = mmap
	// ETATCIVIL_IMPORT_LOT sets the acts written per transaction (see
	// registry.ImportBatch): the kill test makes a small file take the
	// batched path.
	if v, err := strconv.Atoi(os.Getenv("ETATCIVIL_IMPORT_LOT")); err == nil && v > 0 {
		registry.ImportBatch = v
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.ImportFrom(src.each)
	if err != nil {
		return err
	}
	if err := exchange.Empty(res, name); err != nil {
		return err
	}
	for _, l := range exchange.Report(res) {
		fmt.Fprintln(e.out, l)
	}
	return nil
}

// importFile is an import file read as often as the register asks
// (exchange.ImportFile).
type importFile struct {
	f    *os.File
	name string
	src  *exchange.ImportFile
}

func (r *importFile) each(fn func(registry.ImportLine) error) error {
	if r.src == nil {
		r.src = &exchange.ImportFile{R: r.f, Name: r.name}
	}
	return r.src.Each(fn)
}
