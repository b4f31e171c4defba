package guichet

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

// « Fin de panne, fin d'année »: etatcivil rapprochement, tables and
// cloturer on one page. The recovery summary (registry.Summary, its lines
// as the command prints them, forms.WriteSummary), the alphabetical tables
// (civil.TablesPeriod, registry.Tables, forms.WriteTables) and the closing
// of a register-year by the officer whose key is open
// (registry.CloseYear, forms.WriteClosing): the same calls as the
// commands. The PDFs open in the browser's viewer, never kept (no-store).

type anneeData struct {
	Summary   registry.Summary
	Officers  []civil.Officer
	OfficerID string // the officer whose key is open
	Year      int
	Decades   [][2]int               // decennial periods, first and last years
	Confirm   *registry.RegisterYear // the register-year to close, shown before the officer confirms
	Printable *registry.RegisterYear // the register-year just closed: its statement to print
}

// registerYearOf finds a register-year in the summary.
func registerYearOf(sum registry.Summary, kind civil.Kind, year int) *registry.RegisterYear {
	for i, r := range sum.Registers {
		if r.Registre == kind && r.Annee == year {
			return &sum.Registers[i]
		}
	}
	return nil
}

// registerYearParam reads "naissance/2026" (the form's « registre » and
// « annee », or one value).
func registerYearParam(v url.Values) (civil.Kind, int, error) {
	kind := civil.Kind(v.Get("registre"))
	if err := kind.Check(); err != nil {
		return "", 0, err
	}
	year, err := strconv.Atoi(v.Get("annee"))
	if err != nil || year < 1 {
		return "", 0, civil.Refuse("annee", "« "+v.Get("annee")+" » n'est pas une année", "écrivez l'année sur quatre chiffres, par exemple 2026")
	}
	return kind, year, nil
}

func anneePages() []*Page {
	main := &Page{Path: "/annee", Title: "Fin de panne, fin d'année", Nav: "Fin d'année", Key: "d", Template: "annee.html"}
	main.Get = func(c *Ctx) (any, error) {
		q := c.R.URL.Query()
		d := anneeData{Year: c.Now().Year()}
		for y := d.Year - d.Year%10 + 3; y >= 1793 && len(d.Decades) < 12; y -= 10 {
			if y <= d.Year {
				d.Decades = append(d.Decades, [2]int{y, y + 9})
			}
		}
		if sl := c.Seal(); sl != nil {
			d.OfficerID = sl.Officer.ID
		}
		err := c.Read(func(s *registry.Store) (err error) {
			if d.Summary, err = s.Summary(); err != nil {
				return err
			}
			d.Officers, err = s.Officers()
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, p := range []struct {
			name string
			to   **registry.RegisterYear
		}{{"clore", &d.Confirm}, {"pv", &d.Printable}} {
			if q.Get(p.name) == "" {
				continue
			}
			kind, year, err := registerYearParam(url.Values{"registre": {q.Get(p.name)}, "annee": {q.Get("annee")}})
			if err != nil {
				return nil, err
			}
			*p.to = registerYearOf(d.Summary, kind, year) // nil for a register-year not kept here: nothing shown
		}
		return d, nil
	}
	tables := &Page{Path: "/tables", Title: "Tables alphabétiques", Template: "annee.html", Get: func(c *Ctx) (any, error) {
		q := c.R.URL.Query()
		num := func(name string) int { n, _ := strconv.Atoi(q.Get(name)); return n }
		first, last, err := civil.TablesPeriod(num("annee"), num("decennale"))
		if err != nil {
			return nil, err
		}
		var pdf bytes.Buffer
		if err := c.Read(func(s *registry.Store) error {
			entries, err := s.Tables(first, last)
			if err != nil {
				return err
			}
			com, err := s.Commune()
			if err != nil {
				return err
			}
			return forms.WriteTables(&pdf, entries, first, last, com, c.Now())
		}); err != nil {
			return nil, err
		}
		name := fmt.Sprintf("tables-%d.pdf", first)
		if last != first {
			name = fmt.Sprintf("tables-%d-%d.pdf", first, last)
		}
		c.PDF(name, pdf.Bytes())
		return nil, nil
	}}
	summary := &Page{Path: "/rapprochement", Title: "Rapprochement de reprise", Template: "annee.html", Get: func(c *Ctx) (any, error) {
		var pdf bytes.Buffer
		if err := c.Read(func(s *registry.Store) error {
			var off civil.Officer
			if id := c.R.URL.Query().Get("officier"); id != "" {
				var ok bool
				if off, ok = s.Officer(id); !ok {
					return registry.UnknownOfficer(id)
				}
			}
			sum, err := s.Summary()
			if err != nil {
				return err
			}
			return forms.WriteSummary(&pdf, sum, off, c.Now())
		}); err != nil {
			return nil, err
		}
		c.PDF("rapprochement.pdf", pdf.Bytes())
		return nil, nil
	}}
	closing := &Page{Path: "/cloture", Title: "Clôture d'un registre", Template: "annee.html"}
	// GET: the statement of a register-year closed, printed again.
	closing.Get = func(c *Ctx) (any, error) {
		kind, year, err := registerYearParam(c.R.URL.Query())
		if err != nil {
			return nil, err
		}
		var pdf bytes.Buffer
		err = c.Read(func(s *registry.Store) error {
			sum, err := s.Summary()
			if err != nil {
				return err
			}
			ry := registerYearOf(sum, kind, year)
			if ry == nil || ry.Clos == "" {
				return civil.Refuse("annee", fmt.Sprintf("le registre des %s %d n'est pas clos", kind.Plural(), year), "clôturez-le d'abord")
			}
			off, _ := s.Officer(ry.ClosPar)
			return forms.WriteClosing(&pdf, *ry, sum.Commune, off)
		})
		if err != nil {
			return nil, err
		}
		c.PDF(fmt.Sprintf("pv-%s-%d.pdf", kind.Plural(), year), pdf.Bytes())
		return nil, nil
	}
	// POST: the officer whose key is open closes the register-year.
	closing.Post = func(c *Ctx) (any, error) {
		kind, year, err := registerYearParam(c.R.PostForm)
		if err != nil {
			return nil, err
		}
		back := "/annee?clore=" + url.QueryEscape(string(kind)) + "&annee=" + strconv.Itoa(year)
		sl := c.Seal()
		if sl == nil {
			c.Redirect("/ouverture?suite="+url.QueryEscape(back), "Ouvrez d'abord la clé de l'officier : la clôture est signée par elle.")
			return nil, nil
		}
		var ry registry.RegisterYear
		var closed bool
		err = c.Write(func(s *registry.Store) (err error) {
			ry, closed, err = s.CloseYear(kind, year, sl.Officer.ID, func() (registry.Signer, error) { return sl.Signer(), nil })
			return err
		})
		if err != nil {
			return nil, err
		}
		msg := ry.ClosedText(closed) + "."
		if closed {
			msg = ry.ClosedText(true) + " Procès-verbal : à faire signer par l'officier."
		}
		c.Redirect("/annee?pv="+url.QueryEscape(string(kind))+"&annee="+strconv.Itoa(year), msg)
		return nil, nil
	}
	return []*Page{main, tables, summary, closing}
}
