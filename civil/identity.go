package civil

import (
	"strings"

	"etatcivil/internal/words"
)

// EventIdentity is what makes two acts record the same event: the kind
// of act, the day of the event, and the persons it happened to, each
// named by NOM and first prénom (and date of birth when the act gives
// it). The same death recorded twice, the same birth declared twice, the
// same marriage entered twice have the same identity; twins (other
// prénoms) or two people of the same name (other date of birth) do not.
type EventIdentity struct {
	Kind    Kind
	Date    string // the day of the event, as the act writes it
	Persons []IdentityPerson
	// Field is the domain field that names the persons, for a refusal:
	// "enfant", "defunt", "epoux".
	Field string
}

// IdentityPerson is one person of an event's identity.
type IdentityPerson struct {
	Person Person
	// Roles are the roles under which the name index holds the person in
	// an act of that kind (see Act.Persons): "enfant", or "epoux1" and
	// "epoux2" when either will do.
	Roles []string
}

// identities gives the identity of each kind of act that has one. A kind
// absent has none: its acts are never taken for duplicates. Another kind
// gets one with SetIdentity.
var identities = map[Kind]func(*Act) (EventIdentity, bool){
	Naissance: func(a *Act) (EventIdentity, bool) {
		if a.Enfant == nil {
			return EventIdentity{}, false
		}
		return EventIdentity{Kind: Naissance, Date: a.Date, Field: "enfant",
			Persons: []IdentityPerson{{Person: Person{Nom: a.Enfant.Nom, Prenoms: a.Enfant.Prenoms}, Roles: []string{"enfant"}}}}, true
	},
	Deces:         deceased(Deces),
	Transcription: deceased(Transcription),
	Mariage: func(a *Act) (EventIdentity, bool) {
		if len(a.Epoux) != 2 {
			return EventIdentity{}, false
		}
		id := EventIdentity{Kind: Mariage, Date: a.Date, Field: "epoux"}
		for _, e := range a.Epoux {
			id.Persons = append(id.Persons, IdentityPerson{Person: Person{Nom: e.Nom, Prenoms: e.Prenoms, DateNaissance: e.DateNaissance}, Roles: []string{"epoux1", "epoux2"}})
		}
		return id, true
	},
}

// deceased is the identity of a death: the deceased and the day of death.
func deceased(k Kind) func(*Act) (EventIdentity, bool) {
	return func(a *Act) (EventIdentity, bool) {
		if a.Defunt == nil {
			return EventIdentity{}, false
		}
		d := a.Defunt
		return EventIdentity{Kind: k, Date: a.Date, Field: "defunt",
			Persons: []IdentityPerson{{Person: Person{Nom: d.Nom, Prenoms: d.Prenoms, DateNaissance: d.DateNaissance}, Roles: []string{"defunt"}}}}, true
	}
}

// SetIdentity gives kind k an identity (or replaces it), for a kind of
// act added to the program: fn returns false for an act that does not
// name its persons well enough to be compared.
func SetIdentity(k Kind, fn func(*Act) (EventIdentity, bool)) { identities[k] = fn }

// Identity returns the identity of the event an act records; false when
// its kind has none or the act does not name the persons (no NOM, no
// prénom, no date): such an act is never taken for a duplicate.
func (a *Act) Identity() (EventIdentity, bool) {
	fn, ok := identities[a.Type]
	if !ok {
		return EventIdentity{}, false
	}
	id, ok := fn(a)
	if !ok || strings.TrimSpace(id.Date) == "" || len(id.Persons) == 0 {
		return EventIdentity{}, false
	}
	for _, p := range id.Persons {
		if FoldedName(p.Person.Nom) == "" || len(p.Person.Prenoms) == 0 || FoldedName(p.Person.Prenoms[0]) == "" {
			return EventIdentity{}, false
		}
	}
	return id, true
}

// Same tells whether two identities are the same event: same kind, same
// day, and the same persons in any order (same NOM and first prénom,
// accents, case and hyphens ignored; dates of birth equal when both are
// known).
//
// A person dies once: two deaths (acts of death or transcriptions) of the
// same person, known by NOM, first prénom and date of birth, are the same
// event whatever the day each gives (a death entered again with another
// day would give two signed acts and two death mentions on the birth act).
func (id EventIdentity) Same(o EventIdentity) bool {
	once := diesOnce(id.Kind) && diesOnce(o.Kind) && bornKnown(id) && bornKnown(o)
	if (id.Kind != o.Kind && !once) || (id.Date != o.Date && !once) || len(id.Persons) != len(o.Persons) {
		return false
	}
	used := make([]bool, len(o.Persons))
	for _, p := range id.Persons {
		found := false
		for j, q := range o.Persons {
			if used[j] || !sameNames(p.Person, q.Person) {
				continue
			}
			if p.Person.DateNaissance != "" && q.Person.DateNaissance != "" && p.Person.DateNaissance != q.Person.DateNaissance {
				continue
			}
			used[j], found = true, true
			break
		}
		if !found {
			return false
		}
	}
	return true
}

// diesOnce tells whether an act of kind k records a person's death.
func diesOnce(k Kind) bool { return k == Deces || k == Transcription }

// bornKnown tells whether every person of id has a date of birth.
func bornKnown(id EventIdentity) bool {
	for _, p := range id.Persons {
		if p.Person.DateNaissance == "" {
			return false
		}
	}
	return len(id.Persons) > 0
}

// DuplicateRefusal refuses to record a second time the event a already
// recorded by the acts named in found (their references and statuses, in
// words): the clerk checks them, and confirms only when it is another
// event.
func DuplicateRefusal(a *Act, found []string, firstRef string) error {
	id, _ := a.Identity()
	var who []string
	for _, p := range id.Persons {
		who = append(who, p.Person.FullName())
	}
	event := map[Kind]string{Naissance: "la naissance", Deces: "le décès", Transcription: "le décès", Mariage: "le mariage",
		Reconnaissance: "la reconnaissance par", EnfantSansVie: "l'accouchement"}[a.Type]
	if event == "" {
		event = "l'événement"
	}
	day := id.Date
	if t, ok := ParseDate(id.Date); ok {
		day = words.Figures(t)
	}
	rule := event + " de " + strings.Join(who, " et ") + " du " + day + " est déjà au registre : " + strings.Join(found, ", ")
	return Refuse(id.Field, rule,
		"ne l'enregistrez pas une seconde fois : corrigez ou signez l'acte existant ; si c'est bien un autre événement (une autre personne du même nom), confirmez-le",
		Then(ShowAct, firstRef), Then(ConfirmDuplicate))
}
