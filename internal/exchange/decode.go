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
func DecodeStrict(raw []byte, v any) error {
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
		return civil.Refuse("--fichier", fmt.Sprintf("texte mal encodé, ligne %d : des octets ne sont pas de l'UTF-8 (les accents seraient perdus)", lineOf(raw, int64(bad))),
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
// decoded into v.
func jsonRefusal(raw []byte, v any, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	hint := "corrigez le fichier (format : voir " + formatPage(v) + "), puis recommencez"
	switch {
	case errors.Is(err, io.EOF):
		return civil.Refuse("--fichier", "le fichier est vide", "indiquez le fichier JSON de l'acte")
	case errors.As(err, &syn):
		return civil.Refuse("--fichier", fmt.Sprintf("JSON mal formé, ligne %d", lineOf(raw, syn.Offset)), "vérifiez les guillemets, virgules et accolades autour de cette ligne")
	case errors.As(err, &typ) && typ.Field == "":
		return civil.Refuse("--fichier", "le fichier doit contenir un objet JSON { … } décrivant un seul acte", hint)
	case errors.As(err, &typ):
		want := map[string]string{"string": "un texte entre guillemets", "int": "un nombre", "[]string": "une liste de textes [\"…\"]"}[typ.Type.String()]
		if want == "" {
			want = "un objet { … } ou une liste [ … ] selon le format"
		}
		return civil.Refuse(typ.Field, fmt.Sprintf("valeur de mauvais type (ligne %d) : il faut %s", lineOf(raw, typ.Offset), want), hint)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return civil.Refuse(f, "champ inconnu « "+f+" »", "vérifiez l'orthographe du champ (une faute de frappe ne doit pas perdre de données) ; les champs admis sont ceux de "+formatPage(v))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return civil.Refuse("--fichier", "le fichier s'arrête au milieu de l'acte", "le fichier est incomplet : vérifiez la fin (accolades fermantes)")
	}
	return civil.Refuse("--fichier", "fichier JSON illisible : "+err.Error(), hint)
}
