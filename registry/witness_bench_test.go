package registry

import (
	"testing"

	"etatcivil/civil"
)

// BenchmarkWitness measures what the witness adds to each write: one slot
// of 4 KiB written in place and synced (fdatasync) after the commit.
// "write" is the witness alone; "register/…" a whole registration (one
// bbolt transaction with its own syncs) with and without the witness.
func BenchmarkWitness(b *testing.B) {
	b.Run("write", func(b *testing.B) {
		s := newStore(b)
		p := &pendingWitness{head: head{1, hashHex([]byte("x"))}, time: testNow.Format("2006-01-02T15:04:05Z07:00")}
		p.recent = []WitnessEntry{{1, p.time, "naissance", "naissance/2026/1"}}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			p.head.Seq = uint64(i + 10)
			s.witness.committed(p)
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
