package strength

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"etatcivil/internal/zxcvbn"
)

// weak asserts that phrase is refused with a French explanation that
// contains every want, and a hint.
func weak(t *testing.T, phrase string, context []string, want ...string) {
	t.Helper()
	r := Estimate(phrase, context...)
	if r.Strong {
		t.Errorf("%q accepted: %+v", phrase, r)
		return
	}
	if r.Hint != Hint {
		t.Errorf("%q: hint %q", phrase, r.Hint)
	}
	for _, w := range want {
		if !strings.Contains(r.Explanation, w) {
			t.Errorf("%q: %q does not say %q", phrase, r.Explanation, w)
		}
	}
}

var gravelines = []string{"Gravelines", "Nord"}

func TestWeakPassphrasesAreRefused(t *testing.T) {
	weak(t, strings.Repeat(" ", 12), nil, "répète le même caractère")
	weak(t, strings.Repeat("a", 20), nil, "répète le même caractère")
	weak(t, "123456789012", nil, "trop facile à deviner", "« 012 » est une suite")
	weak(t, "mairiemairie", nil, "« mairie » est un mot lié à la mairie")
	weak(t, "MairieMairie", nil, "« Mairie » est un mot lié à la mairie")
	weak(t, "soleilsoleil", nil, "« soleilsoleil » répète « soleil »")
	weak(t, "fromagefromage", nil, "répète « fromage »")
	weak(t, "etatcivil2026", nil, "« etatcivil » est un mot lié à la mairie")
	weak(t, "État civil 2026", nil, "« Etat civil » est un mot lié à la mairie")
	weak(t, "motdepasse123", nil, "« motdepasse » est un mot de passe courant")
	weak(t, "azertyuiop12", nil, "« azertyuiop » est un mot de passe courant")
	weak(t, "le 08/05/1940", nil, "« 08/05/1940 » est une date")
	weak(t, "08051940abcd", nil, "« 08051940 » est une date")
	weak(t, "né le 8 mai 1940", nil, "« 08051940 » est une date")
	weak(t, "Gravelines59630", gravelines, "« Gravelines » est un nom propre à cette mairie")
	weak(t, "59630gravelines", gravelines, "« gravelines » est un nom propre à cette mairie")
	weak(t, "GRAVELINES2026!", gravelines, "« GRAVELINES » est un nom propre à cette mairie")
	weak(t, "NordGravelines1", gravelines, "nom propre à cette mairie")
	weak(t, "Jean-Pierre1975", nil, "« Jean-Pierre » est un prénom courant", "« 1975 » est une année")
	weak(t, "MarieDupont59", nil, "« Marie » est un prénom courant", "« Dupont » est un nom de famille courant")
	weak(t, "jeudi14novembre", nil, "« jeudi » est un mot courant", "« novembre » est un mot courant")
	weak(t, "senilevarg2026x", gravelines, "écrit à l'envers")
	weak(t, "m41r13m41r13", nil, "remplacées par des chiffres")
	weak(t, "court", nil, "trop courte (5 caractères, au moins 12)")
	weak(t, "Zoé-Chloé-11", nil, "trop facile à deviner")
	weak(t, "xk9mq2vl7prt", nil, "milliards d'essais, soit moins de")
	weak(t, "ab\xffcdefghijklmn", nil, "UTF-8 invalide")
}

// TestFrenchListsMatter: phrases of French words that zxcvbn alone rates 4
// (it knows English words only) are refused.
func TestFrenchListsMatter(t *testing.T) {
	for _, p := range []string{"grenouillefromage", "boulangeriemarteau", "maisonjardinsoleil"} {
		if z := zxcvbn.PasswordStrength(p, nil); z.Guesses < MinGuesses {
			t.Errorf("%q: zxcvbn alone gives %d: not a witness", p, z.Score)
		}
		weak(t, p, nil, "est un mot courant")
	}
}

func TestStrongPassphrasesAreAccepted(t *testing.T) {
	for _, p := range []string{"girafe tonnerre cuillère lampe", "cheval rouge maison jardin", "xK9#mQ2$vL7@pR4!",
		"Brindille ascenseur paprika désert", "correct horse battery staple"} {
		r := Estimate(p, gravelines...)
		if !r.Strong || r.Score != 4 || r.Guesses < MinGuesses || r.Hint != "" || !strings.HasPrefix(r.Explanation, "solide (") {
			t.Errorf("%q refused: %+v", p, r)
		}
	}
	// Four words drawn at random from the common French words are always
	// accepted; three, nearly always.
	words := strings.Split(strings.TrimSpace(mots), "\n")
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ n, draws int }{{4, 100}, {3, 60}} {
		n, draws := c.n, c.draws
		refused := 0
		for i := 0; i < draws; i++ {
			var w []string
			for range n {
				w = append(w, words[rng.IntN(len(words))])
			}
			p := strings.Join(w, " ")
			if r := Estimate(p, gravelines...); !r.Strong {
				refused++
				t.Logf("%q: %s", p, r.Explanation)
			}
		}
		if refused > 0 && (n == 4 || refused > 3) {
			t.Errorf("%d of %d phrases of %d random words refused", refused, draws, n)
		}
	}
	// Long random strings of letters and digits.
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for i := 0; i < 30; i++ {
		var b strings.Builder
		for range 16 {
			b.WriteByte(alnum[rng.IntN(len(alnum))])
		}
		if r := Estimate(b.String()); !r.Strong {
			t.Errorf("%q: %s", b.String(), r.Explanation)
		}
	}
}

func TestLongPhraseIsBounded(t *testing.T) {
	r := Estimate(strings.Repeat("é1!|", 1000))
	if r.Strong {
		t.Errorf("a long repetition is accepted: %+v", r)
	}
	r = Estimate("girafe tonnerre cuillère lampe " + strings.Repeat("x", 500))
	if !r.Strong {
		t.Errorf("a long phrase with a strong start is refused: %+v", r)
	}
}

func TestExplanationEscapesControlCharacters(t *testing.T) {
	r := Estimate("mairie\x1b[2Jmairie\x1b[2J")
	for _, c := range r.Explanation {
		if unicode.IsControl(c) {
			t.Fatalf("raw control character in %q", r.Explanation)
		}
	}
}

func TestCountAndDuration(t *testing.T) {
	cases := map[float64]string{1: "1 essai", 145: "environ 145 essais", 15000: "environ 15 000 essais",
		2.1e6: "environ 2 millions d'essais", 1.5e9: "environ 1 milliard d'essais", 1e13: "plus de mille milliards d'essais"}
	for g, want := range cases {
		if got := count(g); got != want {
			t.Errorf("count(%g) = %q, want %q", g, got, want)
		}
	}
	durations := map[float64]string{30: "moins d'une minute", 3000: "moins d'une heure", 10 * 3600: "moins de 10 heures",
		5 * 86400: "moins de 5 jours", 3 * 365.25 * 86400: "moins de 3 ans", 1e12: "des siècles"}
	for s, want := range durations {
		if got := duration(s); got != want {
			t.Errorf("duration(%g) = %q, want %q", s, got, want)
		}
	}
}

func BenchmarkStrength(b *testing.B) {
	Estimate("warm up the lists once")
	for b.Loop() {
		Estimate("girafe tonnerre cuillère lampe", gravelines...)
	}
}

// A context word that is also in the French lists (an officer named
// DELCOURT, a commune named Paris) counts as context: a phrase made of
// the officer's names is refused as such.
func TestContextWordsInTheListsStayContext(t *testing.T) {
	without := Estimate("Anne-Sophie Delcourt")
	with := Estimate("Anne-Sophie Delcourt", "Lille", "o1", "DELCOURT", "Anne-Sophie")
	if with.Strong || with.Guesses >= without.Guesses || !strings.Contains(with.Explanation, "« Delcourt » est un nom propre à cette mairie") {
		t.Fatalf("with the officer's names: %.3g guesses, %s (without: %.3g)", with.Guesses, with.Explanation, without.Guesses)
	}
	// The lists themselves are left as they were for the next estimate.
	if again := Estimate("Anne-Sophie Delcourt"); again.Guesses != without.Guesses {
		t.Fatalf("the lists changed: %.3g then %.3g", without.Guesses, again.Guesses)
	}
}
