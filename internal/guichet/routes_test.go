package guichet

import "testing"

func TestRouted(t *testing.T) {
	for path, want := range map[string]bool{
		"/": true, "/registre?acte=naissance/2026/38": true, "/rdv/prendre": true, "/dresser/naissance": true,
		"/nulle-part": false, "/registre/nulle-part": false,
	} {
		got, err := Routed(path)
		if err != nil || got != want {
			t.Errorf("Routed(%q) = %v, %v; want %v", path, got, err, want)
		}
	}
}
