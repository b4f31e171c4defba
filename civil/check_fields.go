package civil

import (
	"errors"
	"strings"
	"time"
)

// CheckFields checks an act being entered, maybe still incomplete, by the
// rules of Validate, and returns the problems found on the given fields
// and every warning. A field is a domain field as problems name it
// ("parents[1].lieu_naissance", "officier"); a problem on a part of it
// counts ("enfant.prenoms[2]" for "enfant.prenoms"). The guided entry
// calls it at each answer, so that an answer is refused when it is given,
// by the very rule and message that would refuse the same act in a file
// (issue 18 §4): a place without its département, an officer unknown to
// the register or who may not celebrate a marriage, a minor witness, a
// parent born after the child. The act is put in canonical form as
// Validate does.
func CheckFields(a *Act, commune Commune, officer func(string) (Officer, bool), now time.Time, fields ...string) ([]Problem, []string) {
	ws, err := Validate(a, commune, officer, now)
	var r *RefusedError
	if !errors.As(err, &r) {
		return nil, ws
	}
	var out []Problem
	for _, p := range r.Problems {
		for _, f := range fields {
			if Under(p.Field, f) {
				out = append(out, p)
				break
			}
		}
	}
	return out, ws
}

// Under tells whether the domain field field is f or one of its parts:
// "enfant.prenoms[2]" and "parents[1].nom" are under "enfant.prenoms" and
// "parents[1]".
func Under(field, f string) bool {
	return field == f || strings.HasPrefix(field, f+".") || strings.HasPrefix(field, f+"[")
}
