package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
	s, err := p.r.ReadString('\n')
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

// checkDate reads a date as every path does (parse.Date: 08/05/1940,
// 8/5/1940, 1940-05-08) and returns AAAA-MM-JJ.
func checkDate(optional bool) func(string) (string, string) {
	return func(s string) (string, string) {
		if s == "" && optional {
			return "", ""
		}
		d, err := parse.Date(s)
		if err != nil {
			return "", err.Error()
		}
		return d, ""
	}
}

// checkHour reads an hour as every path does (parse.Hour: 09:30, 9h30,
// 9h) and returns HH:MM.
func checkHour(s string) (string, string) {
	h, err := parse.Hour(s)
	if err != nil {
		return "", err.Error()
	}
	return h, ""
}

// checkSexe reads a sex as the files do (civil.SexeChoice: f, F, femme).
func checkSexe(s string) (string, string) {
	v, err := civil.SexeChoice.Match(s)
	if err != nil {
		return "", err.Error()
	}
	return v, ""
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

// person asks the names of a person, in capitals for the NOM and with
// initial capitals for the prénoms; with full, also sex, birth, profession
// and domicile.
func (p *prompter) person(who string, sexe, full bool) (civil.Person, error) {
	var x civil.Person
	var err error
	if x.Nom, err = p.askValid("NOM "+who, "", notEmpty); err != nil {
		return x, err
	}
	x.Nom = strings.ToUpper(x.Nom)
	pr, err := p.askValid("Prénoms "+who+" (séparés par des virgules)", "", notEmpty)
	if err != nil {
		return x, err
	}
	for _, v := range splitList(pr) {
		x.Prenoms = append(x.Prenoms, civil.Capitalize(v))
	}
	if sexe {
		if x.Sexe, err = p.askValid("Sexe "+who+" (F/M)", "", checkSexe); err != nil {
			return x, err
		}
	}
	if !full {
		return x, nil
	}
	if x.DateNaissance, err = p.askValid("Date de naissance "+who, "", checkDate(false)); err != nil {
		return x, err
	}
	if x.LieuNaissance, err = p.askValid("Lieu de naissance "+who+" — Commune (Département)", "", notEmpty); err != nil {
		return x, err
	}
	if x.Profession, err = p.ask("Profession "+who+" (vide : aucune)", ""); err != nil {
		return x, err
	}
	x.Domicile, err = p.askValid("Domicile "+who, "", notEmpty)
	return x, err
}

// promptAct runs the guided entry of an act of any kind, shows the act
// text and asks for confirmation. It returns nil when the clerk abandons.
func (e *env) promptAct(s *registry.Store, kind civil.Kind) (*civil.Act, error) {
	p := e.prompter()
	c, err := s.Commune()
	if err != nil {
		return nil, err
	}
	now := e.clock()
	fmt.Fprintf(e.out, "Saisie %s — nous sommes %s.\n", kind.OfIndefinite(), words.DateTime(now))
	fmt.Fprintln(e.out, "Entrée vide : valeur proposée entre crochets. Ctrl-D : abandonner sans rien enregistrer.")
	a := &civil.Act{Type: kind}
	switch kind {
	case civil.Naissance:
		err = p.birth(a, c, now)
	case civil.Mariage:
		err = p.marriage(a, c, now)
	case civil.Reconnaissance:
		err = p.recognition(a, c, now)
	case civil.EnfantSansVie:
		err = p.stillborn(a, c, now)
	case civil.Transcription:
		err = p.transcription(a, c, now)
	default:
		err = p.death(a, c, now)
	}
	if err == nil {
		err = p.officer(s, a)
	}
	if errors.Is(err, errAbandon) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	warnings, err := s.Validate(a)
	if err != nil {
		return nil, err
	}
	a.Registre, a.Annee = a.Type.Register(), civil.DrawnUpYear(a)
	text, err := actText(s, a)
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(e.out, "\n"+strings.Repeat("─", 60)+"\n"+text+strings.Repeat("─", 60))
	e.warn(warnings)
	e.shown = append(e.shown, warnings...)
	ok, err := p.askYes(fmt.Sprintf("Nous sommes le %s. Enregistrer cet acte ?", words.Date(now)), "non")
	if err != nil || !ok {
		return nil, nil
	}
	a.Registre, a.Annee = "", 0
	return a, nil
}

func (p *prompter) event(a *civil.Act, c civil.Commune, what string, now time.Time) (err error) {
	if a.Date, err = p.askValid("Date "+what, "", checkDate(false)); err != nil {
		return err
	}
	if a.Heure, err = p.askValid("Heure "+what+" (HH:MM)", "", checkHour); err != nil {
		return err
	}
	a.Lieu, err = p.askValid("Lieu "+what, here(c), notEmpty)
	return err
}

// here names the place where the register is kept, as acts write a
// place: the associated commune if any, « Lomme (Nord) ».
func here(c civil.Commune) string {
	place := c.Nom
	if c.CommuneAssociee != "" {
		place = c.CommuneAssociee
	}
	return place + " (" + c.Departement + ")"
}

func (p *prompter) declaration(a *civil.Act, now time.Time) (err error) {
	a.Declaration = &civil.Moment{}
	if a.Declaration.Date, err = p.askValid("Date de la déclaration", now.Format("2006-01-02"), checkDate(false)); err != nil {
		return err
	}
	a.Declaration.Heure, err = p.askValid("Heure de la déclaration", now.Format("15:04"), checkHour)
	return err
}

func (p *prompter) birth(a *civil.Act, c civil.Commune, now time.Time) error {
	child, err := p.person("de l'enfant", true, false)
	if err != nil {
		return err
	}
	a.Enfant = &child
	if a.Date, err = p.askValid("Date de naissance", "", checkDate(false)); err != nil {
		return err
	}
	for a.Heure == "" {
		if a.Heure, err = p.askValid("Heure de naissance (HH:MM ; vide : inconnue)", "", checkHourOptional); err != nil {
			return err
		}
		if a.Heure != "" {
			break
		}
		found, err := p.askYes("Heure inconnue : s'agit-il d'un enfant trouvé (art. 58 du Code civil) ?", "non")
		if err != nil {
			return err
		}
		if found {
			return p.foundling(a, c, now)
		}
	}
	if a.Lieu, err = p.askValid("Lieu de naissance", here(c), notEmpty); err != nil {
		return err
	}
	n, err := p.askValid("Nombre de parents déclarés (0, 1 ou 2)", "2", func(s string) (string, string) {
		if s != "0" && s != "1" && s != "2" {
			return "", "répondez 0, 1 ou 2 (un parent non déclaré ne figure pas dans l'acte)"
		}
		return s, ""
	})
	if err != nil {
		return err
	}
	for i := 0; i < int(n[0]-'0'); i++ {
		par, err := p.person(fmt.Sprintf("du parent %d", i+1), true, true)
		if err != nil {
			return err
		}
		a.Parents = append(a.Parents, par)
	}
	q, err := p.askValid("Qui déclare ? (la mère, le père, ou autre)", "", notEmpty)
	if err != nil {
		return err
	}
	a.Declarant = &civil.Declarant{Qualite: strings.ToLower(q)}
	if q == "autre" {
		d, err := p.person("du déclarant", false, false)
		if err != nil {
			return err
		}
		a.Declarant.Person = d
		if a.Declarant.Qualite, err = p.askValid("Qualité du déclarant (sage-femme, médecin…)", "", notEmpty); err != nil {
			return err
		}
		if a.Declarant.DateNaissance, err = p.askValid("Date de naissance du déclarant (vide : inconnue)", "", checkDate(true)); err != nil {
			return err
		}
		if a.Declarant.Domicile, err = p.askValid("Domicile du déclarant", "", notEmpty); err != nil {
			return err
		}
	}
	if err := p.declaration(a, now); err != nil {
		return err
	}
	if err := p.birthCitations(a); err != nil {
		return err
	}
	born, _ := time.Parse("2006-01-02", a.Date)
	decl, _ := time.Parse("2006-01-02", a.Declaration.Date)
	if limit := civil.BirthDeadline(born, c.Departement); decl.After(limit) {
		fmt.Fprintf(p.e.out, "Déclaration hors délai (limite : %s) : l'acte exige un jugement déclaratif de naissance.\n", words.Figures(limit))
		j := &civil.Judgment{}
		if j.Tribunal, err = p.askValid("Tribunal", "", notEmpty); err != nil {
			return err
		}
		if j.Date, err = p.askValid("Date du jugement", "", checkDate(false)); err != nil {
			return err
		}
		if j.Reference, err = p.askValid("Référence du jugement (RG)", "", notEmpty); err != nil {
			return err
		}
		a.Jugement = j
	}
	return nil
}

// marriage asks the spouses (with their parents), the celebration, the
// banns, the contract, the witnesses and a dispensation if any.
func (p *prompter) marriage(a *civil.Act, c civil.Commune, now time.Time) error {
	for i := 1; i <= 2; i++ {
		sp, err := p.person(fmt.Sprintf("de l'époux %d", i), true, true)
		if err != nil {
			return err
		}
		e := civil.MarriageSpouse{Person: sp}
		if e.Nationalite, err = p.ask(fmt.Sprintf("Nationalité de l'époux %d (vide : française)", i), ""); err != nil {
			return err
		}
		for j := 1; j <= 2; j++ {
			par, err := p.spouseParent(i, j)
			if err != nil {
				return err
			}
			if par != nil {
				e.Parents = append(e.Parents, *par)
			}
		}
		if e.PrecedentConjoint, err = p.previousSpouse(i); err != nil {
			return err
		}
		a.Epoux = append(a.Epoux, e)
	}
	if err := p.event(a, c, "du mariage", now); err != nil {
		return err
	}
	pub, err := p.askValid("Date de publication des bans", "", checkDate(false))
	if err != nil {
		return err
	}
	a.Bans = &civil.BannsRef{DatePublication: pub}
	contract, err := p.askYes("Contrat de mariage ?", "non")
	if err != nil {
		return err
	}
	if contract {
		a.Contrat = &civil.Contract{}
		if a.Contrat.Notaire, err = p.askValid("Notaire qui a reçu le contrat (Maître Prénom NOM, notaire à Commune)", "", notEmpty); err != nil {
			return err
		}
		if a.Contrat.Date, err = p.askValid("Date du contrat", "", checkDate(false)); err != nil {
			return err
		}
	} else {
		a.SansContrat = true
	}
	n, err := p.askValid("Nombre de témoins (2 à 4)", "2", func(s string) (string, string) {
		if len(s) != 1 || s[0] < '2' || s[0] > '4' {
			return "", "répondez 2, 3 ou 4 (art. 75 du Code civil)"
		}
		return s, ""
	})
	if err != nil {
		return err
	}
	for i := 1; i <= int(n[0]-'0'); i++ {
		t, err := p.person(fmt.Sprintf("du témoin %d", i), false, false)
		if err != nil {
			return err
		}
		if t.DateNaissance, err = p.askValid(fmt.Sprintf("Date de naissance du témoin %d", i), "", checkDate(false)); err != nil {
			return err
		}
		if t.Profession, err = p.askValid(fmt.Sprintf("Profession du témoin %d (« sans profession » s'il n'en a pas)", i), "", notEmpty); err != nil {
			return err
		}
		if t.Domicile, err = p.askValid(fmt.Sprintf("Domicile du témoin %d", i), "", notEmpty); err != nil {
			return err
		}
		a.Temoins = append(a.Temoins, t)
	}
	disp, err := p.askYes("Dispense (d'âge par le procureur, de parenté par le Président de la République) ?", "non")
	if err != nil || !disp {
		return err
	}
	a.Dispense = &civil.Dispensation{}
	if a.Dispense.Autorite, err = p.askValid("Autorité qui l'a accordée", "", notEmpty); err != nil {
		return err
	}
	if a.Dispense.Date, err = p.askValid("Date de la dispense", "", checkDate(false)); err != nil {
		return err
	}
	a.Dispense.Reference, err = p.askValid("Référence de la dispense", "", notEmpty)
	return err
}

func (p *prompter) officer(s *registry.Store, a *civil.Act) error {
	officers, err := s.Officers()
	if err != nil {
		return err
	}
	def := ""
	if len(officers) == 1 {
		def = officers[0].ID
	}
	var ids []string
	for _, o := range officers {
		ids = append(ids, o.ID+" ("+o.FullName()+", "+o.QualiteLabel()+")")
	}
	fmt.Fprintln(p.e.out, "Officiers : "+strings.Join(ids, " ; "))
	a.Officier, err = p.askValid("Officier qui signe (identifiant)", def, notEmpty)
	return err
}
