package forms

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// A PDF is signed by an incremental update appended to the file as
// gofpdf wrote it (PDF 32000-1 §12.8, PAdES baseline B): an invisible
// signature field on the first page, the catalog with an AcroForm, and a
// signature dictionary whose /Contents holds a CMS detached signature of
// every byte of the file except that hexadecimal string, as /ByteRange
// says.

// contentsSize is the room kept for the CMS signature, in bytes: two
// P-256 certificates and the signed attributes take about 1.5 KB.
const contentsSize = 4096

// byteRangePlaceholder is rewritten in place once the offsets are known.
const byteRangePlaceholder = "/ByteRange [0 0000000000 0000000000 0000000000]"

// contentsKey comes between the byte range and the signature value.
const contentsKey = "\n/Contents "

// sigInfo describes the signature for readers of the PDF.
type sigInfo struct {
	name, reason, location string
	when                   time.Time
}

var (
	reStartxref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
	reFirstPage = regexp.MustCompile(`\n(\d+) 0 obj\n<</Type /Page\n`)
)

// object returns the dictionary text of object n in pdf, as gofpdf writes
// it ("N 0 obj", the dictionary, "endobj", each on its own lines).
func object(pdf []byte, n int) (string, error) {
	head := []byte("\n" + strconv.Itoa(n) + " 0 obj\n")
	i := bytes.Index(pdf, head)
	if i < 0 {
		return "", fmt.Errorf("objet %d introuvable", n)
	}
	body := pdf[i+len(head):]
	j := bytes.Index(body, []byte("\nendobj"))
	if j < 0 || !bytes.HasPrefix(body, []byte("<<")) || !bytes.HasSuffix(bytes.TrimSpace(body[:j]), []byte(">>")) {
		return "", fmt.Errorf("objet %d illisible", n)
	}
	return string(bytes.TrimSpace(body[:j])), nil
}

// withEntry adds an entry at the end of a dictionary's text.
func withEntry(dict, entry string) string {
	i := strings.LastIndex(dict, ">>")
	return dict[:i] + entry + "\n>>"
}

// pdfText writes a text string as UTF-16BE with a byte order mark, in hex.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// signPDF appends the signature to pdf. sign receives the bytes covered
// by the signature and returns the CMS signature.
func signPDF(pdf []byte, info sigInfo, sign func([]byte) ([]byte, error)) ([]byte, error) {
	m := reStartxref.FindSubmatch(pdf)
	trailerAt := bytes.LastIndex(pdf, []byte("trailer"))
	if m == nil || trailerAt < 0 {
		return nil, errors.New("signature du PDF : fin de fichier inattendue")
	}
	trailer := pdf[trailerAt:]
	root, info1, size := reRoot.FindSubmatch(trailer), reInfo.FindSubmatch(trailer), reSize.FindSubmatch(trailer)
	page := reFirstPage.FindSubmatch(pdf)
	if root == nil || info1 == nil || size == nil || page == nil {
		return nil, errors.New("signature du PDF : structure inattendue")
	}
	rootN, _ := strconv.Atoi(string(root[1]))
	pageN, _ := strconv.Atoi(string(page[1]))
	n, _ := strconv.Atoi(string(size[1]))
	catalog, err := object(pdf, rootN)
	if err != nil {
		return nil, err
	}
	pageDict, err := object(pdf, pageN)
	if err != nil {
		return nil, err
	}
	if strings.Contains(pageDict, "/Annots") || strings.Contains(catalog, "/AcroForm") {
		return nil, errors.New("signature du PDF : page ou catalogue déjà annoté")
	}
	widget, sigN, form := n, n+1, n+2

	var b bytes.Buffer
	b.Write(pdf)
	if pdf[len(pdf)-1] != '\n' {
		b.WriteByte('\n')
	}
	offsets := map[int]int{}
	obj := func(num int, body string) {
		offsets[num] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", num, body)
	}
	obj(widget, fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /T (Signature1) /V %d 0 R /P %d 0 R>>", sigN, pageN))
	offsets[sigN] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n/Name %s /Reason %s /Location %s\n/M (D:%s)\n",
		sigN, pdfText(info.name), pdfText(info.reason), pdfText(info.location), info.when.UTC().Format("20060102150405Z"))
	rangeAt := b.Len()
	b.WriteString(byteRangePlaceholder + contentsKey + "<")
	hexStart := b.Len() - 1
	b.Write(bytes.Repeat([]byte("0"), contentsSize*2))
	b.WriteString(">")
	hexEnd := b.Len()
	b.WriteString(">>\nendobj\n")
	obj(form, fmt.Sprintf("<</Fields [%d 0 R] /SigFlags 3>>", widget))
	obj(rootN, withEntry(catalog, fmt.Sprintf("/AcroForm %d 0 R", form)))
	obj(pageN, withEntry(pageDict, fmt.Sprintf("/Annots [%d 0 R]", widget)))

	xref := b.Len()
	b.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for _, num := range []int{min(rootN, pageN), max(rootN, pageN)} {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", num, offsets[num])
	}
	fmt.Fprintf(&b, "%d 3\n", widget)
	for _, num := range []int{widget, sigN, form} {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[num])
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %s 0 R\n/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n", form+1, rootN, info1[1], m[1], xref)

	out := b.Bytes()
	copy(out[rangeAt:], fmt.Sprintf("/ByteRange [0 %010d %010d %010d]", hexStart, hexEnd, len(out)-hexEnd))

	signed := make([]byte, 0, hexStart+len(out)-hexEnd)
	signed = append(signed, out[:hexStart]...)
	signed = append(signed, out[hexEnd:]...)
	der, err := sign(signed)
	if err != nil {
		return nil, err
	}
	if len(der) > contentsSize {
		return nil, fmt.Errorf("signature du PDF : %d octets, place prévue %d", len(der), contentsSize)
	}
	hex.Encode(out[hexStart+1:], der)
	return out, nil
}

// SignedPDF is the signature found in a PDF, not yet verified.
type SignedPDF struct {
	CMS    []byte // the CMS detached signature
	Signed []byte // the bytes it covers
}

var reByteRange = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// ErrNotSigned is returned for a PDF without a signature.
var ErrNotSigned = errors.New("ce PDF ne porte pas de signature électronique")

// ReadSignature finds the signature of a PDF signed by this program and
// checks its framing: exactly one signature, covering the whole file
// except its own value, which is written in one canonical way (so that no
// byte of the file can change without the verification failing).
func ReadSignature(pdf []byte) (*SignedPDF, error) {
	all := reByteRange.FindAllSubmatchIndex(pdf, -1)
	if len(all) == 0 {
		return nil, ErrNotSigned
	}
	altered := errors.New("la structure de la signature du PDF a été modifiée")
	if len(all) > 1 {
		return nil, errors.New("ce PDF porte plusieurs signatures : il a été modifié après sa délivrance")
	}
	var v [4]int
	for i := range v {
		s, e := all[0][2+2*i], all[0][3+2*i]
		n, err := strconv.Atoi(string(pdf[s:e]))
		if err != nil {
			return nil, altered
		}
		v[i] = n
	}
	start, end := v[1], v[2]
	if v[0] != 0 || start <= all[0][1] || end <= start+2 || end+v[3] != len(pdf) {
		return nil, errors.New("la signature ne couvre pas tout le fichier : il a été modifié ou complété après la signature")
	}
	if pdf[start] != '<' || pdf[end-1] != '>' || string(pdf[all[0][1]:start]) != contentsKey {
		return nil, altered
	}
	hexText := pdf[start+1 : end-1]
	raw := make([]byte, len(hexText)/2)
	if len(hexText)%2 != 0 {
		return nil, altered
	}
	if _, err := hex.Decode(raw, hexText); err != nil {
		return nil, altered
	}
	n, ok := derLength(raw)
	if !ok || !bytes.Equal(hexText, []byte(hex.EncodeToString(raw))) || strings.Trim(string(raw[n:]), "\x00") != "" {
		return nil, altered
	}
	signed := make([]byte, 0, len(pdf)-(end-start))
	signed = append(signed, pdf[:start]...)
	signed = append(signed, pdf[end:]...)
	return &SignedPDF{CMS: raw[:n], Signed: signed}, nil
}

// derLength returns the length of the DER element at the start of b.
func derLength(b []byte) (int, bool) {
	if len(b) < 2 || b[0] != 0x30 {
		return 0, false
	}
	l := int(b[1])
	hdr := 2
	if l&0x80 != 0 {
		k := l & 0x7f
		if k == 0 || k > 3 || len(b) < 2+k {
			return 0, false
		}
		l = 0
		for _, c := range b[2 : 2+k] {
			l = l<<8 | int(c)
		}
		hdr += k
	}
	if hdr+l > len(b) {
		return 0, false
	}
	return hdr + l, true
}

var reKeywords = regexp.MustCompile(`/Keywords \(([^()\\]*)\)`)

// codeKeywords writes the signed codes of a document in its keywords.
func codeKeywords(codes []string) string { return strings.Join(codes, ";") }

// Codes returns the texts of the signed codes kept in a PDF's keywords,
// one per document (copy or register sheet), in page order.
func Codes(pdf []byte) []string {
	m := reKeywords.FindSubmatch(pdf)
	if m == nil {
		return nil
	}
	return strings.Split(string(m[1]), ";")
}
