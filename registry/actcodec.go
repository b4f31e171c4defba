package registry

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"sync"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// The acts bucket keeps each act's canonical JSON (the bytes its
// fingerprint and its journal entry hash) compressed: deflate (RFC 1951,
// compress/flate) with a preset dictionary of typical acts, behind one
// marker byte naming the dictionary. A value that starts with '{' is the
// JSON itself, as registers of schema 2 and earlier kept it; both are
// read. The fingerprint is always computed on the JSON, never on the
// stored bytes.

// actDeflate1 is the marker of an act compressed with actDict1.
const actDeflate1 = 0x01

// actDict1 is the preset dictionary of marker 1: acts of every kind as
// the demo writes them. Never change it: the acts stored with marker 1
// are read with it. A new dictionary takes a new marker.
//
//go:embed actdict1.txt
var actDict1 []byte

var (
	// actWriters are compress/flate writers with the dictionary, reused
	// within a process (an import packs its acts on every core): each
	// allocates about 700 KB when made (0.3–0.5 ms for a command that
	// registers one act, see BENCHMARKS.md).
	actWriters = sync.Pool{New: func() any {
		w, err := flate.NewWriterDict(io.Discard, flate.BestCompression, actDict1)
		if err != nil {
			panic(err) // a valid level never fails
		}
		return w
	}}
	actReaders = sync.Pool{New: func() any { return flate.NewReaderDict(bytes.NewReader(nil), actDict1) }}
)

// packAct returns the stored bytes of an act's canonical JSON: the marker
// byte, then the JSON deflated with the dictionary.
func packAct(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 16)
	buf.WriteByte(actDeflate1)
	w := actWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	actWriters.Put(w)
	return buf.Bytes()
}

// actJSON returns the canonical JSON of an act from its stored bytes v
// (see packAct; the JSON itself in registers of schema 2). Bytes that do
// not inflate are an error: the caller reports the act unreadable.
func actJSON(v []byte) ([]byte, error) {
	if len(v) == 0 || v[0] != actDeflate1 {
		return v, nil
	}
	r := actReaders.Get().(io.ReadCloser)
	defer actReaders.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(v[1:]), actDict1); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(4 * len(v))
	if _, err := io.Copy(&out, r); err != nil {
		return nil, errors.New("contenu compressé illisible")
	}
	return out.Bytes(), nil
}

// decodeAct reads an act from its stored bytes v into a and returns its
// canonical JSON, on which its fingerprint is computed.
func decodeAct(v []byte, a *civil.Act) ([]byte, error) {
	data, err := actJSON(v)
	if err != nil {
		return nil, err
	}
	return data, json.Unmarshal(data, a)
}

// actsBucket returns the acts bucket, its pages filled as acts are
// written at its end (see fillPercent).
func actsBucket(tx *bolt.Tx) *bolt.Bucket { return filled(tx.Bucket(bucketActs)) }

// UnpackAct returns an act's canonical JSON from the bytes the acts
// bucket stores (compressed; the JSON itself in registers of schema 2),
// for tools and tests that read a register file directly.
func UnpackAct(stored []byte) ([]byte, error) { return actJSON(stored) }

// PackAct returns the bytes the acts bucket stores for an act's canonical
// JSON (see UnpackAct).
func PackAct(data []byte) []byte { return packAct(data) }
