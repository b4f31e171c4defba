package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/agenda"
	"etatcivil/forms"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// rdvOptions holds the flags of the rdv commands.
type rdvOptions struct {
	jour, de, a, heure   string
	duree, guichet       int
	nom, telephone       string
	objet, motif         string
	sortie               string
	json, ignorerErreurs bool
}

func (e *env) rdvCmd() *cobra.Command {
	ouvrir := &cobra.Command{
		Use:   "ouvrir --jour AAAA-MM-JJ --de HH:MM --a HH:MM --duree MIN [--guichet N]",
		Short: "Ouvre les créneaux d'un guichet pour un jour",
		Long: `Ouvre, pour un jour et un guichet, des créneaux de --duree minutes de --de jusqu'à --a (fin du
dernier créneau). Les créneaux déjà ouverts restent comme ils sont ; un créneau fermé est rouvert.`,
		Example: "  etatcivil rdv ouvrir --jour 2026-11-25 --de 08:30 --a 12:00 --duree 15 --guichet 1",
		Args:    args(0, ""),
	}
	o := &rdvOptions{}
	ouvrir.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := required(cmd, "jour", "de", "a", "duree"); err != nil {
			return err
		}
		return e.runOpenSlots(o)
	}
	ouvrir.Flags().StringVar(&o.jour, "jour", "", "jour (AAAA-MM-JJ)")
	ouvrir.Flags().StringVar(&o.de, "de", "", "heure du premier créneau (HH:MM)")
	ouvrir.Flags().StringVar(&o.a, "a", "", "heure de fin du dernier créneau (HH:MM)")
	numberVar(ouvrir.Flags(), &o.duree, "duree", 0, 0, maxSetting, "durée d'un créneau, en minutes")
	numberVar(ouvrir.Flags(), &o.guichet, "guichet", 1, 0, maxSetting, "numéro du guichet")

	fermer := &cobra.Command{
		Use:   "fermer --jour AAAA-MM-JJ [--guichet N] [--de HH:MM --a HH:MM] [--motif TEXTE]",
		Short: "Ferme des créneaux (guichet fermé, journée annulée) et liste les personnes à rappeler",
		Long: `Ferme les créneaux d'un jour : tous les guichets, ou seulement --guichet N ; toute la journée, ou
seulement les créneaux qui commencent entre --de et --a. Les rendez-vous qu'ils portaient passent
« à rappeler » : la commande les liste avec leur téléphone (voir aussi etatcivil rdv rappels).`,
		Example: `  etatcivil rdv fermer --jour 2026-11-25 --guichet 2 --motif "agent absent"
  etatcivil rdv fermer --jour 2026-11-25 --de 14:00 --a 17:00`,
		Args: args(0, ""),
	}
	fo := &rdvOptions{}
	fermer.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := required(cmd, "jour"); err != nil {
			return err
		}
		return e.runCloseSlots(fo)
	}
	fermer.Flags().StringVar(&fo.jour, "jour", "", "jour (AAAA-MM-JJ)")
	fermer.Flags().StringVar(&fo.de, "de", "", "premier créneau à fermer (HH:MM ; sinon depuis le matin)")
	fermer.Flags().StringVar(&fo.a, "a", "", "fermer les créneaux qui commencent avant cette heure (HH:MM ; sinon jusqu'au soir)")
	numberVar(fermer.Flags(), &fo.guichet, "guichet", 0, 0, maxSetting, "seulement ce guichet (sinon tous)")
	fermer.Flags().StringVar(&fo.motif, "motif", "", "raison de la fermeture, dite aux personnes rappelées")

	prendre := &cobra.Command{
		Use:   "prendre --jour AAAA-MM-JJ --heure HH:MM --nom \"Prénoms NOM\" --telephone NUM --objet OBJET [--guichet N] [-o recu.pdf]",
		Short: "Prend un rendez-vous (au guichet ou au téléphone) et écrit le reçu",
		Long: `Réserve un créneau ouvert et libre. Sans --guichet, le premier guichet libre à cette heure.
Objets : reconnaissance, dossier-mariage, naissance, deces, copie, autre. Avec -o, écrit le reçu à
remettre : jour et heure en lettres, guichet, pièces à apporter.`,
		Example: `  etatcivil rdv prendre --jour 2026-11-25 --heure 09:15 --nom "Marie DUPONT" --telephone "06 12 34 56 78" --objet dossier-mariage -o recu.pdf`,
		Args:    args(0, ""),
	}
	po := &rdvOptions{}
	prendre.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := required(cmd, "jour", "heure", "nom", "telephone", "objet"); err != nil {
			return err
		}
		return e.runBook(po)
	}
	prendre.Flags().StringVar(&po.jour, "jour", "", "jour (AAAA-MM-JJ)")
	prendre.Flags().StringVar(&po.heure, "heure", "", "heure du créneau (HH:MM)")
	prendre.Flags().StringVar(&po.nom, "nom", "", "prénoms et NOM de la personne")
	prendre.Flags().StringVar(&po.telephone, "telephone", "", "numéro de téléphone, pour la rappeler si besoin")
	prendre.Flags().StringVar(&po.objet, "objet", "", "reconnaissance, dossier-mariage, naissance, deces, copie ou autre")
	numberVar(prendre.Flags(), &po.guichet, "guichet", 0, 0, maxSetting, "guichet (sinon le premier libre)")
	prendre.Flags().StringVarP(&po.sortie, "sortie", "o", "", "reçu PDF à remettre à la personne")
	e.replaceFlag(prendre)

	annuler := &cobra.Command{
		Use:     "annuler NUMERO [--motif TEXTE]",
		Short:   "Annule un rendez-vous : son créneau redevient libre",
		Example: `  etatcivil rdv annuler 12 --motif "annulé par téléphone"`,
		Args:    args(1, "numéro du rendez-vous"),
	}
	ao := &rdvOptions{}
	annuler.RunE = func(_ *cobra.Command, a []string) error { return e.runCancelAppointment(a[0], ao) }
	annuler.Flags().StringVar(&ao.motif, "motif", "", "raison de l'annulation")

	deplacer := &cobra.Command{
		Use:     "deplacer NUMERO --jour AAAA-MM-JJ --heure HH:MM [--guichet N] [-o recu.pdf]",
		Short:   "Déplace un rendez-vous vers un autre créneau libre",
		Example: "  etatcivil rdv deplacer 12 --jour 2026-11-26 --heure 10:30 -o recu.pdf",
		Args:    args(1, "numéro du rendez-vous"),
	}
	do := &rdvOptions{}
	deplacer.RunE = func(cmd *cobra.Command, a []string) error {
		if err := required(cmd, "jour", "heure"); err != nil {
			return err
		}
		return e.runMoveAppointment(a[0], do)
	}
	deplacer.Flags().StringVar(&do.jour, "jour", "", "nouveau jour (AAAA-MM-JJ)")
	deplacer.Flags().StringVar(&do.heure, "heure", "", "nouvelle heure (HH:MM)")
	numberVar(deplacer.Flags(), &do.guichet, "guichet", 0, 0, maxSetting, "guichet (sinon le premier libre)")
	deplacer.Flags().StringVarP(&do.sortie, "sortie", "o", "", "nouveau reçu PDF")
	e.replaceFlag(deplacer)

	jour := &cobra.Command{
		Use:   "jour [AAAA-MM-JJ] [--json] [-o agenda.pdf]",
		Short: "Affiche ou imprime le carnet de rendez-vous du jour, par guichet et par heure",
		Long: `Le carnet d'un jour (aujourd'hui par défaut) : chaque guichet, chaque créneau avec la personne
attendue, les créneaux libres et fermés, les personnes à rappeler. -o écrit le PDF à imprimer le matin.`,
		Example: `  etatcivil rdv jour
  etatcivil rdv jour 2026-11-25 -o agenda.pdf`,
		Args: func(cmd *cobra.Command, a []string) error {
			if len(a) > 1 {
				return usage(cmd, "trop d'arguments : "+strings.Join(a[1:], " "))
			}
			return nil
		},
	}
	jo := &rdvOptions{}
	jour.RunE = func(_ *cobra.Command, a []string) error {
		if len(a) == 1 {
			jo.jour = a[0]
		}
		return e.runDayBook(jo)
	}
	jour.Flags().BoolVar(&jo.json, "json", false, "écrit le carnet en JSON")
	jour.Flags().StringVarP(&jo.sortie, "sortie", "o", "", "carnet PDF à imprimer")
	e.replaceFlag(jour)

	rappels := &cobra.Command{
		Use:   "rappels [--jour AAAA-MM-JJ]",
		Short: "Liste les personnes à rappeler : leur créneau a été fermé",
		Long: `Liste, avec leur téléphone, les personnes dont le rendez-vous tombait sur un créneau fermé
(guichet ou journée annulés) : celles de --jour, ou sinon celles d'aujourd'hui et des jours à venir.
Après l'appel : etatcivil rdv deplacer NUMERO ... ou etatcivil rdv annuler NUMERO.`,
		Example: "  etatcivil rdv rappels --jour 2026-11-25",
		Args:    args(0, ""),
	}
	ro := &rdvOptions{}
	rappels.RunE = func(*cobra.Command, []string) error { return e.runCallBacks(ro) }
	rappels.Flags().StringVar(&ro.jour, "jour", "", "jour (AAAA-MM-JJ ; sinon aujourd'hui et après)")

	importer := &cobra.Command{
		Use:   "importer FICHIER.csv [--ignorer-erreurs]",
		Short: "Importe l'agenda exporté par le système principal de prise de rendez-vous",
		Long: `Lit un fichier CSV (séparateur point-virgule ou virgule, UTF-8) dont la première ligne nomme les
colonnes : ` + strings.Join(agenda.Columns, ";") + ` (voir docs/format-agenda.md).
Les créneaux nécessaires sont ouverts. Tout est importé d'un coup, ou rien : une ligne fautive
(date, heure, téléphone illisibles, créneau fermé ou déjà pris) refuse le fichier en nommant chaque
ligne, sauf avec --ignorer-erreurs, qui importe les autres et liste celles laissées de côté.
Les jours passés, les lignes déjà importées (même référence) et les rendez-vous annulés sont comptés
et ignorés : importer deux fois le même fichier ne réserve rien deux fois.`,
		Example: "  etatcivil rdv importer /media/cle-usb/agenda.csv",
		Args:    args(1, "fichier CSV de l'agenda"),
	}
	imo := &rdvOptions{}
	importer.RunE = func(_ *cobra.Command, a []string) error { return e.runImportAgenda(a[0], imo) }
	importer.Flags().BoolVar(&imo.ignorerErreurs, "ignorer-erreurs", false, "importe les lignes correctes et laisse de côté les lignes fautives")

	exporter := &cobra.Command{
		Use:   "exporter -o FICHIER.csv",
		Short: "Exporte l'agenda (CSV) pour la ressaisie dans le système principal",
		Long: `Écrit chaque rendez-vous gardé, par jour et heure, avec son état (prevu, annule, a-rappeler) :
` + strings.Join(agenda.ExportColumns, ";") + `. Séparateur point-virgule, UTF-8 avec BOM.`,
		Example: "  etatcivil rdv exporter -o /media/cle-usb/agenda-secours.csv",
		Args:    args(0, ""),
	}
	eo := &rdvOptions{}
	exporter.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := required(cmd, "sortie"); err != nil {
			return err
		}
		return e.runExportAgenda(eo)
	}
	exporter.Flags().StringVarP(&eo.sortie, "sortie", "o", "", "fichier CSV à écrire")
	e.replaceFlag(exporter)

	return groupCmd("rdv", "Rendez-vous du guichet : créneaux, réservations, carnet du jour, rappels", ouvrir, fermer, prendre, annuler, deplacer, jour, rappels, importer, exporter)
}

func (e *env) runOpenSlots(o *rdvOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := agenda.New(s).OpenSlots(agenda.Opening{Jour: o.jour, De: o.de, A: o.a, Duree: o.duree, Guichet: o.guichet})
	if err != nil {
		return err
	}
	if len(res.Opened) > 0 {
		last := res.Opened[len(res.Opened)-1]
		fmt.Fprintf(e.out, "%s de %d minutes %s le %s au guichet %d, de %s à %s.\n",
			words.Plural(len(res.Opened), "créneau", "créneaux"), o.duree, words.Agree(len(res.Opened), "ouvert", "ouverts"), words.LongDay(o.jour), o.guichet, res.Opened[0].Heure, last.End())
	}
	if res.Existing > 0 {
		fmt.Fprintln(e.out, words.Plural(res.Existing, "créneau déjà ouvert, laissé tel quel.", "créneaux déjà ouverts, laissés tels quels."))
	}
	if res.Leftover != "" {
		fmt.Fprintf(e.out, "attention : %s est trop court pour un créneau de %d minutes et reste fermé.\n", res.Leftover, o.duree)
	}
	return nil
}

func (e *env) runCloseSlots(o *rdvOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	closed, calls, err := agenda.New(s).CloseSlots(agenda.Closing{Jour: o.jour, De: o.de, A: o.a, Guichet: o.guichet, Motif: o.motif})
	if err != nil {
		return err
	}
	desks := map[int]bool{}
	for _, c := range closed {
		desks[c.Guichet] = true
	}
	fmt.Fprintf(e.out, "%s le %s (%s).\n", words.Plural(len(closed), "créneau fermé", "créneaux fermés"), words.LongDay(o.jour), deskList(desks))
	if len(calls) == 0 {
		fmt.Fprintf(e.out, "Aucun rendez-vous n'était pris sur %s.\n", words.Agree(len(closed), "ce créneau", "ces créneaux"))
		return nil
	}
	fmt.Fprintf(e.out, "%s :\n", words.Plural(len(calls), "personne à rappeler", "personnes à rappeler"))
	e.printCallBacks(calls)
	return nil
}

func deskList(desks map[int]bool) string {
	var ns []string
	for n := 1; n <= 99; n++ {
		if desks[n] {
			ns = append(ns, strconv.Itoa(n))
		}
	}
	if len(ns) == 1 {
		return "guichet " + ns[0]
	}
	return "guichets " + strings.Join(ns, ", ")
}

// printCallBacks lists appointments to phone, with what to do after.
func (e *env) printCallBacks(calls []*agenda.Appointment) {
	for _, a := range calls {
		fmt.Fprintf(e.out, "  n° %-4d %s %s, guichet %d   %-26s %-15s %s\n", a.Numero, figures(a.Jour), a.Heure, a.Guichet, a.Nom, a.Telephone, agenda.ObjetShort(a.Objet))
	}
	fmt.Fprintln(e.out, "  → après l'appel : etatcivil rdv deplacer NUMERO --jour AAAA-MM-JJ --heure HH:MM, ou etatcivil rdv annuler NUMERO")
}

func (e *env) runBook(o *rdvOptions) error {
	if o.sortie != "" {
		if err := e.checkPDFName(o.sortie); err != nil {
			return err
		}
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	a, warnings, err := agenda.New(s).Book(agenda.Booking{Jour: o.jour, Heure: o.heure, Guichet: o.guichet, Nom: o.nom, Telephone: o.telephone, Objet: o.objet})
	e.warn(warnings)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Rendez-vous n° %d pris : %s à %s, guichet %d — %s (%s), %s.\n", a.Numero, words.LongDay(a.Jour), a.Heure, a.Guichet, a.Nom, a.Telephone, agenda.ObjetLabel(a.Objet))
	return e.slip(s, a, o.sortie)
}

// slip writes the citizen's slip when asked (path not empty).
func (e *env) slip(s *registry.Store, a *agenda.Appointment, path string) error {
	if path == "" {
		return nil
	}
	if err := e.writeSlip(s, a, path); err != nil {
		return fmt.Errorf("le rendez-vous n° %d est bien enregistré, mais le reçu n'a pas pu être écrit : %w", a.Numero, err)
	}
	fmt.Fprintf(e.out, "Reçu écrit dans %s : à remettre à la personne.\n", path)
	return nil
}

// writeSlip writes the citizen's slip of an appointment as a PDF.
func (e *env) writeSlip(s *registry.Store, a *agenda.Appointment, path string) error {
	c, err := s.Commune()
	if err != nil {
		return err
	}
	st, err := s.Settings()
	if err != nil {
		return err
	}
	return e.writePDF(path, func(w io.Writer) error { return forms.WriteSlip(w, a, c, st.PurgeRdvJours, e.clock()) })
}

// appointmentNumber reads the NUMERO argument.
func appointmentNumber(arg string) (int, error) { return agenda.ParseNumber(arg) }

func (e *env) runCancelAppointment(arg string, o *rdvOptions) error {
	n, err := appointmentNumber(arg)
	if err != nil {
		return err
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	a, err := agenda.New(s).CancelAppointment(n, o.motif)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Rendez-vous n° %d annulé (%s, %s à %s) : le créneau est de nouveau libre.\n", a.Numero, a.Nom, figures(a.Jour), a.Heure)
	return nil
}

func (e *env) runMoveAppointment(arg string, o *rdvOptions) error {
	n, err := appointmentNumber(arg)
	if err != nil {
		return err
	}
	if o.sortie != "" {
		if err := e.checkPDFName(o.sortie); err != nil {
			return err
		}
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	before, err := agenda.New(s).Appointment(n)
	if err != nil {
		return err
	}
	a, err := agenda.New(s).MoveAppointment(n, o.jour, o.heure, o.guichet)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Rendez-vous n° %d déplacé : %s à %s, guichet %d (au lieu du %s à %s) — %s, %s.\n",
		a.Numero, words.LongDay(a.Jour), a.Heure, a.Guichet, figures(before.Jour), before.Heure, a.Nom, a.Telephone)
	return e.slip(s, a, o.sortie)
}

func (e *env) runDayBook(o *rdvOptions) error {
	if o.jour == "" {
		o.jour = e.clock().Format("2006-01-02")
	}
	if o.sortie != "" {
		if err := e.checkPDFName(o.sortie); err != nil {
			return err
		}
	}
	s, err := e.open(false) // writable: due purges happen before the book is shown
	if err != nil {
		return err
	}
	defer s.Close()
	book, err := agenda.New(s).Day(o.jour)
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(e.out)
		enc.SetEscapeHTML(false)
		return enc.Encode(book)
	}
	if o.sortie != "" {
		c, err := s.Commune()
		if err != nil {
			return err
		}
		if err := e.writePDF(o.sortie, func(w io.Writer) error { return forms.WriteDayBook(w, book, c, e.clock()) }); err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Carnet du %s écrit dans %s : %d rendez-vous, %s.\n", words.LongDay(o.jour), o.sortie, book.Rdv, words.Plural(book.Libres, "créneau libre", "créneaux libres"))
		return nil
	}
	e.printDayBook(book)
	return nil
}

func (e *env) printDayBook(book *agenda.DayBook) {
	fmt.Fprintf(e.out, "Rendez-vous du %s : %d rendez-vous, %s", words.LongDay(book.Jour), book.Rdv, words.Plural(book.Libres, "créneau libre", "créneaux libres"))
	if book.Fermes > 0 {
		fmt.Fprintf(e.out, ", %s", words.Plural(book.Fermes, "fermé", "fermés"))
	}
	fmt.Fprintln(e.out, ".")
	if len(book.Guichets) == 0 {
		fmt.Fprintf(e.out, "Aucun créneau ouvert ce jour-là.\n  → etatcivil rdv ouvrir --jour %s --de 09:00 --a 12:00 --duree 15, ou etatcivil rdv importer agenda.csv\n", book.Jour)
	}
	for _, d := range book.Guichets {
		fmt.Fprintf(e.out, "\nGuichet %d\n", d.Guichet)
		for _, l := range d.Lignes {
			switch {
			case l.Ferme:
				fmt.Fprintf(e.out, "  %s  fermé (%s)\n", l.Heure, l.Motif)
			case l.Rdv != nil:
				fmt.Fprintf(e.out, "  %s  n° %-4d %-26s %-15s %s\n", l.Heure, l.Rdv.Numero, l.Rdv.Nom, l.Rdv.Telephone, agenda.ObjetShort(l.Rdv.Objet))
			default:
				fmt.Fprintf(e.out, "  %s  libre\n", l.Heure)
			}
		}
	}
	if len(book.ARappeler) > 0 {
		fmt.Fprintf(e.out, "\nÀ rappeler (créneau fermé) :\n")
		e.printCallBacks(book.ARappeler)
	}
	if len(book.Annules) > 0 {
		fmt.Fprintf(e.out, "\nAnnulés :\n")
		for _, a := range book.Annules {
			fmt.Fprintf(e.out, "  n° %-4d %s, guichet %d   %s\n", a.Numero, a.Heure, a.Guichet, a.Nom)
		}
	}
}

func (e *env) runCallBacks(o *rdvOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	calls, err := agenda.New(s).CallBacks(o.jour)
	if err != nil {
		return err
	}
	if len(calls) == 0 {
		fmt.Fprintln(e.out, "Personne à rappeler.")
		return nil
	}
	fmt.Fprintf(e.out, "%s :\n", words.Plural(len(calls), "personne à rappeler", "personnes à rappeler"))
	e.printCallBacks(calls)
	return nil
}

func (e *env) runImportAgenda(name string, o *rdvOptions) error {
	raw, err := e.readInput(name)
	if err != nil {
		return err
	}
	rows, err := agenda.ReadCSV(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := agenda.New(s).ImportAppointments(rows, o.ignorerErreurs)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "%s de %s", words.Plural(len(res.Imported), "rendez-vous importé", "rendez-vous importés"), name)
	if res.Opened > 0 {
		fmt.Fprintf(e.out, ", %s %s", words.Plural(res.Opened, "créneau ouvert", "créneaux ouverts"), words.Agree(len(res.Imported), "pour lui", "pour eux"))
	}
	fmt.Fprintln(e.out, ".")
	for _, l := range res.Ignored() {
		fmt.Fprintln(e.out, l+".")
	}
	if n := len(res.Skipped); n > 0 {
		fmt.Fprintf(e.errOut, "attention : %s (--ignorer-erreurs) :\n", words.Plural(n, "ligne fautive laissée de côté", "lignes fautives laissées de côté"))
		for _, l := range res.Skipped {
			fmt.Fprintln(e.errOut, "  "+l)
		}
		fmt.Fprintln(e.errOut, "  → "+words.Agree(n, "prenez ce rendez-vous à la main avec etatcivil rdv prendre, après avoir appelé la personne", "prenez ces rendez-vous à la main avec etatcivil rdv prendre, après avoir appelé les personnes"))
	}
	return nil
}

func (e *env) runExportAgenda(o *rdvOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	out, err := e.createOut(o.sortie)
	if err != nil {
		return err
	}
	w, err := agenda.NewCSV(out)
	n := 0
	if err == nil {
		err = agenda.New(s).Appointments(func(a *agenda.Appointment) error {
			n++
			return w.Write(agenda.CSVRow(a))
		})
	}
	if err == nil {
		w.Flush()
		err = w.Error()
	}
	if err != nil {
		out.Abort()
		return err
	}
	if err := out.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "%s dans %s.\n", words.Plural(n, "rendez-vous exporté", "rendez-vous exportés"), o.sortie)
	return nil
}
