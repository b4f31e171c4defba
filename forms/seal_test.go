package forms

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/pdftest"
	"etatcivil/internal/qrscan"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

var testSeal = sync.OnceValues(func() (*Seal, *seal.Trust) {
	now := time.Date(2026, 11, 24, 9, 41, 0, 0, time.UTC)
	auth, err := seal.NewAuthority("Lille", "59350", now)
	if err != nil {
		panic(err)
	}
	k, err := auth.IssueOfficer(delcourt.FullName(), delcourt.QualiteLabel(), now)
	if err != nil {
		panic(err)
	}
	trust := seal.NewTrust(auth.Cert)
	if err := trust.Add(k.Cert); err != nil {
		panic(err)
	}
	return &Seal{Key: k, Chain: []*x509.Certificate{auth.Cert}, Officer: delcourt, Commune: lille, Now: func() time.Time { return now }}, trust
})

// signedDocuments writes every document kind, signed, into a folder.
func signedDocuments(t *testing.T) (dir string, docs map[string][]byte) {
	sl, _ := testSeal()
	docs = documents(t, sl)
	dir = t.TempDir()
	if *preview != "" {
		dir = filepath.Join(*preview, "signes")
		os.MkdirAll(dir, 0o755)
	}
	for name, pdf := range docs {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, docs
}

// TestSignedDocuments: every document kind carries a PDF signature that
// poppler's pdfsig accepts, and one signed code that verifies, saying
// what the document is.
func TestSignedDocuments(t *testing.T) {
	pdftest.NeedPoppler(t)
	_, trust := testSeal()
	dir, docs := signedDocuments(t)
	for name, pdf := range docs {
		path := filepath.Join(dir, name+".pdf")
		if err := pdftest.Validate(path); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		out, _ := exec.Command("pdfsig", path).CombinedOutput()
		// pdfsig exits 0 even for a broken signature: read its words.
		if !strings.Contains(string(out), "Signature is Valid.") || !strings.Contains(string(out), "Total document signed") {
			t.Errorf("%s: pdfsig says:\n%s", name, out)
		}
		v, err := VerifyPDF(pdf, trust)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(v.Codes) != 1 || v.Signer.Subject.CommonName != "Anne-Sophie DELCOURT" {
			t.Fatalf("%s: %d codes, signer %s", name, len(v.Codes), v.Signer.Subject.CommonName)
		}
		c := v.Codes[0].Content
		i := strings.LastIndex(name, "-")
		forme, kind := name[:i], name[i+1:]
		if c.Forme != forme || c.Ref.Registre != civil.Kind(kind).Register() || c.Ref.Numero != load(t, kind).Numero || c.Insee != "59350" {
			t.Errorf("%s: code says %s of %s (%s)", name, c.Forme, c.Ref, c.Insee)
		}
		if forme != civil.FormeFeuillet && c.Serie() != "59350-2026-000007" {
			t.Errorf("%s: serial %q", name, c.Serie())
		}
		text, err := pdftest.Text(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(strings.Fields(text), " "), "Code signé électroniquement par Anne-Sophie DELCOURT (clé "+c.Cle+")") {
			t.Errorf("%s: no caption under the code:\n%s", name, text)
		}
	}
}

// TestCodeSurvivesPrinting: the QR code drawn in each PDF, rasterised by
// pdftoppm as a scanner would, is read back by an independent decoder
// (gozxing; zbarimg too when installed) and verifies.
func TestCodeSurvivesPrinting(t *testing.T) {
	pdftest.NeedPoppler(t)
	_, trust := testSeal()
	dir, docs := signedDocuments(t)
	_, zbarErr := exec.LookPath("zbarimg")
	for name, pdf := range docs {
		want := Codes(pdf)[0]
		for _, dpi := range []int{150, 300} {
			if dpi == 300 && name != "integrale-naissance" {
				continue
			}
			base := filepath.Join(dir, fmt.Sprintf("%s-%d", name, dpi))
			if out, err := exec.Command("pdftoppm", "-png", "-r", fmt.Sprint(dpi), "-f", "1", "-l", "1", "-singlefile", filepath.Join(dir, name+".pdf"), base).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
			f, err := os.Open(base + ".png")
			if err != nil {
				t.Fatal(err)
			}
			got, err := qrscan.Read(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s at %d dpi: %v", name, dpi, err)
			}
			if got != want {
				t.Fatalf("%s at %d dpi: read %q, want %q", name, dpi, got, want)
			}
			if _, err := VerifyCode(got, trust); err != nil {
				t.Fatalf("%s: the scanned code does not verify: %v", name, err)
			}
			if zbarErr == nil {
				// QR codes only: zbarimg also looks for linear barcodes, and
				// once in about twenty runs read one in the page's text.
				out, err := exec.Command("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", base+".png").Output()
				if err != nil || strings.TrimRight(string(out), "\n") != want {
					t.Errorf("%s: zbarimg read %q (%v)", name, out, err)
				}
			}
		}
	}
}

// TestAnyChangedByteFails: changing any one byte of a signed PDF makes
// its verification fail (every byte of the signature's own framing and
// of the appended update, and one byte in five elsewhere, to keep the test
// short).
func TestAnyChangedByteFails(t *testing.T) {
	sl, trust := testSeal()
	pdf := renderCopy(t, load(t, "naissance"), civil.FormeExtrait, sl)
	if _, err := VerifyPDF(pdf, trust); err != nil {
		t.Fatal(err)
	}
	update := bytes.LastIndex(pdf, []byte("%%EOF")) // end of gofpdf's part
	update = bytes.LastIndex(pdf[:update], []byte("%%EOF"))
	checked := 0
	for i := range pdf {
		if i < update && i%5 != 0 {
			continue
		}
		orig := pdf[i]
		for _, c := range []byte{orig ^ 0x01, orig ^ 0x20} {
			pdf[i] = c
			if _, err := VerifyPDF(pdf, trust); err == nil {
				t.Fatalf("byte %d changed from %q to %q: still verifies", i, orig, c)
			}
		}
		pdf[i] = orig
		checked++
	}
	if _, err := VerifyPDF(pdf, trust); err != nil {
		t.Fatal(err)
	}
	// Something appended after the signature is refused too.
	if _, err := VerifyPDF(append(bytes.Clone(pdf), "\n% ajout\n"...), trust); err == nil {
		t.Fatal("a PDF with bytes appended after its signature verified")
	}
	t.Logf("%d of %d bytes changed", checked, len(pdf))
}

// TestRevokedOrUnknownKey: a document signed by a revoked key, or by a
// key the commune never issued, does not pass.
func TestRevokedOrUnknownKey(t *testing.T) {
	sl, trust := testSeal()
	pdf := renderCopy(t, load(t, "naissance"), civil.FormeIntegrale, sl)
	code := Codes(pdf)[0]

	// The copy was issued on 24/11/2026.
	revokedAs := func(r seal.Revocation) *seal.Trust {
		t := seal.NewTrust(trust.Authority)
		for id, c := range trust.Officers {
			t.Officers[id] = c
			t.Revoked[id] = r
		}
		return t
	}
	at := time.Date(2026, 11, 25, 8, 0, 0, 0, time.Local)
	for _, r := range []seal.Revocation{
		{At: at, Reason: seal.ReasonCompromise},
		{At: at, Reason: seal.ReasonCompromise, Since: time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)},
		{At: at, Reason: seal.ReasonEndOfMandate, Since: time.Date(2026, 11, 24, 0, 0, 0, 0, time.Local)},
		{At: at, Reason: seal.ReasonUnspecified},
	} {
		var rev *seal.RevokedError
		if v, err := VerifyPDF(pdf, revokedAs(r)); !errors.As(err, &rev) || v == nil || rev.Reason != r.Reason {
			t.Fatalf("revoked key (%+v), PDF: %v", r, err)
		}
		if vc, err := VerifyCode(code, revokedAs(r)); !errors.As(err, &rev) || vc == nil {
			t.Fatalf("revoked key (%+v), code: %v", r, err)
		}
	}
	// Revoked after the day of issue, at the end of a mandate or for a
	// compromise that started later: still authentic, the revocation said.
	for _, r := range []seal.Revocation{
		{At: at, Reason: seal.ReasonEndOfMandate},
		{At: at, Reason: seal.ReasonCompromise, Since: time.Date(2026, 11, 25, 0, 0, 0, 0, time.Local)},
	} {
		v, err := VerifyPDF(pdf, revokedAs(r))
		if err != nil || v.Codes[0].Revocation == nil || v.Codes[0].Revocation.Reason != r.Reason {
			t.Fatalf("revoked later (%+v), PDF: %v", r, err)
		}
		if vc, err := VerifyCode(code, revokedAs(r)); err != nil || vc.Revocation == nil {
			t.Fatalf("revoked later (%+v), code: %v", r, err)
		}
	}

	other, err := seal.NewAuthority("Roubaix", "59512", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	stranger := seal.NewTrust(other.Cert)
	if _, err := VerifyPDF(pdf, stranger); !errors.Is(err, seal.ErrUnknownKey) {
		t.Fatalf("another commune's trust, PDF: %v", err)
	}
	if _, err := VerifyCode(code, stranger); !errors.Is(err, seal.ErrUnknownKey) {
		t.Fatalf("another commune's trust, code: %v", err)
	}
	if _, err := VerifyPDF(renderCopy(t, load(t, "naissance"), civil.FormeIntegrale, nil), trust); !errors.Is(err, ErrNotSigned) {
		t.Fatalf("unsigned PDF: %v", err)
	}
}

// BenchmarkCopySigned renders and signs one copy: compare with
// BenchmarkCopy for the cost of the seal (goal: under 5 ms more).
func BenchmarkCopySigned(b *testing.B) {
	sl, _ := testSeal()
	a := load(b, "naissance")
	reportCPU(b, func() {
		for b.Loop() {
			if err := WriteCopy(io.Discard, registry.Delivery{Act: a, Commune: lille, ActOfficer: maire, Record: record(civil.FormeIntegrale), Signer: delcourt}, sl); err != nil {
				b.Fatal(err)
			}
		}
	})

}

// TestCodeTextKeptExactly: a base45 text may end with a space (or hold
// two in a row); the code is printed and kept exactly, never trimmed as
// markup would be.
func TestCodeTextKeptExactly(t *testing.T) {
	pdftest.NeedPoppler(t)
	text := "EC1:AB  CD:%*+-./ $"
	doc := newDocument("test", time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	doc.setCode(text)
	doc.page("@titre ESSAI\n@code Légende du code\n")
	var b bytes.Buffer
	if err := doc.write(&b); err != nil {
		t.Fatal(err)
	}
	if got := Codes(b.Bytes()); len(got) != 1 || got[0] != text {
		t.Fatalf("keywords hold %q, want %q", got, text)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "code.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	if out, err := exec.Command("pdftoppm", "-png", "-r", "150", "-singlefile", path, filepath.Join(dir, "code")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "code.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, err := qrscan.Read(f); err != nil || got != text {
		t.Fatalf("scanned %q (%v), want %q", got, err, text)
	}
}

// BenchmarkCopySignedAllFaces renders and signs a copy that sets all of
// regular, bold and italic (its margin carries two mentions, each with
// the officer who signed it in italics): the per-copy cost of real faces.
func BenchmarkCopySignedAllFaces(b *testing.B) {
	sl, _ := testSeal()
	a := load(b, "naissance")
	a.Mentions = []civil.Mention{
		{Date: "2026-11-30", Nature: "rectification", Texte: "Rectifié : le second prénom de l'enfant s'écrit « Chloë ».", Fondement: "art. 99-1 du Code civil", Officier: "o1"},
		{Date: "2050-06-12", Nature: "mariage", Texte: "Mariée à Lille (Nord) le 12 juin 2050 avec Jean DUPONT.", Fondement: "art. 76 du Code civil", Officier: "o2"},
	}
	officers := []civil.Officer{maire, delcourt}
	reportCPU(b, func() {
		for b.Loop() {
			if err := WriteCopy(io.Discard, registry.Delivery{Act: a, Commune: lille, ActOfficer: maire, Record: record(civil.FormeIntegrale), Signer: delcourt, Officers: officers}, sl); err != nil {
				b.Fatal(err)
			}
		}
	})

}
