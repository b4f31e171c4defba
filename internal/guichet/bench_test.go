package guichet

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
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
		{"mentions", "/mentions?acte=deces/2026/1"},
		{"bans", "/bans"},
		{"avis", "/avis"},
		{"sauvegarde", "/sauvegarde"},
		{"controle", "/controle"},
		{"numerotation", "/numerotation"},
		{"officiers", "/officiers"},
		{"reglages", "/reglages"},
		{"registre", "/registre?acte=deces/2026/1"},
		{"verification", "/verification"},
		{"fin-d-annee", "/annee"},
		{"tables-pdf", "/tables?annee=2026"},
		{"rapprochement-pdf", "/rapprochement?officier=o1"},
		{"horloge", "/horloge"},
		{"cles", "/cles"},
		{"secours", "/secours"},
		{"export", "/export"},
		{"import", "/import"},
		{"compacter", "/compacter"},
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
	// Writes, on the test register only (they change it).
	if os.Getenv("ETATCIVIL_BENCH_REGISTRE") == "" {
		b.Run("acte-enregistre", func(b *testing.B) {
			// A new birth each time (another child's name: not the same event).
			v := birthForm()
			i := 0
			var times []time.Duration
			for b.Loop() {
				v.Set("enfant.nom", "OUALI"+letters(i))
				i++
				t0 := time.Now()
				rec := c.post("/dresser/naissance", v)
				times = append(times, time.Since(t0))
				if rec.Code != http.StatusSeeOther {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
			reportMedian(b, times)
		})
		b.Run("copie-signee", func(b *testing.B) {
			// « Délivrer et signer » with the key open, then the PDF opened.
			unlock(b, c)
			signBirth(b, srv)
			v := url.Values{"acte": {"naissance/2026/38"}, "forme": {"extrait"}, "demandeur": {"Thomas MERCIER"}, "qualite": {"tiers"}, "etape": {"delivrer"}}
			var times []time.Duration
			for b.Loop() {
				t0 := time.Now()
				rec := c.post("/copie", v)
				if rec.Code != http.StatusSeeOther {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
				n := strings.TrimPrefix(rec.Header().Get("Location"), "/copie?copie=")
				doc := c.get("/copie/document?n=" + n)
				times = append(times, time.Since(t0))
				if doc.Code != http.StatusOK || doc.Header().Get("Content-Type") != "application/pdf" {
					b.Fatalf("%d %s", doc.Code, doc.Body)
				}
			}
			reportMedian(b, times)
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

// letters writes n in capital letters (0 is "A", 26 is "BA").
func letters(n int) string {
	s := string(rune('A' + n%26))
	for n /= 26; n > 0; n /= 26 {
		s = string(rune('A'+n%26)) + s
	}
	return s
}

// reportMedian reports the median of the times measured, in ms.
func reportMedian(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-p50")
}
