package civil

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// changes tells whether a mention changes what the act says (see
// Current): a rectification, a change of prénoms or of name, a
// recognition of the child, with their data.
func changes(m Mention) bool {
	if m.Donnees == nil {
		return false // a mention of nature autre, or one of version 1 kept as text
	}
	switch m.Nature {
	case NatureRectification, NatureChangementPrenoms, NatureChangementNom, NatureReconnaissance:
		return true
	}
	return false
}

// Current returns the act as its mentions have made it (etat-civil.md
// §6): what an extract and a plurilingual extract print. The mentions
// apply in the order they were written:
//   - rectification: the field its path names takes the rectified value
//     (« Fanch » becomes « Fañch »);
//   - changement-prenoms, changement-nom: the person concerned (the
//     child, the deceased, or the spouse named by personne) takes the new
//     prénoms or NOM;
//   - reconnaissance: the author becomes a parent of the child, by names
//     and sex, when the act does not name them already;
//   - the others (marriage, divorce, death, PACS, annulment) change no
//     field: they are printed as mentions, and annulment makes the act
//     annulled (see Annulment); a mention of nature autre, or one of
//     version 1 kept as text, never changes anything.
//
// The act itself is never changed: the result is a, when no mention
// changes it, or a copy. Callers must not change what it returns.
func (a *Act) Current() *Act {
	if !slices.ContainsFunc(a.Mentions, changes) {
		return a
	}
	cur := a.clone()
	for _, m := range a.Mentions {
		if changes(m) {
			cur.apply(m)
		}
	}
	return cur
}

// clone copies an act deeply, through its JSON form, so that a kind of
// act or a field added later is copied too; the mentions, which applying
// them never changes, are shared.
func (a *Act) clone() *Act {
	body := *a
	body.Mentions = nil
	data, err := json.Marshal(&body)
	var out Act
	if err == nil {
		err = json.Unmarshal(data, &out)
	}
	if err != nil {
		panic("civil: an act does not copy through JSON: " + err.Error()) // every field of Act is plain JSON
	}
	out.Empreinte, out.Mentions, out.SansContrat = a.Empreinte, a.Mentions, a.SansContrat
	return &out
}

// apply makes the change one mention makes.
func (a *Act) apply(m Mention) {
	d := m.Donnees
	switch m.Nature {
	case NatureRectification:
		setField(a, d.Champ, d.Valeur)
	case NatureChangementPrenoms:
		if p := a.mentionSubject(d.Personne); p != nil {
			p.Prenoms = slices.Clone(d.Prenoms)
		}
	case NatureChangementNom:
		if p := a.mentionSubject(d.Personne); p != nil {
			p.Nom = d.Nom
		}
	case NatureReconnaissance:
		if d.Auteur == nil || a.Type != Naissance {
			return
		}
		author := Person{Nom: d.Auteur.Nom, Prenoms: slices.Clone(d.Auteur.Prenoms)}
		switch d.Qualite {
		case "père":
			author.Sexe = "M"
		case "mère":
			author.Sexe = "F"
		}
		for _, p := range a.Parents {
			if sameNames(p, author) {
				return
			}
		}
		if len(a.Parents) < 2 {
			a.Parents = append(a.Parents, author)
		}
	}
}

// mentionSubject returns the person a mention is about in the act: the
// spouse named by personne ("epoux[2]") on a marriage act, else the
// person the act is about (the child, the deceased).
func (a *Act) mentionSubject(personne string) *Person {
	if a.Type == Mariage {
		i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(personne, "epoux["), "]"))
		if err != nil || i < 1 || i > len(a.Epoux) {
			return nil
		}
		return &a.Epoux[i-1].Person
	}
	return a.Subject()
}

// Annulment returns the mention that annulled the act, if any: an
// annulled act is shown as such everywhere, and no copy of it is
// delivered.
func (a *Act) Annulment() (Mention, bool) {
	for _, m := range a.Mentions {
		if m.Nature == NatureAnnulation {
			return m, true
		}
	}
	return Mention{}, false
}

// AnnulmentText says, for a clerk, that and how an act was annulled:
// « annulé par décision du tribunal judiciaire de Lille du 02/12/2026
// (référence RG 26/1234), mention du 03/12/2026 ».
func AnnulmentText(m Mention) string {
	s := "annulé"
	if d := m.Donnees; d != nil && d.Decision != nil {
		s += " par décision " + ofAuthority(d.Decision.Autorite) + " du " + figuresDate(d.Decision.Date)
		if d.Decision.Reference != "" {
			s += " (référence " + d.Decision.Reference + ")"
		}
	}
	return s + ", mention du " + figuresDate(m.Date)
}

// figuresDate writes AAAA-MM-JJ as JJ/MM/AAAA, anything else as it is.
func figuresDate(s string) string {
	if t, ok := ParseDate(s); ok {
		return t.Format("02/01/2006")
	}
	return s
}

// DeathDate returns the date of death of person p of the act (AAAA-MM-JJ)
// when a structured mention of death on the act gives it: on a birth act
// the child's, on a marriage act the spouse's its personne names. A
// mention of version 1 kept as text gives none: its date is never
// guessed from its words.
func (a *Act) DeathDate(p Person) (string, bool) {
	for _, m := range slices.Backward(a.Mentions) {
		if m.Nature != NatureDeces || m.Donnees == nil || m.Donnees.Date == "" {
			continue
		}
		if a.Type == Mariage {
			s := a.mentionSubject(m.Donnees.Personne)
			if s == nil || !sameNames(*s, p) {
				continue
			}
		}
		return m.Donnees.Date, true
	}
	return "", false
}

// AsPrinted returns the act as a document of form forme prints it: the
// act itself, with every mention, for a copie intégrale or a register
// sheet; the act as its mentions have made it (see Current) for an
// extract or a plurilingual extract, which show only the mentions their
// form carries (see OnExtract).
func (a *Act) AsPrinted(forme string) *Act {
	if forme == FormeIntegrale || forme == FormeFeuillet {
		return a
	}
	return a.Current()
}
