package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestJournalShowsLocalTime: the journal shows when each entry was
// written in the computer's local time, JJ/MM/AAAA HH:MM:SS, like every
// other command (it printed the stored UTC instant, 2026-11-24T14:00:00Z).
func TestJournalShowsLocalTime(t *testing.T) {
	local := time.Local
	time.Local = time.FixedZone("CET", 3600)
	defer func() { time.Local = local }()
	dir := setupRegister(t)
	e := newEnv(t, dir, "")
	e.now = func() time.Time { return time.Date(2026, 11, 24, 14, 0, 5, 0, time.UTC) }
	if code := e.run("officier", "ajouter", "--id", "o2", "--prenoms", "Karim", "--nom", "BENALI", "--qualite", "fonctionnaire-delegue"); code != 0 {
		t.Fatalf("officier: %s", e.errOut)
	}
	e = newEnv(t, dir, "")
	if code := e.run("journal"); code != 0 {
		t.Fatalf("journal: %s", e.errOut)
	}
	var last string
	for _, l := range strings.Split(strings.TrimSpace(e.out.String()), "\n") {
		if !regexp.MustCompile(`^ *\d+  \d\d/\d\d/\d{4} \d\d:\d\d:\d\d  `).MatchString(l) {
			t.Errorf("not JJ/MM/AAAA HH:MM:SS: %q", l)
		}
		last = l
	}
	if !strings.Contains(last, "  24/11/2026 15:00:05  ") || !strings.Contains(last, "officier") {
		t.Errorf("last entry, written at 14:00:05 UTC, is not shown at 15:00:05 CET: %q", last)
	}
}

// The journal says each write in words (registry.Entry.Label, the same as
// the counter's « Journal »); --json keeps the stored code, for programs.
func TestJournalSaysWhatWasDone(t *testing.T) {
	dir := setupRegister(t)
	e := newEnv(t, dir, "")
	if code := e.run("journal"); code != 0 {
		t.Fatalf("journal: %s", e.errOut)
	}
	for _, want := range []string{" registre créé ", " sceau de la commune créé ", " officier ajouté "} {
		if !strings.Contains(e.out.String(), want) {
			t.Errorf("journal without %q:\n%s", want, e.out)
		}
	}
	if strings.Contains(e.out.String(), " init ") {
		t.Errorf("journal shows the code init:\n%s", e.out)
	}
	e = newEnv(t, dir, "")
	if code := e.run("journal", "--json"); code != 0 || !strings.Contains(e.out.String(), `"action":"init"`) {
		t.Fatalf("journal --json: %s %s", e.out, e.errOut)
	}
}
