package synth

import "etatcivil/registry"

// chunk is the number of acts imported per transaction: big enough that
// the fsync of each commit costs nothing, small enough that a transaction
// holds a few megabytes.
const chunk = 10_000

// Fill generates the register described by o into s, which must hold no
// act in the years generated: it sets each register-year's numbering to
// start at 1, then imports the acts through the register's import (the
// rules of law, the journal and the index, as for a real file), chunk by
// chunk. progress, if not nil, is called with the number of acts written
// so far.
func Fill(s *registry.Store, o Options, progress func(done int)) error {
	done := 0
	return Generate(o, func(ry RegisterYear, acts []*registry.Exported) error {
		if err := s.SetNumbering(ry.Registre, ry.Annee, 0); err != nil {
			return err
		}
		for len(acts) > 0 {
			n := min(chunk, len(acts))
			lines := make([]registry.ImportLine, n)
			for i, x := range acts[:n] {
				lines[i] = registry.ImportLine{Line: done + i + 1, Act: x}
			}
			if _, err := s.Import(lines); err != nil {
				return err
			}
			acts = acts[n:]
			done += n
			if progress != nil {
				progress(done)
			}
		}
		return nil
	})
}
