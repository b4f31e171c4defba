package registry

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What packAct stores, actJSON gives back byte for byte: the acts of the
// fixtures, the dictionary itself, empty, long and binary inputs. JSON
// stored before schema 3 is read as it is.
func TestPackActRoundTrip(t *testing.T) {
	inputs := [][]byte{nil, {}, []byte("{}"), actDict1, bytes.Repeat([]byte("Lomme (Nord) "), 10_000), {0x00, 0x01, 0xff, '{'}}
	files, _ := filepath.Glob(filepath.Join("testdata", "v1", "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, data)
	}
	for _, in := range inputs {
		packed := packAct(in)
		if packed[0] != actDeflate1 {
			t.Fatalf("marker %x", packed[0])
		}
		out, err := actJSON(packed)
		if err != nil || !bytes.Equal(out, in) {
			t.Fatalf("%d bytes in, %d back: %v", len(in), len(out), err)
		}
		if strings.HasPrefix(string(in), "{") && len(in) > 300 && len(packed) > len(in)/2 {
			t.Errorf("an act of %d bytes packed in %d", len(in), len(packed))
		}
	}
	if out, err := actJSON([]byte(`{"type":"naissance"}`)); err != nil || string(out) != `{"type":"naissance"}` {
		t.Fatalf("JSON of schema 2: %q %v", out, err)
	}
	if _, err := actJSON([]byte{actDeflate1, 0xff, 0xff, 0xff}); err == nil {
		t.Fatal("damaged bytes inflate")
	}
}

// FuzzPackAct: any bytes come back as they went in.
func FuzzPackAct(f *testing.F) {
	f.Add([]byte(`{"type":"deces","defunt":{"nom":"DUBOIS"}}`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := actJSON(packAct(in))
		if err != nil || !bytes.Equal(out, in) {
			t.Fatalf("%q back as %q: %v", in, out, err)
		}
	})
}
