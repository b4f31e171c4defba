package civil

import "fmt"

// What migrating a mention of version 1 gave (see MigrateMentions).
const (
	MigratedStructured = "structurée"        // given its data, read from the act that caused it
	MigratedKept       = "gardée en texte"   // its nature kept, its data unknown: its text stays as it was
	MigratedAutre      = "autre"             // a free mention without nature: of nature autre
	MigratedUnchanged  = "déjà en version 2" // nothing to do
)

// MigratedMention says what became of one mention of an act.
type MigratedMention struct {
	Index   int    // position in the act's mentions, from 1
	Nature  string // after migration
	Outcome string // one of the Migrated… constants
	Texte   string
}

// MigrateMentions turns the mentions of act a written by version 1 (a
// nature or none, and a text) into mentions of version 2, in place:
//   - a mention without nature becomes of nature autre, its text kept;
//   - an automatic mention of marriage or death (Source names the act
//     that caused it) is given its data from that act, found by source
//     (nil when the register does not hold it), and only when the text
//     the register writes from those data is exactly the text it bears:
//     the data are read, never guessed;
//   - any other mention keeps its nature and its text, without data: it
//     changes nothing on the extracts, and the clerk is told.
//
// It returns what became of each mention, and whether any changed.
func MigrateMentions(a *Act, source func(ref string) *Act) (out []MigratedMention, changed bool) {
	for i := range a.Mentions {
		m := &a.Mentions[i]
		r := MigratedMention{Index: i + 1, Nature: m.Nature, Texte: m.Texte}
		switch {
		case m.Donnees != nil || m.Nature == NatureAutre:
			r.Outcome = MigratedUnchanged
		case m.Nature == "":
			m.Nature, r.Nature, r.Outcome, changed = NatureAutre, NatureAutre, MigratedAutre, true
		default:
			r.Outcome = MigratedKept
			if d := automaticData(a, *m, source); d != nil {
				prior := *a
				prior.Mentions = a.Mentions[:i]
				try := *m
				try.Donnees = d
				if text, err := MentionText(&prior, try); err == nil && text == m.Texte {
					m.Donnees, r.Outcome, changed = d, MigratedStructured, true
				}
			}
		}
		out = append(out, r)
	}
	return out, changed
}

// automaticData reads the data of an automatic mention of version 1 from
// the act that caused it: the marriage of the person of a birth act, the
// death of the person of a birth act or of a spouse of a marriage act.
// It returns nil when they cannot be read.
func automaticData(a *Act, m Mention, source func(ref string) *Act) *MentionData {
	if m.Source == "" || source == nil {
		return nil
	}
	src := source(m.Source)
	if src == nil || src.Statut != StatutSigne {
		return nil
	}
	switch {
	case m.Nature == NatureMariage && src.Type == Mariage && a.Type == Naissance && len(src.Epoux) == 2:
		me := BornAs(a)
		for i, e := range src.Epoux {
			if SamePerson(e.Person, me) {
				o := src.Epoux[1-i]
				return &MentionData{Date: src.Date, Lieu: src.Lieu, Conjoint: &Spouse{Nom: o.Nom, Prenoms: o.Prenoms}, Acte: src.Ref().String()}
			}
		}
	case m.Nature == NatureDeces && src.Type == Deces && src.Defunt != nil:
		d := &MentionData{Date: src.Date, Lieu: src.Lieu, Acte: src.Ref().String()}
		switch a.Type {
		case Naissance:
			if SamePerson(src.Defunt.Person, BornAs(a)) {
				return d
			}
		case Mariage:
			for i, e := range a.Epoux {
				if SamePerson(e.Person, src.Defunt.Person) {
					d.Personne = fmt.Sprintf("epoux[%d]", i+1)
					return d
				}
			}
		}
	}
	return nil
}
