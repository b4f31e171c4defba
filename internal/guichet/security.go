package guichet

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"strings"

	"etatcivil/internal/verify"
)

// The checks every request goes through, in this order (ServeHTTP):
//  1. the security headers are set on every answer;
//  2. the Host header must be an address listened on (127.0.0.1:PORT or
//     [::1]:PORT): a page of another site whose name was made to point at
//     127.0.0.1 (DNS rebinding) sends its own name and is refused;
//  3. the peer must be on the loopback interface;
//  4. GET /ouvrir?jeton=… exchanges the one-time token for the session
//     cookie, once;
//  5. every other request needs the session cookie;
//  6. a POST also needs the page's own Origin, no cross-site
//     Sec-Fetch-Site, and the session's CSRF token (form field "csrf", or
//     header X-Guichet-Jeton for the page's scripts);
//  7. the request counts as activity for the officer's key.

// contentSecurity allows the page's own scripts, styles and images and
// nothing else: no inline script or style, no frame, no other site.
const contentSecurity = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// maxBody bounds what a request may send: forms are small.
const maxBody = 1 << 20

// csrfHeader carries the CSRF token of the page's scripts.
const csrfHeader = "X-Guichet-Jeton"

// partialHeader asks for the page's fragment "partiel" only (live search).
const partialHeader = "X-Guichet-Partiel"

type ctxKey struct{}

func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurity)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	// No address of the counter ever leaves it (a search holds a name).
	// Not "no-referrer": with it, the browser sends "Origin: null" with the
	// page's own forms, and the Origin check could not tell them from a
	// sandboxed or forged page.
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), usb=(), payment=()")
	// Pages hold personal data: the browser keeps none on disk.
	h.Set("Cache-Control", "no-store")
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("erreur inattendue sur %s %s : %v", r.Method, r.URL.Path, v)
			http.Error(w, "Erreur inattendue : rien n'a été enregistré de plus. Si cela se reproduit, faites le « Contrôle » du registre.", http.StatusInternalServerError)
		}
	}()
	securityHeaders(w.Header())
	if !s.hosts[r.Host] {
		s.deny(w, "adresse", "Cette page ne répond qu'à l'adresse donnée par etatcivil guichet ("+s.Address()+").")
		return
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err != nil || !net.ParseIP(host).IsLoopback() {
		s.deny(w, "machine", "Le guichet ne répond qu'à cet ordinateur.")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "Méthode non permise.", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == "/ouvrir" && r.Method == http.MethodGet {
		s.exchange(w, r)
		return
	}
	sess := s.sessionOf(r)
	if sess == nil {
		s.deny(w, "session", "Cette page ne s'ouvre que dans le navigateur où etatcivil guichet l'a ouverte. "+
			"Si vous avez fermé le navigateur, arrêtez le guichet (Ctrl+C dans sa fenêtre) puis relancez etatcivil guichet.")
		return
	}
	if r.Method == http.MethodPost {
		if why := s.crossSite(r); why != "" {
			s.deny(w, "origine", why)
			return
		}
		// A document to verify may be as large as etatcivil verifier takes
		// it; the form is kept in memory (never in a temporary file).
		limit := int64(maxBody)
		switch r.URL.Path {
		case verificationPath:
			limit += verify.MaxDocument
		case importPage.Path:
			limit += maxImport
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if err := r.ParseMultipartForm(limit); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			var large *http.MaxBytesError
			status, title, why := http.StatusBadRequest, "Formulaire illisible", "Le formulaire envoyé n'a pas pu être lu ; rien n'a été enregistré."
			if errors.As(err, &large) {
				status, title = http.StatusRequestEntityTooLarge, "Fichier trop grand"
				why = fmt.Sprintf("Ce formulaire accepte au plus %d Mo, fichier compris ; rien n'a été enregistré. Pour un fichier plus grand, indiquez son chemin quand la page le propose.", (limit+1<<20-1)>>20)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			unread.Execute(w, struct{ Title, Why string }{title, why})
			return
		}
		token := r.PostForm.Get("csrf")
		if token == "" {
			token = r.Header.Get(csrfHeader)
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(sess.csrf)) != 1 {
			s.deny(w, "jeton", "Le formulaire n'a pas été envoyé par cette page (jeton absent ou périmé) : rechargez la page et recommencez.")
			return
		}
	}
	s.keys.touch()
	s.mux.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, sess)))
}

// crossSite returns why a state-changing request is refused, or "".
func (s *Server) crossSite(r *http.Request) string {
	origin := r.Header.Get("Origin")
	if origin != "http://"+r.Host {
		return "Le formulaire ne vient pas de la page du guichet (origine « " + origin + " »)."
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return "Le formulaire ne vient pas de la page du guichet (" + site + ")."
	}
	return ""
}

// exchange turns the one-time token into the session cookie.
func (s *Server) exchange(w http.ResponseWriter, r *http.Request) {
	given := r.URL.Query().Get("jeton")
	s.mu.Lock()
	ok := s.token != "" && subtle.ConstantTimeCompare([]byte(given), []byte(s.token)) == 1
	var sess *session
	if ok {
		s.token = ""
		sess = &session{id: randomToken(), csrf: randomToken()}
		s.session = sess
	}
	s.mu.Unlock()
	if !ok {
		s.deny(w, "lien", "Ce lien d'ouverture a déjà servi, ou il est incomplet : il ne s'utilise qu'une fois. "+
			"Revenez à l'onglet déjà ouvert, ou arrêtez le guichet (Ctrl+C dans sa fenêtre) et relancez etatcivil guichet.")
		return
	}
	s.dropLauncher()
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: sess.id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	// Not a redirection: when the link was followed from elsewhere (the
	// launch page is a file), the browser would withhold the SameSite=Strict
	// cookie from the whole chain. This page's own refresh is same-site.
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	opened.Execute(w, nil)
}

var opened = template.Must(template.New("ouvert").Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">
<link rel="icon" href="/static/icone.svg" type="image/svg+xml">
<title>Guichet ouvert — etatcivil</title></head>
<body><p>Guichet ouvert. <a href="/">Continuer vers l'accueil</a></p></body></html>
`))

// redirect sends the browser to a path of this site (303, no body: the
// standard library's would be in English).
func redirect(w http.ResponseWriter, path string) {
	w.Header().Set("Location", localPath(path))
	w.WriteHeader(http.StatusSeeOther)
}

// sessionOf returns the session whose cookie the request carries, or nil.
func (s *Server) sessionOf(r *http.Request) *session {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	sess := s.session
	s.mu.Unlock()
	if sess == nil || subtle.ConstantTimeCompare([]byte(c.Value), []byte(sess.id)) != 1 {
		return nil
	}
	return sess
}

// unread is the page of a form too large or unreadable.
var unread = template.Must(template.New("illisible").Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{{.Title}} — etatcivil</title></head>
<body><h1>{{.Title}}</h1><p>{{.Why}}</p><p>Revenez à la page précédente (bouton Retour du navigateur).</p></body></html>
`))

var denied = template.Must(template.New("refus").Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Accès refusé — etatcivil</title></head>
<body><h1>Accès refusé</h1><p>{{.}}</p></body></html>
`))

// deny answers 403 with a short French page that needs nothing else (no
// style sheet: without the cookie, it would be refused too).
func (s *Server) deny(w http.ResponseWriter, what, why string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Guichet-Refus", what)
	w.WriteHeader(http.StatusForbidden)
	denied.Execute(w, why)
}

// localPath keeps a redirection on this site: a path starting with one
// "/"; anything else gives "/".
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return "/"
	}
	return p
}
