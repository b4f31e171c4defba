package fold

import "testing"

func TestKey(t *testing.T) {
	cases := map[string]string{
		"MÜLLER":          "muller",
		"LEFÈVRE-Durand":  "lefevre durand",
		"  Zoé,  Chloë ":  "zoe chloe",
		"L'Haÿ-les-Roses": "l hay les roses",
		"Œdipe ÆLIS":      "oedipe aelis",
		"Çà":              "ca",
		"":                "",
	}
	for in, want := range cases {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
	if !Equal("Hélène LEFÈVRE", "helene lefevre") || Equal("Martin", "Martine") {
		t.Error("Equal disagrees with Key")
	}
	if got := Accents("ÉLISE Lefèvre"); got != "ELISE Lefevre" {
		t.Errorf("Accents: %q", got)
	}
}

func TestName(t *testing.T) {
	decomposed := "Zoe\u0301 N\u2019DIAYE"
	if got := Name(decomposed); got != "Zoé N'DIAYE" {
		t.Fatalf("Name(%q) = %q", decomposed, got)
	}
}
