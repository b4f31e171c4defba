package zxcvbn_test

import (
	"testing"

	upstream "github.com/trustelem/zxcvbn"

	"etatcivil/internal/zxcvbn"
)

// TestSameAsUpstream checks that this copy, whose dictionaries are built
// at the first estimate instead of at package initialisation, estimates
// exactly as the release it was copied from (github.com/trustelem/zxcvbn
// v1.0.1, a test dependency only), with and without user inputs.
func TestSameAsUpstream(t *testing.T) {
	phrases := []string{
		"", "            ", "123456789012", "mairiemairie", "soleilsoleil",
		"password1", "Tr0ub4dor&3", "correct horse battery staple",
		"grenouillefromage", "le 08/05/1940", "Gravelines59630", "GRAVELINES2026!",
		"qwertyuiopasdf", "zxcvbnm,./", "aaaaaaaaaaaa", "abcdefghijkl",
		"jean-baptiste lefèvre", "Zoé, Chloë MÜLLER", "2026-11-30", "30/11/2026",
		"lomme lille nord 2026", "x7#Lq9!vB2$mR4", "passwordpassword",
	}
	inputs := [][]string{nil, {"Gravelines", "Nord", "DELCOURT", "Anne-Sophie"}}
	for _, in := range inputs {
		for _, p := range phrases {
			got := zxcvbn.PasswordStrength(p, in)
			want := upstream.PasswordStrength(p, in)
			if got.Guesses != want.Guesses || got.Score != want.Score || len(got.Sequence) != len(want.Sequence) {
				t.Errorf("%q (inputs %v): guesses %v score %d (%d matches), upstream %v score %d (%d matches)",
					p, in, got.Guesses, got.Score, len(got.Sequence), want.Guesses, want.Score, len(want.Sequence))
			}
		}
	}
}
