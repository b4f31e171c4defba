package guichet

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// DraftsDir is the folder, beside the register, where forms in progress
// are kept: created 0700, each draft a file 0600. A draft is not an act:
// it is in neither the register nor its journal nor its backups, and it is
// deleted once its act is saved (or when the clerk drops it).
const DraftsDir = "guichet-brouillons"

// draftField is the hidden field that carries a form's draft id.
const draftField = "brouillon"

// Draft is a form in progress, saved as it is typed.
type Draft struct {
	ID      string              `json:"id"`
	Page    string              `json:"page"` // the page's path: "/dresser/naissance"
	Title   string              `json:"titre"`
	Summary string              `json:"resume"`
	Agent   string              `json:"agent"`
	Created time.Time           `json:"cree_le"`
	Updated time.Time           `json:"modifie_le"`
	Values  map[string][]string `json:"valeurs"`
}

// draftStore keeps the drafts of one register.
type draftStore struct{ dir string }

var draftID = regexp.MustCompile(`^[0-9a-f]{16}$`)

func validDraftID(id string) bool { return draftID.MatchString(id) }

func newDraftID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func (d *draftStore) path(id string) string { return filepath.Join(d.dir, id+".json") }

// save writes a draft whole or not at all: a new file 0600 beside the
// final name, synced, renamed into place, then the folder synced, so that
// a crash of the program or of the laptop leaves the previous version or
// this one.
func (d *draftStore) save(dr *Draft) error {
	if !validDraftID(dr.ID) {
		return errors.New("identifiant de brouillon invalide")
	}
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return err
	}
	data, err := json.Marshal(dr)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(d.dir, ".tmp-"+dr.ID+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), d.path(dr.ID)); err != nil {
		return err
	}
	if dir, err := os.Open(d.dir); err == nil {
		dir.Sync()
		dir.Close()
	}
	return nil
}

// load reads a draft; (nil, nil) when there is none of that id.
func (d *draftStore) load(id string) (*Draft, error) {
	if !validDraftID(id) {
		return nil, nil
	}
	data, err := os.ReadFile(d.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var dr Draft
	if err := json.Unmarshal(data, &dr); err != nil || dr.ID != id {
		return nil, fmt.Errorf("brouillon %s illisible", id)
	}
	return &dr, nil
}

// list returns the drafts, the most recently changed first. A file that
// does not decode is skipped: a draft is a convenience, never a record.
func (d *draftStore) list() ([]*Draft, error) {
	ents, err := os.ReadDir(d.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []*Draft
	for _, e := range ents {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || !validDraftID(id) {
			continue
		}
		if dr, err := d.load(id); err == nil && dr != nil {
			out = append(out, dr)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Updated.After(out[j].Updated) })
	return out, nil
}

// remove deletes a draft; one already gone is no error.
func (d *draftStore) remove(id string) error {
	if !validDraftID(id) {
		return nil
	}
	err := os.Remove(d.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// keep saves the form's values in its draft (a new one when it has none),
// leaving out what must never be written down (passphrases).
func (s *Server) keepDraft(p *Page, f *Form) error {
	if p.Form == nil || !p.Form.Draft {
		return nil
	}
	now := s.now()
	dr := &Draft{ID: f.Draft, Page: p.Path, Title: p.Title, Agent: s.cfg.Agent, Created: now}
	if old, err := s.drafts.load(f.Draft); err == nil && old != nil && old.Page == p.Path {
		dr.Created = old.Created
	} else {
		dr.ID = newDraftID()
	}
	dr.Updated = now
	dr.Values = map[string][]string{}
	for _, fd := range p.Form.Fields {
		if fd.Kind == "password" {
			continue
		}
		if v, ok := f.Values[fd.Name]; ok {
			dr.Values[fd.Name] = v
		}
	}
	if p.Form.Summary != nil {
		dr.Summary = p.Form.Summary(url.Values(dr.Values))
	}
	if err := s.drafts.save(dr); err != nil {
		return err
	}
	f.Draft = dr.ID
	return nil
}
