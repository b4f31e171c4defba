package guichet

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/oserr"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// Adding a page
//
// A page is a Page value in the list of pages (Server.build): its path, its
// title, its place in the navigation, its template in web/pages/, and two
// thin functions. Get gathers what the page shows from the library (one
// c.Read opens the register for it); Post does what the page's form asks
// (c.Write) and then redirects with a message (c.Redirect), or returns a
// refusal. The framework does the rest:
//   - the security checks, the layout, the navigation and the key's state;
//   - binding the form's fields (FormDef), named by domain paths, from the
//     request or from a saved draft;
//   - a refusal (*civil.RefusedError) returned by Get or Post: each
//     problem is shown beside the field its Field names (Form.Attach), and
//     listed above the form; the values typed are kept (and saved in the
//     draft), the page answers 422 and nothing was written;
//   - the register busy (another command writes): 503, « réessayez »;
//     an integrity error: 500 with what to do; any other error: 500,
//     logged, with a French message and no Go text;
//   - POST PATH/verifier when the FormDef has a Check (a field checked as
//     it is left), and the drafts (drafts.go) when it has Draft.
//
// The template defines "contenu" (inside the layout) and, for pages that
// refresh part of themselves as the clerk types, "partiel".

// Page is one page of the counter.
type Page struct {
	Path     string // "/recherche"
	Title    string // the page's heading
	Nav      string // the label in the navigation; "" keeps it out
	Key      string // the access key of its navigation link
	Template string // its file in web/pages/
	// NeedsKey: the officer's key must be open; otherwise the page sends
	// to « Ouverture » and comes back.
	NeedsKey bool
	// Setup: served only while the folder holds no register (create or
	// restore one); the other pages only once it holds one.
	Setup bool
	Form  *FormDef
	Get   func(c *Ctx) (any, error)
	Post  func(c *Ctx) (any, error)
	// Data is what the page shows when it has no Get: the same each time.
	Data any
}

// get is what the page shows: Get's answer, else Data.
func (p *Page) get(c *Ctx) (any, error) {
	if p.Get == nil {
		return p.Data, nil
	}
	return p.Get(c)
}

// Ctx is one request to a page.
type Ctx struct {
	srv  *Server
	W    http.ResponseWriter
	R    *http.Request
	Page *Page
	// Form is the page's form bound from the request (nil without FormDef).
	Form *Form
	sess *session
	done bool
	// seal is the request's copy of the open key, read once (Seal).
	seal *forms.Seal
	// Live, set by a form's Check, is what the page's "apercu" template
	// shows beside the form as the clerk types (the act's text): the
	// answer of PATH/verifier carries it, drawn.
	Live any
}

// FormOf returns the form of def for the page to draw: the one bound from
// the request when it is the page's own, else a new one holding values.
// A page that holds several forms draws each with it.
func (c *Ctx) FormOf(def *FormDef, values url.Values) *Form {
	if c.Form != nil && c.Form.Def == def {
		return c.Form
	}
	return newForm(def, values)
}

// Now is the counter's clock.
func (c *Ctx) Now() time.Time { return c.srv.now() }

// Read opens the register read-only for fn.
func (c *Ctx) Read(fn func(*registry.Store) error) error { return c.srv.read(fn) }

// Write opens the register for writing for fn.
func (c *Ctx) Write(fn func(*registry.Store) error) error { return c.srv.write(fn) }

// Seal returns the officer's open key, or nil when it is locked: the
// request's own copy (keySession.held), read once, so that the key locked
// while the request waits for the register (another command holds it)
// is not taken from under what the officer asked for with it open.
func (c *Ctx) Seal() *forms.Seal {
	if c.seal == nil {
		c.seal = c.srv.keys.held()
	}
	return c.seal
}

// Redirect ends a POST: the browser goes to path (GET) and the message is
// shown there once, in the page's words (pageWords).
func (c *Ctx) Redirect(path, message string) {
	if message != "" {
		c.sess.mu.Lock()
		c.sess.flash = pageWords(message)
		c.sess.mu.Unlock()
	}
	redirect(c.W, path)
	c.done = true
}

// PDF answers a document for the browser's PDF viewer, to print or save:
// inline, named filename, and never kept by the browser (Cache-Control:
// no-store, as every answer of the counter: a copy holds personal data).
// The Content-Security-Policy of the pages stays: Chromium's viewer shows
// a PDF under it.
func (c *Ctx) PDF(filename string, pdf []byte) {
	h := c.W.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": filename}))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	c.W.WriteHeader(http.StatusOK)
	c.W.Write(pdf)
	c.done = true
}

// File answers a file to save (a CSV export): as an attachment named
// filename, never kept by the browser.
func (c *Ctx) File(filename, contentType string, data []byte) {
	h := c.W.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	c.W.WriteHeader(http.StatusOK)
	c.W.Write(data)
	c.done = true
}

//go:embed web
var webFS embed.FS

// view is what the layout draws.
type view struct {
	Page    *Page
	Commune string
	Dossier string // the register's folder, shown while it holds no register
	Nav     []navLink
	Key     keyState
	CSRF    string
	Flash   string
	Form    *Form
	Data    any
	Error   *errorView
	Now     time.Time
}

type navLink struct {
	Path, Label, Key string
	Current          bool
}

// errorView is a failure shown in the layout.
type errorView struct {
	Title    string
	Lines    []string
	Problems []civil.Problem
	Hint     string
	Retry    string // a link to try again
}

var funcs = template.FuncMap{
	"champ": func(f *Form, name string) (FieldView, error) {
		if f == nil {
			return FieldView{}, errors.New("page sans formulaire")
		}
		return f.Field(name)
	},
	"heure":      func(t time.Time) string { return t.Format("15:04") },
	"jour":       words.LongDate,
	"jourISO":    words.LongDay,
	"registre":   civil.Kind.Plural,
	"statut":     civil.StatusLabel,
	"objet":      agenda.ObjetLabel,
	"objetCourt": agenda.ObjetShort,
	"chiffres":   figuresDate,
	"veille":     dayBefore,
	"plus":       func(n int) int { return n + 1 },
	"moins":      func(n int) int { return n - 1 },
	// pluriel writes a count and its words agreed (words.Plural):
	// {{pluriel .Acts "acte dressé" "actes dressés"}}, never « acte(s) ».
	"pluriel": words.Plural,
	// dict gives a template several values: (dict "Nom" v "Autre" w).
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict : nombre impair de valeurs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, errors.New("dict : une clé n'est pas un texte")
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"suites":  nextSteps,
	"role":    civil.RoleLabel,
	"forme":   civil.FormeLabel,
	"qualite": civil.RequesterLabel,
	// horodatage writes an RFC 3339 time of the register the French way.
	"horodatage": func(s string) string {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return s
		}
		return t.Local().Format("02/01/2006 15:04:05")
	},
	// ident turns a reference into an element id: "naissance/2026/38" →
	// "naissance-2026-38".
	"ident": func(v any) string { return strings.ReplaceAll(fmt.Sprint(v), "/", "-") },
	"court": func(s string, n int) string {
		if len(s) > n {
			return s[:n]
		}
		return s
	},
}

// build parses the templates and routes the pages.
func (s *Server) build() error {
	s.pages = pages()
	base, err := template.New("").Funcs(funcs).ParseFS(webFS, "web/layout.html")
	if err != nil {
		return err
	}
	s.tmpl = map[string]*template.Template{}
	parse := func(name string) error {
		if _, ok := s.tmpl[name]; ok {
			return nil
		}
		t, err := template.Must(base.Clone()).ParseFS(webFS, "web/pages/"+name)
		s.tmpl[name] = t
		return err
	}
	for _, name := range []string{"erreur.html"} {
		if err := parse(name); err != nil {
			return err
		}
	}
	s.mux = http.NewServeMux()
	for _, p := range s.pages {
		if err := s.route(p, parse); err != nil {
			return err
		}
	}
	s.mux.HandleFunc("GET /static/{fichier}", s.static)
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		r.SetPathValue("fichier", "icone.svg")
		s.static(w, r)
	})
	s.mux.HandleFunc("POST /brouillons", s.saveDraft)
	s.mux.HandleFunc("POST /brouillons/supprimer", s.dropDraft)
	s.mux.HandleFunc("/", s.notFound)
	// An address that only takes POST, opened as a page: back home
	// (instead of the standard library's English 405).
	for _, path := range []string{"/brouillons", "/brouillons/supprimer"} {
		s.mux.HandleFunc("GET "+path, home)
	}
	return nil
}

func home(w http.ResponseWriter, _ *http.Request) { redirect(w, "/") }

// notFound answers an address that is no page, in the layout.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	c := s.ctx(w, r, &Page{Title: "Page introuvable"})
	s.renderError(c, http.StatusNotFound, &errorView{Title: "Page introuvable",
		Lines: []string{"Aucune page du guichet à l'adresse " + r.URL.Path + "."}, Hint: "choisissez une section dans la liste"})
}

// static serves an embedded asset: the style sheet, the script, the icon.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("fichier")
	data, err := fs.ReadFile(webFS, "web/static/"+name)
	if err != nil || !fs.ValidPath(name) {
		s.notFound(w, r)
		return
	}
	types := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
	w.Header().Set("Content-Type", types[path.Ext(name)])
	w.Write(data)
}

// addPage routes one more page whose template is given as text (the
// tests add their own pages).
func (s *Server) addPage(p *Page, text string) error {
	base, err := template.New("").Funcs(funcs).ParseFS(webFS, "web/layout.html")
	if err != nil {
		return err
	}
	t, err := base.New(p.Template).Parse(text)
	if err != nil {
		return err
	}
	s.tmpl[p.Template] = t
	s.pages = append(s.pages, p)
	return s.route(p, func(string) error { return nil })
}

func (s *Server) route(p *Page, parse func(string) error) error {
	if err := parse(p.Template); err != nil {
		return err
	}
	pattern := p.Path
	if pattern == "/" {
		pattern = "/{$}"
	}
	if p.Get != nil || p.Data != nil {
		s.mux.HandleFunc("GET "+pattern, s.handler(p, false))
	}
	if p.Post != nil {
		s.mux.HandleFunc("POST "+pattern, s.handler(p, true))
		if p.Get == nil && p.Data == nil {
			s.mux.HandleFunc("GET "+pattern, home)
		}
	}
	if p.Form != nil && p.Form.Check != nil {
		check := strings.TrimSuffix(p.Path, "/") + "/verifier"
		s.mux.HandleFunc("POST "+check, s.checkField(p))
		s.mux.HandleFunc("GET "+check, home)
	}
	return nil
}

func (s *Server) ctx(w http.ResponseWriter, r *http.Request, p *Page) *Ctx {
	return &Ctx{srv: s, W: w, R: r, Page: p, sess: r.Context().Value(ctxKey{}).(*session)}
}

// handler serves a page's GET or POST.
func (s *Server) handler(p *Page, post bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := s.ctx(w, r, p)
		if setup := s.setup.Load(); p.Setup != setup {
			to := "/"
			if setup {
				to = "/creer"
			}
			redirect(w, to)
			return
		}
		if p.NeedsKey && s.keys.get() == nil {
			redirect(w, "/ouverture?suite="+url.QueryEscape(r.URL.RequestURI()))
			return
		}
		if p.Form != nil {
			values := r.URL.Query()
			if post {
				values = r.PostForm
			}
			c.Form = newForm(p.Form, values)
			if !post && p.Form.Draft && c.Form.Draft != "" {
				dr, err := s.drafts.load(c.Form.Draft)
				if err == nil && dr != nil && dr.Page == p.Path {
					c.Form = newForm(p.Form, url.Values(dr.Values))
					c.Form.Draft = dr.ID
				}
			}
		}
		var data any
		var err error
		if post {
			data, err = p.Post(c)
		} else {
			data, err = p.get(c)
		}
		if c.done {
			return
		}
		if err != nil {
			s.fail(c, post, err)
			return
		}
		s.render(c, http.StatusOK, data, nil)
	}
}

// fail shows an error returned by a page.
func (s *Server) fail(c *Ctx, post bool, err error) {
	if ps, ok := problemsOf(err); ok {
		if c.Form == nil {
			s.renderError(c, http.StatusUnprocessableEntity, &errorView{Title: "Refusé", Problems: ps, Hint: "rien n'a été enregistré"})
			return
		}
		c.Form.Attach(ps)
		if post {
			if err := s.keepDraft(c.Page, c.Form); err != nil {
				s.logf("brouillon non enregistré : %v", err)
			}
		}
		var data any
		if post && (c.Page.Get != nil || c.Page.Data != nil) {
			var gerr error
			if data, gerr = c.Page.get(c); gerr != nil {
				if _, refused := problemsOf(gerr); !refused {
					s.fail(c, false, gerr)
					return
				}
			}
		}
		s.render(c, http.StatusUnprocessableEntity, data, nil)
		return
	}
	status, e := s.failure(err)
	s.renderError(c, status, e)
}

// failure turns an error into what the clerk reads, with its status.
func (s *Server) failure(err error) (int, *errorView) {
	var broken *registry.IntegrityError
	var behind *registry.BehindError
	var denied *registry.AccessError
	switch {
	case errors.As(err, &denied):
		// The command line's words (report.go).
		return http.StatusInternalServerError, &errorView{Title: "Registre inaccessible", Lines: []string{denied.Error()}, Hint: "rien n'a été lu ni écrit ; " + registry.AccessHint}
	case errors.As(err, &behind):
		return http.StatusInternalServerError, behindView(behind)
	case errors.Is(err, registry.ErrBusy):
		// The command line's words (report.go), not a page's own.
		return http.StatusServiceUnavailable, &errorView{Title: "Registre occupé", Lines: []string{err.Error()}, Hint: registry.BusyHint}
	case errors.As(err, &broken):
		return http.StatusInternalServerError, &errorView{Title: "Anomalie d'intégrité du registre", Lines: broken.Breaks,
			Hint: "ne modifiez rien ; prévenez l'officier de l'état civil : le registre a pu être altéré (« Contrôle » dit ce qui a changé)"}
	}
	if oserr.Is(err) {
		// As etatcivil says it (a medium pulled out, full, read-only).
		msg := oserr.French(err)
		s.logf("%s", msg)
		return http.StatusInternalServerError, &errorView{Title: "Écriture ou lecture impossible", Lines: []string{msg},
			Hint: "rien n'a été enregistré de plus ; vérifiez le support (branché, avec de la place, pas en lecture seule) ou le dossier indiqué, puis recommencez"}
	}
	s.logf("erreur inattendue : %s", oserr.French(err))
	return http.StatusInternalServerError, &errorView{Title: "Erreur inattendue",
		Lines: []string{"L'opération n'a pas abouti ; rien n'a été enregistré de plus."},
		Hint:  "si cela se reproduit, notez l'heure, faites le « Contrôle » du registre et signalez-le au support (le détail est dans la fenêtre du guichet)"}
}

func (s *Server) renderError(c *Ctx, status int, e *errorView) {
	if c.R.Method == http.MethodGet {
		e.Retry = c.R.URL.RequestURI()
	}
	for i, l := range e.Lines {
		e.Lines[i] = pageWords(l)
	}
	e.Hint = pageWords(e.Hint)
	page := c.Page
	c.Page = &Page{Path: page.Path, Title: e.Title, Template: "erreur.html"}
	s.render(c, status, nil, e)
	c.Page = page
}

// render draws a page in the layout (or only its "partiel" fragment when
// the page's script asks for it).
func (s *Server) render(c *Ctx, status int, data any, e *errorView) {
	s.mu.Lock()
	commune := s.commune
	s.mu.Unlock()
	setup := s.setup.Load()
	v := view{Page: c.Page, Commune: commune, Key: s.keys.state(), CSRF: c.sess.csrf, Form: c.Form, Data: data, Error: e, Now: s.now()}
	if setup {
		v.Dossier = s.Folder()
	}
	for _, p := range s.pages {
		if p.Nav != "" && p.Setup == setup {
			v.Nav = append(v.Nav, navLink{Path: p.Path, Label: p.Nav, Key: p.Key, Current: p.Path == c.Page.Path})
		}
	}
	t := s.tmpl[c.Page.Template]
	name := "page"
	if c.R.Header.Get(partialHeader) != "" && t.Lookup("partiel") != nil {
		name = "partiel"
	} else {
		c.sess.mu.Lock()
		v.Flash, c.sess.flash = c.sess.flash, ""
		c.sess.mu.Unlock()
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		s.logf("page %s : %v", c.Page.Path, err)
		http.Error(c.W, "Erreur inattendue en dessinant la page.", http.StatusInternalServerError)
		return
	}
	c.W.Header().Set("Content-Type", "text/html; charset=utf-8")
	c.W.WriteHeader(status)
	c.W.Write(buf.Bytes())
}

// leftField is the value of POST PATH/verifier that names the field left
// (not "champ": a mention has a field of that name).
const leftField = "champ_quitte"

// fieldProblem is a problem in the answer of POST PATH/verifier.
type fieldProblem struct {
	Regle   string     `json:"regle"`
	Conseil string     `json:"conseil,omitempty"`
	Suites  []stepJSON `json:"suites,omitempty"`
}

// stepJSON is a next step's link in the answer of POST PATH/verifier.
type stepJSON struct {
	Libelle string `json:"libelle"`
	Adresse string `json:"adresse"`
}

// checkField answers POST PATH/verifier: the problems of the field left
// (form value "champ_quitte"), found by the page's Check over every value of the form.
func (s *Server) checkField(p *Page) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := s.ctx(w, r, p)
		c.Form = newForm(p.Form, r.PostForm)
		field := r.PostForm.Get(leftField)
		ps, err := p.Form.Check(c, c.Form.Values)
		if refused, ok := problemsOf(err); ok {
			ps, err = append(ps, refused...), nil
		}
		out := struct {
			Champ     string         `json:"champ"`
			Problemes []fieldProblem `json:"problemes"`
			Erreur    string         `json:"erreur,omitempty"`
			Apercu    *string        `json:"apercu,omitempty"`
		}{Champ: field, Problemes: []fieldProblem{}}
		status := http.StatusOK
		if err != nil {
			var e *errorView
			status, e = s.failure(err)
			out.Erreur = e.Title
		}
		if t := s.tmpl[p.Template].Lookup("apercu"); t != nil && c.Live != nil && err == nil {
			var b strings.Builder
			if xerr := t.Execute(&b, c.Live); xerr != nil {
				s.logf("aperçu %s : %v", p.Path, xerr)
			} else {
				html := b.String()
				out.Apercu = &html
			}
		}
		for _, pb := range ps {
			if field != "" && p.Form.owner(pb.Field) == field {
				fp := fieldProblem{Regle: pb.Rule, Conseil: pb.Hint}
				for _, l := range nextSteps(pb) {
					fp.Suites = append(fp.Suites, stepJSON{l.Label, l.Path})
				}
				out.Problemes = append(out.Problemes, fp)
			}
		}
		writeJSON(w, status, out)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// saveDraft answers POST /brouillons: the page's script saves the form
// being typed ("page": the page's path; "brouillon": the draft's id, empty
// the first time). It answers the id and the time saved.
func (s *Server) saveDraft(w http.ResponseWriter, r *http.Request) {
	var p *Page
	for _, q := range s.pages {
		if q.Path == r.PostForm.Get("page") && q.Form != nil && q.Form.Draft {
			p = q
		}
	}
	if p == nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"erreur": "aucun formulaire à cette adresse"})
		return
	}
	f := newForm(p.Form, r.PostForm)
	if err := s.keepDraft(p, f); err != nil {
		s.logf("brouillon non enregistré : %v", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"erreur": "saisie non sauvegardée"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"brouillon": f.Draft, "heure": s.now().Format("15:04:05")})
}

// dropDraft answers POST /brouillons/supprimer: the clerk abandons a
// form in progress.
func (s *Server) dropDraft(w http.ResponseWriter, r *http.Request) {
	c := s.ctx(w, r, &Page{})
	if err := s.drafts.remove(r.PostForm.Get(draftField)); err != nil {
		s.logf("brouillon non supprimé : %v", err)
	}
	c.Redirect("/", "Saisie abandonnée.")
}
