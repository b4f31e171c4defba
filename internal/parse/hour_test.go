package parse

import (
	"fmt"
	"strings"
	"testing"
)

// TestHourEveryMinute reads every hour 00–23 × minute 00–59 in every
// accepted spelling, with and without the hour's leading zero: 08 and 09
// are read as eight and nine (the octal reading of issue 18 §1 made them 0).
func TestHourEveryMinute(t *testing.T) {
	n := 0
	for h := 0; h < 24; h++ {
		for m := 0; m < 60; m++ {
			want := fmt.Sprintf("%02d:%02d", h, m)
			forms := []string{
				fmt.Sprintf("%02d:%02d", h, m),
				fmt.Sprintf("%d:%02d", h, m),
				fmt.Sprintf("%02dh%02d", h, m),
				fmt.Sprintf("%dh%02d", h, m),
				fmt.Sprintf("%02dH%02d", h, m),
				fmt.Sprintf("%dH%02d", h, m),
				fmt.Sprintf("%d h %02d", h, m),
				fmt.Sprintf("%02d h%02d", h, m),
				fmt.Sprintf(" %d:%02d\t", h, m),
			}
			if m == 0 {
				forms = append(forms, fmt.Sprintf("%dh", h), fmt.Sprintf("%02dh", h),
					fmt.Sprintf("%dH", h), fmt.Sprintf("%d h", h), fmt.Sprintf("%02d h ", h))
			}
			for _, in := range forms {
				n++
				if got, err := Hour(in); err != nil || got != want {
					t.Fatalf("Hour(%q) = %q, %v; want %s", in, got, err, want)
				}
			}
			// One-digit minutes are refused, naming both readings.
			if m < 10 {
				in := fmt.Sprintf("%d:%d", h, m)
				_, err := Hour(in)
				p := problem(t, in, err, "deux chiffres")
				if !strings.Contains(p.Hint, fmt.Sprintf("%02d:0%d", h, m)) || !strings.Contains(p.Hint, fmt.Sprintf("%02d:%d0", h, m)) {
					t.Fatalf("%q: hint %q", in, p.Hint)
				}
			}
		}
	}
	t.Logf("%d spellings", n)
}

func TestHourOutOfRange(t *testing.T) {
	for h := 24; h < 100; h++ {
		for _, m := range []int{0, 1, 30, 59} {
			in := fmt.Sprintf("%d:%02d", h, m)
			_, err := Hour(in)
			want := "les heures vont de 0 à 23"
			if h == 24 && m == 0 {
				want = "minuit s'écrit 00:00"
			}
			problem(t, in, err, want)
		}
	}
	for h := 0; h < 24; h++ {
		for m := 60; m < 100; m++ {
			in := fmt.Sprintf("%02dh%02d", h, m)
			_, err := Hour(in)
			problem(t, in, err, "les minutes vont de 00 à 59")
		}
	}
}

func TestHourRefusesOtherShapes(t *testing.T) {
	cases := map[string]string{
		"":               "heure manquante",
		"  ":             "heure manquante",
		"9":              "n'est pas une heure",
		"09":             "n'est pas une heure",
		"930":            "n'est pas une heure",
		"0930":           "n'est pas une heure",
		"009:30":         "n'est pas une heure",
		"9:":             "n'est pas une heure",
		":30":            "n'est pas une heure",
		"h30":            "n'est pas une heure",
		"9:300":          "n'est pas une heure",
		"9h300":          "n'est pas une heure",
		"09:30:00":       "n'est pas une heure",
		"9.30":           "n'est pas une heure",
		"9-30":           "n'est pas une heure",
		"9 : 30":         "n'est pas une heure",
		"9: 30":          "n'est pas une heure",
		"9h30min":        "n'est pas une heure",
		"9h30 du matin":  "n'est pas une heure",
		"9:30 PM":        "n'est pas une heure",
		"9hh30":          "n'est pas une heure",
		"+9:30":          "n'est pas une heure",
		"-1:00":          "n'est pas une heure",
		"０９:３０":          "n'est pas une heure",
		"midi":           "n'est pas une heure",
		"9:3":            "deux chiffres",
		"9h3":            "deux chiffres",
		"24h":            "minuit s'écrit 00:00",
		"24:00":          "minuit s'écrit 00:00",
		"25:3":           "les heures vont de 0 à 23",
		"9:30\x1b]0;x\a": `\u{1b}`,
	}
	for in, want := range cases {
		got, err := Hour(in)
		if err == nil {
			t.Errorf("Hour(%q) = %q, want a refusal", in, got)
			continue
		}
		problem(t, in, err, want)
	}
}

func BenchmarkHour(b *testing.B) {
	in := []string{"09:30", "9h30", "9h", "14 h 05", "24:00"}
	for i := 0; b.Loop(); i++ {
		Hour(in[i%len(in)])
	}
}
