package registry

import (
	"testing"

	"etatcivil/civil"
)

// BenchmarkWitness measures what the witness adds to each write: one slot
// of 4 KiB written in place after the commit, made durable (fdatasync)
// by the next write transaction in the background. "write" is one slot
// written and synced, alone (what a restore's swap does); "register/…" a
// whole registration (one bbolt transaction with its own syncs) with and
// without the witness: their difference is the witness's cost per act.
func BenchmarkWitness(b *testing.B) {
	b.Run("write", func(b *testing.B) {
		s := newStore(b)
		w := Witness{Hash: hashHex([]byte("x")), Time: testNow.Format("2006-01-02T15:04:05Z07:00")}
		w.Recent = []WitnessEntry{{1, w.Time, "naissance", "naissance/2026/1"}}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			w.Seq = uint64(i + 10)
			s.witness.mu.Lock()
			err := s.witness.write(w, true)
			s.witness.mu.Unlock()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, with := range []bool{true, false} {
		name := "register/avec-temoin"
		if !with {
			name = "register/sans-temoin"
		}
		b.Run(name, func(b *testing.B) {
			s := newStore(b)
			if err := s.SetNumbering(civil.Naissance, 2026, 0); err != nil {
				b.Fatal(err)
			}
			if !with {
				s.witness.close()
				s.witness = nil
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.RegisterWith(birth(), confirmed); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
