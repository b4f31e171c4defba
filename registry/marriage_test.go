package registry

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

// marriage is a valid marriage celebrated in Lomme on Saturday 21
// November 2026: Camille, born in Lomme, and Sacha, born in Roubaix.
func marriage() *civil.Act {
	return &civil.Act{
		Type: civil.Mariage,
		Epoux: []civil.MarriageSpouse{
			{Person: camille(), Parents: []civil.Person{{Nom: "BERNARD", Prenoms: []string{"Luc"}}, {Nom: "PETIT", Prenoms: []string{"Rose"}}}},
			{Person: sacha(), Parents: []civil.Person{{Nom: "DUBOIS", Prenoms: []string{"Marc"}}}},
		},
		Date: "2026-11-21", Heure: "11:00", Lieu: "Lomme (Nord)",
		Bans:        &civil.BannsRef{DatePublication: "2026-11-05"},
		SansContrat: true,
		Temoins: []civil.Person{
			{Nom: "LEROY", Prenoms: []string{"Inès"}, DateNaissance: "1990-01-15", Profession: "architecte", Domicile: "5 rue Pasteur, Lille (Nord)"},
			{Nom: "MOREAU", Prenoms: []string{"Hugo"}, DateNaissance: "1988-07-30", Profession: "professeur", Domicile: "2 allée des Tilleuls, Lomme (Nord)"},
		},
		Officier: "o1",
	}
}

func camille() civil.Person {
	return civil.Person{Nom: "BERNARD", Prenoms: []string{"Camille", "Jeanne"}, Sexe: "F", DateNaissance: "1996-04-02",
		LieuNaissance: "Lomme (Nord)", Profession: "professeure", Domicile: "7 rue du Bourg, Lomme (Nord)"}
}

func sacha() civil.Person {
	return civil.Person{Nom: "DUBOIS", Prenoms: []string{"Sacha"}, Sexe: "M", DateNaissance: "1995-09-18",
		LieuNaissance: "Roubaix (Nord)", Profession: "électricien", Domicile: "7 rue du Bourg, Lomme (Nord)"}
}

// parent is a full parent for a birth act of the register.
func parent(nom, prenom, sexe, born string) civil.Person {
	return civil.Person{Nom: nom, Prenoms: []string{prenom}, Sexe: sexe, DateNaissance: born, LieuNaissance: "Lomme (Nord)", Domicile: "1 rue Neuve, Lomme (Nord)"}
}

// bornHere is the birth act, drawn up in Lomme, of p (born in Lomme).
func bornHere(p civil.Person, parents ...civil.Person) *civil.Act {
	d := &civil.Declarant{Qualite: "le parent"}
	if len(parents) == 0 {
		d = &civil.Declarant{Qualite: "sage-femme", Person: civil.Person{Nom: "FAURE", Prenoms: []string{"Lise"}, Domicile: "3 rue Neuve, Lomme (Nord)"}}
	}
	return &civil.Act{Type: civil.Naissance, Enfant: &civil.Person{Nom: p.Nom, Prenoms: p.Prenoms, Sexe: p.Sexe},
		Date: p.DateNaissance, Heure: "08:00", Lieu: "Lomme (Nord)", Parents: parents,
		Declarant: d, Declaration: &civil.Moment{Date: p.DateNaissance, Heure: "18:00"}, Officier: "o1"}
}

// signed registers, prints and signs an act, failing the test on any
// refusal.
func signed(t *testing.T, s *Store, a *civil.Act) []FollowUp {
	t.Helper()
	drawUp(t, s, a)
	return printAndSign(t, s, a.Ref())
}

// refusedOn asserts that err refuses field with a rule containing want.
func refusedOn(t *testing.T, err error, field, want string) {
	t.Helper()
	r, ok := err.(*civil.RefusedError)
	if !ok {
		t.Fatalf("want a refusal on %s (%s), got %v", field, want, err)
	}
	for _, p := range r.Problems {
		if p.Field == field && strings.Contains(p.Rule, want) {
			return
		}
	}
	t.Fatalf("want a refusal on %s containing %q, got %v", field, want, err)
}

func TestMarriageConditions(t *testing.T) {
	delegate := func(id string) (civil.Officer, bool) {
		return civil.Officer{ID: id, Prenoms: []string{"Paul"}, Nom: "ROUX", Qualite: "fonctionnaire-delegue"}, true
	}
	for _, tc := range []struct {
		name         string
		edit         func(a *civil.Act)
		field, rule  string // empty: accepted
		officer      func(string) (civil.Officer, bool)
		warningMatch string
	}{
		{name: "valid"},
		{name: "exactly 18 on the day", edit: func(a *civil.Act) { a.Epoux[0].DateNaissance = "2008-11-21" }},
		{name: "17 on the day", edit: func(a *civil.Act) { a.Epoux[0].DateNaissance = "2008-11-22" }, field: "epoux[1].date_naissance", rule: "17 ans"},
		{name: "17 with the procureur's dispensation", edit: func(a *civil.Act) {
			a.Epoux[0].DateNaissance = "2008-11-22"
			a.Dispense = &civil.Dispensation{Autorite: "procureur de la République près le tribunal judiciaire de Lille", Date: "2026-10-01", Reference: "PR-2026-118"}
		}, warningMatch: "dispense d'âge"},
		{name: "17 with another authority's dispensation", edit: func(a *civil.Act) {
			a.Epoux[0].DateNaissance = "2008-11-22"
			a.Dispense = &civil.Dispensation{Autorite: "Président de la République", Date: "2026-10-01", Reference: "D-1"}
		}, field: "epoux[1].date_naissance", rule: "18 ans révolus"},
		{name: "banns ten days before", edit: func(a *civil.Act) { a.Bans.DatePublication = "2026-11-11" }},
		{name: "banns nine days before", edit: func(a *civil.Act) { a.Bans.DatePublication = "2026-11-12" }, field: "bans.date_publication", rule: "avant le 22/11/2026"},
		{name: "banns a day under a year", edit: func(a *civil.Act) { a.Bans.DatePublication = "2025-11-22" }},
		{name: "banns a year and ten days before", edit: func(a *civil.Act) { a.Bans.DatePublication = "2025-11-10" }, field: "bans.date_publication", rule: "périmée"},
		// art. 65: the year runs from the end of the ten days, not from the publication
		{name: "banns a year and six days before", edit: func(a *civil.Act) { a.Bans.DatePublication = "2025-11-15" }},
		{name: "no banns", edit: func(a *civil.Act) { a.Bans = nil }, field: "bans", rule: "manquante"},
		{name: "four witnesses", edit: func(a *civil.Act) { a.Temoins = append(a.Temoins, a.Temoins...) }},
		{name: "one witness", edit: func(a *civil.Act) { a.Temoins = a.Temoins[:1] }, field: "temoins", rule: "1 témoin : il en faut 2 au moins"},
		{name: "five witnesses", edit: func(a *civil.Act) { a.Temoins = append(a.Temoins, a.Temoins[0], a.Temoins[1], a.Temoins[0]) }, field: "temoins", rule: "5 témoins : il en faut 2 au moins"},
		{name: "minor witness", edit: func(a *civil.Act) { a.Temoins[1].DateNaissance = "2009-01-01" }, field: "temoins[2].date_naissance", rule: "doit être majeur"},
		{name: "witness without birth date", edit: func(a *civil.Act) { a.Temoins[1].DateNaissance = "" }, field: "temoins[2].date_naissance", rule: "manquante"},
		{name: "fonctionnaire délégué", officer: delegate, field: "officier", rule: "ne peut jamais célébrer un mariage"},
		{name: "contract not stated", edit: func(a *civil.Act) { a.SansContrat = false }, field: "contrat", rule: "doit dire si un contrat"},
		{name: "contract", edit: func(a *civil.Act) {
			a.SansContrat = false
			a.Contrat = &civil.Contract{Notaire: "Maître Anne GARNIER, notaire à Lille", Date: "2026-10-12"}
		}},
		{name: "contract after the marriage", edit: func(a *civil.Act) {
			a.SansContrat = false
			a.Contrat = &civil.Contract{Notaire: "Maître Anne GARNIER, notaire à Lille", Date: "2026-11-22"}
		}, field: "contrat.date", rule: "après le mariage"},
		{name: "three spouses", edit: func(a *civil.Act) { a.Epoux = append(a.Epoux, a.Epoux[0]) }, field: "epoux", rule: "3 époux indiqués"},
		{name: "same person twice", edit: func(a *civil.Act) { a.Epoux[1].Person = camille() }, field: "epoux[2]", rule: "même personne"},
		{name: "two women", edit: func(a *civil.Act) { a.Epoux[1].Sexe = "F" }},
		{name: "celebrated elsewhere", edit: func(a *civil.Act) { a.Lieu = "Roubaix (Nord)" }, field: "lieu", rule: "n'est pas la commune"},
		{name: "planned next Saturday", edit: func(a *civil.Act) { a.Date = "2026-11-28" }, warningMatch: "mariage prévu le 28/11/2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := marriage()
			if tc.edit != nil {
				tc.edit(a)
			}
			officer := known
			if tc.officer != nil {
				officer = tc.officer
			}
			w, err := civil.Validate(a, lomme, officer, testNow)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
			} else {
				refusedOn(t, err, tc.field, tc.rule)
			}
			if tc.warningMatch != "" && !slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, tc.warningMatch) }) {
				t.Errorf("warnings %q lack %q", w, tc.warningMatch)
			}
		})
	}
}

func TestMarriageSignedOnlyAfterCelebration(t *testing.T) {
	s := newStore(t)
	a := marriage()
	a.Date = "2026-11-24"
	a.Heure = "16:00" // testNow is 15:00
	numbered(t, s, a)
	if _, err := s.RegisterWith(a, confirmed); err != nil {
		t.Fatal(err)
	}
	printed(t, s, a.Ref())
	if _, _, err := s.Sign(a.Ref()); !civil.IsRefused(err) || !strings.Contains(err.Error(), "pas encore célébré") {
		t.Fatalf("signing before the celebration: %v", err)
	}
	if got, _ := s.Get(a.Ref()); got.Statut != civil.StatutBrouillon {
		t.Fatalf("status %s after a refused signature", got.Statut)
	}
}

func TestBigamy(t *testing.T) {
	s := newStore(t)
	first := marriage()
	signed(t, s, first)

	// Sacha marries someone else: refused while the first marriage stands.
	second := marriage()
	second.Epoux[0] = civil.MarriageSpouse{Person: civil.Person{Nom: "GIRARD", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "1997-02-03",
		LieuNaissance: "Lens (Pas-de-Calais)", Domicile: "1 rue Haute, Lomme (Nord)"}}
	numbered(t, s, second)
	_, err := s.RegisterWith(second, confirmed)
	refusedOn(t, err, "epoux[2]", "déjà marié avec Camille, Jeanne BERNARD")

	// Same names, another birth date: another person, accepted.
	other := marriage()
	other.Epoux[0] = second.Epoux[0]
	other.Epoux[1].DateNaissance = "1995-09-19"
	if _, err := s.Validate(other); err != nil {
		t.Fatalf("another Sacha DUBOIS refused: %v", err)
	}

	// After the divorce mention on the marriage act, accepted.
	if _, err := s.AddMention(first.Ref(), divorceMention()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Validate(second); err != nil {
		t.Fatalf("after the divorce: %v", err)
	}
}

func TestDeathEndsMarriage(t *testing.T) {
	s := newStore(t)
	signed(t, s, bornHere(camille()))
	first := marriage()
	signed(t, s, first)

	d := death()
	d.Defunt.Person = camille()
	d.Defunt.Domicile = "7 rue du Bourg, Lomme (Nord)"
	d.Defunt.Conjoint = &civil.Spouse{Nom: "DUBOIS", Prenoms: []string{"Sacha"}}
	d.Parents = []civil.Person{{Nom: "BERNARD", Prenoms: []string{"Luc"}}}
	follow := signed(t, s, d)

	// The death is mentioned on the birth act and on the marriage act.
	if len(follow) != 2 || follow[0].Notice != nil || follow[1].Notice != nil {
		t.Fatalf("follow-ups %+v", follow)
	}
	b, _ := s.Get(follow[0].Act)
	if m := b.Mentions[len(b.Mentions)-1]; m.Nature != "deces" || m.Texte != "Décédée à Lille (Nord) le 23 novembre 2026." || m.Fondement != "art. 79 du Code civil" {
		t.Errorf("birth act mention %+v", m)
	}
	m, _ := s.Get(first.Ref())
	if len(m.Mentions) != 1 || !strings.HasPrefix(m.Mentions[0].Texte, "Décès de Camille, Jeanne BERNARD, l'un des époux") {
		t.Errorf("marriage act mentions %+v", m.Mentions)
	}

	// Sacha may marry again.
	again := marriage()
	again.Epoux[0] = civil.MarriageSpouse{Person: civil.Person{Nom: "GIRARD", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "1997-02-03",
		LieuNaissance: "Lens (Pas-de-Calais)", Domicile: "1 rue Haute, Lomme (Nord)"}}
	if _, err := s.Validate(again); err != nil {
		t.Fatalf("widower refused: %v", err)
	}
	// Camille may not: she is dead.
	again.Epoux[1].Person = camille()
	_, err := s.Validate(again)
	refusedOn(t, err, "epoux[2]", "décédée")
}

func TestMarriageMentionsAndNotices(t *testing.T) {
	s := newStore(t)
	signed(t, s, bornHere(camille()))
	a := marriage()
	follow := signed(t, s, a)
	if len(follow) != 2 {
		t.Fatalf("follow-ups %+v", follow)
	}
	// Camille's birth act is here: a mention.
	b, _ := s.Get(follow[0].Act)
	if b.Type != civil.Naissance || len(b.Mentions) != 1 {
		t.Fatalf("birth act %s mentions %+v", b.Ref(), b.Mentions)
	}
	m := b.Mentions[0]
	if m.Texte != "Mariée à Lomme (Nord) le 21 novembre 2026 avec Sacha DUBOIS." || m.Fondement != "art. 76 du Code civil" || m.Source != a.Ref().String() {
		t.Errorf("mention %+v", m)
	}
	// Sacha was born in Roubaix: a notice, due in three days.
	n := follow[1].Notice
	if n == nil || n.Destinataire != "Mairie de Roubaix (Nord)" || n.Echeance != "2026-11-27" || !strings.HasPrefix(n.Texte, "Marié à Lomme (Nord)") {
		t.Fatalf("notice %+v", n)
	}
	var pending []uint64
	s.Notices(true, func(n *Notice) error { pending = append(pending, n.Numero); return nil })
	if !slices.Equal(pending, []uint64{n.Numero}) {
		t.Fatalf("pending %v", pending)
	}
	if _, err := s.MarkSent(n.Numero); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkSent(n.Numero); !civil.IsRefused(err) {
		t.Errorf("marking twice: %v", err)
	}
	pending = nil
	s.Notices(true, func(n *Notice) error { pending = append(pending, n.Numero); return nil })
	if len(pending) != 0 {
		t.Errorf("still pending after sending: %v", pending)
	}
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("check: %v %v", err, r.Breaks)
	}
}

func TestKinship(t *testing.T) {
	luc := parent("BERNARD", "Luc", "M", "1960-03-01")
	rose := parent("PETIT", "Rose", "F", "1962-05-06")
	t.Run("siblings", func(t *testing.T) {
		s := newStore(t)
		signed(t, s, bornHere(camille(), luc, rose))
		brother := civil.Person{Nom: "BERNARD", Prenoms: []string{"Noé"}, Sexe: "M", DateNaissance: "1998-01-20", LieuNaissance: "Lomme (Nord)", Domicile: "1 rue Neuve, Lomme (Nord)"}
		signed(t, s, bornHere(brother, luc)) // a half-brother: one parent in common
		a := marriage()
		a.Epoux[1].Person = brother
		_, err := s.Validate(a)
		refusedOn(t, err, "epoux", "parent commun, Luc BERNARD")
	})
	t.Run("direct line", func(t *testing.T) {
		s := newStore(t)
		signed(t, s, bornHere(camille(), luc, rose))
		a := marriage()
		a.Epoux[1].Person = luc
		_, err := s.Validate(a)
		refusedOn(t, err, "epoux", "Luc BERNARD est parent de Camille, Jeanne BERNARD")
	})
	t.Run("uncle and niece, then with the dispensation", func(t *testing.T) {
		s := newStore(t)
		grandpa := parent("BERNARD", "Henri", "M", "1935-02-02")
		signed(t, s, bornHere(luc, grandpa))
		signed(t, s, bornHere(camille(), luc, rose))
		uncle := civil.Person{Nom: "BERNARD", Prenoms: []string{"Yves"}, Sexe: "M", DateNaissance: "1970-06-06", LieuNaissance: "Lomme (Nord)", Domicile: "9 rue Neuve, Lomme (Nord)"}
		signed(t, s, bornHere(uncle, grandpa))
		a := marriage()
		a.Epoux[1].Person = uncle
		_, err := s.Validate(a)
		refusedOn(t, err, "epoux", "frère ou sœur de Luc BERNARD")
		a.Dispense = &civil.Dispensation{Autorite: "Président de la République", Date: "2026-09-01", Reference: "décret du 1er septembre 2026"}
		if w, err := s.Validate(a); err != nil || !slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, "dispense") }) {
			t.Fatalf("with the dispensation: %v %q", err, w)
		}
	})
	t.Run("cousins are allowed", func(t *testing.T) {
		s := newStore(t)
		grandpa := parent("BERNARD", "Henri", "M", "1935-02-02")
		yves := parent("BERNARD", "Yves", "M", "1970-06-06")
		signed(t, s, bornHere(luc, grandpa))
		signed(t, s, bornHere(yves, grandpa))
		signed(t, s, bornHere(camille(), luc, rose))
		cousin := civil.Person{Nom: "BERNARD", Prenoms: []string{"Tom"}, Sexe: "M", DateNaissance: "1997-06-06", LieuNaissance: "Lomme (Nord)", Domicile: "9 rue Neuve, Lomme (Nord)"}
		signed(t, s, bornHere(cousin, yves))
		a := marriage()
		a.Epoux[1].Person = cousin
		if _, err := s.Validate(a); err != nil {
			t.Fatalf("cousins refused: %v", err)
		}
	})
	t.Run("in-law in the direct line", func(t *testing.T) {
		s := newStore(t)
		signed(t, s, bornHere(camille(), luc, rose))
		// Sacha married Camille's father, who is still alive.
		m := marriage()
		m.Epoux[0] = civil.MarriageSpouse{Person: luc}
		m.Epoux[0].Domicile = "1 rue Neuve, Lomme (Nord)"
		signed(t, s, m)
		s.AddMention(m.Ref(), divorceMention())
		a := marriage()
		_, err := s.Validate(a)
		refusedOn(t, err, "epoux", "alliés en ligne directe")
		a.Dispense = &civil.Dispensation{Autorite: "Président de la République", Date: "2026-09-01", Reference: "D-2"}
		_, err = s.Validate(a)
		refusedOn(t, err, "epoux", "n'est pas décédé")
	})
}

func TestBanns(t *testing.T) {
	s := newStore(t)
	b := &civil.Banns{Type: civil.Bans, Epoux: []civil.Person{camille(), sacha()}, DatePublication: "2026-11-05", DatePrevue: "2026-11-21", Officier: "o1"}
	if _, err := s.PublishBanns(b); err != nil {
		t.Fatal(err)
	}
	if b.Ref() != "bans/2026/1" {
		t.Fatalf("ref %s", b.Ref())
	}
	for name, tc := range map[string]struct {
		edit        func(b *civil.Banns)
		field, rule string
	}{
		"in the future":        {func(b *civil.Banns) { b.DatePublication = "2026-11-25" }, "date_publication", "futur"},
		"planned too soon":     {func(b *civil.Banns) { b.DatePrevue = "2026-11-14" }, "date_prevue", "avant le 15/11/2026"},
		"one person":           {func(b *civil.Banns) { b.Epoux = b.Epoux[:1] }, "epoux", "1 futur époux indiqué"},
		"no birth date":        {func(b *civil.Banns) { b.Epoux[1].DateNaissance = "" }, "epoux[2].date_naissance", "manquante"},
		"unknown officer":      {func(b *civil.Banns) { b.Officier = "o9" }, "officier", "inconnu"},
		"wrong type":           {func(b *civil.Banns) { b.Type = string(civil.Mariage) }, "type", "ne décrit pas"},
		"more than a year ago": {func(b *civil.Banns) { b.DatePublication = "2025-11-10"; b.DatePrevue = "" }, "date_publication", "périmée"},
	} {
		t.Run(name, func(t *testing.T) {
			x := &civil.Banns{Type: civil.Bans, Epoux: []civil.Person{camille(), sacha()}, DatePublication: "2026-11-05", Officier: "o1"}
			tc.edit(x)
			_, err := s.PublishBanns(x)
			refusedOn(t, err, tc.field, tc.rule)
		})
	}

	// A marriage whose banns are recorded: no warning; with another date: refused.
	w, err := s.Validate(marriage())
	if err != nil || slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, "publication des bans") }) {
		t.Fatalf("recorded banns: %v %q", err, w)
	}
	a := marriage()
	a.Bans.DatePublication = "2026-11-06"
	_, err = s.Validate(a)
	refusedOn(t, err, "bans.date_publication", "bans/2026/1 du 2026-11-05")

	// Not recorded: a warning only (published before the outage).
	s2 := newStore(t)
	w, err = s2.Validate(marriage())
	if err != nil || !slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, "aucune publication des bans") }) {
		t.Fatalf("unrecorded banns: %v %q", err, w)
	}
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("check: %v %v", err, r.Breaks)
	}
}

// divorceMention is the mention of a divorce on a marriage act.
func divorceMention() civil.Mention {
	return civil.Mention{Nature: civil.NatureDivorce, Donnees: &civil.MentionData{Date: "2026-10-02",
		Decision: &civil.Decision{Autorite: "tribunal judiciaire de Lille", Date: "2026-10-02", Reference: "RG 26/1234"}}}
}

func TestMentionNatures(t *testing.T) {
	s := newStore(t)
	a := birth()
	signed(t, s, a)
	got, err := s.AddMention(a.Ref(), civil.Mention{Nature: "changement-prenoms", Donnees: &civil.MentionData{Prenoms: []string{"Zoé", "Lou"},
		Decision: &civil.Decision{Autorite: "officier de l'état civil de Lille", Date: "2026-11-02", Reference: "CP-2026-4"}}})
	if err != nil {
		t.Fatal(err)
	}
	if m := got.Mentions[0]; m.Fondement != "art. 60 du Code civil" || !civil.CivilStatusMention(m) ||
		m.Texte != "Par décision de l'officier de l'état civil de Lille du 2 novembre 2026 (référence CP-2026-4), Zoé, Chloë MÜLLER a désormais pour prénoms « Zoé, Lou »." {
		t.Errorf("mention %+v", m)
	}
	if _, err := s.AddMention(a.Ref(), civil.Mention{Nature: "adoption-simple", Texte: "x"}); !civil.IsRefused(err) {
		t.Errorf("unknown nature: %v", err)
	}
	if _, err := s.AddMention(a.Ref(), civil.Mention{Nature: "rectification", Fondement: "décision du procureur du 3 novembre 2026",
		Donnees: &civil.MentionData{Champ: "parents[1].profession", Valeur: &civil.Value{Texts: []string{"infirmière puéricultrice"}}}}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Get(a.Ref())
	if m := got.Mentions[1]; m.Fondement != "décision du procureur du 3 novembre 2026" || civil.CivilStatusMention(m) ||
		m.Texte != "L'acte est rectifié en ce sens que la profession de la mère doit se lire « infirmière puéricultrice » et non « infirmière »." {
		t.Errorf("a given basis is kept, a rectification is not civil status: %+v", m)
	}
}

// BenchmarkMarriageChecks validates a marriage against a register where
// n other people share the spouse's NOM (the name index's worst case:
// every lookup reads them all), the spouse's family is on record, and the
// spouse was married before.
func BenchmarkMarriageChecks(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := newStore(b)
			luc := parent("BERNARD", "Luc", "M", "1960-03-01")
			for i := range n {
				p := civil.Person{Nom: "BERNARD", Prenoms: []string{"Alix"}, Sexe: "F", DateNaissance: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*17).Format(civil.DateLayout),
					LieuNaissance: "Lomme (Nord)"}
				a := bornHere(p, parent("BERNARD", "Marc", "M", "1930-01-01"))
				numbered(b, s, a)
				if _, err := s.RegisterWith(a, confirmed); err != nil {
					b.Fatal(err)
				}
			}
			for _, a := range []*civil.Act{bornHere(luc, parent("BERNARD", "Henri", "M", "1935-02-02")), bornHere(camille(), luc)} {
				numbered(b, s, a)
				if _, err := s.RegisterWith(a, confirmed); err != nil {
					b.Fatal(err)
				}
				printed(b, s, a.Ref())
				s.Sign(a.Ref())
			}
			first := marriage()
			numbered(b, s, first)
			if _, err := s.RegisterWith(first, confirmed); err != nil {
				b.Fatal(err)
			}
			printed(b, s, first.Ref())
			s.Sign(first.Ref())
			s.AddMention(first.Ref(), divorceMention())
			b.ResetTimer()
			for b.Loop() {
				if _, err := s.Validate(marriage()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestMarriageCopyRights(t *testing.T) {
	a := marriage()
	a.Registre, a.Annee, a.Numero, a.Statut = civil.Mariage, 2026, 1, civil.StatutSigne
	for _, tc := range []struct {
		name string
		req  civil.CopyRequest
		ok   bool
	}{
		{"either spouse", civil.CopyRequest{Forme: civil.FormeIntegrale, Demandeur: "Sacha DUBOIS", Qualite: civil.QualiteInteresse}, true},
		{"someone else as the spouse", civil.CopyRequest{Forme: civil.FormeIntegrale, Demandeur: "Paul MARTIN", Qualite: civil.QualiteInteresse}, false},
		{"a parent of a spouse", civil.CopyRequest{Forme: civil.FormeExtraitFiliation, Demandeur: "Marc DUBOIS", Qualite: civil.QualitePereMere, Parents: []string{"Marc DUBOIS"}}, true},
		{"the other spouse's parents stated", civil.CopyRequest{Forme: civil.FormeIntegrale, Demandeur: "Paul BERNARD", Qualite: civil.QualiteDescendant, Parents: []string{"Luc BERNARD", "Rose PETIT"}}, true},
		{"parents that match no spouse", civil.CopyRequest{Forme: civil.FormeIntegrale, Demandeur: "Paul BERNARD", Qualite: civil.QualiteDescendant, Parents: []string{"Luc BERNARD", "Marc DUBOIS"}}, false},
		{"a third party, extract", civil.CopyRequest{Forme: civil.FormeExtrait, Demandeur: "Notaire X", Qualite: civil.QualiteTiers}, true},
		{"a third party, full copy", civil.CopyRequest{Forme: civil.FormeIntegrale, Demandeur: "Notaire X", Qualite: civil.QualiteTiers}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := civil.MayObtain(a, tc.req, testNow)
			if (err == nil) != tc.ok {
				t.Fatalf("MayObtain = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
