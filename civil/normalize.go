package civil

import "etatcivil/internal/fold"

// normalizePerson puts a person's names, places, profession and domicile
// in canonical form.
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
// twice under two spellings. Every person of every kind of act is put so
// (see EachPerson), and the free words the act prints: the place, the
// declarant's quality and kinship, the contract's notary, the authority
// of a dispensation.
func Normalize(a *Act) {
	a.EachPerson(func(_ Role, p *Person) { normalizePerson(p) })
	a.Lieu = fold.Name(a.Lieu)
	if d := a.Declarant; d != nil {
		d.Qualite, d.Lien = fold.Name(d.Qualite), fold.Name(d.Lien)
	}
	if c := a.Contrat; c != nil {
		c.Notaire = fold.Name(c.Notaire)
	}
	if d := a.Dispense; d != nil {
		d.Autorite = fold.Name(d.Autorite)
	}
	for _, j := range []*Judgment{a.Jugement, a.DecisionGraphie} {
		if j != nil {
			j.Tribunal = fold.Name(j.Tribunal)
		}
	}
}

// NormalizeBanns is Normalize for a publication of banns.
func NormalizeBanns(b *Banns) {
	b.EachPerson(func(_ Role, p *Person) { normalizePerson(p) })
}
