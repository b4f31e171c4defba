package guichet

import (
	"net/http"
	"net/url"
)

// Routed reports whether the counter serves a page at path ("/registre";
// a query, "?acte=…", is ignored), by GET or POST, through the same
// routing as a running counter. The capability map's test (cmd/etatcivil,
// every command and its page) asks it for each page it names; the counter
// itself does not call it, so it is not linked into the program.
func Routed(path string) (bool, error) {
	s := &Server{}
	if err := s.build(); err != nil {
		return false, err
	}
	u, err := url.Parse(path)
	if err != nil {
		return false, err
	}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		r := &http.Request{Method: method, URL: &url.URL{Path: u.Path}, Host: "127.0.0.1"}
		if _, pattern := s.mux.Handler(r); pattern != "/" && pattern != "" {
			return true, nil
		}
	}
	return false, nil
}
