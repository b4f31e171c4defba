package main

// Guided entry of what format version 2 added (issue 20 §3): a death as
// art. 79 and 87 of the Code civil ask it (an unidentified deceased, a
// date of birth known only in part or an age, the marital situation, the
// parents' professions and domiciles or their death, the declarant's age
// and capacity), the recognitions and the joint choice of name a birth
// act cites, and the guided entry of a recognition, of a stillborn
// child's act and of a transcription. Each answer is read by the same
// parsers and choices as the files (internal/parse, civil.*Choice); the
// whole act is then checked by the register's rules (civil.Validate).

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/parse"
)

// checkPartialDate reads a date that may be known only as a month and
// year or a year (« autant qu'on pourra le savoir »): 1948, 03/1948,
// 12/03/1948; "" when optional and left empty.
func checkPartialDate(optional bool) func(string) (string, string) {
	return func(s string) (string, string) {
		if s == "" && optional {
			return "", ""
		}
		d, err := parse.PartialDate(s)
		if err != nil {
			return "", err.Error()
		}
		return d, ""
	}
}

// checkHourOptional reads an hour, or nothing when it is not known.
func checkHourOptional(s string) (string, string) {
	if s == "" {
		return "", ""
	}
	return checkHour(s)
}

// checkChoice reads one of the values of c (accents and case do not count).
func checkChoice(c *parse.Choice) func(string) (string, string) {
	return func(s string) (string, string) {
		v, err := c.Match(s)
		if err != nil {
			return "", err.Error()
		}
		return v, ""
	}
}

// optional accepts any answer, the empty one too.
func optional(s string) (string, string) { return s, "" }

// birthOrAge asks the date of birth of x and, when it is not known, the
// age in years (art. 57, 62, 79: an age where the date is not known);
// with partial, a month and a year or a year alone are accepted. Both may
// be left empty: the rules then refuse or warn, as the act's kind says.
func (p *prompter) birthOrAge(who string, x *civil.Person, partial bool) error {
	label, check := "Date de naissance "+who+" (vide : inconnue)", checkDate(true)
	if partial {
		label, check = "Date de naissance "+who+" (JJ/MM/AAAA, MM/AAAA ou AAAA ; vide : inconnue)", checkPartialDate(true)
	}
	d, err := p.askValid(label, "", check)
	if err != nil || d != "" {
		x.DateNaissance = d
		return err
	}
	age, err := p.askValid("Âge "+who+" en années (vide : inconnu)", "", func(s string) (string, string) {
		if s == "" {
			return "", ""
		}
		n, err := parse.Number(s, 0, 130)
		if err != nil {
			return "", err.Error()
		}
		return strconv.Itoa(n), ""
	})
	if err != nil || age == "" {
		return err
	}
	n, _ := strconv.Atoi(age)
	x.Age = &n
	return nil
}

// names asks a NOM (in capitals) and prénoms; label says whose.
func (p *prompter) names(who string) (civil.Spouse, error) {
	x, err := p.person(who, false, false)
	return civil.Spouse{Nom: x.Nom, Prenoms: x.Prenoms}, err
}

// death asks a death act (art. 79 and 87 of the Code civil). A NOM left
// empty is an unidentified deceased: a description and the discovery
// instead of names.
func (p *prompter) death(a *civil.Act, c civil.Commune, now time.Time) error {
	d := &civil.Deceased{}
	a.Defunt = d
	nom, err := p.ask("NOM du défunt (vide : défunt non identifié, art. 87)", "")
	if err != nil {
		return err
	}
	if nom == "" {
		if err := p.unidentified(d, c); err != nil {
			return err
		}
	} else if err := p.deceased(d, nom); err != nil {
		return err
	}
	if err := p.deathBody(a, c, here(c)); err != nil {
		return err
	}
	if err := p.declaration(a, now); err != nil {
		return err
	}
	a.CertificatMedical, err = p.askValid("Référence du certificat médical de décès", "", notEmpty)
	return err
}

// deceased asks an identified deceased: names, sex, birth « autant qu'on
// pourra le savoir », nationality, profession and domicile.
func (p *prompter) deceased(d *civil.Deceased, nom string) (err error) {
	d.Nom = strings.ToUpper(nom)
	pr, err := p.askValid("Prénoms du défunt (séparés par des virgules)", "", notEmpty)
	if err != nil {
		return err
	}
	for _, v := range splitList(pr) {
		d.Prenoms = append(d.Prenoms, civil.Capitalize(v))
	}
	if d.Sexe, err = p.askValid("Sexe du défunt (F/M)", "", checkSexe); err != nil {
		return err
	}
	if err := p.birthOrAge("du défunt", &d.Person, true); err != nil {
		return err
	}
	if d.LieuNaissance, err = p.ask("Lieu de naissance du défunt — Commune (Département ou Pays) (vide : inconnu)", ""); err != nil {
		return err
	}
	if d.Nationalite, err = p.ask("Nationalité du défunt (vide : française)", ""); err != nil {
		return err
	}
	if d.Profession, err = p.ask("Profession du défunt (vide : aucune)", ""); err != nil {
		return err
	}
	d.Domicile, err = p.askValid("Domicile du défunt", "", notEmpty)
	return err
}

// unidentified asks what art. 87 puts in the act of a person whose
// identity could not be established.
func (p *prompter) unidentified(d *civil.Deceased, c civil.Commune) (err error) {
	fmt.Fprintln(p.e.out, "Défunt non identifié (art. 87 du Code civil) : son signalement et sa découverte ; ses nom et prénoms viendront par mention de rectification.")
	d.Inconnu = true
	if d.Sexe, err = p.askValid("Sexe du défunt (F/M)", "", checkSexe); err != nil {
		return err
	}
	if d.Signalement, err = p.askValid("Signalement (âge apparent, taille, signes particuliers)", "", notEmpty); err != nil {
		return err
	}
	if d.DateDecouverte, err = p.askValid("Date de la découverte", "", checkDate(false)); err != nil {
		return err
	}
	if d.LieuDecouverte, err = p.askValid("Lieu de la découverte", "", notEmpty); err != nil {
		return err
	}
	d.ProcesVerbal, err = p.askValid("Procès-verbal (référence)", "", notEmpty)
	return err
}

// deathBody asks the death itself (hour if known, place), the deceased's
// parents and marital situation when identified, and the declarant.
func (p *prompter) deathBody(a *civil.Act, c civil.Commune, place string) (err error) {
	if a.Date, err = p.askValid("Date du décès", "", checkDate(false)); err != nil {
		return err
	}
	if a.Heure, err = p.askValid("Heure du décès (HH:MM ; vide : inconnue)", "", checkHourOptional); err != nil {
		return err
	}
	if a.Lieu, err = p.askValid("Lieu du décès", place, notEmpty); err != nil {
		return err
	}
	if !a.Defunt.Inconnu {
		for i := 1; i <= 2; i++ {
			if err := p.deathParent(a, i); err != nil {
				return err
			}
		}
		if err := p.situation(a.Defunt); err != nil {
			return err
		}
	}
	return p.deathDeclarant(a)
}

// deathParent asks a parent of the deceased (art. 79 3°): names, and
// either their death or their profession and domicile.
func (p *prompter) deathParent(a *civil.Act, i int) error {
	known, err := p.askYes(fmt.Sprintf("Parent %d du défunt connu ?", i), "oui")
	if err != nil || !known {
		return err
	}
	who := fmt.Sprintf("du parent %d", i)
	par, err := p.person(who, true, false)
	if err != nil {
		return err
	}
	if par.Decede, err = p.askYes("Parent "+strconv.Itoa(i)+" décédé ?", "non"); err != nil {
		return err
	}
	if !par.Decede {
		if par.Profession, err = p.ask("Profession "+who+" (vide : non indiquée)", ""); err != nil {
			return err
		}
		if par.Domicile, err = p.ask("Domicile "+who+" (vide : non indiqué)", ""); err != nil {
			return err
		}
	}
	a.Parents = append(a.Parents, par)
	return nil
}

// situation asks the marital situation of the deceased (art. 79 4°, 4°
// bis) and the last spouse or partner it names.
func (p *prompter) situation(d *civil.Deceased) (err error) {
	if d.Situation, err = p.askValid("Situation du défunt (célibataire, marié, veuf, divorcé ou pacsé)", "", checkChoice(civil.SituationChoice)); err != nil {
		return err
	}
	var sp civil.Spouse
	switch d.Situation {
	case civil.SituationMarie:
		sp, err = p.names("du conjoint")
		d.Conjoint = &sp
	case civil.SituationVeuf:
		sp, err = p.names("du conjoint décédé")
		d.Conjoint = &sp
	case civil.SituationDivorce:
		sp, err = p.names("du dernier ex-conjoint")
		d.Conjoint = &sp
	case civil.SituationPacse:
		sp, err = p.names("du partenaire de PACS")
		d.Partenaire = &sp
	}
	return err
}

// deathDeclarant asks the declarant of a death (art. 78, 79 5°): names,
// age (a warning when unknown), profession, domicile, and either a
// kinship with the deceased or the capacity in which they declare.
func (p *prompter) deathDeclarant(a *civil.Act) error {
	decl, err := p.person("du déclarant", true, false)
	if err != nil {
		return err
	}
	a.Declarant = &civil.Declarant{Person: decl}
	if err := p.birthOrAge("du déclarant", &a.Declarant.Person, false); err != nil {
		return err
	}
	if a.Declarant.Profession, err = p.ask("Profession du déclarant (vide : aucune)", ""); err != nil {
		return err
	}
	if a.Declarant.Domicile, err = p.askValid("Domicile du déclarant", "", notEmpty); err != nil {
		return err
	}
	if a.Declarant.Lien, err = p.ask("Lien du déclarant avec le défunt (fils, épouse, voisin… ; vide : il déclare en une qualité)", ""); err != nil {
		return err
	}
	if a.Declarant.Lien == "" {
		a.Declarant.Qualite, err = p.askValid("Qualité en laquelle il déclare (employé des pompes funèbres, officier de police judiciaire…)", "", notEmpty)
	}
	return err
}

// birthCitations asks, for a child with both parents named, the
// recognitions made before the birth that its act cites (art. 316) and
// the parents' joint declaration of choice of name (art. 311-21).
func (p *prompter) birthCitations(a *civil.Act) error {
	if len(a.Parents) != 2 {
		return nil
	}
	for {
		ref, err := p.askValid("Reconnaissance faite avant la naissance, à citer (référence reconnaissance/AAAA/N, ou « ailleurs » si elle a été reçue dans une autre commune ; vide : aucune ou plus d'autre)", "", optional)
		if err != nil {
			return err
		}
		if ref == "" {
			break
		}
		if strings.EqualFold(ref, "ailleurs") {
			r, err := p.recognitionElsewhere()
			if err != nil {
				return err
			}
			a.Reconnaissances = append(a.Reconnaissances, r)
			continue
		}
		a.Reconnaissances = append(a.Reconnaissances, civil.RecognitionRef{Acte: ref})
	}
	joint, err := p.askYes("Déclaration conjointe de choix de nom remise par les parents ?", "non")
	if err != nil || !joint {
		return err
	}
	j := &civil.JointName{}
	if j.Date, err = p.askValid("Date de la déclaration conjointe", a.Declaration.Date, checkDate(false)); err != nil {
		return err
	}
	if j.Nom, err = p.askValid("Nom choisi", a.Enfant.Nom, notEmpty); err != nil {
		return err
	}
	j.Nom = strings.ToUpper(j.Nom)
	a.DeclarationConjointeNom = j
	return nil
}

// recognition asks a recognition (art. 62 and 316): before the birth,
// the child is the one its mother expects; after, the child is named,
// with the reference of its birth act when it is in this register.
func (p *prompter) recognition(a *civil.Act, c civil.Commune, now time.Time) (err error) {
	if a.MomentReconnaissance, err = p.askValid("Reconnaissance prénatale (avant la naissance) ou postnatale (après)", "", checkChoice(civil.MomentChoice)); err != nil {
		return err
	}
	au, err := p.person("de l'auteur de la reconnaissance", true, false)
	if err != nil {
		return err
	}
	a.Auteur = &civil.Declarant{Person: au, Qualite: civil.Agree(au.Sexe, "père", "mère")}
	if err := p.birthOrAge("de l'auteur", &a.Auteur.Person, false); err != nil {
		return err
	}
	if a.Auteur.LieuNaissance, err = p.askValid("Lieu de naissance de l'auteur — Commune (Département ou Pays)", "", notEmpty); err != nil {
		return err
	}
	if a.Auteur.Profession, err = p.ask("Profession de l'auteur (vide : aucune)", ""); err != nil {
		return err
	}
	if a.Auteur.Domicile, err = p.askValid("Domicile de l'auteur", "", notEmpty); err != nil {
		return err
	}
	if a.MomentReconnaissance == civil.ReconnaissancePrenatale {
		if err := p.unborn(a); err != nil {
			return err
		}
	} else if err := p.bornChild(a); err != nil {
		return err
	}
	if a.Lieu, err = p.askValid("Lieu de la reconnaissance", here(c), notEmpty); err != nil {
		return err
	}
	return p.declaration(a, now)
}

// unborn asks the child a prenatal recognition is about: its expected
// name and, when the father recognises it, the mother who expects it.
func (p *prompter) unborn(a *civil.Act) (err error) {
	nom, err := p.ask("Nom prévu pour l'enfant (vide : non indiqué)", "")
	if err != nil {
		return err
	}
	if nom != "" {
		a.Enfant = &civil.Person{Nom: strings.ToUpper(nom)}
	}
	if a.Auteur.Sexe == "F" {
		return nil // the mother recognises the child she expects
	}
	m, err := p.person("de la mère de l'enfant à naître", false, false)
	if err != nil {
		return err
	}
	if m.DateNaissance, err = p.askValid("Date de naissance de la mère", "", checkDate(false)); err != nil {
		return err
	}
	if m.LieuNaissance, err = p.askValid("Lieu de naissance de la mère — Commune (Département ou Pays)", "", notEmpty); err != nil {
		return err
	}
	a.AutreParent = &m
	return nil
}

// bornChild asks the child a postnatal recognition is about, and its
// other parent when known.
func (p *prompter) bornChild(a *civil.Act) (err error) {
	e, err := p.person("de l'enfant", true, false)
	if err != nil {
		return err
	}
	if e.DateNaissance, err = p.askValid("Date de naissance de l'enfant", "", checkDate(false)); err != nil {
		return err
	}
	if e.LieuNaissance, err = p.askValid("Lieu de naissance de l'enfant — Commune (Département ou Pays)", "", notEmpty); err != nil {
		return err
	}
	if e.Acte, err = p.ask("Son acte de naissance dans ce registre (référence naissance/AAAA/N ; vide : dressé ailleurs)", ""); err != nil {
		return err
	}
	a.Enfant = &e
	other, err := p.askYes("L'autre parent est-il connu (nommé dans l'acte de naissance) ?", "oui")
	if err != nil || !other {
		return err
	}
	o, err := p.person("de l'autre parent", true, false)
	a.AutreParent = &o
	return err
}

// stillborn asks the act of a stillborn child (art. 79-1): the delivery
// as the medical certificate gives it, the child's prénoms and name if
// the parents give them, the parents, the declarant.
func (p *prompter) stillborn(a *civil.Act, c civil.Commune, now time.Time) (err error) {
	fmt.Fprintln(p.e.out, "Acte d'enfant sans vie (art. 79-1 du Code civil), au vu du certificat médical d'accouchement : l'acte dit l'accouchement, jamais une naissance ni un décès.")
	if a.CertificatAccouchement, err = p.askValid("Référence du certificat médical d'accouchement", "", notEmpty); err != nil {
		return err
	}
	d := &civil.Delivery{}
	if d.Date, err = p.askValid("Date de l'accouchement", "", checkDate(false)); err != nil {
		return err
	}
	if d.Heure, err = p.askValid("Heure de l'accouchement (HH:MM)", "", checkHour); err != nil {
		return err
	}
	if d.Lieu, err = p.askValid("Lieu de l'accouchement", here(c), notEmpty); err != nil {
		return err
	}
	a.Accouchement = d
	child := &civil.Person{}
	pr, err := p.ask("Prénoms donnés à l'enfant (séparés par des virgules ; vide : aucun)", "")
	if err != nil {
		return err
	}
	for _, v := range splitList(pr) {
		child.Prenoms = append(child.Prenoms, civil.Capitalize(v))
	}
	nom, err := p.ask("Nom donné à l'enfant (vide : aucun)", "")
	if err != nil {
		return err
	}
	child.Nom = strings.ToUpper(nom)
	if child.Sexe, err = p.askValid("Sexe de l'enfant (F, M ou indéterminé ; vide : non indiqué)", "", func(s string) (string, string) {
		if s == "" {
			return "", ""
		}
		return checkChoice(civil.StillbornSexeChoice)(s)
	}); err != nil {
		return err
	}
	if child.Nom != "" || len(child.Prenoms) > 0 || child.Sexe != "" {
		a.Enfant = child
	}
	n, err := p.askValid("Nombre de parents nommés (0, 1 ou 2)", "1", func(s string) (string, string) {
		if s != "0" && s != "1" && s != "2" {
			return "", "répondez 0, 1 ou 2"
		}
		return s, ""
	})
	if err != nil {
		return err
	}
	for i := 0; i < int(n[0]-'0'); i++ {
		who := fmt.Sprintf("du parent %d", i+1)
		par, err := p.person(who, true, false)
		if err != nil {
			return err
		}
		if err := p.birthOrAge(who, &par, false); err != nil {
			return err
		}
		if par.LieuNaissance, err = p.askValid("Lieu de naissance "+who+" — Commune (Département ou Pays)", "", notEmpty); err != nil {
			return err
		}
		if par.Profession, err = p.ask("Profession "+who+" (vide : aucune)", ""); err != nil {
			return err
		}
		if par.Domicile, err = p.askValid("Domicile "+who, "", notEmpty); err != nil {
			return err
		}
		a.Parents = append(a.Parents, par)
	}
	if err := p.otherDeclarant(a); err != nil {
		return err
	}
	return p.declaration(a, now)
}

// otherDeclarant asks who declares: a parent by their quality, anyone
// else named in full with their quality.
func (p *prompter) otherDeclarant(a *civil.Act) error {
	q, err := p.askValid("Qui déclare ? (la mère, le père, ou autre)", "", notEmpty)
	if err != nil {
		return err
	}
	if v, err := civil.DeclarantChoice.Match(q); err == nil {
		a.Declarant = &civil.Declarant{Qualite: v}
		return nil
	}
	d, err := p.person("du déclarant", false, false)
	if err != nil {
		return err
	}
	a.Declarant = &civil.Declarant{Person: d}
	if a.Declarant.Qualite, err = p.askValid("Qualité du déclarant (sage-femme, médecin…)", "", notEmpty); err != nil {
		return err
	}
	if err := p.birthOrAge("du déclarant", &a.Declarant.Person, false); err != nil {
		return err
	}
	a.Declarant.Domicile, err = p.askValid("Domicile du déclarant", "", notEmpty)
	return err
}

// transcription asks a death act drawn up in another commune, as its copy
// reads, and the day it is transcribed here (art. 80).
func (p *prompter) transcription(a *civil.Act, c civil.Commune, now time.Time) (err error) {
	fmt.Fprintln(p.e.out, "Transcription (art. 80 du Code civil) : recopiez l'acte de décès reçu tel qu'il est écrit.")
	o := &civil.OriginAct{}
	if o.Commune, err = p.askValid("Commune qui a dressé l'acte — Commune (Département)", "", notEmpty); err != nil {
		return err
	}
	year, err := p.askValid("Année de l'acte reçu", strconv.Itoa(now.Year()), func(s string) (string, string) {
		n, err := parse.Number(s, 1800, now.Year())
		if err != nil {
			return "", err.Error()
		}
		return strconv.Itoa(n), ""
	})
	if err != nil {
		return err
	}
	o.Annee, _ = strconv.Atoi(year)
	num, err := p.askValid("Numéro de l'acte reçu", "", func(s string) (string, string) {
		n, err := parse.Number(s, 1, parse.MaxActNumber)
		if err != nil {
			return "", err.Error()
		}
		return strconv.Itoa(n), ""
	})
	if err != nil {
		return err
	}
	o.Numero, _ = strconv.Atoi(num)
	if o.Officier, err = p.ask("Officier qui l'a dressé, comme l'acte le nomme (Prénom NOM, qualité)", ""); err != nil {
		return err
	}
	a.ActeOrigine = o
	d := &civil.Deceased{}
	a.Defunt = d
	nom, err := p.ask("NOM du défunt (vide : défunt non identifié, art. 87)", "")
	if err != nil {
		return err
	}
	if nom == "" {
		err = p.unidentified(d, c)
	} else {
		err = p.deceased(d, nom)
	}
	if err != nil {
		return err
	}
	if err := p.deathBody(a, c, o.Commune); err != nil {
		return err
	}
	a.Declaration = &civil.Moment{}
	if a.Declaration.Date, err = p.askValid("Date de l'acte reçu", "", checkDate(false)); err != nil {
		return err
	}
	if a.Declaration.Heure, err = p.askValid("Heure de l'acte reçu", "", checkHour); err != nil {
		return err
	}
	if a.CertificatMedical, err = p.ask("Certificat médical cité par l'acte (vide : aucun)", ""); err != nil {
		return err
	}
	a.DateTranscription, err = p.askValid("Date de la transcription", now.Format("2006-01-02"), checkDate(false))
	return err
}

// foundling asks the rest of the act that stands for the birth act of a
// child found (art. 58): the date of birth already asked is the one fixed
// from its apparent age; no hour, no parents; the discovery as the
// report gives it, and the finder who declares it, with no time limit.
func (p *prompter) foundling(a *civil.Act, c civil.Commune, now time.Time) (err error) {
	fmt.Fprintln(p.e.out, "Enfant trouvé (art. 58 du Code civil) : l'acte tient lieu d'acte de naissance ; la date de naissance est celle que fixe l'âge apparent, l'enfant est dit né au lieu de sa découverte, ses prénoms et nom sont ceux que vous lui donnez.")
	f := &civil.Foundling{}
	if f.DateDecouverte, err = p.askValid("Date de la découverte", "", checkDate(false)); err != nil {
		return err
	}
	if f.HeureDecouverte, err = p.askValid("Heure de la découverte (HH:MM ; vide : inconnue)", "", checkHourOptional); err != nil {
		return err
	}
	if f.LieuDecouverte, err = p.askValid("Lieu de la découverte (adresse, Commune (Département))", "", notEmpty); err != nil {
		return err
	}
	if a.Lieu, err = p.askValid("Commune de la découverte, où l'enfant est dit né", here(c), notEmpty); err != nil {
		return err
	}
	if f.AgeApparent, err = p.askValid("Âge apparent (environ dix jours…)", "", notEmpty); err != nil {
		return err
	}
	if f.Signalement, err = p.askValid("Signalement (taille, vêtements, signes particuliers)", "", notEmpty); err != nil {
		return err
	}
	if f.ProcesVerbal, err = p.askValid("Procès-verbal de découverte (référence)", "", notEmpty); err != nil {
		return err
	}
	a.EnfantTrouve = f
	d, err := p.person("de la personne qui déclare la découverte", true, false)
	if err != nil {
		return err
	}
	a.Declarant = &civil.Declarant{Person: d}
	if a.Declarant.Qualite, err = p.askValid("Qualité du déclarant", "personne ayant trouvé l'enfant", notEmpty); err != nil {
		return err
	}
	if a.Declarant.DateNaissance, err = p.askValid("Date de naissance du déclarant (vide : inconnue)", "", checkDate(true)); err != nil {
		return err
	}
	if a.Declarant.Profession, err = p.ask("Profession du déclarant (vide : aucune)", ""); err != nil {
		return err
	}
	if a.Declarant.Domicile, err = p.askValid("Domicile du déclarant", "", notEmpty); err != nil {
		return err
	}
	return p.declaration(a, now)
}

// spouseParent asks parent j of spouse i (art. 76 2°): names, and either
// their death or their profession and domicile; nil when not inscribed.
func (p *prompter) spouseParent(i, j int) (*civil.Person, error) {
	known, err := p.askYes(fmt.Sprintf("Parent %d de l'époux %d à inscrire ?", j, i), "oui")
	if err != nil || !known {
		return nil, err
	}
	who := fmt.Sprintf("du parent %d de l'époux %d", j, i)
	par, err := p.person(who, true, false)
	if err != nil {
		return nil, err
	}
	if par.Decede, err = p.askYes(fmt.Sprintf("Parent %d de l'époux %d décédé ?", j, i), "non"); err != nil || par.Decede {
		return &par, err
	}
	if par.Profession, err = p.ask("Profession "+who+" (vide : non indiquée)", ""); err != nil {
		return nil, err
	}
	par.Domicile, err = p.ask("Domicile "+who+" (vide : non indiqué)", "")
	return &par, err
}

// previousSpouse asks the spouse of a previous marriage of spouse i (art.
// 76 4°), nil when there was none.
func (p *prompter) previousSpouse(i int) (*civil.Spouse, error) {
	before, err := p.askYes(fmt.Sprintf("L'époux %d a-t-il été marié auparavant ?", i), "non")
	if err != nil || !before {
		return nil, err
	}
	sp, err := p.names(fmt.Sprintf("du précédent conjoint de l'époux %d", i))
	return &sp, err
}

// recognitionElsewhere asks a recognition received by another commune,
// which a birth act cites by its date, place and author (art. 316).
func (p *prompter) recognitionElsewhere() (r civil.RecognitionRef, err error) {
	if r.Date, err = p.askValid("Date de la reconnaissance", "", checkDate(false)); err != nil {
		return r, err
	}
	if r.Lieu, err = p.askValid("Commune où elle a été reçue — Commune (Département)", "", notEmpty); err != nil {
		return r, err
	}
	au, err := p.names("de son auteur")
	r.Auteur = &au
	return r, err
}
