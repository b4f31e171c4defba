package main

// The questions of what format version 2 added (issue 20 §3), in the
// guided entry's question lists: a death as art. 79 and 87 of the Code
// civil ask it (an unidentified deceased, a date of birth known only in
// part or an age, the marital situation, the parents' death or their
// profession and domicile, the declarant's age and capacity), the
// recognitions and the joint choice of name a birth act cites, a child
// found (art. 58), the marriage's questions of art. 76 (nationality,
// parents, previous spouse), and the guided entry of a recognition, of a
// stillborn child's act and of a transcription. As everywhere in the
// guided entry, each answer is read by the readers of the files and
// judged by civil's rules when it is given.

import (
	"fmt"
	"strconv"
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
)

// here names the place where the register is kept, as acts write a
// place: the associated commune if any, « Lomme (Nord) ».
func (g *guide) here() string {
	place := g.commune.Nom
	if g.commune.CommuneAssociee != "" {
		place = g.commune.CommuneAssociee
	}
	return place + " (" + g.commune.Departement + ")"
}

// readAge reads an age in whole years.
func readAge(s string) (string, error) {
	n, err := parse.Number(s, 0, 130)
	return strconv.Itoa(n), err
}

// unlessEmpty judges an optional answer by its own field only when it is
// given.
func unlessEmpty(field string) func(string) []string {
	return func(v string) []string {
		if v == "" {
			return nil
		}
		return []string{field}
	}
}

// birthOrAge asks the date of birth of the person under prefix and, when
// it is not known, the age in years (art. 57, 62, 79: an age where the
// date is not known); with partial, a month and a year or a year alone
// are accepted. Both may be left empty: the rules then refuse or warn, as
// the act's kind says.
func (g *guide) birthOrAge(prefix, who string, x *civil.Person, partial bool) {
	label, read := "Date de naissance "+who+" (vide : inconnue)", readDate
	if partial {
		label, read = "Date de naissance "+who+" (JJ/MM/AAAA, MM/AAAA ou AAAA ; vide : inconnue)", readPartialDate
	}
	d := g.ask(question{key: prefix + ".date_naissance", label: label, optional: true, read: read,
		checkFor: unlessEmpty(prefix + ".date_naissance"), set: func(v string) { x.DateNaissance = v }})
	if d != "" || g.err != nil {
		return
	}
	g.ask(question{key: prefix + ".age", label: "Âge " + who + " en années (vide : inconnu)", optional: true, read: readAge,
		checkFor: unlessEmpty(prefix + ".age"),
		set: func(v string) {
			x.Age = nil
			if n, err := strconv.Atoi(v); err == nil && v != "" {
				x.Age = &n
			}
		}})
}

// names asks a NOM (in capitals) and prénoms.
func (g *guide) names(prefix, who string, nom *string, prenoms *[]string) {
	g.ask(question{key: prefix + ".nom", label: "NOM " + who, read: readNom, set: func(v string) { *nom = v }})
	g.ask(question{key: prefix + ".prenoms", label: "Prénoms " + who + " (séparés par des virgules)", read: readPrenoms,
		set: func(v string) { *prenoms = splitList(v) }})
}

// birthEvent asks the date, hour and place of a birth; an hour left
// empty asks whether the child was found (art. 58), whose act follows.
// It tells whether the child was found.
func (g *guide) birthEvent() bool {
	a := g.act
	g.ask(question{key: "date", label: "Date de naissance", read: readDate, set: func(v string) { a.Date = v }})
	h := g.ask(question{key: "heure", label: "Heure de naissance (HH:MM ; vide : inconnue)", optional: true, read: readHour,
		checkFor: unlessEmpty("heure"), set: func(v string) { a.Heure = v }})
	if g.err != nil {
		return false
	}
	if h == "" {
		if g.yes("enfant_trouve?", "Heure inconnue : s'agit-il d'un enfant trouvé (art. 58 du Code civil) ?", "non") {
			g.foundling()
			return true
		}
		g.ask(question{key: "heure.connue", label: "Heure de naissance (HH:MM)", read: readHour, check: []string{"heure"},
			set: func(v string) { a.Heure = v }})
	}
	g.ask(question{key: "lieu", label: "Lieu de naissance", def: g.here(), place: true, set: func(v string) { a.Lieu = v }})
	return false
}

// foundling asks the rest of the act that stands for the birth act of a
// child found (art. 58): the date of birth already asked is the one fixed
// from its apparent age; no hour, no parents; the discovery as the
// report gives it, and the finder who declares it, with no time limit.
func (g *guide) foundling() {
	a := g.act
	f := &civil.Foundling{}
	a.EnfantTrouve = f
	g.ask(question{key: "enfant_trouve.date_decouverte", label: "Date de la découverte", read: readDate,
		intro: "Enfant trouvé (art. 58 du Code civil) : l'acte tient lieu d'acte de naissance ; la date de naissance est celle que fixe l'âge apparent, l'enfant est dit né au lieu de sa découverte, ses prénoms et nom sont ceux que vous lui donnez.",
		set:   func(v string) { f.DateDecouverte = v }})
	g.ask(question{key: "enfant_trouve.heure_decouverte", label: "Heure de la découverte (HH:MM ; vide : inconnue)", optional: true, read: readHour,
		checkFor: unlessEmpty("enfant_trouve.heure_decouverte"), set: func(v string) { f.HeureDecouverte = v }})
	g.ask(question{key: "enfant_trouve.lieu_decouverte", label: "Lieu de la découverte (adresse, Commune (Département))", set: func(v string) { f.LieuDecouverte = v }})
	g.ask(question{key: "lieu", label: "Commune de la découverte, où l'enfant est dit né", def: g.here(), place: true, set: func(v string) { a.Lieu = v }})
	g.ask(question{key: "enfant_trouve.age_apparent", label: "Âge apparent (environ dix jours…)", set: func(v string) { f.AgeApparent = v }})
	g.ask(question{key: "enfant_trouve.signalement", label: "Signalement (taille, vêtements, signes particuliers)", set: func(v string) { f.Signalement = v }})
	g.ask(question{key: "enfant_trouve.proces_verbal", label: "Procès-verbal de découverte (référence)", set: func(v string) { f.ProcesVerbal = v }})
	a.Declarant = &civil.Declarant{}
	d := a.Declarant
	g.person("declarant", "de la personne qui déclare la découverte", &d.Person, need{sexe: true})
	g.ask(question{key: "declarant.qualite", label: "Qualité du déclarant", def: "personne ayant trouvé l'enfant", set: func(v string) { d.Qualite = v }})
	g.ask(question{key: "declarant.date_naissance", label: "Date de naissance du déclarant (vide : inconnue)", optional: true, read: readDate,
		checkFor: unlessEmpty("declarant.date_naissance"), set: func(v string) { d.DateNaissance = v }})
	g.ask(question{key: "declarant.profession", label: "Profession du déclarant (vide : aucune)", optional: true, set: func(v string) { d.Profession = v }})
	g.ask(question{key: "declarant.domicile", label: "Domicile du déclarant", set: func(v string) { d.Domicile = v }})
	g.declaration(func() {})
}

// birthCitations asks, for a child with both parents named, the
// recognitions made before the birth that its act cites (art. 316) —
// by reference in this register, or « ailleurs »: date, place and author
// — and the parents' joint declaration of choice of name (art. 311-21).
func (g *guide) birthCitations() {
	a := g.act
	if len(a.Parents) != 2 {
		return
	}
	for i := 1; g.err == nil; i++ {
		f := fmt.Sprintf("reconnaissances[%d]", i)
		grow := func() *civil.RecognitionRef {
			for len(a.Reconnaissances) < i {
				a.Reconnaissances = append(a.Reconnaissances, civil.RecognitionRef{})
			}
			return &a.Reconnaissances[i-1]
		}
		ref := g.ask(question{key: f + ".acte",
			label:    "Reconnaissance faite avant la naissance, à citer (référence reconnaissance/AAAA/N, ou « ailleurs » si elle a été reçue dans une autre commune ; vide : aucune ou plus d'autre)",
			optional: true,
			checkFor: func(v string) []string {
				if v == "" || strings.EqualFold(v, "ailleurs") {
					return nil
				}
				return []string{f + ".acte"}
			},
			set: func(v string) {
				if v == "" {
					a.Reconnaissances = a.Reconnaissances[:min(len(a.Reconnaissances), i-1)]
					return
				}
				r := grow()
				if strings.EqualFold(v, "ailleurs") {
					r.Acte = ""
				} else {
					r.Acte = v
				}
			}})
		if ref == "" {
			break
		}
		if strings.EqualFold(ref, "ailleurs") {
			r := grow()
			g.ask(question{key: f + ".date", label: "Date de la reconnaissance", read: readDate, set: func(v string) { r.Date = v }})
			g.ask(question{key: f + ".lieu", label: "Commune où elle a été reçue — Commune (Département)", place: true, set: func(v string) { r.Lieu = v }})
			r.Auteur = &civil.Spouse{}
			g.names(f+".auteur", "de son auteur", &r.Auteur.Nom, &r.Auteur.Prenoms)
		}
	}
	if !g.yes("declaration_conjointe_nom?", "Déclaration conjointe de choix de nom remise par les parents ?", "non") {
		return
	}
	j := &civil.JointName{}
	a.DeclarationConjointeNom = j
	def := ""
	if t, ok := civil.ParseDate(a.Declaration.Date); ok {
		def = words.Figures(t)
	}
	g.ask(question{key: "declaration_conjointe_nom.date", label: "Date de la déclaration conjointe", def: def, read: readDate, set: func(v string) { j.Date = v }})
	g.ask(question{key: "declaration_conjointe_nom.nom", label: "Nom choisi", def: a.Enfant.Nom, read: readNom, set: func(v string) { j.Nom = v }})
}

// deceased asks the deceased (art. 79, 87): a NOM left empty is an
// unidentified deceased, described, with the discovery; else names, sex,
// birth « autant qu'on pourra le savoir », nationality, profession and
// domicile.
func (g *guide) deceased() {
	a := g.act
	a.Defunt = &civil.Deceased{}
	d := a.Defunt
	nom := g.ask(question{key: "defunt.nom", label: "NOM du défunt (vide : défunt non identifié, art. 87)", optional: true, read: readNom,
		checkFor: unlessEmpty("defunt.nom"),
		set:      func(v string) { d.Nom = v; d.Inconnu = v == "" }})
	if g.err != nil {
		return
	}
	if nom == "" {
		g.ask(question{key: "defunt.sexe", label: "Sexe du défunt (F/M)", read: readChoice(civil.SexeChoice),
			intro: "Défunt non identifié (art. 87 du Code civil) : son signalement et sa découverte ; ses nom et prénoms viendront par mention de rectification.",
			set:   func(v string) { d.Sexe = v }})
		g.ask(question{key: "defunt.signalement", label: "Signalement (âge apparent, taille, signes particuliers)", set: func(v string) { d.Signalement = v }})
		g.ask(question{key: "defunt.date_decouverte", label: "Date de la découverte", read: readDate, set: func(v string) { d.DateDecouverte = v }})
		g.ask(question{key: "defunt.lieu_decouverte", label: "Lieu de la découverte", set: func(v string) { d.LieuDecouverte = v }})
		g.ask(question{key: "defunt.proces_verbal", label: "Procès-verbal (référence)", set: func(v string) { d.ProcesVerbal = v }})
		return
	}
	g.ask(question{key: "defunt.prenoms", label: "Prénoms du défunt (séparés par des virgules)", read: readPrenoms, set: func(v string) { d.Prenoms = splitList(v) }})
	g.ask(question{key: "defunt.sexe", label: "Sexe du défunt (F/M)", read: readChoice(civil.SexeChoice), set: func(v string) { d.Sexe = v }})
	g.birthOrAge("defunt", "du défunt", &d.Person, true)
	g.ask(question{key: "defunt.lieu_naissance", label: "Lieu de naissance du défunt — Commune (Département ou Pays) (vide : inconnu)", optional: true, place: true,
		checkFor: unlessEmpty("defunt.lieu_naissance"), set: func(v string) { d.LieuNaissance = v }})
	g.ask(question{key: "defunt.nationalite", label: "Nationalité du défunt (vide : française)", optional: true,
		checkFor: unlessEmpty("defunt.nationalite"), set: func(v string) { d.Nationalite = v }})
	g.ask(question{key: "defunt.profession", label: "Profession du défunt (vide : aucune)", optional: true, set: func(v string) { d.Profession = v }})
	g.ask(question{key: "defunt.domicile", label: "Domicile du défunt", set: func(v string) { d.Domicile = v }})
}

// deathBody asks the death itself (hour if known, place), the deceased's
// parents and marital situation when identified, and the declarant.
func (g *guide) deathBody(place string) {
	a := g.act
	g.ask(question{key: "date", label: "Date du décès", read: readDate, set: func(v string) { a.Date = v }})
	g.ask(question{key: "heure", label: "Heure du décès (HH:MM ; vide : inconnue)", optional: true, read: readHour,
		checkFor: unlessEmpty("heure"), set: func(v string) { a.Heure = v }})
	g.ask(question{key: "lieu", label: "Lieu du décès", def: place, place: true, set: func(v string) { a.Lieu = v }})
	if g.err != nil {
		return
	}
	if !a.Defunt.Inconnu {
		for i := 1; i <= 2; i++ {
			g.deathParent(i)
		}
		g.situation()
	}
	g.deathDeclarant()
}

// deathParent asks parent i of the deceased (art. 79 3°): names, and
// either their death or their profession and domicile.
func (g *guide) deathParent(i int) {
	a := g.act
	if !g.yes(fmt.Sprintf("parents[%d]?", i), fmt.Sprintf("Parent %d du défunt connu ?", i), "oui") {
		return
	}
	// A parent not known takes no place: parents[1] is the first named.
	a.Parents = append(a.Parents, civil.Person{})
	p := &a.Parents[len(a.Parents)-1]
	f, who := fmt.Sprintf("parents[%d]", len(a.Parents)), fmt.Sprintf("du parent %d", i)
	g.person(f, who, p, need{sexe: true})
	p.Decede = g.yes(f+".decede?", "Parent "+strconv.Itoa(i)+" décédé ?", "non")
	if p.Decede {
		return
	}
	g.ask(question{key: f + ".profession", label: "Profession " + who + " (vide : non indiquée)", optional: true, set: func(v string) { p.Profession = v }})
	g.ask(question{key: f + ".domicile", label: "Domicile " + who + " (vide : non indiqué)", optional: true,
		checkFor: unlessEmpty(f + ".domicile"), set: func(v string) { p.Domicile = v }})
}

// situation asks the marital situation of the deceased (art. 79 4°, 4°
// bis) and the last spouse or partner it names.
func (g *guide) situation() {
	d := g.act.Defunt
	s := g.ask(question{key: "defunt.situation", label: "Situation du défunt (célibataire, marié, veuf, divorcé ou pacsé)", read: readChoice(civil.SituationChoice),
		set: func(v string) { d.Situation = v }})
	switch s {
	case civil.SituationMarie:
		d.Conjoint = &civil.Spouse{}
		g.spouse("defunt.conjoint", "du conjoint", d.Conjoint)
	case civil.SituationVeuf:
		d.Conjoint = &civil.Spouse{}
		g.spouse("defunt.conjoint", "du conjoint décédé", d.Conjoint)
	case civil.SituationDivorce:
		d.Conjoint = &civil.Spouse{}
		g.spouse("defunt.conjoint", "du dernier ex-conjoint", d.Conjoint)
	case civil.SituationPacse:
		d.Partenaire = &civil.Spouse{}
		g.spouse("defunt.partenaire", "du partenaire de PACS", d.Partenaire)
	}
}

// deathDeclarant asks the declarant of a death (art. 78, 79 5°): names,
// age (a warning when unknown), profession, domicile, and either a
// kinship with the deceased or the capacity in which they declare.
func (g *guide) deathDeclarant() {
	a := g.act
	a.Declarant = &civil.Declarant{}
	dc := a.Declarant
	g.person("declarant", "du déclarant", &dc.Person, need{sexe: true})
	g.birthOrAge("declarant", "du déclarant", &dc.Person, false)
	g.ask(question{key: "declarant.profession", label: "Profession du déclarant (vide : aucune)", optional: true, set: func(v string) { dc.Profession = v }})
	g.ask(question{key: "declarant.domicile", label: "Domicile du déclarant", set: func(v string) { dc.Domicile = v }})
	lien := g.ask(question{key: "declarant.lien", label: "Lien du déclarant avec le défunt (fils, épouse, voisin… ; vide : il déclare en une qualité)",
		optional: true, set: func(v string) { dc.Lien = v }, checkFor: unlessEmpty("declarant.lien")})
	if lien == "" && g.err == nil {
		g.ask(question{key: "declarant.qualite", label: "Qualité en laquelle il déclare (employé des pompes funèbres, officier de police judiciaire…)",
			check: []string{"declarant.qualite", "declarant.lien"}, set: func(v string) { dc.Qualite = v }})
	}
}

// recognitionFlow asks a recognition (art. 62 and 316): before the
// birth, the child is the one its mother expects; after, the child is
// named, with the reference of its birth act when it is in this register.
func recognitionFlow(g *guide) {
	a := g.act
	g.ask(question{key: "moment_reconnaissance", label: "Reconnaissance prénatale (avant la naissance) ou postnatale (après)", read: readChoice(civil.MomentChoice),
		set: func(v string) { a.MomentReconnaissance = v }})
	a.Auteur = &civil.Declarant{}
	au := a.Auteur
	g.person("auteur", "de l'auteur de la reconnaissance", &au.Person, need{sexe: true})
	au.Qualite = civil.Agree(au.Sexe, "père", "mère")
	g.birthOrAge("auteur", "de l'auteur", &au.Person, false)
	g.ask(question{key: "auteur.lieu_naissance", label: "Lieu de naissance de l'auteur — Commune (Département ou Pays)", place: true, set: func(v string) { au.LieuNaissance = v }})
	g.ask(question{key: "auteur.profession", label: "Profession de l'auteur (vide : aucune)", optional: true, set: func(v string) { au.Profession = v }})
	g.ask(question{key: "auteur.domicile", label: "Domicile de l'auteur", set: func(v string) { au.Domicile = v }})
	if g.err != nil {
		return
	}
	if a.MomentReconnaissance == civil.ReconnaissancePrenatale {
		g.unborn()
	} else {
		g.bornChild()
	}
	g.ask(question{key: "lieu", label: "Lieu de la reconnaissance", def: g.here(), place: true, set: func(v string) { a.Lieu = v }})
	g.declaration(func() {})
	g.officerQuestion()
}

// unborn asks the child a prenatal recognition is about: its expected
// name and, when the father recognises it, the mother who expects it.
func (g *guide) unborn() {
	a := g.act
	g.ask(question{key: "enfant.nom", label: "Nom prévu pour l'enfant (vide : non indiqué)", optional: true, read: readNom,
		checkFor: unlessEmpty("enfant.nom"),
		set: func(v string) {
			a.Enfant = nil
			if v != "" {
				a.Enfant = &civil.Person{Nom: v}
			}
		}})
	if a.Auteur.Sexe == "F" {
		return // the mother recognises the child she expects
	}
	a.AutreParent = &civil.Person{}
	m := a.AutreParent
	g.person("autre_parent", "de la mère de l'enfant à naître", m, need{})
	g.ask(question{key: "autre_parent.date_naissance", label: "Date de naissance de la mère", read: readDate, set: func(v string) { m.DateNaissance = v }})
	g.ask(question{key: "autre_parent.lieu_naissance", label: "Lieu de naissance de la mère — Commune (Département ou Pays)", place: true, set: func(v string) { m.LieuNaissance = v }})
}

// bornChild asks the child a postnatal recognition is about, and its
// other parent when known.
func (g *guide) bornChild() {
	a := g.act
	a.Enfant = &civil.Person{}
	e := a.Enfant
	g.person("enfant", "de l'enfant", e, need{sexe: true})
	g.ask(question{key: "enfant.date_naissance", label: "Date de naissance de l'enfant", read: readDate, set: func(v string) { e.DateNaissance = v }})
	g.ask(question{key: "enfant.lieu_naissance", label: "Lieu de naissance de l'enfant — Commune (Département ou Pays)", place: true, set: func(v string) { e.LieuNaissance = v }})
	g.ask(question{key: "enfant.acte", label: "Son acte de naissance dans ce registre (référence naissance/AAAA/N ; vide : dressé ailleurs)", optional: true,
		checkFor: unlessEmpty("enfant.acte"), set: func(v string) { e.Acte = v }})
	if !g.yes("autre_parent?", "L'autre parent est-il connu (nommé dans l'acte de naissance) ?", "oui") {
		return
	}
	a.AutreParent = &civil.Person{}
	g.person("autre_parent", "de l'autre parent", a.AutreParent, need{sexe: true})
}

// stillbornFlow asks the act of a stillborn child (art. 79-1): the
// delivery as the medical certificate gives it, the child's prénoms and
// name if the parents give them, the parents, the declarant.
func stillbornFlow(g *guide) {
	a := g.act
	g.ask(question{key: "certificat_accouchement", label: "Référence du certificat médical d'accouchement",
		intro: "Acte d'enfant sans vie (art. 79-1 du Code civil), au vu du certificat médical d'accouchement : l'acte dit l'accouchement, jamais une naissance ni un décès.",
		set:   func(v string) { a.CertificatAccouchement = v }})
	a.Accouchement = &civil.Delivery{}
	d := a.Accouchement
	g.ask(question{key: "accouchement.date", label: "Date de l'accouchement", read: readDate, set: func(v string) { d.Date = v }})
	g.ask(question{key: "accouchement.heure", label: "Heure de l'accouchement (HH:MM)", read: readHour, set: func(v string) { d.Heure = v }})
	g.ask(question{key: "accouchement.lieu", label: "Lieu de l'accouchement", def: g.here(), place: true, set: func(v string) { d.Lieu = v }})
	child := &civil.Person{}
	given := func() {
		a.Enfant = nil
		if child.Nom != "" || len(child.Prenoms) > 0 || child.Sexe != "" {
			a.Enfant = child
		}
	}
	g.ask(question{key: "enfant.prenoms", label: "Prénoms donnés à l'enfant (séparés par des virgules ; vide : aucun)", optional: true, read: readPrenoms,
		checkFor: unlessEmpty("enfant.prenoms"), set: func(v string) { child.Prenoms = splitList(v); given() }})
	g.ask(question{key: "enfant.nom", label: "Nom donné à l'enfant (vide : aucun)", optional: true, read: readNom,
		checkFor: unlessEmpty("enfant.nom"), set: func(v string) { child.Nom = v; given() }})
	g.ask(question{key: "enfant.sexe", label: "Sexe de l'enfant (F, M ou indéterminé ; vide : non indiqué)", optional: true, read: readChoice(civil.StillbornSexeChoice),
		checkFor: unlessEmpty("enfant.sexe"), set: func(v string) { child.Sexe = v; given() }})
	g.count("parents#", "Nombre de parents nommés (0, 1 ou 2)", "1", 0, 2, func(n int) { a.Parents = make([]civil.Person, n) })
	for i := range a.Parents {
		p := &a.Parents[i]
		f, who := fmt.Sprintf("parents[%d]", i+1), fmt.Sprintf("du parent %d", i+1)
		g.person(f, who, p, need{sexe: true})
		g.birthOrAge(f, who, p, false)
		g.ask(question{key: f + ".lieu_naissance", label: "Lieu de naissance " + who + " — Commune (Département ou Pays)", place: true, set: func(v string) { p.LieuNaissance = v }})
		g.ask(question{key: f + ".profession", label: "Profession " + who + " (vide : aucune)", optional: true, set: func(v string) { p.Profession = v }})
		g.ask(question{key: f + ".domicile", label: "Domicile " + who, set: func(v string) { p.Domicile = v }})
	}
	if dc := g.declarant(a, "Qui déclare ? (la mère, le père, ou autre)"); dc != nil {
		g.birthOrAge("declarant", "du déclarant", &dc.Person, false)
		g.ask(question{key: "declarant.domicile", label: "Domicile du déclarant", set: func(v string) { dc.Domicile = v }})
	}
	g.declaration(func() {})
	g.officerQuestion()
}

// transcriptionFlow asks a death act drawn up in another commune, as
// its copy reads, and the day it is transcribed here (art. 80).
func transcriptionFlow(g *guide) {
	a := g.act
	a.ActeOrigine = &civil.OriginAct{}
	o := a.ActeOrigine
	g.ask(question{key: "acte_origine.commune", label: "Commune qui a dressé l'acte — Commune (Département)", place: true,
		intro: "Transcription (art. 80 du Code civil) : recopiez l'acte de décès reçu tel qu'il est écrit.",
		set:   func(v string) { o.Commune = v }})
	year := g.now.Year()
	g.ask(question{key: "acte_origine.annee", label: "Année de l'acte reçu", def: strconv.Itoa(year), read: readCount(1800, year),
		set: func(v string) { o.Annee, _ = strconv.Atoi(v) }})
	g.ask(question{key: "acte_origine.numero", label: "Numéro de l'acte reçu", read: readCount(1, parse.MaxActNumber),
		set: func(v string) { o.Numero, _ = strconv.Atoi(v) }})
	g.ask(question{key: "acte_origine.officier", label: "Officier qui l'a dressé, comme l'acte le nomme (Prénom NOM, qualité)", optional: true,
		checkFor: unlessEmpty("acte_origine.officier"), set: func(v string) { o.Officier = v }})
	g.deceased()
	g.deathBody(o.Commune)
	a.Declaration = &civil.Moment{}
	g.ask(question{key: "declaration.date", label: "Date de l'acte reçu", read: readDate, set: func(v string) { a.Declaration.Date = v }})
	g.ask(question{key: "declaration.heure", label: "Heure de l'acte reçu", read: readHour, set: func(v string) { a.Declaration.Heure = v }})
	g.ask(question{key: "certificat_medical", label: "Certificat médical cité par l'acte (vide : aucun)", optional: true,
		checkFor: unlessEmpty("certificat_medical"), set: func(v string) { a.CertificatMedical = v }})
	g.ask(question{key: "date_transcription", label: "Date de la transcription", def: words.Figures(g.now), read: readDate,
		set: func(v string) { a.DateTranscription = v }})
	g.officerQuestion()
}
