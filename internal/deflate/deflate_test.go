package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func inflate(t testing.TB, dict, z []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReaderDict(bytes.NewReader(z), dict))
	if err != nil {
		t.Fatalf("the standard library does not read the stream: %v", err)
	}
	return out
}

// What Encode writes, the standard library reads back, whatever the data
// and the dictionary: empty, repeated, random, longer than the window,
// matches of every length and distance.
func TestEncodeRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := func(n, alphabet int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + rng.IntN(alphabet))
		}
		return b
	}
	dict := []byte(`{"type":"naissance","enfant":{"nom":"MÜLLER","prenoms":["Zoé"],"sexe":"F"},"date":"2026-11-20"}`)
	cases := map[string][]byte{
		"empty":          nil,
		"one byte":       {0xff},
		"from dict":      []byte(`{"type":"naissance","enfant":{"nom":"MARTIN","prenoms":["Léo"],"sexe":"M"},"date":"2026-11-21"}`),
		"repeated":       bytes.Repeat([]byte("a"), 1000),
		"long":           []byte(strings.Repeat("Lille (Nord), 12 rue de Lille; ", 3000)),
		"binary":         random(70_000, 256),
		"small alphabet": random(50_000, 3),
	}
	for i := range 200 {
		cases["random "+string(rune('A'+i%26))+string(rune('a'+i/26))] = random(rng.IntN(2000), 1+rng.IntN(40))
	}
	for name, data := range cases {
		for _, d := range [][]byte{nil, dict, random(40_000, 4)} {
			z := Encode(nil, d, data)
			if got := inflate(t, d, z); !bytes.Equal(got, data) {
				t.Fatalf("%s: %d bytes back, want %d", name, len(got), len(data))
			}
		}
	}
	// The dictionary is what makes an act small.
	if z := Encode(nil, dict, cases["from dict"]); len(z) > len(cases["from dict"])/2 {
		t.Fatalf("with the dictionary: %d bytes of %d", len(z), len(cases["from dict"]))
	}
	// Encode appends.
	if z := Encode([]byte{1}, dict, cases["from dict"]); z[0] != 1 || !bytes.Equal(inflate(t, dict, z[1:]), cases["from dict"]) {
		t.Fatal("not appended")
	}
}

func BenchmarkEncode(b *testing.B) {
	dict := bytes.Repeat([]byte(`{"type":"naissance","enfant":{"nom":"","prenoms":[""]}}`), 80)
	data := []byte(`{"type":"naissance","enfant":{"nom":"MARTIN","prenoms":["Léo","Paul"],"sexe":"M"},"date":"2026-11-21","lieu":"Lomme (Nord)"}`)
	d := NewDict(dict)
	for b.Loop() {
		d.Encode(nil, data)
	}
}
