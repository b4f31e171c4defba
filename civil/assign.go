package civil

import (
	"errors"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"etatcivil/internal/parse"
)

// registerFields are the fields of an act that the register writes
// itself (format-export.md): input never gives them.
var registerFields = map[string]bool{
	"type": true, "registre": true, "annee": true, "numero": true, "statut": true, "motif": true,
	"mentions": true, "agent": true, "cree_le": true, "signe_le": true, "empreinte": true,
}

// YesNo reads a yes-or-no answer: « oui », « o », « non », « n », as typed.
var YesNo = parse.NewChoice(parse.Option{Value: "oui", Aliases: []string{"o"}}, parse.Option{Value: "non", Aliases: []string{"n"}})

// SetText writes text, as a clerk typed it in the field of a form, into
// the field of dst — an *Act, or a *Banns — that path names: a domain path, as problems name
// fields, with positions counted from 1 ("enfant.prenoms",
// "parents[2].date_naissance", "defunt.conjoint.nom", "temoins[3].domicile",
// "acte_origine.annee"). The persons and parts on the way are created
// (a list grows to the position named), so that an act is built from the
// fields of a form in any order; an empty text writes nothing and creates
// nothing.
//
// Text is read as the guided entry reads an answer: a NOM in capitals
// (« Müller » is MÜLLER), prénoms and other lists separated by commas, the
// prénoms each with its initial capital (« zoé,chloë » is Zoé, Chloë); a
// number in plain digits (parse.Number); yes or no (YesNo) for a flag
// ("parents[1].decede"). Dates, hours and choices are kept as typed:
// Validate reads them (parse.Date: JJ/MM/AAAA or AAAA-MM-JJ; parse.Hour)
// and puts them in canonical form.
//
// It returns a problem naming path when the path names no field that
// input may give (a field the register writes, a part rather than a
// field, an unknown name) or when the text cannot be read for the field.
func SetText(dst any, path, text string) *Problem {
	text = strings.TrimSpace(text)
	steps, ok := splitPath(path)
	bad := func(rule string) *Problem {
		return &Problem{Field: path, Rule: rule, Hint: "nommez un champ de l'acte comme dans son fichier (docs/format-actes.md)"}
	}
	if !ok {
		return bad("« " + path + " » n'est pas un chemin de champ")
	}
	if registerFields[steps[0].name] {
		return bad("« " + steps[0].name + " » est écrit par le registre lui-même")
	}
	if text == "" {
		return nil
	}
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		panic("civil.SetText: dst is not a pointer to a struct")
	}
	v = v.Elem()
	for i, st := range steps {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return bad("« " + joinSteps(steps[:i]) + " » n'a pas de sous-champ")
		}
		idx, ok := fieldsOf(v.Type())[st.name]
		if !ok {
			return bad("pas de champ « " + joinSteps(steps[:i+1]) + " »")
		}
		v = v.FieldByIndex(idx)
		if st.index > 0 {
			if v.Kind() != reflect.Slice || v.Type().Elem().Kind() == reflect.String {
				return bad("« " + joinSteps(steps[:i+1]) + " » n'est pas une liste de personnes ou de parties")
			}
			if v.Len() < st.index {
				grown := reflect.MakeSlice(v.Type(), st.index, st.index)
				reflect.Copy(grown, v)
				v.Set(grown)
			}
			v = v.Index(st.index - 1)
		}
	}
	leaf := steps[len(steps)-1].name
	if v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Int {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.String:
		if leaf == "nom" {
			text = strings.ToUpper(text)
		}
		v.SetString(text)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		var items []string
		for _, s := range strings.Split(text, ",") {
			if s = strings.Join(strings.Fields(s), " "); s != "" {
				if leaf == "prenoms" {
					s = Capitalize(s)
				}
				items = append(items, s)
			}
		}
		v.Set(reflect.ValueOf(items))
	case v.Kind() == reflect.Int:
		n, err := parse.Number(text, 0, 1<<30)
		if err != nil {
			return parseProblem(path, err)
		}
		v.SetInt(int64(n))
	case v.Kind() == reflect.Bool:
		yes, err := YesNo.Match(text)
		if err != nil {
			return parseProblem(path, err)
		}
		v.SetBool(yes == "oui")
	default:
		return bad("« " + path + " » désigne un ensemble de champs, pas un champ : précisez lequel (par exemple " + path + ".nom)")
	}
	return nil
}

// parseProblem turns a problem of the parse package into the field's.
func parseProblem(field string, err error) *Problem {
	var p *parse.Problem
	if errors.As(err, &p) {
		return &Problem{Field: field, Rule: p.Rule, Hint: p.Hint}
	}
	return &Problem{Field: field, Rule: err.Error()}
}

// ActFromFields builds an act of kind from the fields of a form, each
// named by its domain path (see SetText), and returns it with the
// problems of the fields that could not be read. The act is not
// validated: Validate (or the register) judges it.
func ActFromFields(kind Kind, fields map[string]string) (*Act, []Problem) {
	a := &Act{Type: kind}
	return a, setFields(a, fields)
}

// BannsFromFields builds a publication of banns from the fields of a form,
// as ActFromFields builds an act (see SetText).
func BannsFromFields(fields map[string]string) (*Banns, []Problem) {
	b := &Banns{Type: Bans}
	return b, setFields(b, fields)
}

// setFields writes each field into dst, in the order of their paths, and
// returns the problems of those that cannot be read.
func setFields(dst any, fields map[string]string) []Problem {
	var ps []Problem
	paths := make([]string, 0, len(fields))
	for path := range fields {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		if p := SetText(dst, path, fields[path]); p != nil {
			ps = append(ps, *p)
		}
	}
	return ps
}

// TextFields is the inverse of ActFromFields and BannsFromFields: every
// field of src (an *Act or a *Banns) that holds a value, by its domain
// path ("enfant.prenoms", "parents[2].date_naissance"), written as a clerk
// types it in a form — a list joined by « , », a full date JJ/MM/AAAA, a
// flag « oui », a number in digits. Fields the register writes itself
// (number, status, mentions…) are left out. SetText reads each text back
// to the same value, so that a form filled from an act gives the act
// again; a path that a form does not ask is a value the form would lose.
func TextFields(src any) map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(src)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		panic("civil.TextFields: src is not a pointer to a struct")
	}
	fieldTexts(v.Elem(), "", out)
	return out
}

func fieldTexts(v reflect.Value, prefix string, out map[string]string) {
	names := fieldsOf(v.Type())
	for name, idx := range names {
		if prefix == "" && registerFields[name] {
			continue
		}
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		fieldText(v.FieldByIndex(idx), path, name, out)
	}
}

func fieldText(f reflect.Value, path, leaf string, out map[string]string) {
	for f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return
		}
		f = f.Elem()
	}
	switch f.Kind() {
	case reflect.Struct:
		fieldTexts(f, path, out)
	case reflect.String:
		if s := f.String(); s != "" {
			if strings.HasPrefix(leaf, "date") {
				if t, err := time.Parse("2006-01-02", s); err == nil {
					s = t.Format("02/01/2006")
				}
			}
			out[path] = s
		}
	case reflect.Slice:
		if f.Type().Elem().Kind() == reflect.String {
			if f.Len() > 0 {
				out[path] = strings.Join(f.Interface().([]string), ", ")
			}
			return
		}
		for i := 0; i < f.Len(); i++ {
			fieldText(f.Index(i), path+"["+strconv.Itoa(i+1)+"]", leaf, out)
		}
	case reflect.Int:
		if n := f.Int(); n != 0 {
			out[path] = strconv.FormatInt(n, 10)
		}
	case reflect.Bool:
		if f.Bool() {
			out[path] = "oui"
		}
	}
}
