package guichet

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/agenda"
	"etatcivil/registry"
)

// « Compacter »: refused without the confirmation (nothing rewritten),
// refused while a command holds the register (« Registre occupé »), then
// the file rewritten and checked, the old one kept beside, the sizes said.
func TestCompactFromThePage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	dir := srv.cfg.Dir
	must(t, c.get("/compacter"), http.StatusOK, "Taille actuelle du fichier du registre :")
	before, _ := os.Stat(filepath.Join(dir, registry.FileName))
	must(t, c.post("/compacter", url.Values{}), http.StatusUnprocessableEntity, "compactage non confirmé")
	// A command holds the register.
	held, err := registry.Open(dir, registry.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	must(t, c.post("/compacter", url.Values{"confirme": {"oui"}}), http.StatusServiceUnavailable, "Registre occupé")
	held.Close()
	if after, _ := os.Stat(filepath.Join(dir, registry.FileName)); !os.SameFile(before, after) {
		t.Fatal("a refused compaction replaced the file")
	}
	if rec := c.post("/compacter", url.Values{"confirme": {"oui"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("compact: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/compacter"), http.StatusOK, "Registre compacté : ", "contrôle sans anomalie", "L&#39;ancien fichier est gardé sous registre.db.avant-compactage-")
	if kept, _ := filepath.Glob(filepath.Join(dir, registry.FileName+".avant-compactage-*")); len(kept) != 1 {
		t.Fatalf("old file kept: %v", kept)
	}
	must(t, c.get("/registre"), http.StatusOK)
}

// « Contrôle » and « Compacter » check the agenda's records as etatcivil
// controle and compacter do (Config.Parts): compacted, the appointments
// are the same, their numbers go on, the control finds nothing; an
// appointment changed outside the program, or one that does not decode
// as the agenda reads it, is named by « Contrôle », and « Compacter »
// refuses to put in place a file that fails the control.
func TestControlAndCompactCheckTheAgenda(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	dir := srv.cfg.Dir
	appointments := func() string {
		var all []string
		if err := srv.read(func(s *registry.Store) error {
			return agenda.New(s).Appointments(func(a *agenda.Appointment) error { all = append(all, fmt.Sprintf("%+v", *a)); return nil })
		}); err != nil {
			t.Fatal(err)
		}
		if len(all) == 0 {
			t.Fatal("no appointment in the fixture")
		}
		return strings.Join(all, "\n")
	}
	before := appointments()
	if rec := c.post("/compacter", url.Values{"confirme": {"oui"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("compact: %d %s", rec.Code, rec.Body)
	}
	if after := appointments(); after != before {
		t.Fatalf("appointments changed by the compaction:\n%s\nwere:\n%s", after, before)
	}
	var next *agenda.Appointment
	if err := srv.write(func(s *registry.Store) (err error) {
		next, _, err = agenda.New(s).Book(agenda.Booking{Jour: "2026-11-24", Heure: "11:45", Guichet: 1, Nom: "Paul MARTIN", Telephone: "0698765432", Objet: "copie"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(before, "Numero:"); next.Numero != n+1 {
		t.Fatalf("booked after the compaction: n° %d, want %d", next.Numero, n+1)
	}
	must(t, c.post("/controle", nil), http.StatusOK, "Aucune anomalie")

	// Changed outside the program: named, and no compaction.
	change := func(edit func(v []byte) []byte, journal bool) {
		t.Helper()
		if err := srv.write(func(s *registry.Store) error {
			return s.Update(func(tx *registry.Tx) error {
				b := tx.Bucket([]byte("rdv"))
				k, v := b.Cursor().First()
				v = edit(bytes.Clone(v))
				if err := b.Put(k, v); err != nil {
					return err
				}
				if journal {
					return tx.Journal("rdv-modifier", "rdv/1", v)
				}
				return nil
			})
		}); err != nil {
			t.Fatal(err)
		}
	}
	change(func(v []byte) []byte { return bytes.Replace(v, []byte(`"nom":"`), []byte(`"nom":"X`), 1) }, false)
	must(t, c.post("/controle", nil), http.StatusOK, "rendez-vous n° 1 : son contenu ne correspond plus à son empreinte au journal")
	file, _ := os.Stat(filepath.Join(dir, registry.FileName))
	must(t, c.post("/compacter", url.Values{"confirme": {"oui"}}), http.StatusInternalServerError, "le registre compacté ne passe pas le contrôle", "rendez-vous n° 1 : son contenu ne correspond plus")
	if now, _ := os.Stat(filepath.Join(dir, registry.FileName)); !os.SameFile(file, now) {
		t.Fatal("a compacted file that fails the control was put in place")
	}
	// As the journal wrote it, but not an appointment the agenda can read.
	change(func(v []byte) []byte { return bytes.Replace(v, []byte(`"guichet":1`), []byte(`"guichet":"un"`), 1) }, true)
	body := must(t, c.post("/controle", nil), http.StatusOK, "rendez-vous n° 1 illisible")
	if strings.Contains(body, "son contenu ne correspond plus") {
		t.Fatal("the record matches its journal entry")
	}
}
