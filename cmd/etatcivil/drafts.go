package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/words"
)

// A guided entry keeps every answer, as soon as it is accepted, in a
// draft file beside the register (issue 18 §4): an entry interrupted by
// Ctrl-C, Ctrl-D or a closed window loses nothing, and the next guided
// entry of the same kind by the same clerk offers to resume it. The file
// holds personal data: it is written 0600 in a folder 0700 inside the
// register's folder, replaced whole at each answer (written aside, then
// renamed; not forced to the disk at each answer), and removed once the
// act is registered.

// draftFolder is the folder of the drafts, inside the register's folder.
const draftFolder = "saisies"

// draft is an entry in progress: its answers, in the order they were given.
type draft struct {
	path string

	Type      civil.Kind `json:"type"`
	Reference string     `json:"reference,omitempty"` // the act corrected, for a correction
	Agent     string     `json:"agent"`
	Debut     string     `json:"debut"`      // RFC 3339
	MisAJour  string     `json:"mis_a_jour"` // RFC 3339
	Reponses  []answer   `json:"reponses"`
}

// answer is one answer of a draft: the question's key (the domain field
// it fills) and the answer in its stored form.
type answer struct {
	Question string `json:"question"`
	Valeur   string `json:"valeur"`
}

var notFileChar = regexp.MustCompile(`[^a-z0-9]+`)

// draftPath names the draft of a kind of act (or of the correction of
// ref) for agent in the register's folder dir.
func draftPath(dir string, kind civil.Kind, ref, agent string) string {
	name := string(kind)
	if ref != "" {
		name = "correction-" + ref
	}
	if agent = strings.Trim(notFileChar.ReplaceAllString(strings.ToLower(agent), "-"), "-"); agent != "" {
		name += "-" + agent
	}
	return filepath.Join(dir, draftFolder, strings.Trim(notFileChar.ReplaceAllString(name, "-"), "-")+".json")
}

// loadDraft reads the draft at path; nil when there is none. A draft that
// does not read (a half-written file from an older version) is set aside
// under another name rather than lost, and reported.
func loadDraft(path string) (*draft, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lecture de la saisie interrompue %s : %w", path, err)
	}
	d := &draft{path: path}
	if err := json.Unmarshal(raw, d); err != nil || d.Type == "" {
		aside := strings.TrimSuffix(path, ".json") + ".illisible-" + time.Now().Format("20060102-150405") + ".json"
		if err := os.Rename(path, aside); err != nil {
			return nil, fmt.Errorf("saisie interrompue illisible %s : %w", path, err)
		}
		return nil, fmt.Errorf("la saisie interrompue %s est illisible : mise de côté sous %s", path, filepath.Base(aside))
	}
	return d, nil
}

// get returns the answer to a question, if given.
func (d *draft) get(key string) (string, bool) {
	for _, a := range d.Reponses {
		if a.Question == key {
			return a.Valeur, true
		}
	}
	return "", false
}

// put records the answer to a question.
func (d *draft) put(key, value string) {
	for i, a := range d.Reponses {
		if a.Question == key {
			d.Reponses[i].Valeur = value
			return
		}
	}
	d.Reponses = append(d.Reponses, answer{key, value})
}

// save writes the draft: aside, then renamed over the old one, 0600.
func (d *draft) save(now time.Time) error {
	d.MisAJour = now.Format(time.RFC3339)
	if err := os.MkdirAll(filepath.Dir(d.path), 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(d.path), ".saisie-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	// No fsync: the draft is kept against a closed window or Ctrl-C,
	// which leave the page cache to the system; an answer a second old
	// lost to a power cut is typed again.
	_, err = f.Write(append(data, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, d.path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// remove deletes the draft once its act is registered or the clerk
// starts afresh.
func (d *draft) remove() error {
	if err := os.Remove(d.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// describe says when the draft was last written and how far it went:
// « le 30/11/2026 à 09:14, 12 réponses ».
func (d *draft) describe() string {
	when := d.MisAJour
	if t, err := time.Parse(time.RFC3339, when); err == nil {
		t = t.Local()
		when = "le " + words.Figures(t) + " à " + t.Format("15:04")
	}
	return when + ", " + count(len(d.Reponses), "réponse", "réponses")
}

// count writes a number of things, the noun agreed: « 1 réponse »,
// « 12 réponses ».
func count(n int, one, many string) string {
	if n < 2 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
