package seal

import (
	"errors"
	"strings"
)

// base45Alphabet is the alphabet of RFC 9285, which is also the set of
// characters of a QR code's alphanumeric mode.
const base45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// errBase45 is returned for text that is not base45.
var errBase45 = errors.New("base45 invalide")

// Base45Encode encodes data as in RFC 9285.
func Base45Encode(data []byte) string {
	var b strings.Builder
	b.Grow(len(data)/2*3 + 2)
	for i := 0; i+1 < len(data); i += 2 {
		n := int(data[i])<<8 | int(data[i+1])
		b.WriteByte(base45Alphabet[n%45])
		b.WriteByte(base45Alphabet[n/45%45])
		b.WriteByte(base45Alphabet[n/45/45])
	}
	if len(data)%2 == 1 {
		n := int(data[len(data)-1])
		b.WriteByte(base45Alphabet[n%45])
		b.WriteByte(base45Alphabet[n/45])
	}
	return b.String()
}

// Base45Decode decodes RFC 9285 text. It refuses a character outside the
// alphabet, a dangling character and a group worth more than its bytes
// can hold, so that each byte string has exactly one encoding.
func Base45Decode(s string) ([]byte, error) {
	if len(s)%3 == 1 {
		return nil, errBase45
	}
	out := make([]byte, 0, len(s)/3*2+1)
	val := func(c byte) (int, error) {
		i := strings.IndexByte(base45Alphabet, c)
		if i < 0 {
			return 0, errBase45
		}
		return i, nil
	}
	for i := 0; i < len(s); i += 3 {
		rest := len(s) - i
		var n int
		for j, m := 0, 1; j < 3 && j < rest; j, m = j+1, m*45 {
			v, err := val(s[i+j])
			if err != nil {
				return nil, err
			}
			n += v * m
		}
		if rest >= 3 {
			if n > 0xFFFF {
				return nil, errBase45
			}
			out = append(out, byte(n>>8), byte(n))
		} else {
			if n > 0xFF {
				return nil, errBase45
			}
			out = append(out, byte(n))
		}
	}
	return out, nil
}
