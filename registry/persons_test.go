package registry

import (
	"testing"

	"etatcivil/civil"
)

// Issue 18 §6, for every kind of act (civil.Kinds): the name index is
// built from the one walk over an act's persons, so that each person of
// an act of any kind is found by their names, under their role. A kind
// added to civil.Kinds without an act here fails.
func TestEveryKindIndexedByRole(t *testing.T) {
	s := caseStore(t)
	transcription := func() *civil.Act {
		a := modelCase(t, "06-deces-parents-profession-domicile")
		a.Type = civil.Transcription
		a.Lieu = "Roubaix (Nord)"
		a.Defunt.Domicile = "22 rue de Douai, Lomme (Nord)"
		a.ActeOrigine = &civil.OriginAct{Commune: "Roubaix (Nord)", Annee: 2026, Numero: 812, Officier: "Guillaume DELBAR, maire"}
		a.DateTranscription = "2026-11-28"
		return a
	}
	acts := map[civil.Kind]*civil.Act{
		civil.Naissance:      modelCase(t, "01-fanch-naissance"),
		civil.Deces:          modelCase(t, "05-defunt-veuf"),
		civil.Mariage:        marriage(),
		civil.Reconnaissance: modelCase(t, "08-reconnaissance-prenatale"),
		civil.EnfantSansVie:  modelCase(t, "02-enfant-sans-vie"),
		civil.Transcription:  transcription(),
	}
	for _, k := range civil.Kinds {
		a := acts[k]
		if a == nil {
			t.Errorf("%s: no act of this kind: add one", k)
			continue
		}
		t.Run(string(k), func(t *testing.T) {
			drawUp(t, s, a)
			persons := a.Persons()
			if len(persons) == 0 {
				t.Fatal("the walk finds nobody")
			}
			for _, np := range persons {
				if np.Person.Nom == "" && len(np.Person.Prenoms) == 0 {
					continue
				}
				hits, err := s.Search(np.Person.FullName())
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, h := range hits {
					if h.Ref == a.Ref() && h.Role == np.Role {
						found = true
					}
				}
				if !found {
					t.Errorf("%s %q (%s) not found under its role: %+v", a.Ref(), np.Person.FullName(), np.Role, hits)
				}
			}
		})
	}
}
