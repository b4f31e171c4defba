package civil

import "etatcivil/internal/fold"

func normalizePerson(p *Person) {
	if p == nil {
		return
	}
	p.Nom = fold.Name(p.Nom)
	for i := range p.Prenoms {
		p.Prenoms[i] = fold.Name(p.Prenoms[i])
	}
	p.LieuNaissance = fold.Name(p.LieuNaissance)
	p.Domicile = fold.Name(p.Domicile)
	p.Profession = fold.Name(p.Profession)
}

// Normalize puts the names and places of an act in canonical Unicode form
// (NFC, plain apostrophe) before validation, so that a name pasted from
// another system with decomposed accents is neither refused nor stored
// twice under two spellings.
func Normalize(a *Act) {
	normalizePerson(a.Enfant)
	if a.Defunt != nil {
		normalizePerson(&a.Defunt.Person)
		if s := a.Defunt.Conjoint; s != nil {
			p := Person{Nom: s.Nom, Prenoms: s.Prenoms}
			normalizePerson(&p)
			s.Nom, s.Prenoms = p.Nom, p.Prenoms
		}
	}
	for i := range a.Parents {
		normalizePerson(&a.Parents[i])
	}
	if a.Declarant != nil {
		normalizePerson(&a.Declarant.Person)
	}
	a.Lieu = fold.Name(a.Lieu)
}
