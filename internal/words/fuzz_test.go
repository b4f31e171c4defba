package words

import (
	"strings"
	"testing"
	"time"
)

// FuzzNumberWords writes any number, date and hour in words: only French
// letters, hyphens and single spaces, and two different numbers never
// read the same.
func FuzzNumberWords(f *testing.F) {
	for _, n := range []int{0, 1, 17, 21, 71, 80, 81, 99, 100, 101, 200, 1000, 1900, 2026, 80080, 999999, 1000000} {
		f.Add(n, uint8(n%24), uint8(n%60))
	}
	f.Fuzz(func(t *testing.T, n int, h, m uint8) {
		if n < 0 || n >= 1_000_000_000 {
			return
		}
		w := Number(n)
		if w == "" || strings.Contains(w, "  ") || strings.TrimSpace(w) != w {
			t.Fatalf("Number(%d) = %q", n, w)
		}
		for _, r := range w {
			if !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzéè- ", r) {
				t.Fatalf("Number(%d) = %q holds %q", n, w, r)
			}
		}
		if n > 0 && Number(n-1) == w {
			t.Fatalf("%d and %d both read %q", n-1, n, w)
		}
		hour := Hour(int(h)%24, int(m)%60)
		if !strings.Contains(hour, "heure") {
			t.Fatalf("Hour(%d, %d) = %q", h, m, hour)
		}
		if n <= 3_000_000 {
			d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%40000)
			if ds := Date(d); !strings.Contains(ds, Months[d.Month()-1]) {
				t.Fatalf("Date(%s) = %q", d, ds)
			}
		}
	})
}
