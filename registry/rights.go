package registry

import (
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// decideCopy reads the act of a copy request inside tx and decides the
// request, with what the register knows of the death of the persons the
// act is about: a signed death act of this register, when the act carries
// no mention of the death (code du patrimoine, art. L213-2: a birth or
// marriage act is open to all 25 years after the death). input is an
// input error (no such act, not signed, malformed: civil.CheckCopyInput),
// never kept in the register of copies; rights is the decision on the
// requester's rights (civil.CopyRights), which is.
func decideCopy(tx *bolt.Tx, req *civil.CopyRequest, now time.Time) (a *civil.Act, input, rights error) {
	a, _, err := getAct(tx, req.Ref)
	if err != nil {
		return nil, err, nil
	}
	deaths, err := knownDeaths(tx, a)
	if err != nil {
		return nil, err, nil
	}
	if err := civil.CheckCopyInput(a, req, now, deaths...); err != nil {
		return nil, err, nil
	}
	return a, nil, civil.CopyRights(a, *req, now, deaths...)
}

// knownDeaths returns the death acts of this register of the persons act
// a is about (the child; the spouses), as the act's mentions have made
// them.
func knownDeaths(tx *bolt.Tx, a *civil.Act) ([]civil.Death, error) {
	if a.Type == civil.Deces || a.Statut != civil.StatutSigne {
		return nil, nil
	}
	cur := a.Current()
	var out []civil.Death
	var err error
	cur.EachPerson(func(r civil.Role, p *civil.Person) {
		if err != nil || (r.Name != "enfant" && r.Name != "epoux1" && r.Name != "epoux2") {
			return
		}
		if _, known := cur.DeathDate(*p); known {
			return
		}
		who := *p
		if r.Name == "enfant" {
			who = civil.BornAs(cur)
		}
		var d *civil.Act
		if d, err = (registerLookup{tx}).DeathOf(who); d != nil {
			out = append(out, civil.Death{Role: r.Name, Date: d.Date, Acte: d.Ref().String()})
		}
	})
	return out, err
}
