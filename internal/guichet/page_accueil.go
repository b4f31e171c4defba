package guichet

import (
	"sort"
	"time"

	"etatcivil/agenda"
	"etatcivil/civil"
	"etatcivil/internal/medium"
	"etatcivil/registry"
)

// draftDepth is how many acts of each register-year of this year and the
// last the home page reads back to find the drafts waiting for signature:
// an act is signed the day it is drawn up, or within days.
const draftDepth = 1000

type accueilData struct {
	Today       time.Time
	Drafts      []draftLine // acts waiting for signature, with their sheet printed or not
	MoreDrafts  bool        // older drafts may exist (see registry.Store.Drafts)
	Forms       []*Draft    // forms in progress at the counter
	Notices     []noticeLine
	Day         *agenda.DayBook
	Appts       []agenda.BookLine // today's appointments, by hour
	Reminder    registry.Reminder
	Numbering   []registry.YearNumbering // the registers of the year whose numbering is not set
	Clock       registry.ClockStatus
	NoticesLate int
	Mounts      []medium.Mount // removable media plugged in: a backup is one click away
}

type noticeLine struct {
	*registry.Notice
	Late, DueToday bool
}

// accueilPage is the clerk's day: what waits, read in one opening of the
// register.
func accueilPage() *Page {
	return &Page{Path: "/", Title: "Accueil — la journée", Nav: "Accueil", Key: "a", Template: "accueil.html",
		Get: func(c *Ctx) (any, error) {
			now := c.Now()
			d := accueilData{Today: now}
			today := now.Format("2006-01-02")
			err := c.Read(func(s *registry.Store) (err error) {
				d.MoreDrafts, err = s.Drafts(now.Year()-1, draftDepth, func(a *civil.Act) (err error) {
					l := draftLine{Act: a}
					l.Printed, l.LastPrinted, err = s.Printed(a.Ref())
					d.Drafts = append(d.Drafts, l)
					return err
				})
				if err != nil {
					return err
				}
				err = s.Notices(true, func(n *registry.Notice) error {
					l := noticeLine{Notice: n, Late: n.Late(now), DueToday: n.Echeance == today}
					if l.Late {
						d.NoticesLate++
					}
					d.Notices = append(d.Notices, l)
					return nil
				})
				if err != nil {
					return err
				}
				if d.Day, err = agenda.New(s).Day(today); err != nil {
					return err
				}
				if d.Reminder, err = s.BackupReminder(); err != nil {
					return err
				}
				ns, err := s.Numbering(now.Year())
				if err != nil {
					return err
				}
				for _, n := range ns {
					if !n.Set {
						d.Numbering = append(d.Numbering, n)
					}
				}
				d.Clock, err = s.Clock()
				return err
			})
			if err != nil {
				return nil, err
			}
			for _, g := range d.Day.Guichets {
				for _, l := range g.Lignes {
					if l.Rdv != nil {
						d.Appts = append(d.Appts, l)
					}
				}
			}
			sort.SliceStable(d.Appts, func(i, j int) bool { return d.Appts[i].Heure < d.Appts[j].Heure })
			if d.Reminder.Due {
				d.Mounts = medium.Removable(c.srv.cfg.Dir)
			}
			d.Forms, err = c.srv.drafts.list()
			if err != nil {
				c.srv.logf("saisies en cours illisibles : %v", err)
			}
			return d, nil
		}}
}
