package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"etatcivil/agenda"
	"etatcivil/forms"
	"etatcivil/registry"
)

// demoAgendaFile is the agenda the main booking system exported before the
// outage, for tomorrow (@J+1@).
const demoAgendaFile = `reference;jour;heure;duree;guichet;nom;telephone;objet
RDV-4411;@J+1@;08:30;20;1;Camille LEFEBVRE;06 21 43 65 87;dossier-mariage
RDV-4412;@J+1@;08:50;20;1;Pompes funèbres DUMONT;03 20 11 22 33;deces
RDV-4413;@J+1@;09:10;20;1;Inès BOUAZIZ;07 66 55 44 33;reconnaissance
RDV-4414;@J+1@;08:30;20;2;Maître Hélène VASSEUR;03 20 98 76 54;copie
RDV-4415;@J+1@;11:10;20;2;Thomas DELATTRE;06 01 23 45 67;naissance
`

// demoAgenda shows a morning's book at the counter: the main system's
// agenda imported, a booking taken by phone with its slip, a desk that
// closes early and the person phoned back and moved, the book printed.
func (e *env) demoAgenda(s *registry.Store, dir string) error {
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	folder := filepath.Join(dir, "rendez-vous")
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return err
	}
	day := e.clock().AddDate(0, 0, 1).Format("2006-01-02")
	for desk := 1; desk <= 2; desk++ {
		if _, err := agenda.New(s).OpenSlots(agenda.Opening{Jour: day, De: "08:30", A: "12:10", Duree: 20, Guichet: desk}); err != nil {
			return err
		}
	}
	say("17. Rendez-vous du guichet : l'agenda en ligne est tombé avec le reste.")
	say("    etatcivil rdv ouvrir --jour %s --de 08:30 --a 12:10 --duree 20 --guichet 1 (puis 2) : 22 créneaux.", day)
	csvPath := filepath.Join(folder, "agenda-systeme-principal.csv")
	if err := os.WriteFile(csvPath, []byte(strings.ReplaceAll(demoAgendaFile, "@J+1@", day)), 0o600); err != nil {
		return err
	}
	f, err := os.Open(csvPath)
	if err != nil {
		return err
	}
	rows, err := agenda.ReadCSV(f)
	f.Close()
	if err != nil {
		return err
	}
	imp, err := agenda.New(s).ImportAppointments(rows, false)
	if err != nil {
		return err
	}
	say("    etatcivil rdv importer %s : %d rendez-vous repris de l'export du système principal.", filepath.Base(csvPath), len(imp.Imported))

	a, _, err := agenda.New(s).Book(agenda.Booking{Jour: day, Heure: "09:30", Nom: "Noémie GRAVELINE", Telephone: "06 45 45 12 12", Objet: agenda.ObjetMariage})
	if err != nil {
		return err
	}
	slip := filepath.Join(folder, fmt.Sprintf("recu-rdv-%d.pdf", a.Numero))
	if err := e.writeSlip(s, a, slip); err != nil {
		return err
	}
	say("    Au téléphone : rendez-vous n° %d à %s, guichet %d ; reçu avec les pièces à apporter : rendez-vous/%s", a.Numero, a.Heure, a.Guichet, filepath.Base(slip))
	_, dup, err := agenda.New(s).Book(agenda.Booking{Jour: day, Heure: "08:30", Nom: "Paul VERHAEGHE", Telephone: "06 11 11 11 11", Objet: agenda.ObjetCopie})
	e.warn(dup)
	if err == nil {
		return fmt.Errorf("la démonstration attendait un refus de double réservation")
	}
	say("    Un second rendez-vous à 08:30 est refusé, rien n'est écrit :\n      %s", strings.ReplaceAll(errorText(nil, err), "\n", "\n      "))

	_, calls, err := agenda.New(s).CloseSlots(agenda.Closing{Jour: day, Guichet: 2, De: "11:00", Motif: "agent appelé au cimetière"})
	if err != nil {
		return err
	}
	say("    Le guichet 2 ferme à 11:00 : %d personne à rappeler (%s, %s).", len(calls), calls[0].Nom, calls[0].Telephone)
	moved, err := agenda.New(s).MoveAppointment(calls[0].Numero, day, "10:50", 1)
	if err != nil {
		return err
	}
	say("    Rappelé, déplacé : etatcivil rdv deplacer %d --jour %s --heure %s --guichet %d", moved.Numero, day, moved.Heure, moved.Guichet)

	book, err := agenda.New(s).Day(day)
	if err != nil {
		return err
	}
	c, err := s.Commune()
	if err != nil {
		return err
	}
	agenda := filepath.Join(folder, "carnet-"+day+".pdf")
	if err := e.writePDF(agenda, func(w io.Writer) error { return forms.WriteDayBook(w, book, c, e.clock()) }); err != nil {
		return err
	}
	say("    Le carnet du matin, à imprimer : rendez-vous/%s (etatcivil rdv jour %s -o ...)\n", filepath.Base(agenda), day)
	e.printDayBook(book)
	say("")
	return nil
}
