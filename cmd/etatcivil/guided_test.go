package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
)

// memoryDir returns a temporary folder in memory (/dev/shm) when the
// system has one, else on disk: a test that writes hundreds of acts is
// not slowed by the disk's syncs.
func memoryDir(t *testing.T) string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "etatcivil-test-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(d) })
			return d
		}
	}
	return t.TempDir()
}

// guidedBirth returns the answers a clerk types for a birth on the test
// register (Lille, Lomme, one officer): a child born on 20/11/2026 at
// hour, one parent born on parentBorn, declared by the mother on
// 23/11/2026 at declared.
func guidedBirth(hour, parentBorn, declared string) string {
	return strings.Join([]string{
		"MARTIN", "Léa", "F", "20/11/2026", hour, "",
		"1", "MARTIN", "Camille", "F", parentBorn, "Lille (Nord)", "infirmière", "12 rue de Lille, Lomme (Nord)",
		"la mère", "23/11/2026", declared,
		"", "oui",
	}, "\n") + "\n"
}

// TestGuidedEntryReadsEveryHourAndDay drives the guided entry itself, as
// a clerk types it, through every hour 00–23 and minute 00–59 written
// with their leading zeros, and every day and month of a year written
// JJ/MM/AAAA: what is recorded (the export format of afficher --json) is
// what was typed, never an octal reading (« 09:10 » was 00:10, « 14:08 »
// was 14:00, « 08/05/1940 » was refused).
func TestGuidedEntryReadsEveryHourAndDay(t *testing.T) {
	dir := setupRegisterIn(t, memoryDir(t))
	var hours []string
	for h := range 24 {
		for m := range 60 {
			hours = append(hours, fmt.Sprintf("%02d:%02d", h, m))
		}
	}
	day := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	type want struct{ heure, parent, declaration string }
	var wants []want
	for i := 0; i < len(hours); i += 2 {
		w := want{hours[i], day.Format("2006-01-02"), hours[i+1]}
		e := newEnv(t, dir, guidedBirth(w.heure, day.Format("02/01/2006"), w.declaration))
		e.interactive = true
		// 720 entries of the same child, only the hours differ: each after
		// the first is a duplicate, confirmed as the option says.
		if code := e.run("naissance", "--doublon-confirme"); code != 0 {
			t.Fatalf("entry %d (%s, %s): exit %d: %s\n%s", i/2+1, w.heure, day.Format("02/01/2006"), code, e.errOut, e.out)
		}
		wants = append(wants, w)
		if day = day.AddDate(0, 0, 1); day.Year() > 1990 {
			day = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	e := newEnv(t, dir, "")
	if code := e.run("lister", "--json"); code != 0 {
		t.Fatalf("lister: %s", e.errOut)
	}
	sc := bufio.NewScanner(e.out)
	n := 0
	for sc.Scan() {
		var a civil.Act
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		w := wants[a.Numero-1]
		if a.Heure != w.heure || a.Parents[0].DateNaissance != w.parent || a.Declaration.Heure != w.declaration ||
			a.Date != "2026-11-20" || a.Declaration.Date != "2026-11-23" {
			t.Errorf("n° %d: recorded %s, parent born %s, declared %s %s; typed %+v", a.Numero, a.Heure, a.Parents[0].DateNaissance, a.Declaration.Date, a.Declaration.Heure, w)
		}
		n++
	}
	if n != len(wants) {
		t.Fatalf("%d acts recorded, want %d", n, len(wants))
	}
	// afficher --json prints the same as lister --json.
	e = newEnv(t, dir, "")
	if code := e.run("afficher", "naissance/2026/5", "--json"); code != 0 || !strings.Contains(e.out.String(), `"heure":"00:08"`) {
		t.Fatalf("afficher: %d %s %s", code, e.out, e.errOut)
	}
}

// TestGuidedEntryProposedHour: at 09:02 the guided entry proposes [09:02]
// for the declaration; Enter records 09:02 (it recorded 00:02). The
// register was last written the day before at 15:00.
func TestGuidedEntryProposedHour(t *testing.T) {
	dir := setupRegister(t)
	answers := strings.Replace(guidedBirth("08:09", "08/09/1990", "XX"), "23/11/2026\nXX\n", "\n\n", 1)
	e := newEnv(t, dir, answers)
	e.now = func() time.Time { return time.Date(2026, 11, 25, 9, 2, 0, 0, time.Local) }
	e.interactive = true
	if code := e.run("naissance", "--json"); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, e.errOut, e.out)
	}
	for _, want := range []string{"Heure de la déclaration [09:02]", "Dressé le vingt-cinq novembre deux mille vingt-six, à neuf heures deux", `"declaration":{"date":"2026-11-25","heure":"09:02"}`, `"heure":"08:09"`} {
		if !strings.Contains(e.out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, e.out)
		}
	}
}
