package main

import (
	"fmt"

	"etatcivil/civil"
	"etatcivil/registry"
)

// demoKindRefs are the acts of the demo's other kinds, for its copies.
type demoKindRefs struct{ recognition, stillborn civil.Ref }

func intPtr(n int) *int { return &n }

// demoKinds draws up and signs, in the demo's register, a prenatal
// recognition (case modele/08) in the recognitions' own register and the
// act of a stillborn child (case modele/02) in the death register, dated
// from today.
func (e *env) demoKinds(s *registry.Store, dir string) (demoKindRefs, error) {
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	day := func(n int) string { return e.clock().AddDate(0, 0, -n).Format("2006-01-02") }
	rec := &civil.Act{Type: civil.Reconnaissance, MomentReconnaissance: civil.ReconnaissancePrenatale,
		Auteur: &civil.Declarant{Person: civil.Person{Nom: "BERTRAND", Prenoms: []string{"Julien"}, Sexe: "M", DateNaissance: "1991-05-03",
			LieuNaissance: "Douai (Nord)", Profession: "électricien", Domicile: "7 rue Pasteur, Lomme (Nord)"}, Qualite: "père"},
		Enfant:      &civil.Person{Nom: "BERTRAND"},
		AutreParent: &civil.Person{Nom: "HOUZÉ", Prenoms: []string{"Clara"}, DateNaissance: "1994-10-21", LieuNaissance: "Lens (Pas-de-Calais)"},
		Lieu:        "Lomme (Nord)", Declaration: &civil.Moment{Date: day(2), Heure: "16:00"}, Officier: "o2"}
	esv := &civil.Act{Type: civil.EnfantSansVie,
		Enfant:                 &civil.Person{Nom: "ROUSSEL", Prenoms: []string{"Lou"}, Sexe: civil.SexeIndetermine},
		Accouchement:           &civil.Delivery{Date: day(2), Heure: "22:10", Lieu: "Lomme (Nord)"},
		Parents:                []civil.Person{demoParent("ROUSSEL", "Manon", "F", "1996-09-09", "Arras (Pas-de-Calais)", "vendeuse", "18 rue Solférino, Lomme (Nord)")},
		Declarant:              &civil.Declarant{Qualite: "la mère"},
		Declaration:            &civil.Moment{Date: day(1), Heure: "10:00"},
		CertificatAccouchement: "CA-2026-0077", Officier: "o2"}
	for _, a := range []*civil.Act{rec, esv} {
		warnings, err := s.Register(a)
		e.warn(warnings)
		if err != nil {
			return demoKindRefs{}, fmt.Errorf("acte d'exemple refusé : %w", err)
		}
		if err := e.demoSheet(s, dir, a); err != nil {
			return demoKindRefs{}, err
		}
		if _, _, err := s.Sign(a.Ref()); err != nil {
			return demoKindRefs{}, err
		}
	}
	say("7 bis. D'autres actes du guichet, chacun dans son registre :")
	say("     %-22s reconnaissance prénatale : %s — la naissance la citera", rec.Ref(), rec.Who())
	say("     %-22s acte d'enfant sans vie (art. 79-1) : %s, au registre des décès ; il dit l'accouchement, jamais une naissance ni un décès", esv.Ref(), esv.Who())
	say("")
	return demoKindRefs{rec.Ref(), esv.Ref()}, nil
}
