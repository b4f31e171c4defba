package words

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "0 ligne refusée"},
		{1, "1 ligne refusée"},
		{2, "2 lignes refusées"},
		{17, "17 lignes refusées"},
		{1000, "1000 lignes refusées"},
	} {
		if got := Plural(c.n, "ligne refusée", "lignes refusées"); got != c.want {
			t.Errorf("Plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	// A noun whose plural takes an x, and adjectives that agree.
	if got := Plural(3, "créneau déjà ouvert, laissé tel quel", "créneaux déjà ouverts, laissés tels quels"); got != "3 créneaux déjà ouverts, laissés tels quels" {
		t.Errorf("Plural(3, créneau…) = %q", got)
	}
	if got := Plural(1, "créneau déjà ouvert, laissé tel quel", "créneaux déjà ouverts, laissés tels quels"); got != "1 créneau déjà ouvert, laissé tel quel" {
		t.Errorf("Plural(1, créneau…) = %q", got)
	}
}

// Sizes under a kibibyte are counted in bytes, agreed.
func TestSizeInBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 octet", 1: "1 octet", 2: "2 octets", 850: "850 octets", 2048: "2,0 Ko"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAgree(t *testing.T) {
	for n, want := range map[int]string{0: "acte", 1: "acte", 2: "actes", 99: "actes"} {
		if got := Agree(n, "acte", "actes"); got != want {
			t.Errorf("Agree(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPluralOrNone(t *testing.T) {
	for n, want := range map[int]string{0: "aucune anomalie trouvée", 1: "1 anomalie trouvée", 2: "2 anomalies trouvées"} {
		if got := PluralOrNone(n, "aucune", "anomalie trouvée", "anomalies trouvées"); got != want {
			t.Errorf("PluralOrNone(%d) = %q, want %q", n, got, want)
		}
	}
}
