package agenda

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

const tomorrow = "2026-11-25" // testNow is 2026-11-24 15:00

func agenda(t *testing.T) *Agenda {
	t.Helper()
	s := newStore(t)
	for _, g := range []int{1, 2} {
		if _, err := s.OpenSlots(Opening{Jour: tomorrow, De: "09:00", A: "10:00", Duree: 15, Guichet: g}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func book(t *testing.T, s *Agenda, b Booking) *Appointment {
	t.Helper()
	a, _, err := s.Book(b)
	if err != nil {
		t.Fatalf("%+v: %v", b, err)
	}
	return a
}

func refusedWith(t *testing.T, err error, want string) {
	t.Helper()
	if !civil.IsRefused(err) || !strings.Contains(err.Error(), want) {
		t.Fatalf("want a refusal with %q, got %v", want, err)
	}
}

func TestOpenSlots(t *testing.T) {
	s := newStore(t)
	res, err := s.OpenSlots(Opening{Jour: tomorrow, De: "09:00", A: "10:10", Duree: 20, Guichet: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Opened) != 3 || res.Opened[2].Heure != "09:40" || res.Leftover != "10:00-10:10" {
		t.Fatalf("opened %+v leftover %q", res.Opened, res.Leftover)
	}
	// Opening again is harmless; an overlapping range is refused.
	res, err = s.OpenSlots(Opening{Jour: tomorrow, De: "09:00", A: "10:00", Duree: 20, Guichet: 1})
	if err != nil || len(res.Opened) != 0 || res.Existing != 3 {
		t.Fatalf("reopen: %+v %v", res, err)
	}
	_, err = s.OpenSlots(Opening{Jour: tomorrow, De: "09:30", A: "11:00", Duree: 15, Guichet: 1})
	refusedWith(t, err, "chevaucherait le créneau 09:20-09:40")
	// The same range on another desk is fine.
	if _, err := s.OpenSlots(Opening{Jour: tomorrow, De: "09:30", A: "11:00", Duree: 15, Guichet: 2}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		o    Opening
		want string
	}{
		{Opening{Jour: "2026-11-23", De: "09:00", A: "10:00", Duree: 15, Guichet: 1}, "est passé"},
		{Opening{Jour: tomorrow, De: "10:00", A: "09:00", Duree: 15, Guichet: 1}, "n'est pas après le début"},
		{Opening{Jour: tomorrow, De: "9.00", A: "10:00", Duree: 15, Guichet: 1}, "de : « 9.00 » n'est pas une heure"},
		{Opening{Jour: tomorrow, De: "09:00", A: "10:00", Duree: 2, Guichet: 1}, "de 5 à 240 minutes"},
		{Opening{Jour: tomorrow, De: "09:00", A: "09:10", Duree: 15, Guichet: 1}, "aucun créneau de 15 minutes"},
		{Opening{Jour: tomorrow, De: "09:00", A: "10:00", Duree: 15, Guichet: 0}, "de 1 à 99"},
	} {
		_, err := s.OpenSlots(c.o)
		refusedWith(t, err, c.want)
	}
}

func TestBookRefusesDoubleBookingAndPastOrClosedSlots(t *testing.T) {
	s := agenda(t)
	a := book(t, s, Booking{Jour: tomorrow, Heure: "09:15", Guichet: 1, Nom: "Marie DUPONT", Telephone: "06.12.34.56.78", Objet: "dossier-mariage"})
	if a.Numero != 1 || a.Telephone != "06 12 34 56 78" || a.Duree != 15 || a.Statut != RdvPrevu || len(a.Sel) != 32 {
		t.Fatalf("%+v", a)
	}
	_, _, err := s.Book(Booking{Jour: tomorrow, Heure: "09:15", Guichet: 1, Nom: "Paul MARTIN", Telephone: "0611111111", Objet: "copie"})
	refusedWith(t, err, "créneau déjà pris le 2026-11-25 à 09:15 au guichet 1 (rendez-vous n° 1")
	refusedWith(t, err, "09:00 (guichet 1)")
	// Without a desk, the first free one is taken.
	b := book(t, s, Booking{Jour: tomorrow, Heure: "09:15", Nom: "Paul MARTIN", Telephone: "+33 6 11 11 11 11", Objet: "Décès"})
	if b.Guichet != 2 || b.Objet != ObjetDeces || b.Telephone != "06 11 11 11 11" {
		t.Fatalf("%+v", b)
	}
	_, _, err = s.Book(Booking{Jour: tomorrow, Heure: "09:15", Nom: "Luc PETIT", Telephone: "0622222222", Objet: "copie"})
	refusedWith(t, err, "créneau déjà pris")
	_, _, err = s.Book(Booking{Jour: tomorrow, Heure: "09:10", Nom: "Luc PETIT", Telephone: "0622222222", Objet: "copie"})
	refusedWith(t, err, "aucun créneau ouvert le 2026-11-25 à 09:10")
	_, _, err = s.Book(Booking{Jour: "2026-11-24", Heure: "16:00", Nom: "Luc PETIT", Telephone: "0622222222", Objet: "copie"})
	refusedWith(t, err, "aucun créneau ouvert") // today, no slots
	if _, err := s.OpenSlots(Opening{Jour: "2026-11-24", De: "14:00", A: "16:00", Duree: 30, Guichet: 1}); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.Book(Booking{Jour: "2026-11-24", Heure: "14:30", Nom: "Luc PETIT", Telephone: "0622222222", Objet: "copie"})
	refusedWith(t, err, "est passé")
	book(t, s, Booking{Jour: "2026-11-24", Heure: "15:30", Nom: "Luc PETIT", Telephone: "0622222222", Objet: "copie"})

	// Bad citizen data: every field named at once, nothing written.
	_, _, err = s.Book(Booking{Jour: tomorrow, Heure: "09:30", Nom: "12", Telephone: "06 12", Objet: "visite"})
	for _, want := range []string{"nom : ", "telephone : ", "objet : "} {
		refusedWith(t, err, want)
	}
	// Same phone the same day: booked, with a warning.
	_, warns, err := s.Book(Booking{Jour: tomorrow, Heure: "09:45", Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "copie"})
	if err != nil || len(warns) != 1 || !strings.Contains(warns[0], "rendez-vous n° 1") {
		t.Fatalf("%v %v", warns, err)
	}
	checkSound(t, s)
}

func TestConcurrentBookingsNeverDoubleBook(t *testing.T) {
	s := agenda(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = s.Book(Booking{Jour: tomorrow, Heure: "09:30", Guichet: 1, Nom: "Jean DURAND", Telephone: "0633333333", Objet: "autre"})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if !civil.IsRefused(err) {
			t.Fatal(err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d bookings of one slot succeeded", ok)
	}
}

func TestCloseSlotsListsCallBacksAndMove(t *testing.T) {
	s := agenda(t)
	a := book(t, s, Booking{Jour: tomorrow, Heure: "09:00", Guichet: 2, Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "naissance"})
	book(t, s, Booking{Jour: tomorrow, Heure: "09:00", Guichet: 1, Nom: "Paul MARTIN", Telephone: "0611111111", Objet: "copie"})
	closed, calls, err := s.CloseSlots(Closing{Jour: tomorrow, Guichet: 2, Motif: "agent absent"})
	if err != nil || len(closed) != 4 || len(calls) != 1 || calls[0].Numero != a.Numero || calls[0].Statut != RdvARappeler {
		t.Fatalf("%v %v %v", closed, calls, err)
	}
	_, _, err = s.CloseSlots(Closing{Jour: tomorrow, Guichet: 2})
	refusedWith(t, err, "aucun créneau ouvert à fermer")
	_, _, err = s.Book(Booking{Jour: tomorrow, Heure: "09:15", Guichet: 2, Nom: "Luc PETIT", Telephone: "0622222222", Objet: "copie"})
	refusedWith(t, err, "créneau fermé le 2026-11-25 à 09:15 au guichet 2 (agent absent)")

	list, err := s.CallBacks(tomorrow)
	if err != nil || len(list) != 1 || list[0].Nom != "Marie DUPONT" {
		t.Fatalf("%v %v", list, err)
	}
	book1, _ := s.Day(tomorrow)
	if book1.Rdv != 1 || book1.Fermes != 4 || book1.Libres != 3 || len(book1.ARappeler) != 1 {
		t.Fatalf("%+v", book1)
	}
	// Phoned back: moved to desk 1 at 09:30.
	_, err = s.MoveAppointment(a.Numero, tomorrow, "09:00", 0)
	refusedWith(t, err, "créneau déjà pris")
	m, err := s.MoveAppointment(a.Numero, tomorrow, "09:30", 0)
	if err != nil || m.Guichet != 1 || m.Statut != RdvPrevu {
		t.Fatalf("%+v %v", m, err)
	}
	if list, _ := s.CallBacks(tomorrow); len(list) != 0 {
		t.Fatalf("still to call: %v", list)
	}
	_, err = s.MoveAppointment(a.Numero, tomorrow, "09:30", 0)
	refusedWith(t, err, "est déjà le 2026-11-25 à 09:30")
	// Reopening the desk frees its slots again.
	res, err := s.OpenSlots(Opening{Jour: tomorrow, De: "09:00", A: "10:00", Duree: 15, Guichet: 2})
	if err != nil || len(res.Opened) != 4 {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := s.CancelAppointment(a.Numero, "plus besoin"); err != nil {
		t.Fatal(err)
	}
	_, err = s.CancelAppointment(a.Numero, "")
	refusedWith(t, err, "déjà annulé")
	_, err = s.MoveAppointment(a.Numero, tomorrow, "09:45", 0)
	refusedWith(t, err, "est annulé")
	// The cancelled slot is free again.
	book(t, s, Booking{Jour: tomorrow, Heure: "09:30", Guichet: 1, Nom: "Luc PETIT", Telephone: "0622222222", Objet: "copie"})
	_, err = s.CancelAppointment(99, "")
	refusedWith(t, err, "aucun rendez-vous n° 99")
	checkSound(t, s)
}

func TestPurgeDeletesOldAppointmentsAndControlAcceptsIt(t *testing.T) {
	s := agenda(t)
	a := book(t, s, Booking{Jour: tomorrow, Heure: "09:00", Guichet: 1, Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "naissance"})
	if n, err := s.PurgeAppointments(); err != nil || n != 0 {
		t.Fatalf("%d %v", n, err)
	}
	later := time.Date(2026, 12, 26, 9, 0, 0, 0, time.Local) // 31 days after
	s.reg.Now = func() time.Time { return later }
	// A clock more than a day ahead of the newest journal entry is not
	// trusted: the purge goes no further than a day after that entry.
	if n, err := s.PurgeAppointments(); err != nil || n != 0 {
		t.Fatalf("clock 32 days ahead of the register: %d %v", n, err)
	}
	// The register was used the day before: the clock is trusted.
	s.reg.Now = func() time.Time { return later.AddDate(0, 0, -1) }
	if _, err := s.OpenSlots(Opening{Jour: "2026-12-27", De: "09:00", A: "10:00", Duree: 15, Guichet: 1}); err != nil {
		t.Fatal(err)
	}
	s.reg.Now = func() time.Time { return later }
	n, err := s.PurgeAppointments()
	if err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	if _, err := s.Appointment(a.Numero); !civil.IsRefused(err) {
		t.Fatalf("still there: %v", err)
	}
	if book, _ := s.Day(tomorrow); len(book.Guichets) != 0 {
		t.Fatalf("slots kept: %+v", book)
	}
	checkSound(t, s)
	// The journal keeps no name: only the hash of a salted record.
	s.reg.Journal(func(e registry.Entry) error {
		if strings.Contains(e.Ref, "DUPONT") || strings.Contains(e.Author, "DUPONT") {
			t.Fatalf("name in the journal: %+v", e)
		}
		return nil
	})
	// Numbers are never given twice, even after a purge.
	if b := book(t, s, Booking{Jour: "2026-12-27", Heure: "09:00", Nom: "Paul MARTIN", Telephone: "0611111111", Objet: "copie"}); b.Numero != 2 {
		t.Fatalf("number %d", b.Numero)
	}
	// An appointment deleted outside the program is caught by control.
	s.reg.Update(func(tx *registry.Tx) error { return tx.Bucket(bucketAppointments).Delete(seqKey(2)) })
	rep, _ := s.reg.Check()
	if !strings.Contains(strings.Join(rep.Breaks, "\n"), "rendez-vous n° 2 : présent au journal mais absent du registre") {
		t.Fatalf("%v", rep.Breaks)
	}
}

func TestCheckFindsEditedAppointment(t *testing.T) {
	s := agenda(t)
	book(t, s, Booking{Jour: tomorrow, Heure: "09:00", Guichet: 1, Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "naissance"})
	s.reg.Update(func(tx *registry.Tx) error {
		b := tx.Bucket(bucketAppointments)
		v := strings.Replace(string(b.Get(seqKey(1))), "09:00", "09:15", 1)
		return b.Put(seqKey(1), []byte(v))
	})
	rep, _ := s.reg.Check()
	if !strings.Contains(strings.Join(rep.Breaks, "\n"), "rendez-vous n° 1 : son contenu ne correspond plus") {
		t.Fatalf("%v", rep.Breaks)
	}
}

func checkSound(t *testing.T, s *Agenda) {
	t.Helper()
	rep, err := s.reg.Check()
	if err != nil || rep.Err() != nil {
		t.Fatalf("control: %v %v", err, rep.Err())
	}
}

const agendaFile = "\uFEFFreference;jour;heure;duree;guichet;nom;telephone;objet\n" +
	"A-1;25/11/2026;9h00;15;1;Marie DUPONT;06 12 34 56 78;dossier de mariage\n" +
	"A-2;2026-11-25;09:15;15;1;Paul MARTIN;0611111111;copie\n" +
	"A-3;2026-11-25;10:00;20;3;Zoé N'DIAYE;0644444444;reconnaissance\n" +
	"A-0;2026-11-20;10:00;20;3;Ancien RDV;0644444444;copie\n"

func TestImportAgenda(t *testing.T) {
	s := agenda(t)
	rows, err := ReadCSV(strings.NewReader(agendaFile))
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportAppointments(rows, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Imported) != 3 || res.Past != 1 || res.Opened != 1 || res.Imported[0].Objet != ObjetMariage || res.Imported[2].Guichet != 3 {
		t.Fatalf("%+v", res)
	}
	// Importing the same file again books nothing twice.
	res, err = s.ImportAppointments(rows, false)
	if err != nil || len(res.Imported) != 0 || res.Already != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	// A file that would double-book is refused whole, lines named.
	bad := "jour;heure;nom;telephone;objet\n" +
		"2026-11-25;09:30;Luc PETIT;0622222222;copie\n" +
		"2026-11-25;09:00;Jean DURAND;0633333333;copie\n" +
		"2026-11-25;25:00;Jean DURAND;0633333333;copie\n" +
		"2026-11-25;09:45;Jean DURAND;0633333333;copie;en trop\n"
	rows, err = ReadCSV(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.ImportAppointments(rows, false)
	refusedWith(t, err, "3 lignes refusées :")
	refusedWith(t, err, "corrigez ces lignes, ou importez les autres en laissant celles-ci de côté")
	refusedWith(t, err, "ligne 3 : le créneau du 2026-11-25 à 09:00 au guichet 1 est déjà pris par le rendez-vous n° 1 (Marie DUPONT) : double réservation")
	refusedWith(t, err, "ligne 4 : heure")
	refusedWith(t, err, "ligne 5 : 6 colonnes au lieu de 5")
	if book, _ := s.Day(tomorrow); book.Rdv != 3 {
		t.Fatalf("half-written: %d", book.Rdv)
	}
	res, err = s.ImportAppointments(rows, true)
	if err != nil || len(res.Imported) != 1 || len(res.Skipped) != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	checkSound(t, s)

	rows, err = ReadCSV(strings.NewReader("jour;heure;nom;telephone;objet\n2026-11-25\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.ImportAppointments(rows, false)
	refusedWith(t, err, "ligne 2 : 1 colonne au lieu de 5")
	// One line refused is named in the singular; beyond the lines shown,
	// « et 1 autre ligne », « et 2 autres lignes ».
	for _, c := range []struct {
		bad  int
		want []string
	}{
		{1, []string{"1 ligne refusée :", "corrigez cette ligne, ou importez les autres en laissant celle-ci de côté"}},
		{maxShownLines + 1, []string{"… et 1 autre ligne\n"}},
		{maxShownLines + 2, []string{"… et 2 autres lignes\n"}},
	} {
		file := "jour;heure;nom;telephone;objet\n" + strings.Repeat("2026-11-25;25:00;Jean DURAND;0633333333;copie\n", c.bad)
		rows, err := ReadCSV(strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.ImportAppointments(rows, false)
		for _, w := range c.want {
			refusedWith(t, err, w)
		}
	}

	for _, c := range []struct{ file, want string }{
		{"", "le fichier est vide"},
		{"2026-11-25;09:30;Luc PETIT;0622222222;copie\n", "colonne « 2026-11-25 » inconnue"},
		{"jour;heure;nom\n", "en-tête sans les colonnes telephone, objet :"},
		{"jour;heure;nom;telephone\n", "en-tête sans la colonne objet :"},
		{"jour;jour;heure;nom;telephone;objet\n", "en double"},
	} {
		_, err := ReadCSV(strings.NewReader(c.file))
		refusedWith(t, err, c.want)
	}
}

func TestPhone(t *testing.T) {
	for in, want := range map[string]string{
		"0612345678": "06 12 34 56 78", "06 12 34 56 78": "06 12 34 56 78", "+33 (0)6": "", "+33612345678": "06 12 34 56 78",
		"+32 2 555 12 12": "+3225551212", "0012345678": "", "06123": "", "06 12 34 56 7a": "", "": "",
	} {
		got, ok := Phone(in)
		if got != want || ok != (want != "") {
			t.Errorf("Phone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestCheckFindsBrokenDayIndex(t *testing.T) {
	s := agenda(t)
	a := book(t, s, Booking{Jour: tomorrow, Heure: "09:00", Guichet: 1, Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "naissance"})
	if _, err := s.MoveAppointment(a.Numero, "2026-11-26", "09:00", 0); !civil.IsRefused(err) {
		t.Fatalf("no slot on the 26th: %v", err)
	}
	s.OpenSlots(Opening{Jour: "2026-11-26", De: "09:00", A: "10:00", Duree: 15, Guichet: 1})
	if _, err := s.MoveAppointment(a.Numero, "2026-11-26", "09:00", 0); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Day(tomorrow); b.Rdv != 0 {
		t.Fatalf("still on the 25th: %+v", b)
	}
	if b, _ := s.Day("2026-11-26"); b.Rdv != 1 {
		t.Fatalf("not on the 26th: %+v", b)
	}
	checkSound(t, s)
	s.reg.Update(func(tx *registry.Tx) error {
		return tx.Bucket(bucketAppointmentDays).Delete(dayKey("2026-11-26", a.Numero))
	})
	rep, _ := s.reg.Check()
	if !strings.Contains(strings.Join(rep.Breaks, "\n"), "index des rendez-vous : rdv/1 n'y figure pas à son jour") {
		t.Fatalf("%v", rep.Breaks)
	}
}

// While the computer's clock is behind the register, the agenda writes
// nothing either.
func TestWritesRefusedWhileTheClockIsBehind(t *testing.T) {
	s := agenda(t)
	s.reg.Now = func() time.Time { return testNow.Add(-27 * time.Hour) }
	_, err := s.OpenSlots(Opening{Jour: "2026-11-25", De: "10:00", A: "11:00", Duree: 15, Guichet: 1})
	refusedWith(t, err, "horloge : l'horloge de l'ordinateur indique")
	s.reg.Now = func() time.Time { return testNow }
	checkSound(t, s)
}

// The appointments' sequence set back would give the next appointment
// the number of one already written; the control finds it.
func TestCheckFindsSequenceSetBack(t *testing.T) {
	s := agenda(t)
	book(t, s, Booking{Jour: tomorrow, Heure: "09:00", Guichet: 1, Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "naissance"})
	book(t, s, Booking{Jour: tomorrow, Heure: "09:15", Guichet: 1, Nom: "Paul MARTIN", Telephone: "0698765432", Objet: "copie"})
	checkSound(t, s)
	s.reg.Update(func(tx *registry.Tx) error { return tx.Bucket(bucketAppointments).SetSequence(1) })
	rep, _ := s.reg.Check()
	if !strings.Contains(strings.Join(rep.Breaks, "\n"), "rendez-vous : le compteur des numéros s'arrête au n° 1 alors que le rendez-vous n° 2 existe") {
		t.Fatalf("%v", rep.Breaks)
	}
}

// A record written through the journal (its hash matches) that does not
// decode as the agenda reads it is a break of the control, never skipped
// or read with default values: slots of the wrong shape, an appointment
// whose desk is not a number, one that is null.
func TestCheckDecodesEveryRecord(t *testing.T) {
	s := agenda(t)
	book(t, s, Booking{Jour: tomorrow, Heure: "09:00", Guichet: 1, Nom: "Marie DUPONT", Telephone: "0612345678", Objet: "naissance"})
	book(t, s, Booking{Jour: tomorrow, Heure: "09:15", Guichet: 1, Nom: "Paul MARTIN", Telephone: "0698765432", Objet: "copie"})
	checkSound(t, s)
	err := s.reg.Update(func(tx *registry.Tx) error {
		put := func(bucket []byte, key []byte, ref, data string) error {
			if err := tx.Bucket(bucket).Put(key, []byte(data)); err != nil {
				return err
			}
			return tx.Journal("test", ref, []byte(data))
		}
		if err := put(bucketSlots, []byte(tomorrow), slotsRef(tomorrow), `{"jour":"`+tomorrow+`","creneaux":"aucun"}`); err != nil {
			return err
		}
		a := string(tx.Bucket(bucketAppointments).Get(seqKey(1)))
		if err := put(bucketAppointments, seqKey(1), "rdv/1", strings.Replace(a, `"guichet":1`, `"guichet":"un"`, 1)); err != nil {
			return err
		}
		return put(bucketAppointments, seqKey(2), "rdv/2", "null")
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.reg.Check()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rep.Breaks, "\n")
	for _, want := range []string{"créneaux du " + tomorrow + " illisibles", "rendez-vous n° 1 illisible", "rendez-vous n° 2 : porte le numéro 0"} {
		if !strings.Contains(got, want) {
			t.Errorf("control without %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "empreinte") {
		t.Errorf("the records match the journal, yet:\n%s", got)
	}
	if _, err := s.Day(tomorrow); !errors.As(err, new(*registry.IntegrityError)) {
		t.Errorf("the day read with records that do not decode: %v", err)
	}
}
