package forms

import (
	"fmt"
	"slices"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// What a verified document is worth beside the register (issue 19 §6):
// the rules `etatcivil verifier` applies after the signatures hold, in
// one place for the command line and the counter's pages.

// DescribeCode names the document a code certifies, in French: « copie
// intégrale n° 59350-2026-000001 de l'acte naissance/2026/38 », « feuille
// du registre, acte naissance/2026/38 ».
func DescribeCode(c *civil.CodeContent) string {
	if c.Forme == civil.FormeFeuillet {
		return "feuille du registre, acte " + c.Ref.String()
	}
	return fmt.Sprintf("%s n° %s de l'acte %s", civil.FormeLabel(c.Forme), c.Serie(), c.Ref)
}

// FactValue writes a fact for reading: dates as JJ/MM/AAAA, anything
// else as it is.
func FactValue(f civil.Fact) string {
	if t, err := time.Parse("2006-01-02", f.Value); err == nil {
		return t.Format("02/01/2006")
	}
	return f.Value
}

// FutureError is a document whose signed day of issue is after today's
// date: never a true date (the signer's clock was wrong, or a key is used
// to forge).
type FutureError struct {
	Document      string    // DescribeCode of the document
	Issued, Today time.Time // days, local time
}

func (e *FutureError) Error() string {
	return fmt.Sprintf("%s se dit délivré le %s, après la date d'aujourd'hui (%s) : un document ne peut pas venir du futur",
		e.Document, e.Issued.Format("02/01/2006"), e.Today.Format("02/01/2006"))
}

// NotAfterToday returns a *FutureError when one of the codes was issued
// (its day of issue, signed in the code: the date the document shows)
// after the local date of now; nil otherwise.
func NotAfterToday(now time.Time, codes []*VerifiedCode) error {
	y, m, d := now.Local().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	for _, vc := range codes {
		c := vc.Content
		issued := time.Date(c.Emis.Year(), c.Emis.Month(), c.Emis.Day(), 0, 0, 0, 0, time.Local)
		if issued.After(today) {
			return &FutureError{Document: DescribeCode(c), Issued: issued, Today: today}
		}
	}
	return nil
}

// Comparison is what the register says of a document whose code holds.
type Comparison struct {
	// Lines are to be shown beside the verdict (the copy log's line, a
	// mention added since, « à jour »).
	Lines []string
	// Problems make the document unusable (exit 3): act absent, number
	// left unused, act annulled by a mention of nature annulation (never
	// by a word in another mention), copy not in the copy log as it
	// says, sheet that no longer shows the act's current content.
	Problems []string
}

// CompareWithRegister compares what a code certifies with the act in the
// register s. A sheet is compared with the act's current content (the
// fingerprint its code carries, civil.FaitEmpreinte); a copy with the
// mentions added after its delivery (the copy log's time and count of
// mentions, else the end of its day of issue).
func CompareWithRegister(s *registry.Store, c *civil.CodeContent) Comparison {
	var r Comparison
	own, err := s.Commune()
	if err != nil || own.Insee != c.Insee {
		r.Lines = []string{"Registre : ce registre est celui d'une autre commune, pas de comparaison avec l'acte."}
		return r
	}
	a, err := s.Get(c.Ref)
	if err != nil {
		r.Problems = []string{"l'acte " + c.Ref.String() + " est absent de ce registre"}
		return r
	}
	if a.Statut == civil.StatutNonUtilise {
		r.Problems = []string{"ACTE ANNULÉ : le numéro " + c.Ref.String() + " est « non utilisé » (" + a.Motif + ")"}
		return r
	}
	// When the copy was delivered: its log line's time, else the end of
	// its day of issue (a mention of that same day counts as known).
	issued := time.Date(c.Emis.Year(), c.Emis.Month(), c.Emis.Day(), 23, 59, 59, 0, time.Local)
	known := -1 // mentions the copy carries, when the copy log says
	if c.Copie != 0 {
		rec := FindCopy(s, c)
		if rec == nil {
			r.Problems = append(r.Problems, "la copie n° "+c.Serie()+" n'est pas inscrite ainsi au registre des copies")
		} else {
			issued = rec.Time()
			if rec.Mentions != nil {
				known = *rec.Mentions
			}
			r.Lines = append(r.Lines, fmt.Sprintf("Registre des copies : ligne n° %d, délivrée à %s (%s).", rec.Numero, rec.Demandeur, civil.RequesterLabel(rec.Qualite)))
		}
	}
	if am, ok := a.Annulment(); ok {
		// Known by its nature, never by its words: whenever it came, the
		// act no longer exists for anyone.
		r.Problems = append(r.Problems, fmt.Sprintf("ACTE ANNULÉ : l'acte %s est %s — « %s »", c.Ref, civil.AnnulmentText(am), am.Texte))
	}
	current := true // the document shows the act as the register has it
	if c.Forme == civil.FormeFeuillet {
		if l, bad := compareSheet(own, a, c); bad != "" {
			r.Problems = append(r.Problems, bad)
		} else if l != "" {
			r.Lines, current = append(r.Lines, l), false
		}
	}
	for i, m := range a.Mentions {
		if (known >= 0 && i < known) || (known < 0 && !m.Added().After(issued)) || m.Nature == civil.NatureAnnulation {
			continue
		}
		day := FactValue(civil.Fact{Value: m.Date})
		r.Lines = append(r.Lines, fmt.Sprintf("AUTHENTIQUE, MAIS une mention a été ajoutée le %s après la délivrance : « %s » — ce document n'est plus à jour ; délivrez une nouvelle copie.", day, m.Texte))
		current = false
	}
	if current && len(r.Problems) == 0 {
		r.Lines = append(r.Lines, "Registre : l'acte n'a reçu aucune mention depuis la délivrance ; le document est à jour.")
	}
	return r
}

// compareSheet compares a register sheet's code with the act's current
// content (issue 19 §6): a sheet printed before a correction of the
// draft no longer shows the act. It returns a line to show when the
// content is known to be the same but not the whole of it, or the
// problem when it differs.
func compareSheet(own civil.Commune, a *civil.Act, c *civil.CodeContent) (line, problem string) {
	stale := fmt.Sprintf("FEUILLE PÉRIMÉE : la feuille de l'acte %s imprimée le %s ne montre pas l'acte tel qu'il est au registre (corrigé depuis)",
		c.Ref, c.Emis.Format("02/01/2006"))
	if h := c.Fact(civil.FaitEmpreinte); h != "" {
		if h != a.ShortContentHash() {
			return "", stale
		}
		return "", ""
	}
	// A code written before sheets carried their content: the facts it
	// certifies, at least, must be the act's.
	onPage := func(fs []civil.Fact) []civil.Fact {
		var out []civil.Fact
		for _, f := range fs {
			if f.OnPage() {
				out = append(out, f)
			}
		}
		return out
	}
	if !slices.Equal(onPage(c.Faits), onPage(civil.CodeFor(a, own, civil.FormeFeuillet, 0, c.Emis, c.Cle).Faits)) {
		return "", stale
	}
	return "Registre : les faits du code sont ceux de l'acte ; ce code, d'une version antérieure, ne couvre pas le reste de la feuille : comparez-la avec l'acte (etatcivil afficher " + c.Ref.String() + ").", ""
}

// FindCopy returns the line of the register's copy log that a code
// certifies, when the register is the commune's and the line says the
// same (delivered, same series, act and form); nil otherwise.
func FindCopy(s *registry.Store, c *civil.CodeContent) *registry.CopyRecord {
	if c.Copie == 0 {
		return nil
	}
	if own, err := s.Commune(); err != nil || own.Insee != c.Insee {
		return nil
	}
	var rec *registry.CopyRecord
	s.Copies(time.Time{}, func(r registry.CopyRecord) error {
		if r.Numero == c.Copie {
			rec = &r
		}
		return nil
	})
	if rec == nil || rec.Statut != registry.CopieDelivree || rec.Serie != c.Serie() || rec.Reference != c.Ref.String() || rec.Forme != c.Forme {
		return nil
	}
	return rec
}
