package civil

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Limits of what an input may hold: far beyond any real act, short of
// what would make a register, a page or a terminal unusable.
const (
	// MaxText bounds any text field, in characters (a mention, an
	// address).
	MaxText = 4000
	// MaxName bounds a NOM or one prénom, in characters.
	MaxName = 100
	// MaxPrenoms bounds the prénoms of one person.
	MaxPrenoms = 20
)

// TextProblem returns the problem of a text given in input for field, or
// nil: a text is UTF-8 (never replaced silently: a file in another
// encoding would lose its accents), holds no control character (a
// newline forges a line of the journal, an escape sequence takes over
// the clerk's terminal), no invisible character that reorders or
// hides text (bidirectional controls, line separators), no replacement
// character (what a decoder leaves of a byte it could not read), and at
// most MaxText characters.
func TextProblem(field, s string) *Problem {
	if plainText(s) {
		return nil
	}
	p := textRule(s)
	if p != nil {
		p.Field = field
	}
	return p
}

// textRule is TextProblem without the field.
func textRule(s string) *Problem {
	if !utf8.ValidString(s) {
		return &Problem{Rule: "texte mal encodé : des octets ne sont pas de l'UTF-8 (les accents seraient perdus)",
			Hint: "enregistrez le fichier en UTF-8 (choix par défaut des tableurs et éditeurs récents), ou retapez le texte"}
	}
	n := 0
	for _, r := range s {
		n++
		if name := forbiddenRune(r); name != "" {
			return &Problem{Rule: fmt.Sprintf("caractère interdit dans un texte : %s (U+%04X)", name, r),
				Hint: "retapez le texte sans le copier-coller d'un autre programme ; un champ tient sur une ligne"}
		}
	}
	if n > MaxText {
		return &Problem{Rule: fmt.Sprintf("texte trop long : %d caractères (au plus %d)", n, MaxText), Hint: "vérifiez le contenu du champ"}
	}
	return nil
}

// Printable tells whether r may be printed as it is on a terminal: no
// control character, nor one that reorders or hides text (see
// TextProblem). A newline and a tabulation are not printable in a text.
func Printable(r rune) bool { return forbiddenRune(r) == "" }

// forbiddenRune names a character that no text of the register may
// hold, or returns "".
func forbiddenRune(r rune) string {
	switch {
	case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
		return "saut de ligne"
	case r == '\t':
		return "tabulation"
	case r == 0x1b || r == 0x9b:
		return "échappement de terminal"
	case unicode.IsControl(r):
		return "caractère de contrôle"
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return "contrôle de sens d'écriture"
	case r == utf8.RuneError:
		return "caractère de remplacement (texte mal encodé)"
	}
	return ""
}

// TextProblems checks every text of v (an act, a request, a record:
// structs, pointers, lists and maps) with TextProblem, each named by its
// path in the interchange format ("enfant.prenoms[2]", positions counted
// from 1), field being the path of v itself ("" for a whole input).
//
// The path of a text is written only for a text found wrong: an act is
// checked in about a microsecond.
func TextProblems(field string, v any) []Problem {
	w := textWalker{root: field}
	w.walk(reflect.ValueOf(v))
	return w.out
}

// textWalker walks the texts of a value, keeping the path it is at.
type textWalker struct {
	root  string
	steps []textStep
	out   []Problem
}

// textStep is one step of a path: a field name, or a position (from 1).
type textStep struct {
	name  string
	index int
}

// path writes the current path.
func (w *textWalker) path() string {
	p := w.root
	for _, st := range w.steps {
		if st.name == "" {
			p += fmt.Sprintf("[%d]", st.index)
		} else {
			p = join(p, st.name)
		}
	}
	return p
}

// check checks one text at the current path.
func (w *textWalker) check(s string) {
	if plainText(s) {
		return
	}
	if p := textRule(s); p != nil {
		p.Field = w.path()
		w.out = append(w.out, *p)
	}
}

// plainText tells, quickly, that s is short printable ASCII.
func plainText(s string) bool {
	if len(s) > MaxText {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func (w *textWalker) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		w.check(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes (a certificate, a key): not text
		}
		for i := range v.Len() {
			w.steps = append(w.steps, textStep{index: i + 1})
			w.walk(v.Index(i))
			w.steps = w.steps[:len(w.steps)-1]
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := fmt.Sprint(iter.Key().Interface())
			w.steps = append(w.steps, textStep{name: k})
			if iter.Key().Kind() == reflect.String {
				w.check(k)
			}
			w.walk(iter.Value())
			w.steps = w.steps[:len(w.steps)-1]
		}
	case reflect.Struct:
		for _, f := range textFieldsOf(v.Type()) {
			if f.name == "" {
				w.walk(v.Field(f.index))
				continue
			}
			w.steps = append(w.steps, textStep{name: f.name})
			w.walk(v.Field(f.index))
			w.steps = w.steps[:len(w.steps)-1]
		}
	}
}

// textField is a field of a struct that may hold text: its index and its
// JSON name ("" for an embedded struct, whose fields are the parent's).
type textField struct {
	index int
	name  string
}

// textFields caches textFieldsOf by type.
var textFields sync.Map // reflect.Type -> []textField

// textFieldsOf returns the fields of struct type t that may hold text.
func textFieldsOf(t reflect.Type) []textField {
	if fs, ok := textFields.Load(t); ok {
		return fs.([]textField)
	}
	var fs []textField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if !mayHoldText(f.Type, 0) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
			continue
		case f.Anonymous && name == "":
		case name == "":
			name = f.Name
		}
		fs = append(fs, textField{i, name})
	}
	textFields.Store(t, fs)
	return fs
}

// mayHoldText tells whether a value of type t may hold a string.
func mayHoldText(t reflect.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Interface, reflect.Map:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if t.Kind() != reflect.Pointer && t.Elem().Kind() == reflect.Uint8 {
			return false
		}
		return mayHoldText(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && mayHoldText(f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// join joins a path and a field name.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
