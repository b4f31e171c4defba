package main

import (
	"testing"
	"time"

	"etatcivil/civil"
)

// TestDemoTellsOneStory: whoever the demo names in several acts (a parent
// of a birth who marries later) is born on one day in one place (issue 21
// §10).
func TestDemoTellsOneStory(t *testing.T) {
	born := map[string]string{}
	check := func(p civil.Person) {
		if p.DateNaissance == "" && p.LieuNaissance == "" {
			return
		}
		key, got := p.FullName(), p.DateNaissance+" à "+p.LieuNaissance
		if was, ok := born[key]; ok && was != got {
			t.Errorf("%s is born %s here and %s there", key, was, got)
		}
		born[key] = got
	}
	for _, a := range demoActs(time.Now()) {
		for _, np := range a.Persons() {
			check(np.Person)
		}
	}
	for _, p := range demoCouple() {
		check(p)
	}
}
