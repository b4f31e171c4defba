package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
)

// The questions of the guided entry of each kind, in the order a clerk
// has the papers: each flow walks the act's fields and asks each through
// guide.ask (see guide.go). The rules are civil's, never here: a flow
// only says what to ask, how an answer is written into the act, and which
// fields' rules judge it.

// flows are the kinds a guided entry knows.
var flows = map[civil.Kind]func(*guide){
	civil.Naissance:      birthFlow,
	civil.Deces:          deathFlow,
	civil.Mariage:        marriageFlow,
	civil.Reconnaissance: recognitionFlow,
	civil.EnfantSansVie:  stillbornFlow,
	civil.Transcription:  transcriptionFlow,
}

// guided tells whether the guided entry knows the kind.
func guided(kind civil.Kind) bool { return flows[kind] != nil }

// Readers of answers: each the one reader of its kind of value.

func readDate(s string) (string, error)        { return parse.Date(s) }
func readPartialDate(s string) (string, error) { return parse.PartialDate(s) }
func readHour(s string) (string, error)        { return parse.Hour(s) }

func readChoice(ch *parse.Choice) func(string) (string, error) {
	return func(s string) (string, error) { return ch.Match(s) }
}

func readCount(min, max int) func(string) (string, error) {
	return func(s string) (string, error) {
		n, err := parse.Number(s, min, max)
		return strconv.Itoa(n), err
	}
}

// readNom writes a NOM in capitals, as the act does.
func readNom(s string) (string, error) { return strings.ToUpper(s), nil }

// readPrenoms writes prénoms with their initial capitals, separated by
// commas: « zoé,chloë » is « Zoé, Chloë ».
func readPrenoms(s string) (string, error) {
	var out []string
	for _, p := range splitList(s) {
		out = append(out, civil.Capitalize(p))
	}
	return strings.Join(out, ", "), nil
}

// declarants are a birth's declarants named by their quality, or another
// person.
var declarants = parse.NewChoice(
	parse.Option{Value: "la mère", Aliases: []string{"mère"}},
	parse.Option{Value: "le père", Aliases: []string{"père"}},
	parse.Option{Value: "le parent", Aliases: []string{"parent"}},
	parse.Option{Value: "la parente", Aliases: []string{"parente"}},
	parse.Option{Value: "autre", Aliases: []string{"autre personne"}},
)

// special gives the answers a correction takes from an act that no field
// holds as such.
func special(src map[string]any, key string) (string, bool) {
	// A recognition received elsewhere is cited by its date, place and
	// author, without a reference: its question's answer was « ailleurs ».
	if strings.HasPrefix(key, "reconnaissances[") && strings.HasSuffix(key, "].acte") {
		r, found := lookup(src, strings.TrimSuffix(key, ".acte"))
		if m, ok := r.(map[string]any); found && ok && m["acte"] == nil && m["date"] != nil {
			return "ailleurs", true
		}
		return "", false
	}
	if key != "declarant.qui" {
		return "", false
	}
	d, _ := src["declarant"].(map[string]any)
	if _, named := d["nom"]; named || d == nil {
		return "autre", true
	}
	q, _ := d["qualite"].(string)
	return q, true
}

// need says which fields of a person to ask.
type need struct {
	sexe, birth, partial, profession, domicile bool
}

// person asks the fields of a person under prefix ("parents[1]"), who
// naming it in the questions (« du parent 1 »).
// declarant asks who declares a birth (label lists the choices): a
// parent, named by their quality, or another person, whose names and
// quality are then asked and who is returned for the caller's further
// questions (nil for a parent).
func (g *guide) declarant(a *civil.Act, label string) *civil.Declarant {
	qui := g.ask(question{key: "declarant.qui", label: label, read: readChoice(declarants),
		set: func(v string) {
			a.Declarant = &civil.Declarant{}
			if v != "autre" {
				a.Declarant.Qualite = v
			}
		},
		checkFor: func(v string) []string {
			if v == "autre" {
				return nil
			}
			return []string{"declarant.qualite"}
		}})
	if qui != "autre" {
		return nil
	}
	d := a.Declarant
	g.person("declarant", "du déclarant", &d.Person, need{})
	g.ask(question{key: "declarant.qualite", label: "Qualité du déclarant (sage-femme, médecin…)", set: func(v string) { d.Qualite = v }})
	return d
}

func (g *guide) person(prefix, who string, p *civil.Person, n need) {
	g.ask(question{key: prefix + ".nom", label: "NOM " + who, read: readNom, set: func(v string) { p.Nom = v }})
	g.ask(question{key: prefix + ".prenoms", label: "Prénoms " + who + " (séparés par des virgules)", read: readPrenoms,
		set: func(v string) { p.Prenoms = splitList(v) }})
	if n.sexe {
		g.ask(question{key: prefix + ".sexe", label: "Sexe " + who + " (F/M)", read: readChoice(civil.SexeChoice), set: func(v string) { p.Sexe = v }})
	}
	if n.birth {
		read := readDate
		if n.partial {
			read = readPartialDate
		}
		g.ask(question{key: prefix + ".date_naissance", label: "Date de naissance " + who, read: read, set: func(v string) { p.DateNaissance = v }})
		g.ask(question{key: prefix + ".lieu_naissance", label: "Lieu de naissance " + who + " — Commune (Département)", place: true,
			set: func(v string) { p.LieuNaissance = v }})
	}
	if n.profession {
		g.ask(question{key: prefix + ".profession", label: "Profession " + who + " (vide : aucune)", optional: true, set: func(v string) { p.Profession = v }})
	}
	if n.domicile {
		g.ask(question{key: prefix + ".domicile", label: "Domicile " + who, set: func(v string) { p.Domicile = v }})
	}
}

// event asks the date, hour and place of the event; hourOptional when
// the law allows an unknown hour (a death).
func (g *guide) event(what string, hourOptional bool) {
	a := g.act
	g.ask(question{key: "date", label: "Date " + what, read: readDate, set: func(v string) { a.Date = v }})
	label := "Heure " + what
	if hourOptional {
		label += " (vide : inconnue)"
	}
	g.ask(question{key: "heure", label: label, optional: hourOptional, read: readHour, set: func(v string) { a.Heure = v }})
	place := g.commune.Nom
	if g.commune.CommuneAssociee != "" {
		place = g.commune.CommuneAssociee
	}
	g.ask(question{key: "lieu", label: "Lieu " + what, def: place + " (" + g.commune.Departement + ")", place: true, set: func(v string) { a.Lieu = v }})
}

// declaration asks the day and hour of the declaration, today and now
// proposed; after (or while) each, then asks what it makes needed.
func (g *guide) declaration(then func()) {
	a := g.act
	a.Declaration = &civil.Moment{}
	g.ask(question{key: "declaration.date", label: "Date de la déclaration", def: words.Figures(g.now), read: readDate,
		set: func(v string) { a.Declaration.Date = v; then() }})
	g.ask(question{key: "declaration.heure", label: "Heure de la déclaration", def: g.now.Format("15:04"), read: readHour,
		set: func(v string) { a.Declaration.Heure = v; then() }})
}

// count asks how many persons a list holds and makes the list that long
// (with make, called with the number).
func (g *guide) count(key, label, def string, min, max int, make func(int)) {
	g.ask(question{key: key, label: label, def: def, read: readCount(min, max), set: func(v string) {
		n, _ := strconv.Atoi(v)
		make(n)
	}})
}

// yes asks a yes-or-no question.
func (g *guide) yes(key, label, def string) bool {
	return g.ask(question{key: key, label: label + " (oui/non)", def: def, read: readChoice(yesNo), set: func(string) {}}) == "oui"
}

// officer asks who signs: an officer of the register, as read at the
// start; the only one proposed (for a marriage, the only one who may
// celebrate it).
func (g *guide) officerQuestion() {
	a := g.act
	var ids, able []string
	for _, o := range g.officers {
		ids = append(ids, o.ID+" ("+o.FullName()+", "+o.QualiteLabel()+")")
		if a.Type != civil.Mariage || o.CanMarry() {
			able = append(able, o.ID)
		}
	}
	def := ""
	if len(able) == 1 {
		def = able[0]
	}
	g.ask(question{key: "officier", label: "Officier qui signe (identifiant)", intro: "Officiers : " + strings.Join(ids, " ; "), def: def,
		set: func(v string) { a.Officier = v }})
}

func birthFlow(g *guide) {
	a := g.act
	a.Enfant = &civil.Person{}
	g.person("enfant", "de l'enfant", a.Enfant, need{sexe: true})
	if g.birthEvent() {
		g.officerQuestion()
		return
	}
	g.count("parents#", "Nombre de parents déclarés (0, 1 ou 2)", "2", 0, 2, func(n int) { a.Parents = make([]civil.Person, n) })
	for i := range a.Parents {
		g.person(fmt.Sprintf("parents[%d]", i+1), fmt.Sprintf("du parent %d", i+1), &a.Parents[i],
			need{sexe: true, birth: true, profession: true, domicile: true})
	}
	if d := g.declarant(a, "Qui déclare ? (la mère, le père, le parent, ou autre)"); d != nil {
		g.ask(question{key: "declarant.date_naissance", label: "Date de naissance du déclarant (vide : inconnue)", optional: true, read: readDate,
			set: func(v string) { d.DateNaissance = v }})
		g.ask(question{key: "declarant.domicile", label: "Domicile du déclarant", set: func(v string) { d.Domicile = v }})
	}
	// A declaration after the legal delay needs a judgment (art. 55):
	// civil says when; its questions follow.
	g.declaration(func() {
		born, err1 := time.Parse(civil.DateLayout, a.Date)
		decl, err2 := time.Parse(civil.DateLayout, a.Declaration.Date)
		if err1 == nil && err2 == nil && decl.After(civil.BirthDeadline(born, g.commune.Departement)) {
			if a.Jugement == nil {
				a.Jugement = &civil.Judgment{}
			}
		} else {
			a.Jugement = nil
		}
	})
	g.birthCitations()
	if j := a.Jugement; j != nil {
		born, _ := time.Parse(civil.DateLayout, a.Date)
		limit := civil.BirthDeadline(born, g.commune.Departement)
		g.ask(question{key: "jugement.tribunal", label: "Tribunal qui a rendu le jugement déclaratif de naissance",
			intro: "Déclaration hors délai (limite : " + words.Figures(limit) + ") : l'acte exige un jugement déclaratif de naissance (art. 55 du Code civil).",
			set:   func(v string) { j.Tribunal = v }})
		g.ask(question{key: "jugement.date", label: "Date du jugement", read: readDate, set: func(v string) { j.Date = v }})
		g.ask(question{key: "jugement.reference", label: "Référence du jugement (RG)", set: func(v string) { j.Reference = v }})
	}
	g.officerQuestion()
}

// deathFlow asks the deceased first (art. 79, 87: a NOM left empty is
// an unidentified deceased), then the death, the parents and situation,
// the declarant, the declaration and the medical certificate.
func deathFlow(g *guide) {
	a := g.act
	g.deceased()
	g.deathBody(g.here())
	g.declaration(func() {})
	g.ask(question{key: "certificat_medical", label: "Référence du certificat médical de décès", set: func(v string) { a.CertificatMedical = v }})
	g.officerQuestion()
}

// spouse asks the names of a deceased's spouse or partner.
func (g *guide) spouse(prefix, who string, s *civil.Spouse) {
	g.ask(question{key: prefix + ".nom", label: "NOM " + who, read: readNom, set: func(v string) { s.Nom = v }})
	g.ask(question{key: prefix + ".prenoms", label: "Prénoms " + who + " (séparés par des virgules)", read: readPrenoms,
		set: func(v string) { s.Prenoms = splitList(v) }})
}

// marriageFlow asks the celebration first, then the banns and a
// dispensation, so that each spouse's and witness's age is judged when
// their date of birth is given.
func marriageFlow(g *guide) {
	a := g.act
	g.event("du mariage", false)
	a.Bans = &civil.BannsRef{}
	g.ask(question{key: "bans.date_publication", label: "Date de publication des bans", read: readDate, set: func(v string) { a.Bans.DatePublication = v }})
	if g.yes("dispense?", "Dispense accordée (d'âge par le procureur, de parenté par le Président de la République) ?", "non") {
		a.Dispense = &civil.Dispensation{}
		g.ask(question{key: "dispense.autorite", label: "Autorité qui l'a accordée", set: func(v string) { a.Dispense.Autorite = v }})
		g.ask(question{key: "dispense.date", label: "Date de la dispense", read: readDate, set: func(v string) { a.Dispense.Date = v }})
		g.ask(question{key: "dispense.reference", label: "Référence de la dispense", set: func(v string) { a.Dispense.Reference = v }})
	}
	a.Epoux = make([]civil.MarriageSpouse, 2)
	for i := range a.Epoux {
		e := &a.Epoux[i]
		f, who := fmt.Sprintf("epoux[%d]", i+1), fmt.Sprintf("de l'époux %d", i+1)
		g.person(f, who, &e.Person, need{sexe: true, birth: true, profession: true, domicile: true})
		g.ask(question{key: f + ".nationalite", label: fmt.Sprintf("Nationalité de l'époux %d (vide : française)", i+1), optional: true,
			checkFor: unlessEmpty(f + ".nationalite"), set: func(v string) { e.Nationalite = v }})
		// Art. 76 2°: each parent named, and either dead or with their
		// profession and domicile.
		g.count(f+".parents#", fmt.Sprintf("Nombre de parents de l'époux %d à inscrire (0, 1 ou 2)", i+1), "2", 0, 2, func(n int) { e.Parents = make([]civil.Person, n) })
		for j := range e.Parents {
			p := &e.Parents[j]
			pf, pwho := fmt.Sprintf("%s.parents[%d]", f, j+1), fmt.Sprintf("du parent %d de l'époux %d", j+1, i+1)
			g.person(pf, pwho, p, need{sexe: true})
			p.Decede = g.yes(pf+".decede?", fmt.Sprintf("Parent %d de l'époux %d décédé ?", j+1, i+1), "non")
			if p.Decede {
				continue
			}
			g.ask(question{key: pf + ".profession", label: "Profession " + pwho + " (vide : non indiquée)", optional: true, set: func(v string) { p.Profession = v }})
			g.ask(question{key: pf + ".domicile", label: "Domicile " + pwho + " (vide : non indiqué)", optional: true,
				checkFor: unlessEmpty(pf + ".domicile"), set: func(v string) { p.Domicile = v }})
		}
		// Art. 76 4°: the spouse of a previous marriage.
		if g.yes(f+".precedent_conjoint?", fmt.Sprintf("L'époux %d a-t-il été marié auparavant ?", i+1), "non") {
			e.PrecedentConjoint = &civil.Spouse{}
			g.spouse(f+".precedent_conjoint", fmt.Sprintf("du précédent conjoint de l'époux %d", i+1), e.PrecedentConjoint)
		}
	}
	if g.yes("contrat?", "Contrat de mariage ?", "non") {
		a.Contrat = &civil.Contract{}
		g.ask(question{key: "contrat.notaire", label: "Notaire qui a reçu le contrat (Maître Prénom NOM, notaire à Commune)", set: func(v string) { a.Contrat.Notaire = v }})
		g.ask(question{key: "contrat.date", label: "Date du contrat", read: readDate, set: func(v string) { a.Contrat.Date = v }})
	} else {
		a.SansContrat = true
	}
	g.count("temoins#", "Nombre de témoins (2 à 4)", "2", civil.MinWitnesses, civil.MaxWitnesses, func(n int) { a.Temoins = make([]civil.Person, n) })
	for i := range a.Temoins {
		t := &a.Temoins[i]
		f, who := fmt.Sprintf("temoins[%d]", i+1), fmt.Sprintf("du témoin %d", i+1)
		g.person(f, who, t, need{})
		g.ask(question{key: f + ".date_naissance", label: "Date de naissance " + who, read: readDate, set: func(v string) { t.DateNaissance = v }})
		g.ask(question{key: f + ".profession", label: "Profession " + who + " (« sans profession » s'il n'en a pas)", set: func(v string) { t.Profession = v }})
		g.ask(question{key: f + ".domicile", label: "Domicile " + who, set: func(v string) { t.Domicile = v }})
	}
	g.officerQuestion()
}
