package registry

import (
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/words"
)

// What the register adds to the kinds of act of format version 2: the
// recognitions a birth act cites are read from the recognitions register,
// the birth act a postnatal recognition names is checked, and a signed
// postnatal recognition is mentioned on the birth act or sent as a notice.

// checkKinds checks, inside tx, what only the register can show about an
// act of the new kinds, and fills in what the register knows: the date,
// place and author of a recognition of this register that a birth act
// cites. It returns the problems found.
func checkKinds(tx *bolt.Tx, a *civil.Act) ([]civil.Problem, error) {
	var ps []civil.Problem
	switch a.Type {
	case civil.Naissance:
		for i := range a.Reconnaissances {
			r := &a.Reconnaissances[i]
			if r.Acte == "" {
				continue
			}
			field := "reconnaissances[" + strconv.Itoa(i+1) + "].acte"
			ref, err := civil.ParseRef(r.Acte)
			if err != nil || ref.Registre != civil.Reconnaissance {
				continue // refused by civil.Validate
			}
			rec, err := findAct(tx, ref)
			if err != nil {
				return nil, err
			}
			switch {
			case rec == nil:
				ps = append(ps, civil.Problem{Field: field, Rule: "aucune reconnaissance " + r.Acte + " dans ce registre", Hint: "vérifiez la référence ; une reconnaissance faite ailleurs se cite par sa date, son lieu et son auteur",
					Next: []civil.Next{civil.Then(civil.SearchPeople)}})
				continue
			case rec.Type != civil.Reconnaissance || rec.MomentReconnaissance != civil.ReconnaissancePrenatale:
				ps = append(ps, civil.Problem{Field: field, Rule: r.Acte + " n'est pas une reconnaissance prénatale", Hint: "l'acte de naissance ne cite que les reconnaissances faites avant lui ; une reconnaissance postnatale se porte en mention"})
				continue
			case rec.Statut != civil.StatutSigne:
				ps = append(ps, civil.Problem{Field: field, Rule: "la reconnaissance " + r.Acte + " n'est pas signée", Hint: "faites-la signer d'abord, ou retirez-la de l'acte",
					Next: []civil.Next{civil.Then(civil.SignAct, r.Acte)}})
				continue
			}
			au := civil.Spouse{Nom: rec.Auteur.Nom, Prenoms: rec.Auteur.Prenoms}
			if r.Auteur != nil && !civil.SameNames(civil.Person{Nom: r.Auteur.Nom, Prenoms: r.Auteur.Prenoms}, civil.Person{Nom: au.Nom, Prenoms: au.Prenoms}) {
				ps = append(ps, civil.Problem{Field: field, Rule: "l'auteur indiqué n'est pas celui de la reconnaissance " + r.Acte + " (" + rec.Auteur.FullName() + ")", Hint: "retirez date, lieu et auteur : le registre les reprend de l'acte"})
				continue
			}
			r.Date, r.Lieu, r.Auteur = rec.Declaration.Date, rec.Lieu, &au
		}
	case civil.Reconnaissance:
		e := a.Enfant
		if a.MomentReconnaissance != civil.ReconnaissancePostnatale || e == nil || e.Acte == "" {
			return nil, nil
		}
		ref, err := civil.ParseRef(e.Acte)
		if err != nil || ref.Registre != civil.Naissance {
			return nil, nil // refused by civil.Validate
		}
		b, err := findAct(tx, ref)
		if err != nil {
			return nil, err
		}
		switch {
		case b == nil || b.Type != civil.Naissance:
			ps = append(ps, civil.Problem{Field: "enfant.acte", Rule: "aucun acte de naissance " + e.Acte + " dans ce registre", Hint: "vérifiez la référence, ou retirez-la si l'acte est tenu par une autre commune (un avis de mention lui sera adressé)",
				Next: []civil.Next{civil.Then(civil.SearchPeople)}})
		case b.Statut != civil.StatutSigne:
			ps = append(ps, civil.Problem{Field: "enfant.acte", Rule: "l'acte de naissance " + e.Acte + " n'est pas signé", Hint: "faites signer l'acte de naissance d'abord : la reconnaissance sera portée en marge de l'acte signé",
				Next: []civil.Next{civil.Then(civil.SignAct, e.Acte)}})
		case !civil.SamePerson(civil.BornAs(b), *e):
			ps = append(ps, civil.Problem{Field: "enfant.acte", Rule: "l'acte " + e.Acte + " est celui de " + b.Enfant.FullName() + ", " + civil.Agree(b.Enfant.Sexe, "né", "née") + " le " + figures(b.Date) + " à " + b.Lieu + ", pas de l'enfant reconnu",
				Hint: "vérifiez les noms, la date et le lieu de naissance de l'enfant, ou la référence de son acte"})
		}
	}
	return ps, nil
}

// findAct returns the act of ref inside tx, or nil when the register holds
// none.
func findAct(tx *bolt.Tx, ref civil.Ref) (*civil.Act, error) {
	if tx.Bucket(bucketActs).Get(actKey(ref)) == nil {
		return nil, nil
	}
	a, _, err := getAct(tx, ref)
	return a, err
}

// figures writes a date AAAA-MM-JJ as JJ/MM/AAAA; anything else as is.
func figures(date string) string {
	if t, err := time.Parse(civil.DateLayout, date); err == nil {
		return words.Figures(t)
	}
	return date
}

// recognitionFollowUp writes, inside tx, what a signed postnatal
// recognition calls for (C. civ. art. 62; etat-civil.md §3): its mention
// in the margin of the child's birth act when this register holds it,
// else a notice of mention for the commune that does (none for a foreign
// child born abroad). A prenatal recognition has no birth act yet: the
// birth act will cite it.
func (s *Store) recognitionFollowUp(tx *bolt.Tx, a *civil.Act) ([]FollowUp, error) {
	if a.MomentReconnaissance != civil.ReconnaissancePostnatale || a.Enfant == nil || a.Auteur == nil {
		return nil, nil
	}
	var c civil.Commune
	if err := readCommune(tx, &c); err != nil {
		return nil, err
	}
	child := *a.Enfant
	m := civil.Mention{Nature: civil.NatureReconnaissance, Source: a.Ref().String(), Officier: a.Officier,
		Donnees: &civil.MentionData{Date: a.Declaration.Date, Lieu: a.Lieu, Auteur: &civil.Spouse{Nom: a.Auteur.Nom, Prenoms: a.Auteur.Prenoms},
			Qualite: a.Auteur.Qualite, Acte: a.Ref().String()}}
	var err error
	var b *civil.Act
	if child.Acte != "" {
		if ref, err := civil.ParseRef(child.Acte); err == nil {
			if b, err = findAct(tx, ref); err != nil {
				return nil, err
			}
		}
	} else if b, err = (registerLookup{tx}).BirthOf(child); err != nil {
		return nil, err
	}
	if b != nil && b.Statut == civil.StatutSigne {
		if err := civil.AutomaticMention(b, &m); err != nil {
			return nil, err
		}
		m, err = s.mentionIn(tx, b, m)
		return []FollowUp{{Act: b.Ref(), Mention: m}}, err
	}
	if why := civil.NoNotice(child); why != "" {
		return []FollowUp{{Mention: m, Note: why}}, nil
	}
	if n, ok := civil.NatureOf(m.Nature); ok {
		m.Fondement = n.Fondement
	}
	if m.Texte, err = civil.NoticeText(child, m); err != nil {
		return nil, err
	}
	nt, err := s.addNotice(tx, a, child, civil.NoticeRecipient(child.LieuNaissance, c), m)
	return []FollowUp{{Mention: m, Notice: nt}}, err
}
