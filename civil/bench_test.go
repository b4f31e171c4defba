package civil

import (
	"fmt"
	"testing"
)

// twentyMentions returns a signed birth act with 20 structured mentions
// of every nature that goes on it (rectifications of several fields,
// changes of prénoms and name, a recognition, marriages, divorces, a
// PACS, free mentions), as the register would write them.
func twentyMentions(tb testing.TB) *Act {
	a := signed(birth())
	spouse := &Spouse{Nom: "OUALI", Prenoms: []string{"Karim"}}
	dec := func(i int) *Decision {
		return &Decision{Autorite: "tribunal judiciaire de Lille", Date: "2026-11-02", Reference: fmt.Sprintf("RG %d", i)}
	}
	for i := 0; len(a.Mentions) < 20; i++ {
		var m Mention
		switch i % 7 {
		case 0:
			m = Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.prenoms[2]", Valeur: &Value{Texts: []string{[]string{"Chloé", "Chloë"}[i%2]}}}}
		case 1:
			m = Mention{Nature: NatureMariage, Donnees: &MentionData{Date: "2026-03-02", Lieu: "Lomme (Nord)", Conjoint: spouse}}
		case 2:
			m = Mention{Nature: NatureDivorce, Donnees: &MentionData{Date: "2026-10-02", Conjoint: spouse, Decision: dec(i)}}
		case 3:
			m = Mention{Nature: NatureChangementNom, Donnees: &MentionData{Nom: []string{"OUALI", "MÜLLER"}[i%2], Decision: dec(i)}}
		case 4:
			m = Mention{Nature: NaturePacs, Donnees: &MentionData{Date: "2026-05-02", Partenaire: spouse, EnregistrePar: "l'officier de l'état civil de Lille"}}
		case 5:
			m = Mention{Nature: NatureAutre, Texte: fmt.Sprintf("Mention libre n° %d.", i), Fondement: "art. 49 du Code civil"}
		case 6:
			m = Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "parents[1].profession", Valeur: &Value{Texts: []string{fmt.Sprintf("infirmière %d", i)}}}}
		}
		if err := PrepareMention(a, &m, known, testNow); err != nil {
			tb.Fatalf("mention %d: %v", i, err)
		}
		m.Date = "2026-11-24"
		a.Mentions = append(a.Mentions, m)
	}
	return a
}

// BenchmarkExtract20Mentions builds what an extract prints of an act with
// 20 mentions: the act as its mentions made it, the mentions the form
// carries, and the facts its signed code certifies (the PDF itself is
// forms' BenchmarkExtract20MentionsPDF).
func BenchmarkExtract20Mentions(b *testing.B) {
	a := twentyMentions(b)
	for b.Loop() {
		cur := a.AsPrinted(FormeExtraitFiliation)
		n := 0
		for _, m := range cur.Mentions {
			if OnExtract(m, FormeExtraitFiliation) {
				n++
			}
		}
		if n != 12 || CodeFor(cur, lomme, FormeExtraitFiliation, 1, testNow, "0123456789ab") == nil {
			b.Fatalf("%d mentions", n)
		}
	}
}

// BenchmarkPrepareMention checks and writes the text of a rectification
// added to an act that has 20 mentions already.
func BenchmarkPrepareMention(b *testing.B) {
	a := twentyMentions(b)
	for b.Loop() {
		m := Mention{Nature: NatureRectification, Donnees: &MentionData{Champ: "enfant.prenoms", Valeur: &Value{Texts: []string{"Lou"}, List: true}}}
		if err := PrepareMention(a, &m, known, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckPlace checks one place of an act: a commune with its
// département, a foreign place, and a French commune written with a
// mistyped département (which is warned about). An import checks
// thousands of them, so none may compute edit distances over the list.
func BenchmarkCheckPlace(b *testing.B) {
	for _, p := range []string{"Lille (Nord)", "Tournai (Belgique)", "Dunkerque (Nrod)"} {
		b.Run(p, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c := &Checker{}
				c.place("lieu", p)
			}
		})
	}
}
