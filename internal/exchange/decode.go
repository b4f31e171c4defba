// Package exchange reads the interchange format's files (docs/format-*.md)
// for the command line and the counter: one JSON object strictly decoded,
// and import files of JSON Lines, with refusals in French.
package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"etatcivil/civil"
	"etatcivil/registry"
)

// The interchange format's JSON (docs/format-actes.md, format-export.md,
// format-bans.md), decoded strictly with refusals in French, for the
// command line and the counter.

// MarkNoContract reads "contrat": null, which states that no marriage
// contract was made; a file without the field says nothing, and is
// refused by validation.
func MarkNoContract(a *civil.Act, raw []byte) {
	var fields map[string]json.RawMessage
	if a.Type == civil.Mariage && json.Unmarshal(raw, &fields) == nil {
		if v, ok := fields["contrat"]; ok && string(bytes.TrimSpace(v)) == "null" {
			a.SansContrat = true
		}
	}
}

// StripLine removes ", ligne N" from a JSON refusal about a one-line
// document, whose line the caller names.
func StripLine(rule string) string {
	return lineNote.ReplaceAllString(rule, "")
}

var lineNote = regexp.MustCompile(`,? \(?ligne \d+\)?`)

// bom is the byte-order mark some editors write at the start of a UTF-8
// file (Windows' Notepad did until 2019).
var bom = []byte("\uFEFF")

// WithoutBOM returns raw without a leading byte-order mark: a file saved
// by such an editor is read as any other.
func WithoutBOM(raw []byte) []byte { return bytes.TrimPrefix(raw, bom) }

// DecodeStrict decodes one JSON object into v: unknown fields, trailing
// data and malformed JSON are refused with the place of the mistake. A
// leading byte-order mark is ignored.
//
// The text must be UTF-8: the JSON decoder would replace what is not,
// silently. (The texts decoded are checked by the rules: see
// civil.TextProblems.)
//
// The refusals are worded for a file the clerk writes (an act, banns):
// its JSON, its guillemets and accolades. A line of an import file is
// decoded by decodeLine, whose refusals speak of the exchange file.
func DecodeStrict(raw []byte, v any) error { return decode(raw, v, &actFile) }

// decodeLine decodes one line of an import file (the exchange file that
// an export writes, a program's output, not the clerk's) into v, with
// refusals in the words of the exchange file: the command line's import
// and the counter's « Importer » say the same.
func decodeLine(raw []byte, v any) error { return decode(raw, v, &exchangeLine) }

// wording is what a refusal of decoding says, for one kind of file.
type wording struct {
	// encoding and malformed are formats of the line's number.
	encoding, encodingHint   string
	malformed, malformedHint string
	notOne                   string
	trailing, trailingHint   string
	cut, cutHint             string
	// fix is the hint of a value of the wrong type or an unknown field:
	// "" says the file's format page (formatPage).
	fix string
	// unreadable precedes the decoder's own message; "" says notOne.
	unreadable string
}

var actFile = wording{
	encoding:      "texte mal encodé, ligne %d : des octets ne sont pas de l'UTF-8 (les accents seraient perdus)",
	encodingHint:  "enregistrez le fichier en UTF-8 (choix par défaut des éditeurs récents), puis recommencez",
	malformed:     "JSON mal formé, ligne %d",
	malformedHint: "vérifiez les guillemets, virgules et accolades autour de cette ligne",
	notOne:        "le fichier doit contenir un objet JSON { … } décrivant un seul acte",
	trailing:      "le fichier contient autre chose après l'objet JSON",
	trailingHint:  "un fichier = un seul acte JSON",
	cut:           "le fichier s'arrête au milieu de l'acte",
	cutHint:       "le fichier est incomplet : vérifiez la fin (accolades fermantes)",
	unreadable:    "fichier JSON illisible : ",
}

// exchangeHint is what to do about a line of an exchange file that is not
// an act: the file was damaged or edited since its export.
const exchangeHint = "le fichier a été abîmé ou modifié depuis l'export : demandez-en un nouveau à qui vous l'a remis"

var exchangeLine = wording{
	encoding:      "texte mal encodé, ligne %d : des caractères ne se lisent pas (les accents seraient perdus)",
	encodingHint:  "le fichier a été enregistré par un autre logiciel, dans un autre codage que l'UTF-8 : demandez un nouvel export, ou enregistrez-le en UTF-8",
	malformed:     "illisible (ligne %d) : ce n'est pas un acte du fichier d'échange",
	malformedHint: exchangeHint,
	notOne:        "illisible : ce n'est pas un acte du fichier d'échange",
	trailing:      "la ligne contient autre chose après l'acte",
	trailingHint:  exchangeHint,
	cut:           "la ligne s'arrête au milieu de l'acte",
	cutHint:       "le fichier est incomplet (copie interrompue ?) : copiez-le de nouveau, puis recommencez",
	fix:           exchangeHint,
}

func decode(raw []byte, v any, w *wording) error {
	raw = WithoutBOM(raw)
	if !utf8.Valid(raw) {
		bad := 0
		for bad < len(raw) {
			r, size := utf8.DecodeRune(raw[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		return civil.Refuse("--fichier", fmt.Sprintf(w.encoding, lineOf(raw, int64(bad))), w.encodingHint)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonRefusal(raw, v, err, w)
	}
	if dec.More() {
		return civil.Refuse("--fichier", w.trailing, w.trailingHint)
	}
	return nil
}

// lineOf returns the line number of byte offset off.
func lineOf(raw []byte, off int64) int {
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
// decoded into v, as w words it.
func jsonRefusal(raw []byte, v any, err error, w *wording) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	hint, unknown := w.fix, w.fix
	if hint == "" {
		hint = "corrigez le fichier (format : voir " + formatPage(v) + "), puis recommencez"
		unknown = "vérifiez l'orthographe du champ (une faute de frappe ne doit pas perdre de données) ; les champs admis sont ceux de " + formatPage(v)
	}
	switch {
	case errors.Is(err, io.EOF):
		return civil.Refuse("--fichier", "le fichier est vide", "indiquez le fichier JSON de l'acte")
	case errors.As(err, &syn):
		return civil.Refuse("--fichier", fmt.Sprintf(w.malformed, lineOf(raw, syn.Offset)), w.malformedHint)
	case errors.As(err, &typ) && typ.Field == "":
		return civil.Refuse("--fichier", w.notOne, hint)
	case errors.As(err, &typ):
		want := map[string]string{"string": "un texte entre guillemets", "int": "un nombre", "[]string": "une liste de textes [\"…\"]"}[typ.Type.String()]
		if want == "" {
			want = "un objet { … } ou une liste [ … ] selon le format"
		}
		// An import line's act is embedded in registry.Exported: its
		// fields are the act's ("numero", not "Act.numero").
		return civil.Refuse(strings.TrimPrefix(typ.Field, "Act."), fmt.Sprintf("valeur de mauvais type (ligne %d) : il faut %s", lineOf(raw, typ.Offset), want), hint)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return civil.Refuse(f, "champ inconnu « "+f+" »", unknown)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return civil.Refuse("--fichier", w.cut, w.cutHint)
	}
	if w.unreadable == "" {
		return civil.Refuse("--fichier", w.notOne, hint)
	}
	return civil.Refuse("--fichier", w.unreadable+err.Error(), hint)
}
