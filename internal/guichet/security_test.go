package guichet

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

func TestListensOnLoopbackOnlyAndRefusesOtherAddresses(t *testing.T) {
	dir := testRegister(t)
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", ":0", "192.168.1.10:0", "10.0.0.1:8080", "localhost:0", "exemple.fr:80", "127.0.0.1"} {
		srv, err := Start(Config{Dir: dir, Addr: addr})
		if err == nil {
			srv.Close()
			t.Fatalf("%s accepted", addr)
		}
		if !civil.IsRefused(err) || !strings.Contains(err.Error(), "boucle locale") {
			t.Fatalf("%s: %v", addr, err)
		}
	}
	srv, err := Start(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, a := range srv.Listeners() {
		if !a.(*net.TCPAddr).IP.IsLoopback() || a.(*net.TCPAddr).Port != srv.port || srv.port == 0 {
			t.Fatalf("listening on %s", a)
		}
	}
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") {
		t.Fatalf("address %s", srv.URL())
	}
	// The port is not reachable on the machine's other addresses.
	if ifs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range ifs {
			ip, _, _ := net.ParseCIDR(a.String())
			if ip == nil || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
				continue
			}
			conn, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), strconv.Itoa(srv.port)), 300*time.Millisecond)
			if err == nil {
				conn.Close()
				t.Fatalf("reachable on %s", ip)
			}
		}
	}
}

func TestOneTimeTokenCannotBeReused(t *testing.T) {
	srv, _ := start(t)
	u, _ := url.Parse(srv.URL())
	c := open(t, srv)
	// The same link again, from another browser (no cookie) or the same.
	other := &client{t: t, srv: srv, host: c.host}
	for _, who := range []*client{other, c} {
		rec := who.get(u.RequestURI())
		must(t, rec, http.StatusForbidden, "déjà servi")
		if len(rec.Result().Cookies()) != 0 {
			t.Fatal("a cookie was given again")
		}
	}
	// A wrong token does not open either (on a fresh counter).
	srv2, _ := start(t)
	rec := (&client{t: t, srv: srv2, host: srv2.lns[0].Addr().String()}).get("/ouvrir?jeton=" + strings.Repeat("A", 43))
	must(t, rec, http.StatusForbidden)
	// …and did not spend the right one.
	open(t, srv2)
}

func TestSessionCookieIsHttpOnlyStrict(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	ck := c.cookie
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.MaxAge != 0 || !ck.Expires.IsZero() {
		t.Fatalf("cookie %+v", ck)
	}
}

func TestRequestsWithoutTheCookieAreRefused(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	stranger := &client{t: t, srv: srv, host: c.host}
	forged := &client{t: t, srv: srv, host: c.host, cookie: &http.Cookie{Name: CookieName, Value: strings.Repeat("x", 43)}}
	for _, path := range []string{"/", "/recherche?recherche=muller", "/journal", "/ouverture", "/static/guichet.css", "/nimporte"} {
		must(t, stranger.get(path), http.StatusForbidden, "Accès refusé")
		must(t, forged.get(path), http.StatusForbidden, "Accès refusé")
	}
	stranger.csrf = c.csrf // even knowing the CSRF token
	must(t, stranger.post("/verrouiller", nil), http.StatusForbidden)
	must(t, c.get("/"), http.StatusOK, "Accueil")
}

func TestForeignHostIsRefused(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	_, port, _ := net.SplitHostPort(c.host)
	for _, host := range []string{"evil.example:" + port, "localhost:" + port, "127.0.0.1:1", "127.0.0.1", "", "127.0.0.2:" + port} {
		r := httptest.NewRequest("GET", "/", nil)
		r.AddCookie(c.cookie)
		r.Host = host
		r.RemoteAddr = "127.0.0.1:40000"
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		must(t, rec, http.StatusForbidden)
		if rec.Header().Get("X-Guichet-Refus") != "adresse" {
			t.Fatalf("host %q: refused for %q", host, rec.Header().Get("X-Guichet-Refus"))
		}
	}
	// A peer that is not on this machine.
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(c.cookie)
	r.Host, r.RemoteAddr = c.host, "192.168.1.20:5000"
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, r)
	must(t, rec, http.StatusForbidden)
}

func TestPostNeedsOriginAndCSRF(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	if rec := c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {phrase}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("unlock: %d %s", rec.Code, rec.Body)
	}
	send := func(mutate func(r *http.Request, v url.Values)) *httptest.ResponseRecorder {
		v := url.Values{"csrf": {c.csrf}}
		r := httptest.NewRequest("POST", "/verrouiller", nil)
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", "http://"+c.host)
		mutate(r, v)
		r.Body = http.NoBody
		if enc := v.Encode(); enc != "" {
			r.Body = nopCloser{strings.NewReader(enc)}
			r.ContentLength = int64(len(enc))
		}
		return c.do(r)
	}
	cases := map[string]func(r *http.Request, v url.Values){
		"no CSRF token":     func(r *http.Request, v url.Values) { v.Del("csrf") },
		"wrong CSRF token":  func(r *http.Request, v url.Values) { v.Set("csrf", strings.Repeat("A", 43)) },
		"no Origin":         func(r *http.Request, v url.Values) { r.Header.Del("Origin") },
		"foreign Origin":    func(r *http.Request, v url.Values) { r.Header.Set("Origin", "http://evil.example") },
		"other port Origin": func(r *http.Request, v url.Values) { r.Header.Set("Origin", "http://127.0.0.1:1") },
		"null Origin":       func(r *http.Request, v url.Values) { r.Header.Set("Origin", "null") },
		"cross-site fetch":  func(r *http.Request, v url.Values) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
	}
	for name, mutate := range cases {
		rec := send(mutate)
		if rec.Code != http.StatusForbidden {
			t.Fatalf("%s: %d", name, rec.Code)
		}
		if !srv.keys.state().Open {
			t.Fatalf("%s: the key was locked", name)
		}
	}
	// The CSRF token in the scripts' header is accepted too.
	rec := send(func(r *http.Request, v url.Values) { v.Del("csrf"); r.Header.Set(csrfHeader, c.csrf) })
	if rec.Code != http.StatusSeeOther || srv.keys.state().Open {
		t.Fatalf("with header: %d, open %v", rec.Code, srv.keys.state().Open)
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func TestSecurityHeaders(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	for _, path := range []string{"/", "/recherche", "/static/guichet.js", "/nimporte"} {
		h := c.get(path).Header()
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Fatalf("%s: CSP %q without %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
			t.Fatalf("%s: CSP %q", path, csp)
		}
		for k, v := range map[string]string{"X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} {
			if h.Get(k) != v {
				t.Fatalf("%s: %s = %q", path, k, h.Get(k))
			}
		}
	}
	// The pages load nothing from elsewhere and run no inline script.
	body := c.get("/").Body.String()
	for _, bad := range []string{"http://", "https://", "<script>", "style=", "onclick", "onload"} {
		if strings.Contains(body, bad) {
			t.Fatalf("page holds %q", bad)
		}
	}
}

func TestSecondCounterOnTheSameRegisterIsRefused(t *testing.T) {
	srv, _ := start(t)
	_, err := Start(Config{Dir: srv.cfg.Dir})
	if !errors.Is(err, registry.ErrBusy) || !strings.Contains(err.Error(), "déjà ouvert") || !strings.Contains(err.Error(), "n° "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("second counter: %v", err)
	}
	srv.Close()
	if _, err := os.Stat(filepath.Join(srv.cfg.Dir, LockName)); !os.IsNotExist(err) {
		t.Fatalf("lock file left: %v", err)
	}
	again, err := Start(Config{Dir: srv.cfg.Dir})
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

// TestLockOfAKilledCounterIsReleased kills a process that holds the lock
// (a child running this test binary) and starts a counter after it.
func TestLockOfAKilledCounterIsReleased(t *testing.T) {
	if dir := os.Getenv("GUICHET_TIENT_LE_VERROU"); dir != "" {
		if _, err := takeLock(dir); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("verrou pris\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	dir := testRegister(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockOfAKilledCounterIsReleased$")
	cmd.Env = append(os.Environ(), "GUICHET_TIENT_LE_VERROU="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "verrou pris") {
		t.Fatalf("child: %q", buf[:n])
	}
	if _, err := Start(Config{Dir: dir}); !errors.Is(err, registry.ErrBusy) || !strings.Contains(err.Error(), "n° "+strconv.Itoa(cmd.Process.Pid)) {
		t.Fatalf("while the child holds it: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	srv, err := Start(Config{Dir: dir})
	if err != nil {
		t.Fatalf("after the kill: %v", err)
	}
	srv.Close()
}

func TestRegisterIsNotHeld(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/"), http.StatusOK)
	// Between requests, a command line can open the register for writing.
	s, err := registry.Open(srv.cfg.Dir, registry.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("register held by the counter: %v", err)
	}
	// While it holds it, a page says the register is busy, in French.
	must(t, c.get("/journal"), http.StatusServiceUnavailable, "Registre occupé", "Réessayer")
	s.Close()
	must(t, c.get("/journal"), http.StatusOK, "Journal")
}

func TestLaunchPageKeepsTheTokenOffCommandLines(t *testing.T) {
	srv, _ := start(t)
	path, err := srv.LaunchPage()
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	dst, _ := os.Stat(filepath.Dir(path))
	if err != nil || st.Mode().Perm() != 0o600 || dst.Mode().Perm() != 0o700 {
		t.Fatalf("launch page %v, folder %v (%v)", st.Mode(), dst.Mode(), err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `content="0;url=`+strings.ReplaceAll(srv.URL(), "&", "&amp;")+`"`) {
		t.Fatalf("launch page:\n%s", data)
	}
	open(t, srv) // the token is used: the page goes
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Fatalf("launch page kept after use: %v", err)
	}
	srv2, _ := start(t)
	path, _ = srv2.LaunchPage()
	srv2.Close()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("launch page kept after Close")
	}
}

// A file larger than the form takes is refused in a page a clerk can read:
// the limit, and the way back; nothing written.
func TestTooLargeAFormSaysTheLimit(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	rec := c.postFile("/rdv/importer", nil, "fichier", "agenda.csv", bytes.Repeat([]byte("x"), 3<<20))
	must(t, rec, http.StatusRequestEntityTooLarge, "Fichier trop grand", "1 Mo", "Retour", `lang="fr"`)
}
