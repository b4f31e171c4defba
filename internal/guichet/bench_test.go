package guichet

import (
	"io"
	"net/http"
	"os"
	"testing"
	"time"
)

// BenchmarkPages renders each page in-process, through every check of a
// real request (Host, cookie, session) and with the register opened and
// closed for the request, as the counter serves it. On the test register
// by default; on another one with ETATCIVIL_BENCH_REGISTRE=DIR (for
// instance a register made by etatcivil demo --volume 100000 --dossier DIR).
func BenchmarkPages(b *testing.B) {
	var srv *Server
	if dir := os.Getenv("ETATCIVIL_BENCH_REGISTRE"); dir != "" {
		var err error
		if srv, err = Start(Config{Dir: dir, Log: io.Discard, Timeout: time.Second}); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { srv.Close() })
	} else {
		srv, _ = start(b)
	}
	c := open(b, srv)
	for _, p := range []struct{ name, path string }{
		{"accueil", "/"},
		{"recherche-page", "/recherche?recherche=lefebvre"},
		{"recherche-frappe", "/recherche?recherche=martin"},
		{"journal", "/journal"},
		{"ouverture", "/ouverture"},
		{"dresser-naissance", "/dresser/naissance"},
		{"imprimer", "/imprimer"},
		{"copie", "/copie"},
		{"rdv", "/rdv"},
		{"feuille-de-style", "/static/guichet.css"},
	} {
		b.Run(p.name, func(b *testing.B) {
			r := newGet(p.path)
			if p.name == "recherche-frappe" {
				r.Header.Set(partialHeader, "1")
			}
			for b.Loop() {
				if rec := c.do(r.Clone(r.Context())); rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", p.path, rec.Code, rec.Body)
				}
			}
		})
	}
	b.Run("refus-sans-cookie", func(b *testing.B) {
		stranger := &client{t: b, srv: srv, host: c.host}
		for b.Loop() {
			if rec := stranger.get("/"); rec.Code != http.StatusForbidden {
				b.Fatal(rec.Code)
			}
		}
	})
}
