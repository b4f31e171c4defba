package guichet

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// phrase is the passphrase of officer o1's key in the test register, and
// sealPhrase the seal's: each officer has their own (issue 19 §7).
const (
	phrase     = "cheval agrafe batterie correcte"
	sealPhrase = "tortue velours escalier lointain"
)

// testClock is a clock the tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// morning is the tests' "now": Tuesday 24 November 2026, 08:00.
var morning = time.Date(2026, 11, 24, 8, 0, 0, 0, time.Local)

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
)

// fixture makes, once, a register as a counter has it on a morning: the
// commune's seal, an officer with a key (o1) and one without (o2), the
// birth numbering continued from 37, a birth not yet signed, a signed
// death whose birth act is elsewhere (so a notice to send), today's
// appointments.
func fixture() (string, error) {
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "guichet-fixture-")
		if fixtureErr == nil {
			fixtureErr = makeFixture(filepath.Join(fixtureDir, "registre"))
		}
	})
	return filepath.Join(fixtureDir, "registre"), fixtureErr
}

func makeFixture(dir string) error {
	yesterday := func() time.Time { return morning.Add(-15 * time.Hour) } // 23 November, 17:00
	c := civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}
	auth, err := seal.NewAuthority(c.Nom, c.Insee, yesterday())
	if err != nil {
		return err
	}
	locked, err := auth.Lock(sealPhrase)
	if err != nil {
		return err
	}
	s, err := registry.Create(dir, c, &registry.KeyRecord{ID: seal.ID(auth.Cert), Certificat: auth.Cert.Raw, CleChiffree: locked}, registry.Options{Agent: "test", Now: yesterday})
	if err != nil {
		return err
	}
	defer s.Close()
	o1 := civil.Officer{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"}
	_, rec, err := keyring.NewOfficerKey(auth, o1, phrase, yesterday())
	if err != nil {
		return err
	}
	if err := s.AddOfficer(o1, rec); err != nil {
		return err
	}
	if err := s.AddOfficer(civil.Officer{ID: "o2", Prenoms: []string{"Karim"}, Nom: "BENALI", Qualite: "fonctionnaire-delegue"}, nil); err != nil {
		return err
	}
	if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		return err
	}
	if err := s.SetNumbering(civil.Deces, 2026, 0); err != nil {
		return err
	}
	birth := &civil.Act{
		Type:   civil.Naissance,
		Enfant: &civil.Person{Nom: "MÜLLER", Prenoms: []string{"Zoé", "Chloë"}, Sexe: "F"},
		Date:   "2026-11-20", Heure: "14:30", Lieu: "Lomme (Nord)",
		Parents: []civil.Person{{Nom: "MÜLLER", Prenoms: []string{"Anaïs"}, Sexe: "F", DateNaissance: "1994-02-11",
			LieuNaissance: "Lille (Nord)", Profession: "infirmière", Domicile: "12 rue de Lille, Lomme (Nord)"}},
		Declarant:   &civil.Declarant{Qualite: "la mère"},
		Declaration: &civil.Moment{Date: "2026-11-23", Heure: "10:15"},
		Officier:    "o1",
	}
	if _, err := s.Register(birth); err != nil {
		return err
	}
	death := &civil.Act{
		Type: civil.Deces,
		Defunt: &civil.Deceased{Person: civil.Person{Nom: "LEFÈVRE", Prenoms: []string{"Jean-Pierre", "Marcel"}, Sexe: "M",
			DateNaissance: "1941-03-02", LieuNaissance: "Roubaix (Nord)", Profession: "ajusteur retraité",
			Domicile: "3 place de la République, Lomme (Nord)"}},
		Parents: []civil.Person{{Nom: "LEFÈVRE", Prenoms: []string{"Marcel"}}, {Nom: "DURAND", Prenoms: []string{"Odette"}}},
		Date:    "2026-11-23", Heure: "06:40", Lieu: "Lille (Nord)",
		Declarant:         &civil.Declarant{Person: civil.Person{Nom: "LEFÈVRE", Prenoms: []string{"Paul"}, DateNaissance: "1970-05-05", Profession: "comptable", Domicile: "8 rue Nationale, Lille (Nord)"}, Lien: "fils"},
		Declaration:       &civil.Moment{Date: "2026-11-23", Heure: "16:00"},
		CertificatMedical: "CMD-2026-0412",
		Officier:          "o1",
	}
	if _, err := s.Register(death); err != nil {
		return err
	}
	if err := s.RecordPrints([]*civil.Act{death}); err != nil { // its sheet printed, then signed
		return err
	}
	if _, _, err := s.Sign(civil.Ref{Registre: civil.Deces, Annee: 2026, Numero: 1}); err != nil {
		return err
	}
	if _, err := agenda.New(s).OpenSlots(agenda.Opening{Jour: "2026-11-24", De: "08:30", A: "12:00", Duree: 15, Guichet: 1}); err != nil {
		return err
	}
	for _, b := range []agenda.Booking{
		{Jour: "2026-11-24", Heure: "10:00", Nom: "Marie DUPONT", Telephone: "06 12 34 56 78", Objet: "dossier-mariage"},
		{Jour: "2026-11-24", Heure: "09:15", Nom: "Thomas MERCIER", Telephone: "03 20 00 00 00", Objet: "copie"},
	} {
		if _, _, err := agenda.New(s).Book(b); err != nil {
			return err
		}
	}
	return nil
}

// testRegister copies the fixture into a new folder of the test.
func testRegister(t testing.TB) string {
	t.Helper()
	src, err := fixture()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "registre")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// The register file with its witness (see registry.WitnessName).
	for _, name := range []string{registry.FileName, registry.WitnessName} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// parts are the parts etatcivil guichet gives the counter (cmd's parts).
var parts = []registry.Part{agenda.Records}

// start starts a counter on a copy of the fixture, with the test clock.
func start(t testing.TB) (*Server, *testClock) {
	t.Helper()
	clock := &testClock{t: morning}
	srv, err := Start(Config{Dir: testRegister(t), Agent: "agent-test", Now: clock.Now, Log: io.Discard, Timeout: 200 * time.Millisecond, Parts: parts})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, clock
}

// client is a browser of the tests, driving the handler in-process.
type client struct {
	t      testing.TB
	srv    *Server
	host   string
	cookie *http.Cookie
	csrf   string
}

// open exchanges the server's one-time token for the session cookie.
func open(t testing.TB, srv *Server) *client {
	t.Helper()
	c := &client{t: t, srv: srv, host: srv.lns[0].Addr().String()}
	u, _ := url.Parse(srv.URL())
	rec := c.do(httptest.NewRequest("GET", u.RequestURI(), nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<meta http-equiv="refresh" content="0;url=/">`) {
		t.Fatalf("token exchange: %d %s", rec.Code, rec.Body)
	}
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == CookieName {
			c.cookie = ck
		}
	}
	if c.cookie == nil {
		t.Fatal("no session cookie")
	}
	c.csrf = c.srv.session.csrf
	return c
}

// do sends a request as the browser would: loopback peer, Host header.
func (c *client) do(r *http.Request) *httptest.ResponseRecorder {
	r.Host = c.host
	r.RemoteAddr = "127.0.0.1:40000"
	if c.cookie != nil {
		r.AddCookie(c.cookie)
	}
	rec := httptest.NewRecorder()
	c.srv.ServeHTTP(rec, r)
	ct, file := rec.Header().Get("Content-Type"), strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment")
	if !file && (strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "text/plain") || strings.HasPrefix(ct, "application/json")) {
		// A page or a message, not a file to save (a certificate's
		// header says the command for partners who verify).
		noCommandLine(c.t, r.Method+" "+r.URL.Path, rec.Body.String())
	}
	return rec
}

func (c *client) get(path string) *httptest.ResponseRecorder {
	return c.do(httptest.NewRequest("GET", path, nil))
}

// post sends a form from the page, with its CSRF token and Origin.
func (c *client) post(path string, v url.Values) *httptest.ResponseRecorder {
	v = cloneValues(v)
	v.Set("csrf", c.csrf)
	r := httptest.NewRequest("POST", path, strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", "http://"+c.host)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(r)
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// must checks a page's status and that its body holds every text.
func must(t testing.TB, rec *httptest.ResponseRecorder, status int, texts ...string) string {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != status {
		t.Fatalf("status %d, want %d:\n%s", rec.Code, status, body)
	}
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Fatalf("page without %q:\n%s", s, body)
		}
	}
	return body
}

func newGet(path string) *http.Request { return httptest.NewRequest("GET", path, nil) }
