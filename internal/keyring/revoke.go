package keyring

import (
	"fmt"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// RevokePlan is etatcivil officier revoquer before it is done: the
// officer, the revocation, and what it will mean (Lines), shown before the
// clerk confirms by typing the officer's name.
type RevokePlan struct {
	Officer    civil.Officer
	Revocation registry.Revocation
	Key        *registry.KeyRecord
	// Again: the key was revoked by an earlier version, without a reason;
	// the reason is now written.
	Again bool
	Lines []string
}

// refuseParse names the field of a value that internal/parse could not read.
func refuseParse(field string, err error) error {
	if p, ok := err.(*parse.Problem); ok {
		return civil.Refuse(field, p.Rule, p.Hint)
	}
	return err
}

// PlanRevoke reads a revocation of officer id's key as typed (motif: a
// value of Reasons; depuis: JJ/MM/AAAA or "") and says what it will mean,
// refusing an unknown officer, one without a key, or a key already
// revoked with a reason.
func PlanRevoke(s *registry.Store, id, motif, depuis string) (*RevokePlan, error) {
	raison, err := Reasons.Match(motif)
	if err != nil {
		return nil, refuseParse("motif", err)
	}
	p := &RevokePlan{Revocation: registry.Revocation{Raison: raison}}
	r := &p.Revocation
	if strings.TrimSpace(depuis) != "" {
		d, err := parse.Date(depuis)
		if err != nil {
			return nil, refuseParse("depuis", err)
		}
		r.Depuis, _ = time.ParseInLocation("2006-01-02", d, time.Local)
	}
	of, ok := s.Officer(id)
	if !ok {
		return nil, civil.Refuse("officier", "officier « "+id+" » inconnu du registre", "choisissez un officier de la liste", civil.Then(civil.SeeOfficers))
	}
	p.Officer = of
	rec, err := s.OfficerKey(id)
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, civil.Refuse("officier", "l'officier "+of.FullName()+" ("+id+") n'a pas de clé de signature", "rien à révoquer")
	}
	p.Key = rec
	at, revoked := rec.Revoked()
	if revoked && rec.Raison != "" {
		return nil, civil.Refuse("officier", fmt.Sprintf("la clé %s (%s) est déjà révoquée depuis le %s (%s)", civil.Of(of.FullName()), id, at.Local().Format("02/01/2006 à 15:04"), rec.Motif), "rien à faire")
	}
	p.Again = revoked
	// What is about to happen, with the officer's name: a typo in the id
	// shows here.
	created, _ := time.Parse(time.RFC3339, rec.CreeLe)
	say := func(format string, a ...any) { p.Lines = append(p.Lines, fmt.Sprintf(format, a...)) }
	if revoked {
		say("La clé %s %s (%s), %s, a été révoquée le %s sans motif (version précédente) : toutes ses signatures sont tenues pour suspectes.",
			rec.ID, civil.Of(of.FullName()), id, of.QualiteLabel(), at.Local().Format("02/01/2006 à 15:04"))
		say("Motif à inscrire : %s.", Reasons.Label(raison))
	} else {
		say("Révocation de la clé de signature %s (%s), %s — clé %s, créée le %s.", civil.Of(of.FullName()), id, of.QualiteLabel(), rec.ID, created.Local().Format("02/01/2006"))
	}
	switch {
	case raison == registry.RaisonFinDeMandat && r.Depuis.IsZero():
		say("Motif : fin de mandat. Ce que cette clé a signé jusqu'à maintenant reste authentique ; elle ne signera plus rien.")
	case raison == registry.RaisonFinDeMandat:
		say("Motif : fin de mandat à compter du %s. Ce que cette clé a signé avant reste authentique ; ce qu'elle a signé depuis sera refusé.", r.Depuis.Format("02/01/2006"))
	case r.Depuis.IsZero():
		say("Motif : clé compromise, depuis une date inconnue : TOUT ce qu'elle a signé depuis sa création (le %s) sera montré comme suspect.", created.Local().Format("02/01/2006"))
	default:
		say("Motif : clé compromise à compter du %s : ce qu'elle a signé depuis sera montré comme suspect ; avant, authentique.", r.Depuis.Format("02/01/2006"))
	}
	say("C'est irréversible.")
	return p, nil
}

// Confirm refuses a confirmation whose name typed is not the officer's
// NOM (accents and case aside): nothing is revoked.
func (p *RevokePlan) Confirm(typed string) error {
	o := p.Officer
	if typed = strings.TrimSpace(typed); fold.Key(typed) != fold.Key(o.Nom) {
		return &Refusal{"révocation non confirmée : " + parse.Quote(typed) + " n'est pas le nom de l'officier " + o.ID + " (" + o.Nom + ") ; rien n'a été révoqué",
			"vérifiez l'identifiant de l'officier (etatcivil officier lister), puis recommencez", true}
	}
	return nil
}

// Do revokes the key with the seal auth (Revoke) and says what was done.
func (p *RevokePlan) Do(s *registry.Store, auth *seal.Key) ([]string, error) {
	k, err := Revoke(s, auth, p.Officer.ID, p.Revocation)
	if err != nil {
		return nil, err
	}
	rev, _, err := k.Revocation()
	if err != nil {
		return nil, err
	}
	first := fmt.Sprintf("Clé %s de l'officier %s révoquée : %s.", k.ID, p.Officer.ID, Describe(rev))
	if p.Again {
		first = fmt.Sprintf("Motif de la révocation de la clé %s de l'officier %s inscrit : %s.", k.ID, p.Officer.ID, Describe(rev))
	}
	return []string{first, "  → remettez aux partenaires la liste de révocation signée par le sceau : etatcivil cles revocations -o revocations.pem"}, nil
}
