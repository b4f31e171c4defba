package seal

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// The examples of RFC 9285, section 4.
func TestBase45RFC(t *testing.T) {
	for _, c := range []struct{ plain, enc string }{
		{"AB", "BB8"},
		{"Hello!!", "%69 VD92EX0"},
		{"base-45", "UJCLQE7W581"},
		{"ietf!", "QED8WEX0"},
		{"", ""},
	} {
		if got := Base45Encode([]byte(c.plain)); got != c.enc {
			t.Errorf("encode %q = %q, want %q", c.plain, got, c.enc)
		}
		got, err := Base45Decode(c.enc)
		if err != nil || string(got) != c.plain {
			t.Errorf("decode %q = %q, %v; want %q", c.enc, got, err, c.plain)
		}
	}
}

func TestBase45Refuses(t *testing.T) {
	for _, s := range []string{"GGW", "A", "BB8a", "ZZ", "BB8é"} {
		if b, err := Base45Decode(s); err == nil {
			t.Errorf("Base45Decode(%q) = %x, want an error", s, b)
		}
	}
}

func TestBase45RoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		got, err := Base45Decode(Base45Encode(data))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip of %d bytes: %x, %v", n, got, err)
		}
	}
}
