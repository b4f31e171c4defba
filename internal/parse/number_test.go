package parse

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestNumber(t *testing.T) {
	ok := []struct {
		in       string
		min, max int
		want     int
	}{
		{"037", 0, MaxActNumber, 37},
		{"37", 0, MaxActNumber, 37},
		{"0", 0, MaxActNumber, 0},
		{"000", 0, MaxActNumber, 0},
		{" 08 ", 0, MaxActNumber, 8},
		{"09", 0, MaxActNumber, 9},
		{"010", 0, MaxActNumber, 10},
		{strings.Repeat("0", 1000) + "37", 0, MaxActNumber, 37},
		{"999999", 0, MaxActNumber, 999999},
		{"5", 5, 240, 5},
		{"240", 5, 240, 240},
		{"9223372036854775807", 0, math.MaxInt, math.MaxInt},
	}
	for _, c := range ok {
		if got, err := Number(c.in, c.min, c.max); err != nil || got != c.want {
			t.Errorf("Number(%q, %d, %d) = %d, %v; want %d", c.in, c.min, c.max, got, err, c.want)
		}
	}
	bad := []struct {
		in       string
		min, max int
		want     string
	}{
		{"", 0, 10, "nombre manquant"},
		{"0x25", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"0X25", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"0o17", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"0b1", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"1e3", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"+5", 0, MaxActNumber, "(sans signe)"},
		{"-0", 0, MaxActNumber, "(sans signe)"},
		{"-5", 0, MaxActNumber, "(sans signe)"},
		{"1 000", 0, MaxActNumber, "(sans espace ni séparateur)"},
		{"1\u00a0000", 0, MaxActNumber, "(sans espace ni séparateur)"},
		{"1_000", 0, MaxActNumber, "(sans espace ni séparateur)"},
		{"3.0", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"3,5", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"٣٧", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"３７", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"trente-sept", 0, MaxActNumber, "n'est pas un nombre écrit en chiffres"},
		{"37\x1b[0m", 0, MaxActNumber, `\u{1b}`},
		{"9223372036854775807", 0, MaxActNumber, "est hors des limites"},
		{"9223372036854775808", 0, math.MaxInt, "est hors des limites"},
		{"18446744073709551616", 0, math.MaxInt, "est hors des limites"},
		{strings.Repeat("9", 1000), 0, math.MaxInt, "est hors des limites"},
		{"1000000", 0, MaxActNumber, "est hors des limites"},
		{"4", 5, 240, "est hors des limites"},
		{"241", 5, 240, "est hors des limites"},
		{"7", 0, 5, "est hors des limites"},
		{"0", 1, 9, "est hors des limites"},
	}
	for _, c := range bad {
		got, err := Number(c.in, c.min, c.max)
		if err == nil {
			t.Errorf("Number(%q, %d, %d) = %d, want a refusal", c.in, c.min, c.max, got)
			continue
		}
		p := problem(t, c.in, err, c.want)
		if !strings.Contains(p.Hint, "de "+strconv.Itoa(c.min)+" à "+strconv.Itoa(c.max)) {
			t.Errorf("%q: hint %q does not give the bounds", c.in, p.Hint)
		}
	}
}

// TestNumberEveryValueUpToABound reads every number of a small range with
// and without leading zeros, and refuses the next.
func TestNumberEveryValueUpToABound(t *testing.T) {
	for max := 0; max < 120; max++ {
		for n := 0; n <= max+1; n++ {
			for _, in := range []string{strconv.Itoa(n), "0" + strconv.Itoa(n), "00" + strconv.Itoa(n)} {
				got, err := Number(in, 0, max)
				if n <= max && (err != nil || got != n) {
					t.Fatalf("Number(%q, 0, %d) = %d, %v", in, max, got, err)
				}
				if n > max && err == nil {
					t.Fatalf("Number(%q, 0, %d) = %d, want a refusal", in, max, got)
				}
			}
		}
	}
}

func BenchmarkNumber(b *testing.B) {
	for b.Loop() {
		Number("037", 0, MaxActNumber)
	}
}
