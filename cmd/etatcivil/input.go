package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"syscall"
	"unicode/utf8"

	"etatcivil/civil"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// maxInput bounds an act file: a real one is a few kilobytes.
const maxInput = 1 << 20

// readActFile reads an act in the interchange format from a file, or from
// standard input when name is "-". Unknown fields, trailing data and
// malformed JSON are refused with the place of the mistake.
func (e *env) readActFile(name string, wantType civil.Kind) (*civil.Act, error) {
	raw, err := e.readInput(name)
	if err != nil {
		return nil, err
	}
	a, err := decodeAct(raw)
	if err != nil {
		return nil, err
	}
	if a.Type != wantType && a.Type != "" {
		hint := "corrigez le champ type"
		if a.Type.ValidType() {
			hint = "utilisez etatcivil " + a.Type.Command() + " --fichier …, ou corrigez le champ type"
		}
		return nil, civil.Refuse("type", "le fichier décrit un acte de type « "+string(a.Type)+" », pas « "+string(wantType)+" »", hint)
	}
	if a.Type == "" {
		a.Type = wantType
	}
	return a, nil
}

// readInput reads a file given with --fichier, or standard input for "-".
func (e *env) readInput(name string) ([]byte, error) {
	raw, err := e.readFile("--fichier", name, maxInput)
	if err != nil {
		return nil, err
	}
	return withoutBOM(raw), nil
}

// readFile reads the file name given for field, or standard input for
// "-", at most limit bytes: a longer file, a device (/dev/zero, which
// never ends), a pipe or a folder is refused before it is read whole.
func (e *env) readFile(field, name string, limit int64) ([]byte, error) {
	if name != "-" {
		return readRegular(field, name, limit)
	}
	return readLimited(field, name, e.in, limit)
}

// readRegular reads an ordinary file given for field, at most limit bytes
// (see readFile).
func readRegular(field, name string, limit int64) ([]byte, error) {
	f, err := openRegular(field, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(field, name, f, limit)
}

// readLimited reads in (named name, given for field) whole, refusing it
// past limit bytes.
func readLimited(field, name string, in io.Reader, limit int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return nil, civil.Refuse(field, "impossible de lire « "+name+" » : "+frenchIOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	if int64(len(raw)) > limit {
		return nil, civil.Refuse(field, fmt.Sprintf("« %s » est trop gros (plus de %s) : ce n'est pas le fichier attendu", name, words.Size(limit)), "vérifiez qu'il s'agit bien du bon fichier")
	}
	return raw, nil
}

// openRegular opens a file given for field, refusing what is not an
// ordinary file: a device, a pipe, a folder. A named pipe is refused
// before it is opened, and opened without waiting (O_NONBLOCK) if it
// took the file's place meanwhile: opening a pipe waits for a writer,
// and the command would hang.
func openRegular(field, name string) (*os.File, error) {
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		return nil, notRegular(field, name, st)
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, civil.Refuse(field, "impossible de lire « "+name+" » : "+frenchIOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, civil.Refuse(field, "impossible de lire « "+name+" » : "+frenchIOError(err), "vérifiez le nom et l'emplacement du fichier")
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(field, name, st)
	}
	return f, nil
}

// notRegular refuses a file given for field that is not an ordinary file.
func notRegular(field, name string, st os.FileInfo) error {
	what := "un périphérique ou un tube"
	if st.IsDir() {
		what = "un dossier"
	}
	return civil.Refuse(field, "« "+name+" » n'est pas un fichier ordinaire : c'est "+what, "indiquez le chemin d'un fichier")
}

// frenchIOError says in French why a file could not be opened or read:
// the system's own message is English.
func frenchIOError(err error) string {
	var errno syscall.Errno
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "fichier introuvable"
	case errors.Is(err, os.ErrPermission):
		return "accès refusé"
	case errors.As(err, &errno) && errno == syscall.EISDIR:
		return "c'est un dossier"
	case errors.As(err, &errno) && errno == syscall.ENOTDIR:
		return "un élément du chemin n'est pas un dossier"
	case errors.As(err, &errno) && errno == syscall.ENAMETOOLONG:
		return "nom trop long"
	case errors.As(err, &errno) && errno == syscall.ELOOP:
		return "trop de liens symboliques"
	case errors.As(err, &errno) && errno == syscall.EIO:
		return "erreur de lecture du disque ou de la clé USB"
	}
	return "erreur de lecture"
}

// decodeAct decodes one JSON act strictly.
func decodeAct(raw []byte) (*civil.Act, error) {
	var a civil.Act
	if err := decodeStrict(raw, &a); err != nil {
		return nil, err
	}
	markNoContract(&a, raw)
	return &a, nil
}

// markNoContract reads "contrat": null, which states that no marriage
// contract was made; a file without the field says nothing, and is
// refused by validation.
func markNoContract(a *civil.Act, raw []byte) {
	var fields map[string]json.RawMessage
	if a.Type == civil.Mariage && json.Unmarshal(raw, &fields) == nil {
		if v, ok := fields["contrat"]; ok && string(bytes.TrimSpace(v)) == "null" {
			a.SansContrat = true
		}
	}
}

// stripLine removes ", ligne N" from a JSON refusal about a one-line
// document, whose line the caller names.
func stripLine(rule string) string {
	return lineNote.ReplaceAllString(rule, "")
}

var lineNote = regexp.MustCompile(`,? \(?ligne \d+\)?`)

// bom is the byte-order mark some editors write at the start of a UTF-8
// file (Windows' Notepad did until 2019).
var bom = []byte("\uFEFF")

// withoutBOM returns raw without a leading byte-order mark: a file saved
// by such an editor is read as any other.
func withoutBOM(raw []byte) []byte { return bytes.TrimPrefix(raw, bom) }

// decodeStrict decodes one JSON object into v: unknown fields, trailing
// data and malformed JSON are refused with the place of the mistake. A
// leading byte-order mark is ignored.
//
// The text must be UTF-8: the JSON decoder would replace what is not,
// silently. (The texts decoded are checked by the rules: see
// civil.TextProblems.)
func decodeStrict(raw []byte, v any) error {
	raw = withoutBOM(raw)
	if !utf8.Valid(raw) {
		bad := 0
		for bad < len(raw) {
			r, size := utf8.DecodeRune(raw[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		return civil.Refuse("--fichier", fmt.Sprintf("texte mal encodé, ligne %d : des octets ne sont pas de l'UTF-8 (les accents seraient perdus)", line(raw, int64(bad))),
			"enregistrez le fichier en UTF-8 (choix par défaut des éditeurs récents), puis recommencez")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonRefusal(raw, v, err)
	}
	if dec.More() {
		return civil.Refuse("--fichier", "le fichier contient autre chose après l'objet JSON", "un fichier = un seul acte JSON")
	}
	return nil
}

// line returns the line number of byte offset off.
func line(raw []byte, off int64) int {
	if off > int64(len(raw)) {
		off = int64(len(raw))
	}
	return bytes.Count(raw[:off], []byte("\n")) + 1
}

// formatPage names the page of docs/ that describes the file decoded into v.
func formatPage(v any) string {
	switch v.(type) {
	case *civil.Banns:
		return "docs/format-bans.md"
	case *registry.Exported:
		return "docs/format-export.md"
	}
	return "docs/format-actes.md"
}

// jsonRefusal explains a JSON decoding error in French, for a file
// decoded into v.
func jsonRefusal(raw []byte, v any, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	hint := "corrigez le fichier (format : voir " + formatPage(v) + "), puis recommencez"
	switch {
	case errors.Is(err, io.EOF):
		return civil.Refuse("--fichier", "le fichier est vide", "indiquez le fichier JSON de l'acte")
	case errors.As(err, &syn):
		return civil.Refuse("--fichier", fmt.Sprintf("JSON mal formé, ligne %d", line(raw, syn.Offset)), "vérifiez les guillemets, virgules et accolades autour de cette ligne")
	case errors.As(err, &typ) && typ.Field == "":
		return civil.Refuse("--fichier", "le fichier doit contenir un objet JSON { … } décrivant un seul acte", hint)
	case errors.As(err, &typ):
		want := map[string]string{"string": "un texte entre guillemets", "int": "un nombre", "[]string": "une liste de textes [\"…\"]"}[typ.Type.String()]
		if want == "" {
			want = "un objet { … } ou une liste [ … ] selon le format"
		}
		return civil.Refuse(typ.Field, fmt.Sprintf("valeur de mauvais type (ligne %d) : il faut %s", line(raw, typ.Offset), want), hint)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return civil.Refuse(f, "champ inconnu « "+f+" »", "vérifiez l'orthographe du champ (une faute de frappe ne doit pas perdre de données) ; les champs admis sont ceux de "+formatPage(v))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return civil.Refuse("--fichier", "le fichier s'arrête au milieu de l'acte", "le fichier est incomplet : vérifiez la fin (accolades fermantes)")
	}
	return civil.Refuse("--fichier", "fichier JSON illisible : "+err.Error(), hint)
}
