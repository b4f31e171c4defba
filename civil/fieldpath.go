package civil

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// RectifiableFields lists, for each kind of act, the fields a
// rectification may name: the first part of its path. A path names a
// field of the interchange format as problems do, with the positions
// counted from 1: "enfant.prenoms", "enfant.prenoms[2]", "parents[1].nom",
// "epoux[2].parents[1].prenoms", "date". What the register writes itself
// (number, status, officer, mentions…) is never rectified. A new kind of
// act adds its line here.
var RectifiableFields = map[Kind][]string{
	Naissance: {"enfant", "date", "heure", "lieu", "parents", "declarant"},
	Deces:     {"defunt", "date", "heure", "lieu", "parents", "declarant"},
	Mariage:   {"epoux", "date", "heure", "lieu", "temoins", "contrat"},
	// An unidentified deceased (art. 87) gets the names found later by a
	// rectification of defunt.nom and defunt.prenoms.
	Reconnaissance: {"auteur", "enfant", "autre_parent", "lieu"},
	EnfantSansVie:  {"enfant", "accouchement", "parents", "declarant"},
	Transcription:  {"defunt", "date", "heure", "lieu", "parents", "declarant", "acte_origine"},
}

// pathStep is one part of a field path: a name and, for a list, a
// position counted from 1 (0: none).
type pathStep struct {
	name  string
	index int
}

// splitPath reads a field path; false when it is malformed.
func splitPath(path string) ([]pathStep, bool) {
	if path == "" {
		return nil, false
	}
	var out []pathStep
	for _, part := range strings.Split(path, ".") {
		st := pathStep{name: part}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") {
				return nil, false
			}
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil || n < 1 || n > 99 {
				return nil, false
			}
			st = pathStep{part[:i], n}
		}
		if st.name == "" {
			return nil, false
		}
		out = append(out, st)
	}
	return out, true
}

// jsonFields maps the JSON names of a struct type's fields, embedded
// structs' included, to their index paths.
var jsonFields sync.Map // reflect.Type -> map[string][]int

func fieldsOf(t reflect.Type) map[string][]int {
	if m, ok := jsonFields.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = f.Index
		}
	}
	jsonFields.Store(t, m)
	return m
}

// fieldAt finds the field a path names in act a: a settable string, or
// list of strings. It refuses, as a problem of field, a path that is
// malformed, names what a rectification may not change in this kind of
// act, or names a person or a field the act does not hold.
func fieldAt(a *Act, path, field string) (reflect.Value, error) {
	steps, ok := splitPath(path)
	bad := func(rule string) (reflect.Value, error) {
		return reflect.Value{}, Refuse(field, rule, "nommez le champ comme dans le fichier de l'acte, les rangs comptés à partir de 1 : "+
			strings.Join(RectifiableFields[a.Type], ", ")+" — par exemple enfant.prenoms, enfant.prenoms[2], parents[1].nom, epoux[2].domicile")
	}
	if !ok {
		return bad("« " + path + " » n'est pas un chemin de champ")
	}
	if !slices.Contains(RectifiableFields[a.Type], steps[0].name) {
		return bad("« " + steps[0].name + " » n'est pas un champ qu'une rectification peut changer dans un acte de " + kindWords(a.Type))
	}
	v := reflect.ValueOf(a).Elem()
	for i, st := range steps {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return bad("l'acte n'a pas de « " + joinSteps(steps[:i]) + " »")
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return bad("« " + joinSteps(steps[:i]) + " » n'a pas de sous-champ")
		}
		idx, ok := fieldsOf(v.Type())[st.name]
		if !ok {
			return bad("l'acte n'a pas de champ « " + joinSteps(steps[:i+1]) + " »")
		}
		v = v.FieldByIndex(idx)
		if st.index > 0 {
			if v.Kind() != reflect.Slice {
				return bad("« " + joinSteps(steps[:i]) + st.name + " » n'est pas une liste")
			}
			if st.index > v.Len() {
				switch v.Len() {
				case 0:
					return bad("l'acte n'a aucun élément dans « " + st.name + " »")
				case 1:
					return bad("l'acte n'a qu'un élément dans « " + st.name + " »")
				}
				return bad(fmt.Sprintf("l'acte n'a que %d « %s »", v.Len(), st.name))
			}
			v = v.Index(st.index - 1)
		}
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return bad("l'acte n'a pas de « " + path + " »")
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.String, v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		return v, nil
	}
	return bad("« " + path + " » désigne un ensemble de champs, pas un champ : précisez lequel (par exemple " + path + ".nom)")
}

func joinSteps(steps []pathStep) string {
	var parts []string
	for _, st := range steps {
		if st.index > 0 {
			parts = append(parts, fmt.Sprintf("%s[%d]", st.name, st.index))
		} else {
			parts = append(parts, st.name)
		}
	}
	return strings.Join(parts, ".")
}

// leafName is the last name of a path, without its position: "prenoms"
// for "enfant.prenoms[2]".
func leafName(path string) string {
	steps, _ := splitPath(path)
	if len(steps) == 0 {
		return ""
	}
	return steps[len(steps)-1].name
}

// rectification checks the field and value of a rectification against
// act a as its earlier mentions have made it, by the rules of that field.
func (c *Checker) rectification(a *Act, d *MentionData, only string) {
	cur := a.Current()
	v, err := fieldAt(cur, d.Champ, "donnees.champ")
	if err != nil {
		c.problems = append(c.problems, err.(*RefusedError).Problems...)
		return
	}
	if d.Valeur == nil || (only != "" && only != KeyValeur) {
		return
	}
	list := v.Kind() == reflect.Slice
	val := d.Valeur
	switch {
	case list && !val.List:
		// A list given as one text, as a flag gives it: "Zoé, Chloë".
		var items []string
		for _, s := range strings.Split(val.Text(), ",") {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
		val.Texts, val.List = items, true
	case !list && val.List:
		if len(val.Texts) != 1 {
			c.Add("donnees.valeur", "« "+d.Champ+" » est un seul champ : la valeur est un texte, pas une liste", "donnez une seule valeur")
			return
		}
		val.List = false
	}
	for i := range val.Texts {
		val.Texts[i] = strings.TrimSpace(val.Texts[i])
	}
	if list && len(val.Texts) == 0 || !list && val.Text() == "" {
		c.Add("donnees.valeur", "valeur rectifiée vide", "donnez la valeur telle qu'elle doit se lire")
		return
	}
	if before := valueText(v); before == val.Text() {
		c.Add("donnees.valeur", "« "+d.Champ+" » se lit déjà « "+before+" »", "vérifiez le champ et la valeur")
	}
	c.fieldValue("donnees.valeur", leafName(d.Champ), val)
}

// fieldValue checks a value by the rules of the field it goes in.
func (c *Checker) fieldValue(field, leaf string, val *Value) {
	switch leaf {
	case "nom":
		c.spelling(field, val.Text(), true)
	case "prenoms":
		for i, p := range val.Texts {
			f := field
			if val.List {
				f = fmt.Sprintf("%s[%d]", field, i+1)
			}
			c.spelling(f, p, false)
		}
	case "sexe":
		if s := val.Text(); s != "F" && s != "M" {
			c.Add(field, "sexe invalide (« "+s+" »)", "écrivez F ou M")
		}
	case "date", "date_naissance":
		v := val.Text()
		c.Date(field, &v, 1880)
		val.Texts = []string{v}
	case "heure":
		v := val.Text()
		c.Hour(field, &v)
		val.Texts = []string{v}
	case "lieu", "lieu_naissance":
		c.place(field, val.Text())
	default:
		c.text(field, val.Text())
	}
}

// valueText writes a field's value as one text.
func valueText(v reflect.Value) string {
	if v.Kind() == reflect.Slice {
		return strings.Join(v.Interface().([]string), ", ")
	}
	return v.String()
}

// setField sets the field a path names in act a (see fieldAt); false
// when the act has no such field.
func setField(a *Act, path string, val *Value) bool {
	v, err := fieldAt(a, path, "")
	if err != nil || val == nil {
		return false
	}
	if v.Kind() == reflect.Slice {
		v.Set(reflect.ValueOf(slices.Clone(val.Texts)))
	} else {
		v.SetString(val.Text())
	}
	return true
}
