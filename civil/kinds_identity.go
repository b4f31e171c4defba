package civil

// The identity of the events of the kinds of act of format version 2
// (see EventIdentity): a recognition entered twice, a stillborn child's
// act drawn up twice, are refused as duplicates unless the clerk
// confirms. A transcription has the identity of a death (identity.go);
// an unidentified deceased names nobody and is never taken for a
// duplicate.
func init() {
	SetIdentity(Reconnaissance, func(a *Act) (EventIdentity, bool) {
		if a.Auteur == nil || a.Declaration == nil {
			return EventIdentity{}, false
		}
		id := EventIdentity{Kind: Reconnaissance, Date: a.Declaration.Date, Field: "auteur",
			Persons: []IdentityPerson{{Person: namesAndBirth(a.Auteur.Person), Roles: []string{"auteur"}}}}
		switch {
		case a.Enfant != nil && len(a.Enfant.Prenoms) > 0:
			id.Persons = append(id.Persons, IdentityPerson{Person: namesAndBirth(*a.Enfant), Roles: []string{"enfant"}})
		case a.AutreParent != nil:
			id.Persons = append(id.Persons, IdentityPerson{Person: namesAndBirth(*a.AutreParent), Roles: []string{"autre-parent"}})
		}
		return id, true
	})
	SetIdentity(EnfantSansVie, func(a *Act) (EventIdentity, bool) {
		if a.Accouchement == nil || len(a.Parents) == 0 {
			return EventIdentity{}, false
		}
		id := EventIdentity{Kind: EnfantSansVie, Date: a.Accouchement.Date, Field: "parents"}
		for _, p := range a.Parents {
			id.Persons = append(id.Persons, IdentityPerson{Person: namesAndBirth(p), Roles: []string{"parent1", "parent2"}})
		}
		return id, true
	})
}

// namesAndBirth keeps what an identity compares: NOM, prénoms, date of
// birth.
func namesAndBirth(p Person) Person {
	return Person{Nom: p.Nom, Prenoms: p.Prenoms, DateNaissance: p.DateNaissance}
}
