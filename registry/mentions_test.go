package registry

import (
	"strings"
	"testing"

	"etatcivil/civil"
)

func annulment() civil.Mention {
	return civil.Mention{Nature: civil.NatureAnnulation, Donnees: &civil.MentionData{
		Decision: &civil.Decision{Autorite: "tribunal judiciaire de Lille", Date: "2026-11-23", Reference: "RG 26/4321"}}}
}

// An annulled marriage is no marriage: the spouses may marry again, and
// it receives no later mention; no copy of it is delivered.
func TestAnnulledMarriage(t *testing.T) {
	s := newStore(t)
	first := marriage()
	signed(t, s, first)
	second := marriage()
	second.Epoux[0] = civil.MarriageSpouse{Person: civil.Person{Nom: "GIRARD", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "1997-02-03",
		LieuNaissance: "Lens (Pas-de-Calais)", Domicile: "1 rue Haute, Lomme (Nord)"}}
	_, err := s.Validate(second)
	refusedOn(t, err, "epoux[2]", "déjà marié")
	if _, err := s.AddMention(first.Ref(), annulment()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Validate(second); err != nil {
		t.Fatalf("after the annulment: %v", err)
	}
	if _, err := s.AddMention(first.Ref(), divorceMention()); !civil.IsRefused(err) || !strings.Contains(err.Error(), "ne reçoit plus de mention") {
		t.Errorf("mention on an annulled act: %v", err)
	}
	_, err = s.DeliverCopy(civil.CopyRequest{Ref: first.Ref(), Forme: civil.FormeIntegrale, Demandeur: "Camille BERNARD", Qualite: civil.QualiteInteresse, Officier: "o1"},
		func(Delivery) error { t.Fatal("rendered"); return nil })
	if !civil.IsRefused(err) || !strings.Contains(err.Error(), "est annulé par décision du tribunal judiciaire de Lille du 23/11/2026") {
		t.Errorf("copy of an annulled act: %v", err)
	}
	hits, err := s.Search("bernard")
	if err != nil || len(hits) == 0 || !hits[0].Annule {
		t.Errorf("search: %+v %v", hits, err)
	}
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("check: %v %v", err, r.Breaks)
	}
}

// A rectified name is found by the search under both spellings, and the
// hit shows the name as rectified; the rules of marriage see it too.
func TestRectifiedNameIndexed(t *testing.T) {
	s := newStore(t)
	a := birth()
	signed(t, s, a)
	if _, err := s.AddMention(a.Ref(), civil.Mention{Nature: civil.NatureChangementNom, Donnees: &civil.MentionData{Nom: "OUALI",
		Decision: &civil.Decision{Autorite: "procureur de la République près le tribunal judiciaire de Lille", Date: "2026-11-23", Reference: "PR-1"}}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"zoé müller", "zoé ouali"} {
		hits, err := s.Search(q)
		if err != nil || len(hits) != 1 || hits[0].Person.FullName() != "Zoé, Chloë OUALI" {
			t.Errorf("%s: %+v %v", q, hits, err)
		}
	}
	if r, err := s.Check(); err != nil || len(r.Breaks) > 0 {
		t.Fatalf("check: %v %v", err, r.Breaks)
	}
}

// BenchmarkAddMention adds a rectification to a signed act (checked, its
// text written, the index updated, journaled, one commit with fsync),
// round the acts of a register so that each has at most about 20.
func BenchmarkAddMention(b *testing.B) {
	s := newStore(b)
	var refs []civil.Ref
	for i := range 16 {
		a := birth()
		a.Enfant.Nom = "MÜLLER" + letters(i)
		drawUp(b, s, a)
		printAndSign(b, s, a.Ref())
		refs = append(refs, a.Ref())
	}
	values := []string{"Chloé", "Chloë"}
	i := 0
	reportCPU(b, func() {
		for b.Loop() {
			ref := refs[i%len(refs)]
			if _, err := s.AddMention(ref, civil.Mention{Nature: civil.NatureRectification,
				Donnees: &civil.MentionData{Champ: "enfant.prenoms[2]", Valeur: &civil.Value{Texts: []string{values[(i/len(refs))%2]}}}}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// letters writes n in capital letters: 0 A, 25 Z, 26 BA…
func letters(n int) string {
	s := string(rune('A' + n%26))
	for n /= 26; n > 0; n /= 26 {
		s = string(rune('A'+n%26)) + s
	}
	return s
}

// BenchmarkRegisterCPU registers births of different children (as a
// register holds them; BenchmarkRegister registers the same one again
// and again, which the duplicate check finds each time), with the CPU
// time per act.
func BenchmarkRegisterCPU(b *testing.B) {
	s := newStore(b)
	i := 0
	reportCPU(b, func() {
		for b.Loop() {
			a := birth()
			a.Enfant.Nom = "MÜLLER" + letters(i)
			i++
			numbered(b, s, a)
			if _, err := s.Register(a); err != nil {
				b.Fatal(err)
			}
		}
	})
}
