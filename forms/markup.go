package forms

import (
	"encoding/json"
	"reflect"
	"strings"
	"unicode"
)

// The document templates write a small line-oriented markup; the layout
// in pdf.go gives it the look of a town hall document. One line is one
// block:
//
//	@gauche TEXTE          a line of the heading, left (RÉPUBLIQUE FRANÇAISE…)
//	@droite TEXTE          a line of the heading, right (register, year, number)
//	@numero TEXTE          the copy's serial number, top right
//	@titre TEXTE           the document's title, centred
//	@sous-titre TEXTE      a line under the title, centred
//	TEXTE                  a paragraph, justified (also @texte TEXTE)
//	@encadre TEXTE         a statement in a frame (the outage statement)
//	@marge TEXTE           a mention in the margin column
//	@marge-titre TEXTE     the heading of the margin column
//	@ligne LIBELLÉ | VALEUR                 a row of an extract
//	@champ N | fr | en | de | es | it | nl | pt | VALEUR    a box of the plurilingual extract
//	                       (French and English on the front, the others on the back); an
//	                       empty value or « — » strikes the box
//	@date N | fr | … | pt | AAAA-MM-JJ     the same, with a date as Jo Mo An
//	@colonnes TITRE | TITRE                titles of the two columns of the @paire boxes
//	@paire N | fr | … | pt | VALEUR | VALEUR        a box with a value per spouse
//	@paire-date N | fr | … | pt | AAAA-MM-JJ | AAAA-MM-JJ
//	@delivrance N | fr | … | pt | AAAA-MM-JJ | SIGNATAIRE | SCEAU
//	                       the box of the date of issue, the signature and the seal
//	@verso TITRE | LÉGENDE the back page: the labels of the boxes in the other languages
//	@legende TEXTE         a small note under a table
//	@signature LIBELLÉ | NOM [| NOTE]   a box for a handwritten signature; consecutive ones share a
//	                       row; with a note (a duplicate: « a signé l'original »), no room to sign
//	@adresse TEXTE         a line of the address block of a letter (consecutive lines, one block)
//	@bandeau TITRE | TEXTE a framed banner under the title (« DUPLICATA — ne vaut pas original »)
//	@marge-signature TEXTE where, when and by whom a mention was signed, and a line to sign it
//	@marge-copie TEXTE     the same on a copy, without the line
//	@rangee                a new row of signature boxes
//	@certification TEXTE   a line of the certification of a copy
//	@visa SIGNATURE | SCEAU        room for the officer's signature and the seal
//	@pied TEXTE            the footer of every page
//	@code LÉGENDE          where the document's signed code goes (a QR code), with its caption;
//	                       the code's text never goes through the markup (see document.code)
//
// Empty lines are ignored.

// block is one line of markup.
type block struct {
	kind string
	args []string
}

func (b block) arg(i int) string {
	if i < len(b.args) {
		return b.args[i]
	}
	return ""
}

var fieldKinds = map[string]bool{"ligne": true, "champ": true, "date": true, "paire": true, "paire-date": true, "colonnes": true, "delivrance": true, "verso": true, "bandeau": true, "signature": true, "visa": true}

// parse reads the markup written by a document template.
func parse(markup string) []block {
	var out []block
	for _, line := range strings.Split(markup, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		kind, rest := "texte", line
		if strings.HasPrefix(line, "@") {
			kind, rest, _ = strings.Cut(line[1:], " ")
		}
		b := block{kind: kind}
		if fieldKinds[kind] {
			for _, f := range strings.Split(rest, "|") {
				b.args = append(b.args, printable(strings.TrimSpace(f)))
			}
		} else {
			b.args = []string{printable(strings.TrimSpace(rest))}
		}
		out = append(out, b)
	}
	return out
}

// printable replaces what the embedded fonts cannot print (other scripts,
// emoji, control characters: see printedRunes) with "?", so that free
// text typed by a clerk never breaks a document.
func printable(s string) string {
	ok := func(r rune) bool {
		if r < 0x7f {
			return r >= 0x20
		}
		return !unicode.IsControl(r) && (faces.regular == nil || printableRune(r))
	}
	clean := true
	for _, r := range s {
		if !ok(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if !ok(r) {
			return '?'
		}
		return r
	}, s)
}

// oneLine flattens a value for the markup: line breaks become spaces, and
// a field separator typed in a value cannot split a row.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "|\n\r\t\v\f") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "|", "/")), " ")
}

// flattened returns a deep copy of v (a pointer to a struct) in which
// every string has gone through oneLine, so that nothing a clerk typed can
// break the markup of a document.
func flattened[T any](v *T) *T {
	raw, err := json.Marshal(v)
	out := new(T)
	if err != nil || json.Unmarshal(raw, out) != nil {
		return v
	}
	flatten(reflect.ValueOf(out).Elem())
	return out
}

func flatten(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(oneLine(v.String()))
	case reflect.Pointer:
		if !v.IsNil() {
			flatten(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				flatten(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			flatten(v.Index(i))
		}
	}
}
