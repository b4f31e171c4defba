package guichet

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

func TestClockPage(t *testing.T) {
	srv, clock := start(t)
	c := open(t, srv)
	must(t, c.get("/horloge"), http.StatusOK, "Horloge de l&#39;ordinateur : mardi 24 novembre 2026", "Dernière écriture du registre : n° ",
		"✔ L&#39;horloge est cohérente avec le registre.", "✔ Le registre est à jour de son témoin : aucune écriture perdue.")
	unlock(t, c)
	// Nothing to state: refused in the command's words, nothing written.
	before := journalLength(t, srv)
	must(t, c.post("/horloge", nil), http.StatusUnprocessableEntity, "l&#39;horloge de l&#39;ordinateur n&#39;est pas en retard sur le registre : rien à constater")

	// The clock set back two days: writes refused, the officer states it is right.
	clock.Advance(-48 * time.Hour)
	body := must(t, c.get("/horloge"), http.StatusOK, "⚠ ATTENTION : l&#39;horloge est en retard sur le registre ; toute écriture est refusée.",
		`<form method="post" action="/horloge">`, "Constater que l'horloge est juste (Anne-Sophie DELCOURT")
	if strings.Contains(body, "✔ L&#39;horloge") {
		t.Fatal("a clock behind shown as right")
	}
	if journalLength(t, srv) != before {
		t.Fatal("a refused statement wrote")
	}
	rec := c.post("/horloge", nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("statement: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/horloge"), http.StatusOK, "Constat de l&#39;officier o1 inscrit au journal : l&#39;horloge est tenue pour juste, les écritures reprennent.",
		"✔ L&#39;horloge est cohérente avec le registre.")
	if journalLength(t, srv) != before+1 {
		t.Fatal("the statement is not in the journal")
	}
}

func TestWitnessPage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	// The register replaced by an older copy of itself: its witness saw a later write.
	db := filepath.Join(srv.cfg.Dir, registry.FileName)
	old, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.write(func(s *registry.Store) error { return s.SetNumbering(civil.Mariage, 2026, 0) }); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, old, 0o600); err != nil {
		t.Fatal(err)
	}
	must(t, c.get("/horloge"), http.StatusOK, "⚠ le registre est plus ancien que son témoin", "entrée manquante : n° 16", "ouvrir sa clé")
	// Any write now: the witness's words, where to act.
	must(t, c.post("/numerotation", url.Values{"registre": {"mariage"}, "annee": {"2026"}, "dernier": {"0"}}), http.StatusInternalServerError,
		"Registre plus ancien que son témoin", "Remettez en place le registre le plus récent s&#39;il existe", "Horloge et témoin")

	unlock(t, c)
	must(t, c.get("/horloge"), http.StatusOK, "Accepter la perte (Anne-Sophie DELCOURT", `<label for="champ-motif">`)
	before := journalLength(t, srv)
	must(t, c.post("/temoin", url.Values{"motif": {" "}}), http.StatusUnprocessableEntity, "le motif est obligatoire")
	if journalLength(t, srv) != before {
		t.Fatal("a refused acceptance wrote")
	}
	rec := c.post("/temoin", url.Values{"motif": {"disque remplacé, aucune sauvegarde plus récente"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("acceptance: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/horloge"), http.StatusOK, "Perte acceptée par Anne-Sophie DELCOURT et inscrite au journal", "Les écritures reprennent.",
		"✔ Le registre est à jour de son témoin")
}

// TestClockAndWitnessWhileTheRegisterIsBusy: a command holds the register
// while the officer states the clock or accepts a loss. Held throughout,
// the page says « Registre occupé » in the command line's words
// (registry.ErrBusy, registry.BusyHint), 503, nothing written. Released
// after the key was locked meanwhile (« Verrouiller » in another tab),
// the statement asked with the key open is made with it: the key is
// read once, not again after the wait (it answered « Erreur inattendue »).
func TestClockAndWitnessWhileTheRegisterIsBusy(t *testing.T) {
	for _, path := range []string{"/horloge", "/temoin"} {
		srv, clock := start(t)
		c := open(t, srv)
		unlock(t, c)
		clock.Advance(-48 * time.Hour) // a statement to make
		form := url.Values{"motif": {"disque remplacé"}}
		if path == "/temoin" { // a loss to accept: the register replaced by an older copy
			clock.Advance(48 * time.Hour)
			db := filepath.Join(srv.cfg.Dir, registry.FileName)
			old, _ := os.ReadFile(db)
			if err := srv.write(func(s *registry.Store) error { return s.SetNumbering(civil.Mariage, 2026, 0) }); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(db, old, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		before := journalLength(t, srv)
		held, err := registry.Open(srv.cfg.Dir, registry.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		must(t, c.get("/horloge"), http.StatusServiceUnavailable, "Registre occupé", registry.ErrBusy.Error(), html.EscapeString(registry.BusyHint))
		must(t, c.post(path, form), http.StatusServiceUnavailable, "Registre occupé", registry.ErrBusy.Error(), html.EscapeString(registry.BusyHint))

		done := make(chan *httptest.ResponseRecorder)
		go func() { done <- c.post(path, form) }()
		time.Sleep(50 * time.Millisecond) // the request waits for the register (Timeout 200 ms)
		srv.keys.lock()
		held.Close()
		if rec := <-done; rec.Code != http.StatusSeeOther {
			t.Fatalf("%s, key locked while the register was busy: %d %s", path, rec.Code, rec.Body)
		}
		want := 1 // the clock statement
		if path == "/temoin" {
			want = 2 // the loss and the anchor signed with the key
		}
		if n := journalLength(t, srv); n != before+want {
			t.Fatalf("%s: %d journal entries written, want %d", path, n-before, want)
		}
		if srv.keys.get() != nil {
			t.Fatal("the key opened again")
		}
	}
}

// TestRegisterNotWritable: a register this session may not write (chattr
// +i here, a read-only medium or its rights at a town hall) is said on
// the page in the command line's words (registry.AccessError,
// registry.AccessHint); reading it still works.
func TestRegisterNotWritable(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	path := filepath.Join(srv.cfg.Dir, registry.FileName)
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("chattr +i impossible ici : %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	unlock(t, c)
	must(t, c.post("/horloge", url.Values{"motif": {"disque remplacé"}}), http.StatusInternalServerError, "Registre inaccessible", html.EscapeString(registry.AccessHint))
	must(t, c.get("/journal"), http.StatusOK)
}
