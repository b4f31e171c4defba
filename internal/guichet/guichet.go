// Package guichet is the counter in a browser (etatcivil guichet): a local
// web page over the same library packages as the command line. It holds
// no rule and no wording of the law: the pages call registry, forms and
// the other library packages, and show their answers and refusals.
//
// Security (SECURITY.md, « The counter's web page »): the server listens on
// the loopback interface only, on a random port; the address opened
// carries a one-time token exchanged for a session cookie; every request
// needs the cookie and the loopback Host; every POST needs the session's
// CSRF token and the page's own Origin; every asset is embedded and the
// Content-Security-Policy allows nothing else. The register is opened for
// each request and closed after it, so that the command line keeps working
// beside the counter; a second counter on the same register is refused.
//
// Adding a page: see pages.go.
package guichet

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// Config sets up a counter.
type Config struct {
	// Dir is the register's folder.
	Dir string
	// Agent is who prepares the acts, written in the journal.
	Agent string
	// Now is the clock, for the register and for the key's idle time;
	// time.Now when nil.
	Now func() time.Time
	// Idle is how long the officer's key stays open without activity;
	// when zero, the register's setting (registry.Settings.VerrouMinutes,
	// « Réglages »), read each time the key is opened.
	Idle time.Duration
	// Addr is where to listen: "127.0.0.1:0" (a random port) when empty.
	// Any address but a loopback IP (127.0.0.0/8, ::1) is refused.
	Addr string
	// Timeout is how long a request waits for a command line that holds
	// the register; 1 second when zero.
	Timeout time.Duration
	// Log receives the unexpected errors, for support; os.Stderr when nil.
	Log io.Writer
	// Parts are the parts of the program that keep their own records in
	// the register file (registry.Options.Parts: the agenda, for
	// etatcivil guichet the same list as the commands'): « Contrôle » and
	// « Compacter » check their records too.
	Parts []registry.Part
}

// Server is a running counter.
type Server struct {
	cfg     Config
	now     func() time.Time
	commune string // under mu
	// setup: the folder holds no register yet; only the pages that create
	// or restore one are served (Page.Setup), until one of them succeeds.
	setup atomic.Bool

	lock *lockFile
	lns  []net.Listener
	port int
	// hosts are the Host headers accepted: the addresses listened on.
	hosts map[string]bool

	mu       sync.Mutex
	token    string   // the one-time token, "" once exchanged
	session  *session // nil until the token is exchanged
	launcher string   // the folder of the launch page (LaunchPage), removed once used

	keys   *keySession
	drafts *draftStore
	// copies are the last copies delivered, for the PDF viewer to open.
	copies deliveredCopies

	// storeMu keeps this process's own requests from waiting on each
	// other's file lock: reads share, writes are alone.
	storeMu sync.RWMutex

	pages []*Page
	tmpl  map[string]*template.Template
	mux   *http.ServeMux
	http  *http.Server

	stop chan struct{}
	done sync.WaitGroup
}

// session is the browser's session: the cookie's value and the CSRF token
// its forms carry.
type session struct {
	id, csrf string
	mu       sync.Mutex
	flash    string
}

// CookieName is the session cookie.
const CookieName = "etatcivil_guichet"

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// loopback checks a listening address: a loopback IP and a port.
func loopback(addr string) (net.IP, string, error) {
	host, port, err := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	if err != nil || ip == nil || !ip.IsLoopback() {
		return nil, "", civil.Refuse("adresse", "« "+addr+" » n'est pas une adresse de la boucle locale (127.0.0.1 ou ::1)",
			"le guichet n'écoute que sur cet ordinateur : aucune autre machine ne doit pouvoir l'atteindre")
	}
	return ip, port, nil
}

// Start checks the register, takes the counter's lock beside it and
// listens. On a folder without a register (made, 0700, when missing), the
// counter serves only the pages that create or restore one (Page.Setup).
// Errors: a *civil.RefusedError for an address that is not on the
// loopback interface; the register's error when it cannot be opened (a
// folder others may write, a register lost beside its witness…); an error
// wrapping registry.ErrBusy when a counter already runs on this register.
func Start(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = time.Second
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.Agent == "" {
		cfg.Agent = os.Getenv("USER")
	}
	ip, port, err := loopback(cfg.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, now: cfg.Now, hosts: map[string]bool{}, stop: make(chan struct{})}
	if s.now == nil {
		s.now = time.Now
	}
	st, err := registry.Open(cfg.Dir, s.options(true))
	switch {
	case err == nil:
		c, err := st.Commune()
		st.Close()
		if err != nil {
			return nil, err
		}
		s.setCommune(c)
	case !registry.Exists(cfg.Dir) && suggests(err, civil.CreateRegister):
		// No register yet: the counter creates one or restores a backup
		// (page_creer.go). The folder holds the counter's lock meanwhile.
		s.setup.Store(true)
		if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	if s.lock, err = takeLock(cfg.Dir); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip.String(), port))
	if err != nil {
		s.lock.release()
		return nil, fmt.Errorf("le guichet ne peut pas écouter sur %s : %w", cfg.Addr, err)
	}
	s.lns = append(s.lns, ln)
	s.port = ln.Addr().(*net.TCPAddr).Port
	s.hosts[ln.Addr().String()] = true
	// The other loopback, when this machine has it, on the same port.
	other := "::1"
	if ip.To4() == nil {
		other = "127.0.0.1"
	}
	if ln2, err := net.Listen("tcp", net.JoinHostPort(other, strconv.Itoa(s.port))); err == nil {
		s.lns = append(s.lns, ln2)
		s.hosts[ln2.Addr().String()] = true
	}
	s.token = randomToken()
	s.keys = &keySession{idle: DefaultIdle, now: s.now, dropped: s.copies.drop}
	s.drafts = &draftStore{dir: filepath.Join(cfg.Dir, DraftsDir)}
	if err := s.build(); err != nil {
		s.Close()
		return nil, err
	}
	s.http = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	return s, nil
}

// suggests tells whether err is a refusal that suggests step: a folder
// without a register suggests creating one, but a folder whose register
// was lost beside its witness (or aside by a restore) does not.
func suggests(err error, step civil.Step) bool {
	ps, _ := problemsOf(err)
	for _, p := range ps {
		for _, n := range p.Next {
			if n.Step == step {
				return true
			}
		}
	}
	return false
}

// setCommune names the register's commune in the pages: its name, or the
// associated commune's followed by its own.
func (s *Server) setCommune(c civil.Commune) {
	name := c.Nom
	if c.CommuneAssociee != "" {
		name = c.CommuneAssociee + " (" + c.Nom + ")"
	}
	s.mu.Lock()
	s.commune = name
	s.mu.Unlock()
}

// idle returns how long the officer's key stays open without activity:
// Config.Idle, else the register's setting.
func (s *Server) idle(st *registry.Store) (time.Duration, error) {
	if s.cfg.Idle > 0 {
		return s.cfg.Idle, nil
	}
	set, err := st.Settings()
	return time.Duration(set.VerrouMinutes) * time.Minute, err
}

// options are the register's options for one request.
func (s *Server) options(readOnly bool) registry.Options {
	return registry.Options{ReadOnly: readOnly, Timeout: s.cfg.Timeout, Agent: s.cfg.Agent, Now: s.now, Parts: s.cfg.Parts}
}

// NoRegister reports whether the counter started on a folder without a
// register, where it offers only « Créer le registre » and « Restaurer ».
func (s *Server) NoRegister() bool { return s.setup.Load() }

// Folder is the register's folder as a clerk reads it: absolute.
func (s *Server) Folder() string {
	if abs, err := filepath.Abs(s.cfg.Dir); err == nil {
		return abs
	}
	return s.cfg.Dir
}

// Address is the counter's address, without the token.
func (s *Server) Address() string {
	return "http://" + s.lns[0].Addr().String() + "/"
}

// URL is the address to open once: it carries the one-time token.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Address() + "ouvrir?jeton=" + s.token
}

var launchPage = template.Must(template.New("lancement").Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url={{.}}">
<title>Guichet etatcivil</title></head>
<body><p>Ouverture du guichet… Si rien ne se passe, <a href="{{.}}">cliquez ici</a>.</p></body></html>
`))

// LaunchPage writes a page that sends the browser on to URL, in a new
// folder readable by this user only, and returns its path: the browser is
// opened on this file, so that the one-time token never appears on a
// command line (which every user of the laptop can list). The folder is
// removed once the token is used, or at Close.
func (s *Server) LaunchPage() (string, error) {
	dir, err := os.MkdirTemp("", "etatcivil-guichet-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "ouvrir-le-guichet.html")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		err = launchPage.Execute(f, s.URL())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	s.mu.Lock()
	s.launcher = dir
	s.mu.Unlock()
	return path, nil
}

// dropLauncher removes the launch page.
func (s *Server) dropLauncher() {
	s.mu.Lock()
	dir := s.launcher
	s.launcher = ""
	s.mu.Unlock()
	if dir != "" {
		os.RemoveAll(dir)
	}
}

// Listeners returns the addresses listened on.
func (s *Server) Listeners() []net.Addr {
	var out []net.Addr
	for _, ln := range s.lns {
		out = append(out, ln.Addr())
	}
	return out
}

// Serve answers requests until Close. The officer's key is checked for
// idle time every ten seconds, so that it is dropped on time even when no
// request comes.
func (s *Server) Serve() error {
	errs := make(chan error, len(s.lns))
	for _, ln := range s.lns {
		s.done.Add(1)
		go func() {
			defer s.done.Done()
			if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errs <- err
			}
		}()
	}
	t := time.NewTicker(10 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			s.keys.expire()
		case err := <-errs:
			s.Close()
			return err
		case <-s.stop:
			return nil
		}
	}
}

// Close stops the counter: it drops the officer's key, stops listening
// and releases the lock. Requests under way get two seconds to finish.
func (s *Server) Close() error {
	s.keys.lock()
	s.dropLauncher()
	s.mu.Lock()
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	s.mu.Unlock()
	if s.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		s.http.Shutdown(ctx)
		cancel()
	}
	for _, ln := range s.lns {
		ln.Close()
	}
	s.done.Wait()
	s.lock.release()
	return nil
}

// read opens the register read-only for fn, then closes it.
func (s *Server) read(fn func(*registry.Store) error) error {
	s.storeMu.RLock()
	defer s.storeMu.RUnlock()
	return s.with(true, fn)
}

// write opens the register for writing for fn, then closes it.
func (s *Server) write(fn func(*registry.Store) error) error {
	return s.writeMapped(0, fn)
}

// writeMapped is write with mmap bytes of the register mapped at once
// (registry.Options.MmapSize): a big import.
func (s *Server) writeMapped(mmap int, fn func(*registry.Store) error) error {
	s.storeMu.Lock()
	defer s.storeMu.Unlock()
	o := s.options(false)
	o.MmapSize = mmap
	return s.open(o, fn)
}

func (s *Server) with(readOnly bool, fn func(*registry.Store) error) error {
	return s.open(s.options(readOnly), fn)
}

// openRegister opens the register for one request: registry.Open, a
// variable for the tests (the options a page asked for).
var openRegister = registry.Open

func (s *Server) open(o registry.Options, fn func(*registry.Store) error) error {
	st, err := openRegister(s.cfg.Dir, o)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.cfg.Log, s.now().Format("15:04:05")+" guichet : "+format+"\n", args...)
}
