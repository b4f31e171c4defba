package guichet

import (
	"errors"
	"net/url"
	"regexp"
	"strings"

	"etatcivil/civil"
)

// Field is one field of a form. Its Name is the domain path of the value
// it holds, the same path a refusal names (civil.Problem.Field):
// "enfant.prenoms", "declaration.date", "parents[1].nom". A problem is
// shown beside the field it names.
type Field struct {
	Name         string
	Label        string
	Kind         string // text (default), password, search, select, textarea, checkbox, hidden
	Hint         string // shown under the label
	Required     bool
	Autocomplete string // the HTML autocomplete value; "off" when empty for a password
	Autofocus    bool
	Options      []Option // for a select; a page may set them per request
	// Aliases are other names problems give to this field (until every
	// refusal names domain fields: "--phrase").
	Aliases []string
	// Live marks a search field whose results follow the typing.
	Live bool
	// Group names the part of the form the field belongs to (« Premier
	// parent »): the list of problems above the form names it with the
	// label, since labels repeat from one part to the next (« NOM »).
	Group string
	// Width is the field's width: "court" (a date, an hour), "moyen", or
	// "" for the whole column.
	Width string
	// Suggest are values offered as the clerk types (a datalist): any
	// other text is accepted.
	Suggest []string
	// Check is the text of a checkbox's label (Kind "checkbox"), checked
	// when the value is "oui".
	Check string
}

// Option is one choice of a select.
type Option struct{ Value, Label string }

// FormDef describes a page's form: its fields in the order of the paper
// the clerk copies from.
type FormDef struct {
	Fields []Field
	// Draft: what is typed is saved as it is typed (see drafts.go) and
	// survives a closed tab or a crash of the program.
	Draft bool
	// Check, when set, checks the values with the library's rules, as the
	// final submission would, without writing: the page checks each field
	// as it is left (POST PATH/verifier). The problems it returns that name
	// the field left are shown beside it.
	Check func(c *Ctx, v url.Values) ([]civil.Problem, error)
	// Summary names a draft in the lists (« MÜLLER Zoé »).
	Summary func(v url.Values) string
	// Prefix starts the element ids of the form's fields, when a page
	// holds several forms with fields of the same name ("prendre." gives
	// "champ-prendre-jour").
	Prefix string
}

// field returns the field of that name, or nil.
func (d *FormDef) field(name string) *Field {
	for i := range d.Fields {
		if d.Fields[i].Name == name {
			return &d.Fields[i]
		}
	}
	return nil
}

// index matches the index of a path segment: "prenoms[1]".
var index = regexp.MustCompile(`\[[0-9]+\]$`)

// owner returns the field a problem belongs to: the field of that exact
// name or alias; else, without the index of its last segment
// ("enfant.prenoms[1]" → "enfant.prenoms"); else its parents, nearest
// first ("enfant.nom.usage" → "enfant.nom" → "enfant"). "" when no field
// of the form holds it: the problem is then shown above the form.
func (d *FormDef) owner(path string) string {
	for p := path; p != ""; {
		for _, f := range d.Fields {
			if f.Kind == "hidden" {
				continue
			}
			if f.Name == p {
				return f.Name
			}
			for _, a := range f.Aliases {
				if a == p {
					return f.Name
				}
			}
		}
		switch {
		case index.MatchString(p):
			p = index.ReplaceAllString(p, "")
		case strings.Contains(p, "."):
			p = p[:strings.LastIndex(p, ".")]
		default:
			p = ""
		}
	}
	return ""
}

// Form is a form being filled: its values, and the problems a check or a
// submission found.
type Form struct {
	Def      *FormDef
	Values   url.Values
	Draft    string // the draft's id, once saved
	problems map[string][]civil.Problem
	others   []civil.Problem
	options  map[string][]Option
}

// newForm binds the declared fields of def from values; other values are
// ignored.
func newForm(def *FormDef, values url.Values) *Form {
	f := &Form{Def: def, Values: url.Values{}}
	for _, fd := range def.Fields {
		if v, ok := values[fd.Name]; ok {
			f.Values[fd.Name] = v
		}
	}
	if id := values.Get(draftField); validDraftID(id) {
		f.Draft = id
	}
	return f
}

// Get returns a field's value, trimmed.
func (f *Form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Set changes a field's value.
func (f *Form) Set(name, value string) { f.Values.Set(name, value) }

// SetOptions gives a select its choices for this request.
func (f *Form) SetOptions(name string, opts []Option) {
	if f.options == nil {
		f.options = map[string][]Option{}
	}
	f.options[name] = opts
}

// Attach shows the problems beside their fields.
func (f *Form) Attach(ps []civil.Problem) {
	if f.problems == nil {
		f.problems = map[string][]civil.Problem{}
	}
	for _, p := range ps {
		if name := f.Def.owner(p.Field); name != "" {
			f.problems[name] = append(f.problems[name], p)
		} else {
			f.others = append(f.others, p)
		}
	}
}

// HasProblems tells whether a problem is shown.
func (f *Form) HasProblems() bool { return f != nil && (len(f.problems) > 0 || len(f.others) > 0) }

// ProblemLine is a line of the summary above the form.
type ProblemLine struct {
	ID    string // the field's element id; empty for a problem above the form
	Label string // the field's label
	civil.Problem
}

// Summary lists every problem, in the order of the fields, then those
// that name no field of the form.
func (f *Form) Summary() []ProblemLine {
	var out []ProblemLine
	for _, fd := range f.Def.Fields {
		label := fd.Label
		if fd.Group != "" {
			label += " (" + fd.Group + ")"
		}
		for _, p := range f.problems[fd.Name] {
			out = append(out, ProblemLine{fieldID(f.Def.Prefix + fd.Name), label, p})
		}
	}
	for _, p := range f.others {
		out = append(out, ProblemLine{Problem: p})
	}
	return out
}

// FieldView is what the template "champ" draws.
type FieldView struct {
	Field
	ID       string
	Value    string
	Problems []civil.Problem
}

// Describe returns the ids that describe the field (hint, error), for
// aria-describedby.
func (v FieldView) Describe() string {
	var ids []string
	if v.Hint != "" {
		ids = append(ids, v.ID+"-aide")
	}
	ids = append(ids, v.ID+"-erreur")
	return strings.Join(ids, " ")
}

// Field returns the view of one field, for the template.
func (f *Form) Field(name string) (FieldView, error) {
	fd := f.Def.field(name)
	if fd == nil {
		return FieldView{}, errors.New("champ inconnu du formulaire : " + name)
	}
	v := FieldView{Field: *fd, ID: fieldID(f.Def.Prefix + name), Problems: f.problems[name]}
	if opts, ok := f.options[name]; ok {
		v.Options = opts
	}
	if fd.Kind != "password" {
		v.Value = f.Values.Get(name)
	}
	if v.Kind == "" {
		v.Kind = "text"
	}
	if v.Kind == "password" && v.Autocomplete == "" {
		v.Autocomplete = "off"
	}
	return v, nil
}

// Fields returns the views of every field, in order.
func (f *Form) Fields() []FieldView {
	var out []FieldView
	for _, fd := range f.Def.Fields {
		v, _ := f.Field(fd.Name)
		out = append(out, v)
	}
	return out
}

// fieldID turns a domain path into an element id: "parents[1].nom" →
// "champ-parents-1-nom".
func fieldID(name string) string {
	var b strings.Builder
	b.WriteString("champ-")
	dash := false
	for _, r := range name {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// problemsOf returns the problems of a refusal, in the page's words
// (pageWords), and whether err is one.
func problemsOf(err error) ([]civil.Problem, bool) {
	var r *civil.RefusedError
	if errors.As(err, &r) {
		return pageProblems(r.Problems), true
	}
	return nil, false
}
