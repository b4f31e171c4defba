package civil

import (
	"reflect"
	"testing"
)

func TestCodeContentRoundTrip(t *testing.T) {
	a := signedBirth(2026)
	a.Registre, a.Annee, a.Numero = Naissance, 2026, 38
	for _, forme := range append(Formes, FormeFeuillet) {
		c := CodeFor(a, lomme, forme, 12, testNow, "a1b2c3d4e5f6")
		b, err := c.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		got, err := UnmarshalCode(b)
		if err != nil {
			t.Fatalf("%s: %v", forme, err)
		}
		if !reflect.DeepEqual(got.Faits, c.Faits) || got.Ref != c.Ref || got.Forme != forme || got.Cle != c.Cle ||
			got.Serie() != "59350-2026-000012" || got.Emis.Format("2006-01-02") != "2026-11-24" {
			t.Fatalf("%s: %+v, want %+v", forme, got, c)
		}
		parents := got.Fact(FaitParent) != ""
		if want := forme != FormeExtrait; parents != want {
			t.Errorf("%s: parents in the code = %v, want %v", forme, parents, want)
		}
		if got.Fact(FaitNom) != "MÜLLER" || got.Fact(FaitDate) != "2026-11-20" {
			t.Errorf("%s: facts %+v", forme, got.Faits)
		}
		if len(b) > 140 {
			t.Errorf("%s: %d bytes, too big for an easy QR code", forme, len(b))
		}
		for i := range b {
			if _, err := UnmarshalCode(b[:i]); err == nil && i < len(b)-1 && i < 22 {
				t.Errorf("%s: a content cut at %d bytes decoded", forme, i)
			}
		}
	}
	if _, err := UnmarshalCode([]byte{9, 'I', 'N'}); err == nil {
		t.Fatal("unknown version decoded")
	}
}

// A register sheet's code carries the fingerprint of the content it was
// printed from, so that a sheet printed before a correction is told from
// the act (issue 19 §6); a copy's code does not (a signed act does not
// change). It is not a fact to compare with the page.
func TestSheetCodeCarriesTheContent(t *testing.T) {
	a := signedBirth(2026)
	a.Registre, a.Annee, a.Numero = Naissance, 2026, 38
	sheet := CodeFor(a, lomme, FormeFeuillet, 0, testNow, "a1b2c3d4e5f6")
	h := sheet.Fact(FaitEmpreinte)
	if h != a.ShortContentHash() || len(h) != 16 {
		t.Fatalf("sheet's fingerprint %q, want %q", h, a.ShortContentHash())
	}
	for _, f := range sheet.Faits {
		if f.OnPage() == (f.Kind == FaitEmpreinte) {
			t.Errorf("fact %c: on the page = %v", f.Kind, f.OnPage())
		}
	}
	a.Enfant.Prenoms = append(a.Enfant.Prenoms, "Lou")
	if CodeFor(a, lomme, FormeFeuillet, 0, testNow, "a1b2c3d4e5f6").Fact(FaitEmpreinte) == h {
		t.Fatal("a corrected act keeps its sheet's fingerprint")
	}
	for _, forme := range Formes {
		if v := CodeFor(a, lomme, forme, 1, testNow, "a1b2c3d4e5f6").Fact(FaitEmpreinte); v != "" {
			t.Errorf("%s: fingerprint %q in a copy's code", forme, v)
		}
	}
}
