// Package deflate writes small DEFLATE streams (RFC 1951) with a preset
// dictionary, cheaply: one block of fixed Huffman codes, matches found by
// a hash of three bytes over the dictionary and the data. The standard
// library's compress/flate reads them (flate.NewReaderDict with the same
// dictionary); it also writes them better (dynamic codes), but each of
// its writers first allocates about 700 KB, which costs a command that
// stores one record more than the compression itself.
package deflate

import "math/bits"

const (
	window   = 32 << 10 // the largest distance DEFLATE allows
	minMatch = 3
	maxMatch = 258
	hashBits = 13
	maxChain = 16 // candidates tried at each position
)

// Dict is a preset dictionary made ready for Encode: its positions
// hashed once.
type Dict struct {
	data []byte
	head [1 << hashBits]int32
	prev []int32
}

// NewDict prepares the preset dictionary dict (its last 32 KiB count).
func NewDict(dict []byte) *Dict {
	if len(dict) > window {
		dict = dict[len(dict)-window:]
	}
	d := &Dict{data: dict, prev: make([]int32, len(dict))}
	for i := range d.head {
		d.head[i] = -1
	}
	for i := 0; i+minMatch <= len(dict); i++ {
		h := hash3(dict[i:])
		d.prev[i] = d.head[h]
		d.head[h] = int32(i)
	}
	return d
}

// Encode appends to dst the DEFLATE stream of data compressed with the
// preset dictionary dict (its last 32 KiB count), and returns it.
func Encode(dst, dict, data []byte) []byte { return NewDict(dict).Encode(dst, data) }

// Encode appends to dst the DEFLATE stream of data compressed with the
// dictionary, and returns it. Safe for concurrent use.
func (d *Dict) Encode(dst, data []byte) []byte {
	buf := make([]byte, 0, len(d.data)+len(data))
	buf = append(append(buf, d.data...), data...)
	w := bitWriter{out: dst}
	w.bits(1, 1) // BFINAL
	w.bits(1, 2) // BTYPE 01: fixed Huffman codes
	head := d.head
	prev := make([]int32, len(buf))
	copy(prev, d.prev)
	insert := func(i int) {
		if i+minMatch <= len(buf) {
			h := hash3(buf[i:])
			prev[i] = head[h]
			head[h] = int32(i)
		}
	}
	// The dictionary's last two positions could not be hashed alone.
	for i := max(0, len(d.data)-minMatch+1); i < len(d.data); i++ {
		insert(i)
	}
	for i := len(d.data); i < len(buf); {
		bestLen, bestDist := 0, 0
		if i+minMatch <= len(buf) {
			limit := min(maxMatch, len(buf)-i)
			for c, n := head[hash3(buf[i:])], 0; c >= 0 && n < maxChain && i-int(c) <= window; c, n = prev[c], n+1 {
				l := matchLen(buf[c:], buf[i:i+limit])
				if l > bestLen {
					bestLen, bestDist = l, i-int(c)
					if l == limit {
						break
					}
				}
			}
		}
		if bestLen >= minMatch {
			w.length(bestLen)
			w.distance(bestDist)
			for j := i; j < i+bestLen; j++ {
				insert(j)
			}
			i += bestLen
			continue
		}
		w.literal(int(buf[i]))
		insert(i)
		i++
	}
	w.literal(256) // end of block
	return w.flush()
}

func hash3(b []byte) uint32 {
	return (uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])) * 2654435761 >> (32 - hashBits)
}

// matchLen returns how many bytes a and b have in common at their start.
func matchLen(a, b []byte) int {
	n := 0
	for n < len(b) && n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}

// bitWriter writes bits least significant first, as DEFLATE packs them.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) bits(v uint32, n uint) {
	w.acc |= uint64(v) << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// code writes a Huffman code of n bits, which DEFLATE packs most
// significant bit first.
func (w *bitWriter) code(c uint32, n uint) {
	w.bits(bits.Reverse32(c)>>(32-n), n)
}

func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc, w.nacc = 0, 0
	}
	return w.out
}

// literal writes a literal/length symbol (0–287) in the fixed code.
func (w *bitWriter) literal(sym int) {
	switch {
	case sym < 144:
		w.code(uint32(0x30+sym), 8)
	case sym < 256:
		w.code(uint32(0x190+sym-144), 9)
	case sym < 280:
		w.code(uint32(sym-256), 7)
	default:
		w.code(uint32(0xc0+sym-280), 8)
	}
}

// The bases and extra bits of the length codes 257–285 and of the
// distance codes 0–29 (RFC 1951, 3.2.5).
var (
	lengthBase  = [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [...]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [...]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [...]uint{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// length writes a match length (3–258).
func (w *bitWriter) length(l int) {
	i := len(lengthBase) - 1
	for lengthBase[i] > l {
		i--
	}
	w.literal(257 + i)
	if lengthExtra[i] > 0 {
		w.bits(uint32(l-lengthBase[i]), lengthExtra[i])
	}
}

// distance writes a match distance (1–32768): 5-bit fixed codes.
func (w *bitWriter) distance(d int) {
	i := len(distBase) - 1
	for distBase[i] > d {
		i--
	}
	w.code(uint32(i), 5)
	if distExtra[i] > 0 {
		w.bits(uint32(d-distBase[i]), distExtra[i])
	}
}
