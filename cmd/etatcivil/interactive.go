package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// errAbandon ends a guided entry when standard input closes.
var errAbandon = errors.New("saisie abandonnée")

// prompter asks questions on the terminal, one line per answer.
type prompter struct {
	e *env
	r *bufio.Reader
}

func (e *env) prompter() *prompter {
	if e.lines == nil {
		e.lines = bufio.NewReader(e.in)
	}
	return &prompter{e, e.lines}
}

// ask prints the question and returns the answer, or def when it is empty.
func (p *prompter) ask(label, def string) (string, error) {
	if def != "" {
		fmt.Fprintf(p.e.out, "%s [%s] : ", label, def)
	} else {
		fmt.Fprintf(p.e.out, "%s : ", label)
	}
	var s string
	var err error
	if werr := p.e.waitForPerson(func() error { s, err = p.r.ReadString('\n'); return nil }); werr != nil {
		return "", werr
	}
	if err != nil && (err != io.EOF || s == "") {
		fmt.Fprintln(p.e.out)
		return "", errAbandon
	}
	s = strings.TrimSpace(s)
	if s == "" {
		s = def
	}
	return s, nil
}

// askValid asks until check accepts the answer (check returns the value
// to keep, or a French explanation).
func (p *prompter) askValid(label, def string, check func(string) (string, string)) (string, error) {
	for {
		s, err := p.ask(label, def)
		if err != nil {
			return "", err
		}
		v, why := check(s)
		if why == "" {
			return v, nil
		}
		fmt.Fprintln(p.e.out, "  → "+why)
	}
}

// yesNo reads a yes-or-no answer: oui, o, non, n, as typed.
var yesNo = parse.NewChoice(parse.Option{Value: "oui", Aliases: []string{"o"}}, parse.Option{Value: "non", Aliases: []string{"n"}})

// askYes asks a yes-or-no question until the answer is one.
func (p *prompter) askYes(label, def string) (bool, error) {
	v, err := p.askValid(label+" (oui/non)", def, func(s string) (string, string) {
		v, err := yesNo.Match(s)
		if err != nil {
			return "", "répondez oui ou non"
		}
		return v, ""
	})
	return v == "oui", err
}

func notEmpty(s string) (string, string) {
	if s == "" {
		return "", "réponse obligatoire"
	}
	return s, ""
}

// guidedAct runs the guided entry of an act of kind and registers it. It
// returns the act registered, or nil when the clerk interrupted the entry
// (every answer kept in its draft).
//
// An act of an event the register already records (issue 18 §3) is not
// refused after every answer: the acts found are shown and the clerk is
// asked whether it is another event (doublon: already confirmed).
func (e *env) guidedAct(kind civil.Kind, doublon bool) (*civil.Act, error) {
	g, err := e.newGuide(kind, "")
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.out, "Saisie %s — nous sommes %s.\n", kind.OfIndefinite(), words.DateTime(g.now))
	fmt.Fprintln(e.out, "Entrée vide : valeur proposée entre crochets. « < » : question précédente. Ctrl-C ou Ctrl-D : interrompre, les réponses sont gardées.")
	if err := g.offerResume(); err != nil {
		return nil, e.stopped(g, err)
	}
	stop := e.interruptible(g.draft)
	defer stop()
	for {
		a, err := g.run(false, "Enregistrer cet acte ?")
		if err != nil {
			return nil, e.stopped(g, err)
		}
		confirmed, goOn, err := g.duplicateQuestion(a, doublon)
		if err != nil {
			return nil, e.stopped(g, err)
		}
		if !goOn {
			if err := g.review(); err != nil {
				return nil, e.stopped(g, err)
			}
			continue
		}
		s, err := e.open(false)
		if err != nil {
			return nil, e.stopped(g, err)
		}
		warnings, err := s.RegisterWith(a, registry.RegisterOptions{DuplicateConfirmed: confirmed})
		s.Close()
		e.warn(unshown(e, warnings))
		if err == nil {
			if err := g.draft.remove(); err != nil {
				fmt.Fprintln(e.errOut, "attention : la saisie gardée "+g.draft.path+" n'a pas pu être effacée ("+err.Error()+")")
			}
			return a, nil
		}
		if !g.backTo(err) {
			return nil, e.stopped(g, err)
		}
	}
}

// newGuide reads what a guided entry needs from the register — the
// commune, the officers — and lets it go; it finds the clerk's draft of
// that kind (or of the correction of ref), if any.
func (e *env) newGuide(kind civil.Kind, ref string) (*guide, error) {
	s, err := e.open(true)
	if err != nil {
		return nil, err
	}
	c, err := s.Commune()
	var officers []civil.Officer
	if err == nil {
		// An officer who left office is neither offered nor accepted.
		officers, err = s.OfficersInOffice()
	}
	if err == nil && ref == "" {
		// Before the first question: an act of this year could not be
		// recorded, and the clerk would type every answer for nothing.
		err = s.CheckNumbering(kind, e.clock().Year())
	}
	s.Close()
	if err != nil {
		return nil, err
	}
	now := e.clock()
	path := draftPath(s.Dir(), kind, ref, e.agentOrUser())
	d, err := loadDraft(path)
	if err != nil {
		fmt.Fprintln(e.errOut, "attention : "+err.Error())
	}
	if d == nil {
		d = &draft{path: path, Type: kind, Reference: ref, Agent: e.agentOrUser(), Debut: now.Format(time.RFC3339)}
	}
	return &guide{e: e, p: e.prompter(), kind: kind, commune: c, officers: officers, now: now, flow: flows[kind],
		draft: d, redo: map[string]bool{}, shown: map[string]bool{}}, nil
}

// offerResume offers to resume an interrupted entry: yes takes its
// answers; no erases it and starts afresh.
func (g *guide) offerResume() error {
	if len(g.draft.Reponses) == 0 {
		return nil
	}
	if g.draft.Reference != "" {
		fmt.Fprintf(g.e.out, "Une correction interrompue de l'acte %s a été gardée (%s).\n", g.draft.Reference, g.draft.describe())
	} else {
		fmt.Fprintf(g.e.out, "Une saisie interrompue %s a été gardée (%s).\n", g.kind.OfIndefinite(), g.draft.describe())
	}
	ok, err := g.p.askYes("La reprendre ?", "oui")
	if err != nil {
		return err
	}
	if ok {
		fmt.Fprintln(g.e.out, "Reprise : les réponses déjà données ne sont pas redemandées (« non » à la fin pour en changer une).")
		return nil
	}
	if err := g.draft.remove(); err != nil {
		return err
	}
	fmt.Fprintln(g.e.out, "Saisie interrompue effacée ; nouvelle saisie.")
	g.draft.Reponses = nil
	g.draft.Debut = g.now.Format(time.RFC3339)
	return nil
}

// stopped ends a guided entry that did not register its act: what the
// clerk typed is kept, and said so.
func (e *env) stopped(g *guide, err error) error {
	if len(g.draft.Reponses) == 0 {
		if errors.Is(err, errAbandon) {
			fmt.Fprintln(e.out, "Saisie abandonnée : rien n'a été enregistré.")
			return nil
		}
		return err
	}
	what := "interrompue"
	if !errors.Is(err, errAbandon) {
		what = "arrêtée"
	}
	cmd := "etatcivil " + g.kind.Command()
	if g.draft.Reference != "" {
		cmd = "etatcivil corriger " + g.draft.Reference
	}
	fmt.Fprintf(e.out, "Saisie %s : rien n'a été enregistré au registre ; vos %s sont gardées dans %s.\n", what, count(len(g.draft.Reponses), "réponse", "réponses"), g.draft.path)
	fmt.Fprintf(e.out, "  → relancez %s pour reprendre la saisie là où elle s'est arrêtée\n", cmd)
	if errors.Is(err, errAbandon) {
		return nil
	}
	return err
}

// agentOrUser names the clerk: --agent, $ETATCIVIL_AGENT, else the
// operating system's user.
func (e *env) agentOrUser() string {
	if a := e.agentName(); a != "" {
		return a
	}
	return os.Getenv("USER")
}

// duplicateQuestion looks for acts of the register that record the same
// event as a (other than the draft a correction replaces) and, if any,
// shows them and asks whether a is another event. It returns whether the
// clerk confirmed (or had, with doublon), and false for goOn when the
// clerk answered no: the answers are kept, one may be changed.
func (g *guide) duplicateQuestion(a *civil.Act, doublon bool) (confirmed, goOn bool, err error) {
	if doublon {
		return true, true, nil
	}
	s, err := g.e.openBriefly(true)
	if err != nil {
		return false, false, err
	}
	all, err := s.Duplicates(a)
	s.Close()
	if err != nil {
		return false, false, err
	}
	var found []*civil.Act
	for _, d := range all {
		if d.Ref() != g.self {
			found = append(found, d)
		}
	}
	if len(found) == 0 {
		return false, true, nil
	}
	fmt.Fprintln(g.e.out, "Attention : le registre contient déjà un acte du même événement (même personne, même jour) :")
	for _, d := range found {
		fmt.Fprintf(g.e.out, "  %s  %s  %s  %s\n", d.Ref(), civil.StatusLabel(d.Statut), figures(d.Date), d.Who())
	}
	fmt.Fprintf(g.e.out, "  (voir l'acte : etatcivil afficher %s)\n", found[0].Ref())
	ok, err := g.p.askYes("S'agit-il bien d'un autre événement, à enregistrer quand même ?", "non")
	if err != nil {
		return false, false, err
	}
	if !ok {
		fmt.Fprintln(g.e.out, "Rien n'est enregistré ; vos réponses sont gardées : changez celle en cause, ou « abandonner ».")
	}
	return ok, ok, nil
}
