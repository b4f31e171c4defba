package agenda

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// Columns are the columns of an agenda file to import, as the main
// booking system exports it; the header names them, in any order.
// reference, duree, guichet and statut may be left out.
var Columns = []string{"reference", "jour", "heure", "duree", "guichet", "nom", "telephone", "objet", "statut"}

var requiredColumns = []string{"jour", "heure", "nom", "telephone", "objet"}

// ExportColumns are the columns of etatcivil rdv exporter.
var ExportColumns = []string{"numero", "reference", "jour", "heure", "duree", "guichet", "nom", "telephone", "objet", "statut", "motif", "origine", "cree_le", "modifie_le"}

// maxShownLines is how many bad lines a refused import names.
const maxShownLines = 30

// DefaultSlotMinutes is the length of a slot an import opens when the
// file gives none.
const DefaultSlotMinutes = 15

// Row is one row of an agenda file, as written, with its line.
type Row struct {
	Line   int
	Fields map[string]string
}

// ReadCSV reads an agenda file: a header line naming the columns,
// then one appointment per line, separated by semicolons (or commas),
// UTF-8 with or without a byte order mark.
func ReadCSV(r io.Reader) ([]Row, error) {
	br := bufio.NewReader(r)
	first, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	first = bytes.TrimPrefix(first, []byte("\uFEFF"))
	header, _, _ := bytes.Cut(first, []byte("\n"))
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = ';'
	if bytes.Count(header, []byte(",")) > bytes.Count(header, []byte(";")) {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1
	names, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, civil.Refuse("fichier", "le fichier est vide", "il doit commencer par la ligne d'en-tête : "+strings.Join(Columns, ";"))
	}
	if err != nil {
		return nil, civil.Refuse("ligne 1", "en-tête illisible : "+csvError(err), "la première ligne nomme les colonnes : "+strings.Join(Columns, ";"))
	}
	col := map[string]int{}
	for i, n := range names {
		if p := civil.TextProblem("ligne 1", n); p != nil {
			return nil, &civil.RefusedError{Problems: []civil.Problem{*p}}
		}
		k := strings.ReplaceAll(fold.Key(n), " ", "_")
		known := false
		for _, c := range Columns {
			if k == c {
				known = true
			}
		}
		if !known {
			return nil, civil.Refuse("ligne 1", "colonne « "+n+" » inconnue", "les colonnes sont : "+strings.Join(Columns, ";")+" (voir docs/format-agenda.md)")
		}
		if _, dup := col[k]; dup {
			return nil, civil.Refuse("ligne 1", "colonne « "+n+" » en double", "nommez chaque colonne une seule fois")
		}
		col[k] = i
	}
	var missing []string
	for _, c := range requiredColumns {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, civil.Refuse("ligne 1", "en-tête sans "+words.Agree(len(missing), "la colonne ", "les colonnes ")+strings.Join(missing, ", ")+" : la première ligne doit nommer les colonnes", "par exemple : "+strings.Join(Columns, ";"))
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			rows = append(rows, Row{Line: line, Fields: map[string]string{"!": csvError(err)}})
			if errors.As(err, &pe) && pe.Err == csv.ErrQuote {
				break // the rest of the file is unreadable
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		line, _ := cr.FieldPos(0)
		f := map[string]string{}
		for name, i := range col {
			if i < len(rec) {
				f[name] = strings.TrimSpace(rec[i])
			}
		}
		if len(rec) != len(names) {
			f["!"] = words.Plural(len(rec), "colonne", "colonnes") + " au lieu de " + strconv.Itoa(len(names))
		}
		for _, name := range Columns {
			if p := civil.TextProblem(name, f[name]); p != nil && f["!"] == "" {
				f["!"] = name + " : " + p.Rule
			}
		}
		rows = append(rows, Row{Line: line, Fields: f})
	}
	return rows, nil
}

func csvError(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch pe.Err {
		case csv.ErrQuote, csv.ErrBareQuote:
			return "guillemet mal placé"
		}
	}
	return "ligne illisible"
}

// importStatuts are the statuses an agenda file may give a row, with the
// main booking system's words; an empty status is « prévu ».
var importStatuts = parse.NewChoice(
	parse.Option{Value: "prevu", Label: "prévu"},
	parse.Option{Value: "confirme", Label: "confirmé"},
	parse.Option{Value: "a-rappeler", Label: "à rappeler"},
	parse.Option{Value: "annule", Label: "annulé"},
)

// Imported says what an import did.
type Imported struct {
	Imported  []*Appointment
	Opened    int      // slots opened for them
	Past      int      // rows of past days, not imported
	Already   int      // rows whose reference is already in the agenda
	Cancelled int      // rows marked cancelled in the file
	Skipped   []string // bad rows skipped (with ignoreErrors), with their line
}

// Ignored says, in French, which rows the import left out and why, one
// phrase each without a final period, counts agreed (words.Plural):
// « 1 ligne d'un jour passé, ignorée », « 3 lignes déjà dans l'agenda
// (même référence), ignorées ». etatcivil rdv importer and the counter's
// « Importer l'agenda » both say them.
func (r Imported) Ignored() []string {
	var out []string
	for _, c := range []struct {
		n         int
		one, many string
	}{
		{r.Already, "ligne déjà dans l'agenda (même référence), ignorée", "lignes déjà dans l'agenda (même référence), ignorées"},
		{r.Past, "ligne d'un jour passé, ignorée", "lignes de jours passés, ignorées"},
		{r.Cancelled, "ligne annulée dans le fichier, ignorée", "lignes annulées dans le fichier, ignorées"},
	} {
		if c.n > 0 {
			out = append(out, words.Plural(c.n, c.one, c.many))
		}
	}
	return out
}

// ImportAppointments books the rows of an agenda file in one transaction.
// A row whose slot is not open yet opens it. A bad row (unreadable
// field, slot closed or already taken, overlap) refuses the whole file,
// naming every bad line, unless ignoreErrors: then the other rows are
// imported and the bad ones reported. Rows of past days, rows already
// imported (same reference) and rows marked cancelled are counted and
// left out.
func (s *Agenda) ImportAppointments(rows []Row, ignoreErrors bool) (*Imported, error) {
	res := &Imported{}
	now := s.reg.Now()
	today := now.Format(civil.DateLayout)
	err := s.reg.Update(func(tx *registry.Tx) error {
		known := map[string]bool{}
		if err := eachAppointment(tx, func(a *Appointment) error {
			if a.RefExterne != "" {
				known[a.RefExterne] = true
			}
			return nil
		}); err != nil {
			return err
		}
		days := map[string]*DaySlots{}
		apps := map[string][]*Appointment{}
		changed := map[string]bool{}
		var bad []string
		for _, row := range rows {
			f := row.Fields
			if msg, ok := f["!"]; ok {
				bad = append(bad, fmt.Sprintf("ligne %d : %s", row.Line, msg))
				continue
			}
			c := &checker{}
			b := Booking{Jour: f["jour"], Heure: f["heure"], Nom: f["nom"], Telephone: f["telephone"], Objet: f["objet"]}
			c.Date("jour", &b.Jour, 2000)
			c.Hour("heure", &b.Heure)
			checkBooking(c, &b)
			duree := DefaultSlotMinutes
			if v := f["duree"]; v != "" {
				duree, _ = c.Number("duree", v, MinSlotMinutes, MaxSlotMinutes)
			}
			b.Guichet = 1
			if v := f["guichet"]; v != "" {
				b.Guichet, _ = c.Number("guichet", v, 1, MaxDesk)
			}
			statut := f["statut"]
			if statut != "" {
				c.Choice("statut", &statut, importStatuts)
			}
			ref := f["reference"]
			if len(c.Problems()) > 0 {
				for _, p := range c.Problems() {
					bad = append(bad, fmt.Sprintf("ligne %d : %s : %s", row.Line, p.Field, p.Rule))
				}
				continue
			}
			switch {
			case b.Jour < today:
				res.Past++
				continue
			case ref != "" && known[ref]:
				res.Already++
				continue
			case statut == "annule":
				res.Cancelled++
				continue
			}
			if ref != "" {
				known[ref] = true
			}
			d, ok := days[b.Jour]
			if !ok {
				var err error
				if d, err = readDaySlots(tx, b.Jour); err != nil {
					return err
				}
				days[b.Jour] = d
				if apps[b.Jour], err = dayAppointments(tx, b.Jour); err != nil {
					return err
				}
			}
			a := &Appointment{Jour: b.Jour, Heure: b.Heure, Guichet: b.Guichet, Duree: duree, Nom: b.Nom, Telephone: b.Telephone,
				Objet: b.Objet, Origine: "import", RefExterne: ref}
			if statut != "a-rappeler" {
				want := Slot{Guichet: b.Guichet, Heure: b.Heure, Duree: duree}
				sl := d.at(b.Heure, b.Guichet)
				switch {
				case len(sl) == 1 && sl[0].Ferme:
					bad = append(bad, fmt.Sprintf("ligne %d : le créneau du %s à %s au guichet %d est fermé (%s)", row.Line, b.Jour, b.Heure, b.Guichet, sl[0].Motif))
					continue
				case len(sl) == 1:
					if h := holder(apps[b.Jour], sl[0]); h != nil {
						bad = append(bad, fmt.Sprintf("ligne %d : le créneau du %s à %s au guichet %d est déjà pris par le rendez-vous n° %d (%s) : double réservation", row.Line, b.Jour, b.Heure, b.Guichet, h.Numero, h.Nom))
						continue
					}
					a.Duree = sl[0].Duree
				default:
					if _, clash := d.find(want); clash != nil {
						bad = append(bad, fmt.Sprintf("ligne %d : %s-%s au guichet %d chevauche le créneau %s-%s", row.Line, want.Heure, want.End(), b.Guichet, clash.Heure, clash.End()))
						continue
					}
					d.Creneaux = append(d.Creneaux, want)
					changed[b.Jour] = true
					res.Opened++
				}
			}
			a.Statut = RdvPrevu
			if statut == "a-rappeler" {
				a.Statut, a.Motif = RdvARappeler, "à rappeler selon le système principal"
			}
			apps[b.Jour] = append(apps[b.Jour], a)
			res.Imported = append(res.Imported, a)
		}
		if len(bad) > 0 && !ignoreErrors {
			shown := bad
			if len(shown) > maxShownLines {
				shown = append(shown[:maxShownLines:maxShownLines], "… et "+words.Plural(len(bad)-maxShownLines, "autre ligne", "autres lignes"))
			}
			return &civil.RefusedError{Problems: []civil.Problem{{Field: "fichier", Rule: words.Plural(len(bad), "ligne refusée", "lignes refusées") + " :\n    " + strings.Join(shown, "\n    "),
				Hint: words.Agree(len(bad), "corrigez cette ligne, ou importez les autres en laissant celle-ci de côté", "corrigez ces lignes, ou importez les autres en laissant celles-ci de côté"), Next: []civil.Next{civil.Then(civil.SkipBadLines)}}}}
		}
		res.Skipped = bad
		for day := range changed {
			if err := s.putDaySlots(tx, days[day], "rdv-import"); err != nil {
				return err
			}
		}
		for _, a := range res.Imported {
			if err := s.newAppointment(tx, a); err != nil {
				return err
			}
			if err := s.putAppointment(tx, a, "rdv-import"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// NewCSV returns a CSV writer for the agenda export, header written.
func NewCSV(w io.Writer) (*csv.Writer, error) { return registry.FrenchCSV(w, ExportColumns) }

// CSVRow is the row of an appointment in the agenda export.
func CSVRow(a *Appointment) []string {
	return []string{strconv.Itoa(a.Numero), a.RefExterne, a.Jour, a.Heure, strconv.Itoa(a.Duree), strconv.Itoa(a.Guichet),
		a.Nom, a.Telephone, a.Objet, a.Statut, a.Motif, a.Origine, a.CreeLe, a.ModifieLe}
}
