package guichet

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// « Rendez-vous »: the day's book by desk and hour, and the forms of
// etatcivil rdv — prendre, annuler, deplacer, ouvrir, fermer, rappels,
// the day's book and the slip in PDF, import and export of the agenda —
// each a call to the agenda package.

var (
	rdvPrendre = &FormDef{Prefix: "prendre.", Fields: []Field{
		{Name: "jour", Label: "Jour", Hint: hintDate, Required: true, Width: "court"},
		{Name: "heure", Label: "Heure", Hint: "HH:MM", Required: true, Width: "court"},
		{Name: "guichet", Label: "Guichet", Hint: "vide : le premier libre", Width: "court"},
		{Name: "nom", Label: "Prénoms et NOM", Required: true, Autocomplete: "off"},
		{Name: "telephone", Label: "Téléphone", Required: true, Width: "moyen", Autocomplete: "off", Hint: "pour la rappeler si besoin"},
		{Name: "objet", Label: "Objet", Kind: "select", Required: true, Width: "moyen"},
	}}
	rdvAnnuler = &FormDef{Prefix: "annuler.", Fields: []Field{
		{Name: "numero", Label: "Numéro du rendez-vous", Required: true, Width: "court"},
		{Name: "motif", Label: "Motif", Hint: "facultatif : « annulé par téléphone »"},
	}}
	rdvDeplacer = &FormDef{Prefix: "deplacer.", Fields: []Field{
		{Name: "numero", Label: "Numéro du rendez-vous", Required: true, Width: "court"},
		{Name: "jour", Label: "Nouveau jour", Hint: hintDate, Required: true, Width: "court"},
		{Name: "heure", Label: "Nouvelle heure", Hint: "HH:MM", Required: true, Width: "court"},
		{Name: "guichet", Label: "Guichet", Hint: "vide : le premier libre", Width: "court"},
	}}
	rdvOuvrir = &FormDef{Prefix: "ouvrir.", Fields: []Field{
		{Name: "jour", Label: "Jour", Hint: hintDate, Required: true, Width: "court"},
		{Name: "de", Label: "De", Hint: "premier créneau, HH:MM", Required: true, Width: "court"},
		{Name: "a", Label: "À", Hint: "fin du dernier créneau", Required: true, Width: "court"},
		{Name: "duree", Label: "Durée d'un créneau", Hint: "en minutes", Required: true, Width: "court"},
		{Name: "guichet", Label: "Guichet", Required: true, Width: "court"},
	}}
	rdvFermer = &FormDef{Prefix: "fermer.", Fields: []Field{
		{Name: "jour", Label: "Jour", Hint: hintDate, Required: true, Width: "court"},
		{Name: "guichet", Label: "Guichet", Hint: "vide : tous", Width: "court"},
		{Name: "de", Label: "De", Hint: "vide : depuis le matin", Width: "court"},
		{Name: "a", Label: "À", Hint: "vide : jusqu'au soir", Width: "court"},
		{Name: "motif", Label: "Motif", Hint: "dit aux personnes rappelées : « agent absent »"},
	}}
	rdvImporter = &FormDef{Prefix: "importer.", Fields: []Field{
		{Name: "fichier", Label: "Fichier CSV de l'agenda", Kind: "file", Required: true,
			Hint: "l'export du système principal de prise de rendez-vous (colonnes : " + strings.Join(agenda.Columns, ";") + ")"},
		{Name: "ignorer_erreurs", Kind: "checkbox", Check: "importer les lignes correctes et laisser de côté les lignes fautives"},
	}}
)

type rdvData struct {
	Day       *agenda.DayBook
	Today     bool
	Prev      string
	Next      string
	CallBacks []*agenda.Appointment
	Forms     map[string]*Form
	Slip      int // the appointment whose slip to print, after « prendre » or « déplacer »
	Calls     []*agenda.Appointment
}

// rdvDay is the day the page shows: ?jour=, or today.
func rdvDay(c *Ctx) string {
	if d, err := parse.Date(c.R.URL.Query().Get("jour")); err == nil {
		return d
	}
	return c.Now().Format(civil.DateLayout)
}

func rdvPages() []*Page {
	get := func(c *Ctx) (any, error) {
		day := rdvDay(c)
		t, _ := civil.ParseDate(day)
		d := rdvData{Today: day == c.Now().Format(civil.DateLayout), Prev: t.AddDate(0, 0, -1).Format(civil.DateLayout), Next: t.AddDate(0, 0, 1).Format(civil.DateLayout)}
		d.Slip, _ = strconv.Atoi(c.R.URL.Query().Get("recu"))
		fig := words.Figures(t)
		d.Forms = map[string]*Form{
			"prendre":  c.FormOf(rdvPrendre, url.Values{"jour": {fig}}),
			"annuler":  c.FormOf(rdvAnnuler, nil),
			"deplacer": c.FormOf(rdvDeplacer, nil),
			"ouvrir":   c.FormOf(rdvOuvrir, url.Values{"jour": {fig}, "de": {"08:30"}, "a": {"12:00"}, "duree": {strconv.Itoa(agenda.DefaultSlotMinutes)}, "guichet": {"1"}}),
			"fermer":   c.FormOf(rdvFermer, url.Values{"jour": {fig}}),
			"importer": c.FormOf(rdvImporter, nil),
		}
		opts := []Option{{"", "— choisissez —"}}
		for _, o := range agenda.Objets {
			opts = append(opts, Option{o, agenda.ObjetLabel(o)})
		}
		d.Forms["prendre"].SetOptions("objet", opts)
		// A free slot's « prendre » link fills the form.
		q := c.R.URL.Query()
		if q.Get("heure") != "" && c.Form == nil {
			f := d.Forms["prendre"]
			f.Set("heure", q.Get("heure"))
			f.Set("guichet", q.Get("guichet"))
		}
		err := c.Read(func(s *registry.Store) (err error) {
			g := agenda.New(s)
			if d.Day, err = g.Day(day); err != nil {
				return err
			}
			d.CallBacks, err = g.CallBacks("")
			return err
		})
		return d, err
	}
	main := &Page{Path: "/rdv", Title: "Rendez-vous", Nav: "Rendez-vous", Key: "z", Template: "rdv.html", Get: get}
	var pages []*Page
	pages = append(pages, main)
	act := func(path, title string, def *FormDef, do func(c *Ctx, g *agenda.Agenda, f *Form) (redirect, message string, err error)) {
		pages = append(pages, &Page{Path: path, Title: title, Template: "rdv.html", Form: def, Get: get,
			Post: func(c *Ctx) (any, error) {
				var to, msg string
				err := c.Write(func(s *registry.Store) (err error) {
					to, msg, err = do(c, agenda.New(s), c.Form)
					return err
				})
				if err != nil {
					return nil, err
				}
				c.Redirect(to, msg)
				return nil, nil
			}})
	}
	act("/rdv/prendre", "Prendre un rendez-vous", rdvPrendre, func(c *Ctx, g *agenda.Agenda, f *Form) (string, string, error) {
		desk, err := deskOf(f, "guichet")
		if err != nil {
			return "", "", err
		}
		a, warnings, err := g.Book(agenda.Booking{Jour: f.Get("jour"), Heure: f.Get("heure"), Guichet: desk, Nom: f.Get("nom"), Telephone: f.Get("telephone"), Objet: f.Get("objet")})
		if err != nil {
			return "", "", err
		}
		msg := fmt.Sprintf("Rendez-vous n° %d pris : %s à %s, guichet %d — %s (%s), %s.", a.Numero, words.LongDay(a.Jour), a.Heure, a.Guichet, a.Nom, a.Telephone, agenda.ObjetLabel(a.Objet))
		for _, w := range warnings {
			msg += " Attention : " + w + "."
		}
		return fmt.Sprintf("/rdv?jour=%s&recu=%d", a.Jour, a.Numero), msg, nil
	})
	act("/rdv/annuler", "Annuler un rendez-vous", rdvAnnuler, func(c *Ctx, g *agenda.Agenda, f *Form) (string, string, error) {
		n, err := agenda.ParseNumber(f.Get("numero"))
		if err != nil {
			return "", "", err
		}
		a, err := g.CancelAppointment(n, f.Get("motif"))
		if err != nil {
			return "", "", err
		}
		return "/rdv?jour=" + a.Jour, fmt.Sprintf("Rendez-vous n° %d annulé (%s, %s à %s) : le créneau est de nouveau libre.", a.Numero, a.Nom, figuresDate(a.Jour), a.Heure), nil
	})
	act("/rdv/deplacer", "Déplacer un rendez-vous", rdvDeplacer, func(c *Ctx, g *agenda.Agenda, f *Form) (string, string, error) {
		n, err := agenda.ParseNumber(f.Get("numero"))
		if err != nil {
			return "", "", err
		}
		desk, err := deskOf(f, "guichet")
		if err != nil {
			return "", "", err
		}
		before, err := g.Appointment(n)
		if err != nil {
			return "", "", err
		}
		a, err := g.MoveAppointment(n, f.Get("jour"), f.Get("heure"), desk)
		if err != nil {
			return "", "", err
		}
		return fmt.Sprintf("/rdv?jour=%s&recu=%d", a.Jour, a.Numero), fmt.Sprintf("Rendez-vous n° %d déplacé : %s à %s, guichet %d (au lieu du %s à %s) — %s, %s.",
			a.Numero, words.LongDay(a.Jour), a.Heure, a.Guichet, figuresDate(before.Jour), before.Heure, a.Nom, a.Telephone), nil
	})
	act("/rdv/ouvrir", "Ouvrir des créneaux", rdvOuvrir, func(c *Ctx, g *agenda.Agenda, f *Form) (string, string, error) {
		var ch civil.Checker
		duree, _ := ch.Number("duree", f.Get("duree"), 1, 24*60)
		desk, _ := ch.Number("guichet", f.Get("guichet"), 1, agenda.MaxDesk)
		if _, err := ch.Result(); err != nil {
			return "", "", err
		}
		res, err := g.OpenSlots(agenda.Opening{Jour: f.Get("jour"), De: f.Get("de"), A: f.Get("a"), Duree: duree, Guichet: desk})
		if err != nil {
			return "", "", err
		}
		day, _ := parse.Date(f.Get("jour"))
		var parts []string
		if len(res.Opened) > 0 {
			last := res.Opened[len(res.Opened)-1]
			parts = append(parts, fmt.Sprintf("%s de %d minutes %s le %s au guichet %d, de %s à %s.", words.Plural(len(res.Opened), "créneau", "créneaux"), duree, words.Agree(len(res.Opened), "ouvert", "ouverts"), words.LongDay(day), desk, res.Opened[0].Heure, last.End()))
		}
		if res.Existing > 0 {
			parts = append(parts, words.Plural(res.Existing, "créneau déjà ouvert, laissé tel quel.", "créneaux déjà ouverts, laissés tels quels."))
		}
		if res.Leftover != "" {
			parts = append(parts, fmt.Sprintf("Attention : %s est trop court pour un créneau de %d minutes et reste fermé.", res.Leftover, duree))
		}
		return "/rdv?jour=" + day, strings.Join(parts, " "), nil
	})
	act("/rdv/fermer", "Fermer des créneaux", rdvFermer, func(c *Ctx, g *agenda.Agenda, f *Form) (string, string, error) {
		desk, err := deskOf(f, "guichet")
		if err != nil {
			return "", "", err
		}
		closed, calls, err := g.CloseSlots(agenda.Closing{Jour: f.Get("jour"), De: f.Get("de"), A: f.Get("a"), Guichet: desk, Motif: f.Get("motif")})
		if err != nil {
			return "", "", err
		}
		day, _ := parse.Date(f.Get("jour"))
		msg := fmt.Sprintf("%s le %s.", words.Plural(len(closed), "créneau fermé", "créneaux fermés"), words.LongDay(day))
		if len(calls) == 0 {
			msg += " Aucun rendez-vous n'était pris sur " + words.Agree(len(closed), "ce créneau.", "ces créneaux.")
		} else {
			msg += " " + words.Plural(len(calls), "personne à rappeler", "personnes à rappeler") + " : voir « À rappeler »."
		}
		return "/rdv?jour=" + day, msg, nil
	})
	act("/rdv/importer", "Importer l'agenda", rdvImporter, func(c *Ctx, g *agenda.Agenda, f *Form) (string, string, error) {
		file, head, err := c.R.FormFile("fichier")
		if err != nil {
			return "", "", civil.Refuse("fichier", "aucun fichier choisi", "choisissez le fichier CSV exporté par le système principal (sur la clé USB)")
		}
		defer file.Close()
		rows, err := agenda.ReadCSV(file)
		if err != nil {
			return "", "", err
		}
		res, err := g.ImportAppointments(rows, f.Get("ignorer_erreurs") == "oui")
		if err != nil {
			return "", "", err
		}
		msg := words.Plural(len(res.Imported), "rendez-vous importé", "rendez-vous importés") + " de " + head.Filename
		if res.Opened > 0 {
			msg += ", " + words.Plural(res.Opened, "créneau ouvert", "créneaux ouverts") + " " + words.Agree(len(res.Imported), "pour lui", "pour eux")
		}
		msg += "."
		for _, l := range res.Ignored() {
			msg += " " + l + "."
		}
		if n := len(res.Skipped); n > 0 {
			msg += " Attention : " + words.Plural(n, "ligne fautive laissée de côté", "lignes fautives laissées de côté") + " : " + strings.Join(res.Skipped, " ; ") + ". " +
				words.Agree(n, "Prenez ce rendez-vous à la main, après avoir appelé la personne.", "Prenez ces rendez-vous à la main, après avoir appelé les personnes.")
		}
		return "/rdv", msg, nil
	})
	// The day's book and a slip, as PDF; the agenda as CSV.
	pages = append(pages,
		&Page{Path: "/rdv/carnet", Title: "Carnet du jour", Template: "rdv.html", Get: func(c *Ctx) (any, error) {
			day := rdvDay(c)
			var pdf bytes.Buffer
			err := c.Read(func(s *registry.Store) error {
				book, err := agenda.New(s).Day(day)
				if err != nil {
					return err
				}
				com, err := s.Commune()
				if err != nil {
					return err
				}
				return forms.WriteDayBook(&pdf, book, com, c.Now())
			})
			if err != nil {
				return nil, err
			}
			c.PDF("carnet-"+day+".pdf", pdf.Bytes())
			return nil, nil
		}},
		&Page{Path: "/rdv/recu", Title: "Reçu de rendez-vous", Template: "rdv.html", Get: func(c *Ctx) (any, error) {
			n, err := agenda.ParseNumber(c.R.URL.Query().Get("n"))
			if err != nil {
				return nil, err
			}
			var pdf bytes.Buffer
			err = c.Read(func(s *registry.Store) error {
				a, err := agenda.New(s).Appointment(n)
				if err != nil {
					return err
				}
				com, err := s.Commune()
				if err != nil {
					return err
				}
				st, err := s.Settings()
				if err != nil {
					return err
				}
				return forms.WriteSlip(&pdf, a, com, st.PurgeRdvJours, c.Now())
			})
			if err != nil {
				return nil, err
			}
			c.PDF(fmt.Sprintf("recu-rdv-%d.pdf", n), pdf.Bytes())
			return nil, nil
		}},
		&Page{Path: "/rdv/exporter", Title: "Exporter l'agenda", Template: "rdv.html", Get: func(c *Ctx) (any, error) {
			var buf bytes.Buffer
			err := c.Read(func(s *registry.Store) error {
				w, err := agenda.NewCSV(&buf)
				if err != nil {
					return err
				}
				if err := agenda.New(s).Appointments(func(a *agenda.Appointment) error { return w.Write(agenda.CSVRow(a)) }); err != nil {
					return err
				}
				w.Flush()
				return w.Error()
			})
			if err != nil {
				return nil, err
			}
			c.File("agenda-secours-"+c.Now().Format("20060102")+".csv", "text/csv; charset=utf-8", buf.Bytes())
			return nil, nil
		}},
	)
	return pages
}

// deskOf reads an optional desk number (empty: 0, any desk).
func deskOf(f *Form, name string) (int, error) {
	if f.Get(name) == "" {
		return 0, nil
	}
	var ch civil.Checker
	n, _ := ch.Number(name, f.Get(name), 1, agenda.MaxDesk)
	_, err := ch.Result()
	return n, err
}
