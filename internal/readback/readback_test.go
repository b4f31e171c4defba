package readback

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, data []byte, chunk int) (int64, error, []byte) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := New(f)
	for p := data; len(p) > 0; {
		k := min(chunk, len(p))
		if _, err := w.Write(p[:k]); err != nil {
			w.Abort()
			return 0, err, nil
		}
		p = p[k:]
	}
	n, err := w.Finish()
	got, _ := os.ReadFile(f.Name())
	return n, err, got
}

// What is written is read back whole, whatever the sizes of the writes.
func TestEverythingIsReadBack(t *testing.T) {
	data := make([]byte, 3*Window+12345)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	for _, chunk := range []int{1 << 10, 32 << 10, Window, 5 * Window} {
		n, err, got := write(t, data, chunk)
		if err != nil || n != int64(len(data)) || !bytes.Equal(got, data) {
			t.Fatalf("chunk %d: %d bytes read back of %d, %v", chunk, n, len(data), err)
		}
	}
	if n, err, _ := write(t, nil, 1); err != nil || n != 0 {
		t.Fatalf("empty file: %d %v", n, err)
	}
}

// A medium that gives back other bytes (a fake-capacity stick wraps
// around) is found, and named.
func TestAlteredMediumIsFound(t *testing.T) {
	alter = func(off int64, b []byte) {
		if off == Window {
			b[100] ^= 1
		}
	}
	defer func() { alter = nil }()
	_, err, _ := write(t, make([]byte, 2*Window+1), 64<<10)
	if !errors.Is(err, ErrMismatch) {
		t.Fatalf("altered medium: %v", err)
	}
}
