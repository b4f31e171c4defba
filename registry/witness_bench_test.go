package registry

import (
	"slices"
	"testing"
	"time"

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
	// The same two, act by act in turn on two registers, so that both
	// see the same load of the machine: ms-avec/op and ms-sans/op are
	// their means, ms-temoin/op the difference, and the p50 metrics the
	// medians (the load's bursts make the means' tail).
	b.Run("register/alterne", func(b *testing.B) {
		var stores [2]*Store
		for j := range stores {
			stores[j] = newStore(b)
			if err := stores[j].SetNumbering(civil.Naissance, 2026, 0); err != nil {
				b.Fatal(err)
			}
		}
		stores[1].witness.close()
		stores[1].witness = nil
		var times [2][]float64
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for j, s := range stores {
				if i%2 == 1 {
					j, s = 1-j, stores[1-j]
				}
				t0 := time.Now()
				if _, err := s.RegisterWith(birth(), confirmed); err != nil {
					b.Fatal(err)
				}
				times[j] = append(times[j], float64(time.Since(t0))/1e6)
			}
		}
		b.StopTimer()
		mean := func(x []float64) float64 {
			sum := 0.0
			for _, v := range x {
				sum += v
			}
			return sum / float64(len(x))
		}
		median := func(x []float64) float64 {
			x = slices.Clone(x)
			slices.Sort(x)
			return x[len(x)/2]
		}
		b.ReportMetric(mean(times[0]), "ms-avec/op")
		b.ReportMetric(mean(times[1]), "ms-sans/op")
		b.ReportMetric(mean(times[0])-mean(times[1]), "ms-temoin/op")
		b.ReportMetric(median(times[0]), "ms-avec-p50/op")
		b.ReportMetric(median(times[1]), "ms-sans-p50/op")
	})
}
