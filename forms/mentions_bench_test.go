package forms

import (
	"fmt"
	"io"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// withTwentyMentions returns the sample birth, signed, with 20 mentions of
// the natures that go on it, written as the register writes them.
func withTwentyMentions(tb testing.TB) *civil.Act {
	a := load(tb, "naissance")
	a.Registre, a.Annee, a.Numero, a.Statut = civil.Naissance, 2026, 38, civil.StatutSigne
	known := func(id string) (civil.Officer, bool) { return maire, id == "o1" }
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.Local)
	spouse := &civil.Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}
	dec := &civil.Decision{Autorite: "tribunal judiciaire de Lille", Date: "2026-11-02", Reference: "RG 26/1"}
	for i := 0; len(a.Mentions) < 20; i++ {
		var m civil.Mention
		switch i % 5 {
		case 0:
			m = civil.Mention{Nature: civil.NatureRectification, Donnees: &civil.MentionData{Champ: "enfant.prenoms[2]", Valeur: &civil.Value{Texts: []string{[]string{"Chloé", "Chloë"}[i%2]}}}}
		case 1:
			m = civil.Mention{Nature: civil.NatureMariage, Donnees: &civil.MentionData{Date: "2026-03-02", Lieu: "Lomme (Nord)", Conjoint: spouse}}
		case 2:
			m = civil.Mention{Nature: civil.NatureDivorce, Donnees: &civil.MentionData{Date: "2026-10-02", Conjoint: spouse, Decision: dec}}
		case 3:
			m = civil.Mention{Nature: civil.NatureChangementNom, Donnees: &civil.MentionData{Nom: []string{"OUALI", "MÜLLER"}[i%2], Decision: dec}}
		case 4:
			m = civil.Mention{Nature: civil.NatureAutre, Texte: fmt.Sprintf("Mention libre n° %d.", i), Fondement: "art. 49 du Code civil"}
		}
		m.Officier = "o1"
		if err := civil.PrepareMention(a, &m, known, now); err != nil {
			tb.Fatalf("mention %d: %v", i, err)
		}
		m.Date = "2026-11-30"
		a.Mentions = append(a.Mentions, m)
	}
	return a
}

// BenchmarkExtract20MentionsText lays out the text of an extract with
// filiation of an act with 20 mentions: the act as its mentions made it,
// the mentions the form carries, the template (the PDF is the next one).
func BenchmarkExtract20MentionsText(b *testing.B) {
	a := withTwentyMentions(b)
	reportCPU(b, func() {
		for b.Loop() {
			data := newData(a.AsPrinted(civil.FormeExtraitFiliation), lille, maire)
			data.Copie, data.Signataire, data.Filiation = record(civil.FormeExtraitFiliation), delcourt, true
			if _, err := execute("extrait-naissance.tmpl", data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkExtract20MentionsPDF renders the whole PDF of that extract.
func BenchmarkExtract20MentionsPDF(b *testing.B) {
	a := withTwentyMentions(b)
	reportCPU(b, func() {
		for b.Loop() {
			if err := WriteCopy(io.Discard, registry.Delivery{Act: a, Commune: lille, ActOfficer: maire, Record: record(civil.FormeExtraitFiliation), Signer: delcourt}, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
