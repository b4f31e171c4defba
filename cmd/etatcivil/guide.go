package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// The guided entry of an act (issue 18 §4): question by question, each
// answer read as the files are read and checked when it is given by the
// rules that check a file (civil.CheckFields), kept at once in a draft
// (drafts.go), and never held against the register while the clerk
// types: the register is opened only to read the commune and the
// officers, to check the whole act at the end, and to write it.
//
// The questions of a kind are asked by a flow (guided_flows.go), a plain
// function that walks the act's fields in order and asks each through
// guide.ask. Each walk builds the act afresh from the answers given so
// far: an answer already given is replayed without a word, a missing one
// is asked. So going back to a question — « < », a refusal at the end
// that names a field, « non » at the confirmation, a correction — is
// only forgetting that the answer was final and walking again.

// errBack ends a walk when the clerk types « < »: the previous question
// is asked again.
var errBack = errors.New("question précédente")

// question is one answer the guided entry asks for.
type question struct {
	// key is the domain field the answer fills, as problems name it
	// ("parents[1].lieu_naissance"); the number of persons of a list
	// ends with « # » ("parents#"), a yes-or-no question with « ? »
	// ("contrat?").
	key   string
	label string
	// intro is said before the question when it is asked (not when its
	// answer is replayed): the list of officers, why a judgment is asked.
	intro string
	// def is the answer proposed between brackets.
	def string
	// optional: an empty answer is an answer (« vide : aucune »).
	optional bool
	// read turns the answer as typed into its stored form (a date
	// written AAAA-MM-JJ), or refuses it; nil: the answer as typed.
	read func(string) (string, error)
	// set writes the answer into the act being built.
	set func(string)
	// check lists the fields whose problems refuse the answer: key when
	// nil. checkFor, when set, gives them for the answer given.
	check    []string
	checkFor func(answer string) []string
	// place: a place, for which the closest official names are offered.
	place bool
}

// fields returns the domain fields whose problems refuse answer v.
func (q question) fields(v string) []string {
	switch {
	case q.checkFor != nil:
		return q.checkFor(v)
	case q.check != nil:
		return q.check
	case strings.HasSuffix(q.key, "#"):
		return []string{strings.TrimSuffix(q.key, "#")}
	case strings.HasSuffix(q.key, "?"):
		return nil
	}
	return []string{q.key}
}

// guide is one guided entry in progress.
type guide struct {
	e        *env
	p        *prompter
	kind     civil.Kind
	commune  civil.Commune
	officers []civil.Officer
	now      time.Time
	flow     func(*guide)

	draft *draft
	// src is the act a correction starts from, as its JSON object: its
	// answers are taken without asking; self is its reference.
	src  map[string]any
	self civil.Ref

	act   *civil.Act
	asked []question // the questions of the last walk, in order
	err   error      // ends the walk: errAbandon, errBack or a failure
	redo  map[string]bool
	shown map[string]bool // warnings already shown
}

// officer finds an officer of the register, as read at the start.
func (g *guide) officer(id string) (civil.Officer, bool) {
	for _, o := range g.officers {
		if o.ID == id {
			return o, true
		}
	}
	return civil.Officer{}, false
}

// walk builds the act afresh from the answers, asking those not given.
func (g *guide) walk() error {
	g.act = &civil.Act{Type: g.kind}
	g.asked = g.asked[:0]
	g.err = nil
	g.flow(g)
	return g.err
}

// ask returns the answer to q: the one given before, or the one typed
// now, accepted only when the rules accept it. It stops asking once the
// walk has ended (g.err set).
func (g *guide) ask(q question) string {
	if g.err != nil {
		return ""
	}
	g.asked = append(g.asked, q)
	old, have := g.draft.get(q.key)
	if have && !g.redo[q.key] {
		q.set(old)
		return old
	}
	if !have && g.src != nil {
		if v, ok := prefill(g.src, q.key); ok {
			g.draft.put(q.key, v)
			q.set(v)
			return v
		}
	}
	def := q.def
	if have {
		def = shown(old)
	}
	if q.intro != "" {
		fmt.Fprintln(g.e.out, q.intro)
	}
	before := g.problemsOn(g.answered())
	confirm := "" // a place kept despite the warning, once shown
	for {
		typed, err := g.p.ask(q.label, def)
		if err != nil {
			g.err = err
			return ""
		}
		if strings.TrimSpace(typed) == "<" {
			g.err = errBack
			return ""
		}
		v, why, sug := g.try(q, typed, confirm, before)
		if len(why) == 0 {
			g.draft.put(q.key, v)
			delete(g.redo, q.key)
			if err := g.draft.save(g.e.clock()); err != nil {
				fmt.Fprintln(g.e.errOut, "attention : la saisie n'a pas pu être gardée ("+err.Error()+") : ne fermez pas la fenêtre avant la fin")
			}
			return v
		}
		for _, w := range why {
			fmt.Fprintln(g.e.out, w)
		}
		if sug != "" {
			def, confirm = sug, v
		}
	}
}

// try reads and checks an answer: its stored form, or the reasons it is
// refused (each a line to show), and a place to propose instead.
func (g *guide) try(q question, typed, confirm string, before map[string]bool) (string, []string, string) {
	v := strings.TrimSpace(typed)
	if v == "" && !q.optional {
		return "", []string{"  → réponse obligatoire"}, ""
	}
	if v != "" && q.read != nil {
		r, err := q.read(v)
		if err != nil {
			return "", []string{"  → " + refusalLine(err)}, ""
		}
		v = r
	}
	q.set(v)
	answered := g.answered()
	mine := q.fields(v)
	ps, ws := civil.CheckFields(g.act, g.commune, g.officer, g.now, append(append([]string(nil), mine...), answered...)...)
	var why []string
	isCount := strings.HasSuffix(q.key, "#") // the number of a list: its own problem only
	for _, p := range ps {
		switch {
		case isCount && len(mine) == 1 && p.Field == mine[0], !isCount && underAny(p.Field, mine):
			why = append(why, problemLines(p, "")...)
		case isCount && underAny(p.Field, mine):
			// the persons of the list, asked next
		case !before[p.String()] && underAny(p.Field, answered):
			// Another answer that this one now contradicts.
			why = append(why, problemLines(p, g.labelOf(p.Field))...)
		}
	}
	sug := ""
	if q.place && v != "" {
		if s := civil.SuggestPlaces(v); len(s) > 0 && s[0] != v {
			sug = s[0]
		}
	}
	for _, w := range ws {
		if g.shown[w] {
			continue
		}
		// A warning on a field not asked yet waits for its question (or
		// the act's preview): « lieu de naissance inconnu » is not said
		// while the clerk types the NOM.
		if f, _, ok := strings.Cut(w, " : "); ok && !strings.Contains(f, " ") && !underAny(f, append(append([]string(nil), mine...), answered...)) {
			continue
		}
		// A place not in the official list: proposed once, then kept
		// if typed again.
		if q.place && sug != "" && v != confirm && strings.HasPrefix(w, q.key+" : ") && len(why) == 0 {
			why = append(why, "  attention : "+w, "  → Entrée pour « "+sug+" », ou retapez « "+v+" » pour le garder")
			continue
		}
		if len(why) == 0 {
			g.shown[w] = true
			fmt.Fprintln(g.e.out, "  attention : "+w)
		}
	}
	if len(why) == 0 {
		sug = ""
	}
	return v, why, sug
}

// answered returns the fields answered before the current question, in
// this walk.
func (g *guide) answered() []string {
	var out []string
	for _, q := range g.asked[:len(g.asked)-1] {
		if strings.HasSuffix(q.key, "#") {
			continue // a list's number: its persons are answered one by one
		}
		v, _ := g.draft.get(q.key)
		out = append(out, q.fields(v)...)
	}
	return out
}

// problemsOn returns the problems the act has now on fields.
func (g *guide) problemsOn(fields []string) map[string]bool {
	m := map[string]bool{}
	if len(fields) == 0 {
		return m
	}
	ps, _ := civil.CheckFields(g.act, g.commune, g.officer, g.now, fields...)
	for _, p := range ps {
		m[p.String()] = true
	}
	return m
}

// labelOf returns the question that asked a field, in words.
func (g *guide) labelOf(field string) string {
	if q, ok := g.questionFor(field); ok {
		return q.label
	}
	return field
}

// questionFor returns the question of this walk that answers field: the
// question of the field or of a part of it, or the first question of a
// whole person or list the field names ("epoux[2]", "declarant").
func (g *guide) questionFor(field string) (question, bool) {
	for _, q := range g.asked {
		for _, f := range q.fields("") {
			if civil.Under(field, f) {
				return q, true
			}
		}
	}
	for _, q := range g.asked {
		if civil.Under(strings.TrimRight(q.key, "#?"), field) {
			return q, true
		}
	}
	return question{}, false
}

// shown writes an answer as the clerk reads it: a date JJ/MM/AAAA.
func shown(v string) string {
	if t, ok := civil.ParseDate(v); ok {
		return words.Figures(t)
	}
	return v
}

func underAny(field string, fs []string) bool {
	for _, f := range fs {
		if civil.Under(field, f) {
			return true
		}
	}
	return false
}

// problemLines writes a refused answer's problem: the rule, then what to
// do; about another answer, that answer's question first.
func problemLines(p civil.Problem, other string) []string {
	rule := p.Rule
	if other != "" {
		rule = other + " : " + rule
	}
	lines := []string{"  → " + rule}
	if p.Hint != "" {
		lines = append(lines, "    "+p.Hint)
	}
	return lines
}

// refusalLine writes a refusal of parse or civil on one line.
func refusalLine(err error) string {
	var r *civil.RefusedError
	if errors.As(err, &r) {
		var parts []string
		for _, p := range r.Problems {
			s := p.Rule
			if p.Hint != "" {
				s += " ; " + p.Hint
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, " — ")
	}
	return err.Error()
}

// run walks until every answer is given and the clerk confirms the act,
// checked whole by the register (what only the register knows: a spouse
// still married, a kinship). It returns the act to write, or errAbandon.
// review starts at the list of answers (a correction).
func (g *guide) run(review bool, confirm string) (*civil.Act, error) {
	for {
		err := g.walk()
		switch {
		case errors.Is(err, errBack):
			if n := len(g.asked); n >= 2 {
				g.redo[g.asked[n-2].key] = true
			}
			continue
		case err != nil:
			return nil, err
		}
		if review {
			review = false
			if err := g.review(); err != nil {
				return nil, err
			}
			continue
		}
		warnings, err := g.e.checkWhole(g.act, g.self)
		if err != nil {
			if g.backTo(err) {
				continue
			}
			return nil, err
		}
		if err := g.preview(warnings); err != nil {
			return nil, err
		}
		ok, err := g.p.askYes(fmt.Sprintf("Nous sommes le %s. %s", words.Date(g.now), confirm), "non")
		if err != nil {
			return nil, err
		}
		if ok {
			return g.act, nil
		}
		if err := g.review(); err != nil {
			return nil, err
		}
	}
}

// backTo shows a refusal of the whole act and, when it names an answer,
// asks that answer again; false when it names none.
func (g *guide) backTo(err error) bool {
	var r *civil.RefusedError
	if !errors.As(err, &r) {
		return false
	}
	fmt.Fprintln(g.e.out, "L'acte ne peut pas être enregistré tel quel :")
	back := false
	for _, p := range r.Problems {
		q, ok := g.questionFor(p.Field)
		where := p.Field
		if ok {
			where = q.label
			if !back {
				g.redo[q.key] = true
				back = true
			}
		}
		for _, l := range problemLines(p, where) {
			fmt.Fprintln(g.e.out, l)
		}
	}
	if back {
		fmt.Fprintln(g.e.out, "Vos réponses sont gardées : corrigez la réponse en cause.")
	}
	return back
}

// preview shows the act as the sheet will say it, and the warnings.
func (g *guide) preview(warnings []string) error {
	a := *g.act
	a.Registre, a.Annee = a.Type.Register(), civil.DrawnUpYear(&a)
	of, _ := g.officer(a.Officier)
	text, err := actTextWith(&a, g.commune, of)
	if err != nil {
		return err
	}
	fmt.Fprintln(g.e.out, "\n"+strings.Repeat("─", 60)+"\n"+text+strings.Repeat("─", 60))
	g.e.warn(unshown(g.e, warnings))
	g.e.shown = append(g.e.shown, warnings...)
	return nil
}

// review lists the answers and asks which one to change: its number, or
// Enter to see the act again, or « abandonner » to keep the entry for
// later.
func (g *guide) review() error {
	fmt.Fprintln(g.e.out, "Réponses :")
	var qs []question
	for _, q := range g.asked {
		v, _ := g.draft.get(q.key)
		if v = shown(v); v == "" {
			v = "(vide)"
		}
		qs = append(qs, q)
		fmt.Fprintf(g.e.out, "%4d. %s : %s\n", len(qs), q.label, v)
	}
	for {
		s, err := g.p.ask("Numéro de la réponse à changer (Entrée : revoir l'acte ; « abandonner » : garder la saisie pour plus tard)", "")
		if err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			return nil
		case fold.Key(strings.Trim(s, "« »")) == "abandonner":
			return errAbandon
		}
		n, err := parse.Number(s, 1, len(qs))
		if err != nil {
			fmt.Fprintln(g.e.out, "  → "+refusalLine(err))
			continue
		}
		g.redo[qs[n-1].key] = true
		return nil
	}
}

// prefill reads the answer to a question from an act given as its JSON
// object: the value of the field the key names ("parents[1].nom"), the
// prénoms joined by commas, the number of a list's persons ("parents#"),
// whether an object is there ("contrat?": oui or non).
func prefill(src map[string]any, key string) (string, bool) {
	if v, ok := special(src, key); ok {
		return v, true
	}
	path := strings.TrimRight(key, "#?")
	v, found := lookup(src, path)
	switch {
	case strings.HasSuffix(key, "#"):
		l, _ := v.([]any)
		return strconv.Itoa(len(l)), true
	case strings.HasSuffix(key, "?"):
		if !found || v == nil {
			return "non", true
		}
		return "oui", true
	case !found:
		return "", true
	}
	switch x := v.(type) {
	case string:
		return x, true
	case []any:
		var parts []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", "), true
	case bool:
		if x {
			return "oui", true
		}
		return "non", true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// lookup finds the value a field path names in an act's JSON object.
func lookup(obj map[string]any, path string) (any, bool) {
	var cur any = obj
	for _, part := range strings.Split(path, ".") {
		name, idx := part, 0
		if i := strings.IndexByte(part, '['); i >= 0 {
			name = part[:i]
			idx, _ = strconv.Atoi(strings.TrimSuffix(part[i+1:], "]"))
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[name]; !ok {
			return nil, false
		}
		if idx > 0 {
			l, ok := cur.([]any)
			if !ok || idx > len(l) {
				return nil, false
			}
			cur = l[idx-1]
		}
	}
	return cur, true
}

// actJSON returns an act as its JSON object, for prefill.
func actJSON(a *civil.Act) (map[string]any, error) {
	raw, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(raw, &m)
}

// checkWhole checks the whole act as the register will, briefly opening
// the register read-only: the rules of civil and what only the register
// knows (impediments to a marriage); self is the draft a correction
// replaces.
func (e *env) checkWhole(a *civil.Act, self civil.Ref) ([]string, error) {
	s, err := e.openBriefly(true)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.ValidateAs(a, self)
}

// openBriefly opens the register for one read or one write: not counted
// as the command's register that a prompt lets go (see waitForPerson),
// and without the reminders and purge of a command's start.
func (e *env) openBriefly(readOnly bool) (*registry.Store, error) {
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	return registry.Open(dir, e.options(readOnly))
}

// actTextWith renders the act text with a commune and an officer already
// read, without the register.
func actTextWith(a *civil.Act, c civil.Commune, of civil.Officer) (string, error) {
	return forms.ActText(a, c, of)
}

// interruptible lets Ctrl-C end a guided entry on a terminal with a word
// rather than silently: every answer is already in the draft. It returns
// the function that restores the default.
func (e *env) interruptible(d *draft) func() {
	f, ok := e.in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return func() {}
	}
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			fmt.Fprintf(e.errOut, "\nSaisie interrompue : rien n'a été enregistré au registre ; vos %s sont gardées dans %s.\n", count(len(d.Reponses), "réponse", "réponses"), d.path)
			fmt.Fprintln(e.errOut, "  → relancez la même commande pour reprendre la saisie là où elle s'est arrêtée")
			os.Exit(130)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// unshown returns the warnings not yet shown to the clerk by this
// command (each said once, at the act's preview).
func unshown(e *env, ws []string) []string {
	var out []string
	for _, w := range ws {
		if !slices.Contains(e.shown, w) {
			out = append(out, w)
		}
	}
	return out
}
