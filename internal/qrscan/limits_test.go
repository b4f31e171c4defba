package qrscan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"
)

// pngHeader is a PNG of w×h pixels whose data is only a few bytes: what
// an attacker sends to make the decoder allocate w×h.
func pngHeader(w, h uint32) []byte {
	chunk := func(kind string, data []byte) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
		return b.Bytes()
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8] = 8 // 8 bits of grey
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1})...)
	return append(out, chunk("IEND", nil)...)
}

// An image announcing ten billion pixels is refused from its header,
// before anything is allocated; a damaged one is « illisible ».
func TestImageLimits(t *testing.T) {
	if _, err := Read(bytes.NewReader(pngHeader(100_000, 100_000))); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("10^10 pixels: %v", err)
	}
	if _, err := Read(bytes.NewReader(pngHeader(100, 100)[:30])); err == nil || err.Error() != "image illisible (formats acceptés : PNG, JPEG)" {
		t.Fatalf("truncated: %v", err)
	}
}
