package civil

import (
	"fmt"
	"slices"

	"etatcivil/internal/fold"
)

// Impediments checks what only the register can show against a marriage
// act (C. civ. art. 147, 161–164): a spouse already dead or still married
// (bigamy), a forbidden kinship between the spouses, banns recorded with
// another date. l answers what the register holds; self is the act's own
// reference when a draft is corrected. Problems refuse the act; warnings
// are shown to the clerk; an error is the register's, when it cannot read.
func Impediments(l Lookup, a *Act, self Ref) (problems []Problem, warnings []string, err error) {
	if len(a.Epoux) != 2 {
		return nil, nil, nil
	}
	for i, e := range a.Epoux {
		if e.DateNaissance == "" {
			return nil, nil, nil // refused already: no identity to match
		}
		f := fmt.Sprintf("epoux[%d]", i+1)
		ps, ws, err := stillMarried(l, f, e.Person, self, a.Posthume != nil && e.DecedeLe != "")
		if err != nil {
			return nil, nil, err
		}
		problems, warnings = append(problems, ps...), append(warnings, ws...)
	}
	ps, ws, err := kinship(l, a)
	if err != nil {
		return nil, nil, err
	}
	problems, warnings = append(problems, ps...), append(warnings, ws...)
	ps, ws, err = recordedBanns(l, a)
	return append(problems, ps...), append(warnings, ws...), err
}

// stillMarried looks for what keeps p from marrying: p's death act, a
// marriage act of p not dissolved, a draft marriage of p, a marriage
// mention on p's birth act with no divorce after it.
//
// dead is true for the deceased spouse of a posthumous marriage (art.
// 171): their death act is expected.
func stillMarried(l Lookup, field string, p Person, self Ref, dead bool) (problems []Problem, warnings []string, err error) {
	if d, err := l.DeathOf(p); err != nil {
		return nil, nil, err
	} else if d != nil && !dead {
		problems = append(problems, Problem{Field: field, Rule: p.FullName() + " est " + Agree(p.Sexe, "décédé", "décédée") + " : acte " + d.Ref().String(),
			Hint: "vérifiez l'identité (noms, date et lieu de naissance) de l'époux"})
	}
	ms, err := l.MarriagesOf(p, true)
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, m := range ms {
		known[m.Act.Reference()] = true
		if m.Act.Ref() == self {
			continue
		}
		other := m.Act.Epoux[1-m.Spouse].FullName()
		if m.Act.Statut == StatutBrouillon || m.Act.Statut == StatutPrevu {
			what := "un acte de mariage en brouillon"
			if m.Act.Statut == StatutPrevu {
				what = "un mariage prévu"
			}
			problems = append(problems, Problem{Field: field, Rule: p.FullName() + " a déjà " + what + " (" + m.Act.Reference() + ", avec " + other + ")",
				Hint: "s'il s'agit du même mariage, corrigez celui-là ; sinon annulez-le d'abord",
				Next: []Next{Then(CorrectDraft, m.Act.Reference()), Then(CancelDraft, m.Act.Reference())}})
			continue
		}
		over, err := dissolved(l, m.Act)
		if err != nil {
			return nil, nil, err
		}
		if !over {
			problems = append(problems, Problem{Field: field, Rule: p.FullName() + " est déjà " + Agree(p.Sexe, "marié", "mariée") + " avec " + other + " (acte " + m.Act.Ref().String() +
				") et ce mariage n'est pas dissous : bigamie interdite (art. 147 du Code civil)",
				Hint: "si ce mariage a pris fin, portez d'abord la mention du divorce ou du décès en marge de l'acte " + m.Act.Ref().String(),
				Next: []Next{Then(AddMention, m.Act.Ref().String(), "divorce")}})
		}
	}
	b, err := l.BirthOf(p)
	if err != nil || b == nil {
		return problems, warnings, err
	}
	open := ""
	for _, m := range b.Mentions {
		switch {
		case m.Nature == "divorce" || m.Nature == "deces" || endsMarriage(m.Texte):
			open = ""
		case (m.Nature == "mariage" || marriageWords(m.Texte)) && !known[m.Source]:
			open = m.Date + " : « " + m.Texte + " »"
		}
	}
	if open != "" {
		warnings = append(warnings, field+" : l'acte de naissance "+b.Ref().String()+" de "+p.FullName()+" porte une mention de mariage ("+open+
			") sans mention de divorce après elle ; avant de célébrer, demandez l'acte de décès du conjoint ou la décision de divorce")
	}
	return problems, warnings, nil
}

// marriageWords tells whether a free mention's text records a marriage.
func marriageWords(text string) bool {
	for _, w := range fold.Words(text) {
		if slices.Contains([]string{"marie", "mariee", "maries", "mariees", "mariage"}, w) {
			return true
		}
	}
	return false
}

// Agree chooses the masculine or the feminine form of a word by sex ("M"
// or "F"): Agree("F", "né", "née") gives "née".
func Agree(sexe, m, f string) string {
	if sexe == "F" {
		return f
	}
	return m
}

// kinship looks in the register for a forbidden kinship between the two
// spouses: direct line (art. 161), brother and sister or half (art. 162),
// uncle or aunt and niece or nephew (art. 163), and in-laws in the direct
// line (art. 161). The last two may be lifted by a dispensation of the
// Président de la République (art. 164), the in-law one only once the
// person who created the alliance is dead.
func kinship(l Lookup, a *Act) (problems []Problem, warnings []string, err error) {
	x, y := a.Epoux[0], a.Epoux[1]
	lifted := dispensed(a.Dispense, "president")
	refuse := func(rule, article string, liftable bool) {
		if liftable && lifted {
			warnings = append(warnings, "lien de parenté ou d'alliance : "+rule+" ; dispense du "+a.Dispense.Autorite+" ("+a.Dispense.Reference+") enregistrée")
			return
		}
		hint := "ce mariage est prohibé : il ne peut pas être célébré"
		if liftable {
			hint = "prohibé sauf dispense du Président de la République (art. 164) : ajoutez \"dispense\": {\"autorite\": \"Président de la République\", \"date\", \"reference\"}"
		}
		problems = append(problems, Problem{Field: "epoux", Rule: rule + " : mariage prohibé (" + article + ")", Hint: hint})
	}
	pair := [2]MarriageSpouse{x, y}
	anc := [2][]kin{}
	for i := range pair {
		if anc[i], err = ancestors(l, pair[i].Person); err != nil {
			return nil, nil, err
		}
	}
	for i := range pair {
		me, other := pair[i], pair[1-i]
		for _, k := range anc[i] {
			if SamePerson(k.person, other.Person) {
				refuse(other.FullName()+" est "+k.how+" de "+me.FullName()+" selon les actes de naissance du registre", "ligne directe, art. 161 du Code civil", false)
			}
		}
	}
	px, py := parentsAt(anc[0], 1), parentsAt(anc[1], 1)
	if p, ok := shareParent(px, py); ok {
		refuse(x.FullName()+" et "+y.FullName()+" ont un parent commun, "+p.FullName()+", selon leurs actes de naissance (frère et sœur ou demi)", "art. 162 du Code civil", false)
	}
	for i := range pair {
		me, other := pair[i], pair[1-i]
		otherParents := parentsAt(anc[1-i], 1)
		for _, parent := range parentsAt(anc[i], 1) {
			pp, err := parentsOf(l, parent)
			if err != nil {
				return nil, nil, err
			}
			if _, ok := shareParent(pp, otherParents); ok && !SamePerson(parent, other.Person) {
				refuse(other.FullName()+" est frère ou sœur de "+parent.FullName()+", parent de "+me.FullName()+" (oncle ou tante et nièce ou neveu)", "art. 163 du Code civil", true)
			}
		}
	}
	for i := range pair {
		me, other := pair[i], pair[1-i]
		desc, err := descendants(l, me.Person)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range append(slices.Clone(anc[i]), desc...) {
			ms, err := l.MarriagesOf(r.person, false)
			if err != nil {
				return nil, nil, err
			}
			for _, m := range ms {
				if !SamePerson(m.Act.Epoux[1-m.Spouse].Person, other.Person) {
					continue
				}
				dead, err := l.DeathOf(r.person)
				if err != nil {
					return nil, nil, err
				}
				gone := dead != nil || slices.ContainsFunc(m.Act.Mentions, func(mn Mention) bool { return mn.Nature == "deces" })
				rule := other.FullName() + " a été " + Agree(other.Sexe, "marié", "mariée") + " avec " + r.person.FullName() + ", " + r.how + " de " + me.FullName() + " (acte " + m.Act.Ref().String() + ") : alliés en ligne directe"
				if !gone {
					rule += ", et " + r.person.FullName() + " n'est pas " + Agree(r.person.Sexe, "décédé", "décédée") + " selon le registre"
				}
				refuse(rule, "art. 161 du Code civil", gone)
			}
		}
	}
	// The parents' names the spouses give: a hint only, names alone do
	// not identify anyone.
	for _, p := range x.Parents {
		for _, q := range y.Parents {
			if sameNames(p, q) {
				warnings = append(warnings, "les deux époux déclarent un parent du même nom, "+p.FullName()+" : vérifiez qu'ils ne sont pas frère et sœur ou demi (art. 162)")
			}
		}
	}
	for i := range pair {
		for _, p := range pair[i].Parents {
			if sameNames(p, pair[1-i].Person) {
				warnings = append(warnings, pair[1-i].FullName()+" porte le nom d'un parent de "+pair[i].FullName()+" : vérifiez le lien de parenté (art. 161)")
			}
		}
	}
	return problems, warnings, nil
}

// parentsAt returns the relatives found at one generation.
func parentsAt(ks []kin, depth int) []Person {
	var out []Person
	for _, k := range ks {
		if k.depth == depth {
			out = append(out, k.person)
		}
	}
	return out
}

// recordedBanns compares the banns date of a marriage with the banns of
// the same spouses recorded in this register, if any.
func recordedBanns(l Lookup, a *Act) (problems []Problem, warnings []string, err error) {
	if a.Bans == nil || a.Bans.DatePublication == "" {
		return nil, nil, nil
	}
	bs, err := l.BannsOf(a.Epoux[0].Person, a.Epoux[1].Person)
	if err != nil {
		return nil, nil, err
	}
	if len(bs) == 0 {
		return nil, []string{"aucune publication des bans de ces époux n'est enregistrée dans ce registre : vérifiez le certificat de publication (publiés avant la panne, ou par une autre commune)"}, nil
	}
	var dates []string
	for _, b := range bs {
		if b.DatePublication == a.Bans.DatePublication {
			return nil, nil, nil
		}
		dates = append(dates, b.Ref()+" du "+b.DatePublication)
	}
	return []Problem{{Field: "bans.date_publication", Rule: "les bans de ces époux sont enregistrés avec une autre date (" + joinFr(dates) + ") que celle de l'acte (" + a.Bans.DatePublication + ")",
		Hint: "corrigez la date de publication dans le fichier du mariage"}}, nil, nil
}

// joinFr joins words as "a, b et c".
func joinFr(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	out := ss[0]
	for i, s := range ss[1:] {
		if i == len(ss)-2 {
			out += " et " + s
		} else {
			out += ", " + s
		}
	}
	return out
}
