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
