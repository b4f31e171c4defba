package registry

import (
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/words"
)

// Exported is one line of an export for re-entry into the main system
// (format-echange.md, "What export adds"): the act as the register holds
// it, with its empreinte, and the copy requests made for it.
type Exported struct {
	civil.Act
	Copies []CopyRecord `json:"copies,omitempty"`
}

// MarshalJSON writes the act as the interchange format has it: a marriage
// without contract says "contrat": null.
func (x Exported) MarshalJSON() ([]byte, error) {
	type plain Exported
	out := struct {
		plain
		Contrat *json.RawMessage `json:"contrat,omitempty"`
	}{plain: plain(x)}
	switch {
	case x.Contrat != nil:
		raw, err := json.Marshal(x.Contrat)
		if err != nil {
			return nil, err
		}
		r := json.RawMessage(raw)
		out.Contrat = &r
	case x.SansContrat:
		r := json.RawMessage("null")
		out.Contrat = &r
	}
	return json.Marshal(out)
}

// Export calls fn on every act of the register, in register order, with
// its copy requests. With since not empty (AAAA-MM-JJ), only the acts
// created, signed, given a mention or copied on or after that day.
func (s *Store) Export(since string, fn func(*Exported) error) error {
	defer s.warm()()
	return s.db.View(func(tx *bolt.Tx) error {
		// The pages read through the map are given back as the walk goes
		// (see releaseMap): each act is decoded before fn sees it.
		defer s.releaseMap(tx)()
		copies := map[string][]CopyRecord{}
		if b := tx.Bucket(bucketCopies); b != nil {
			err := b.ForEach(func(k, v []byte) error {
				var c CopyRecord
				if err := json.Unmarshal(v, &c); err != nil {
					return &IntegrityError{[]string{fmt.Sprintf("registre des copies, ligne n° %d illisible", binary.BigEndian.Uint64(k))}}
				}
				copies[c.Reference] = append(copies[c.Reference], c)
				return nil
			})
			if err != nil {
				return err
			}
		}
		progress := s.stepper("Export", "actes", actsEstimate(tx))
		defer progress.end()
		return tx.Bucket(bucketActs).ForEach(func(k, v []byte) error {
			progress.add()
			var x Exported
			v, err := decodeAct(v, &x.Act)
			if err != nil {
				return &IntegrityError{[]string{"acte " + string(k) + " illisible"}}
			}
			x.Empreinte = hashHex(v)
			x.Copies = copies[x.Ref().String()]
			if since != "" && !x.touchedSince(since) {
				return nil
			}
			return fn(&x)
		})
	})
}

// touchedSince tells whether the act was created, signed, given a mention
// or copied on or after the day since (AAAA-MM-JJ).
func (x *Exported) touchedSince(since string) bool {
	stamps := []string{x.CreeLe, x.SigneLe}
	for _, m := range x.Mentions {
		stamps = append(stamps, m.Horodatage, m.Date)
	}
	for _, c := range x.Copies {
		stamps = append(stamps, c.Horodatage)
	}
	for _, t := range stamps {
		if len(t) >= 10 && t[:10] >= since {
			return true
		}
	}
	return false
}

// CSVHeader is the first line of a CSV export.
var CSVHeader = []string{"registre", "annee", "numero", "statut", "motif", "date", "heure", "lieu", "personnes", "officier",
	"cree_le", "signe_le", "mentions", "copies_delivrees", "empreinte"}

// CSVRow is the act as one line of a CSV export, for a spreadsheet: the
// columns of CSVHeader. The JSON Lines export is the complete one.
func (x *Exported) CSVRow() []string {
	var mentions []string
	for _, m := range x.Mentions {
		mentions = append(mentions, m.Date+" : "+m.Texte+" ("+m.Fondement+")")
	}
	delivered := 0
	for _, c := range x.Copies {
		if c.Statut == CopieDelivree {
			delivered++
		}
	}
	date, hour, place := x.Event()
	return []string{string(x.Registre), strconv.Itoa(x.Annee), strconv.Itoa(x.Numero), x.Statut, x.Motif, date, hour, place,
		x.WhoAndKind(), x.Officier, x.CreeLe, x.SigneLe, strings.Join(mentions, " | "), strconv.Itoa(delivered), x.Empreinte}
}

// NewCSV returns a CSV writer as French spreadsheets read it: semicolons,
// UTF-8 with a byte order mark.
func NewCSV(w io.Writer) (*csv.Writer, error) { return FrenchCSV(w, CSVHeader) }

// FrenchCSV returns a CSV writer as French spreadsheets read it
// (semicolons, UTF-8 with a byte order mark), the header written.
func FrenchCSV(w io.Writer, header []string) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	c := csv.NewWriter(w)
	c.Comma = ';'
	return c, c.Write(header)
}

// ImportLine is one act of an import file, with its line number for
// messages.
type ImportLine struct {
	Line int
	Act  *Exported
}

// Imported sums up an import.
type Imported struct {
	Acts   int
	Copies int
	// Ranges lists, per register-year, the numbers imported: "naissance 2026 : n° 38 à 40".
	Ranges []string
}

// ImportSource gives the lines of an import, in the file's order, to fn;
// it stops at fn's first error and returns it. Import reads the lines
// twice (to check them all, then to write them), so that a file of a
// million acts is never held in memory.
type ImportSource func(fn func(ImportLine) error) error

// Lines is the ImportSource of lines already read.
func Lines(lines []ImportLine) ImportSource {
	return func(fn func(ImportLine) error) error {
		for _, l := range lines {
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	}
}

// maxProblems bounds the problems an import lists: past it, only their number.
const maxProblems = 100

// Import is ImportFrom(Lines(lines)).
func (s *Store) Import(lines []ImportLine) (Imported, error) { return s.ImportFrom(Lines(lines)) }

// ImportFrom records acts drawn up elsewhere (on paper before the laptop
// was ready, or on another laptop) keeping their numbers, with their
// mentions and copies: everything or nothing. In each register-year the
// numbers must follow the last number given, with no gap and no
// duplicate; the register-year's numbering must be set. Acts (other than
// numbers left unused) are checked against the rules at the time they
// were drawn up; the impediments to a marriage are not, since the
// register does not hold what the other system held. A line that carries
// an empreinte must still match it.
//
// The lines are read twice: all are checked, keeping only their numbers
// (16 bytes an act), then, if none is refused, written. Up to
// ImportBatch acts are written in one transaction. More are written into
// a copy of the register, ImportBatch acts per transaction so that the
// memory held stays bounded whatever the file's size, and the copy then
// replaces the register in one rename (see importBatched): a process
// killed at any moment leaves the register as it was before the import or
// as it is after it, never in between.
func (s *Store) ImportFrom(src ImportSource) (Imported, error) {
	if s.behind != nil {
		return Imported{}, s.behind
	}
	var plan *importPlan
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		plan, err = s.checkImport(tx, src)
		return err
	})
	if err != nil {
		return Imported{}, err
	}
	if plan.total > ImportBatch {
		return s.importBatched(src, plan)
	}
	var res Imported
	err = s.db.Update(func(tx *bolt.Tx) error {
		copies, err := tx.CreateBucketIfNotExists(bucketCopies)
		if err != nil {
			return err
		}
		now := s.Now().Format(time.RFC3339)
		// The index entries are put all at once at the end, in key order
		// (see bulkIndex; a million acts in sorted batches of 100,000
		// took more than ten minutes).
		names, phons := newBulkIndex(), newBulkIndex()
		writing := s.stepper("Import : écriture", "actes", plan.total)
		err = inBatches(src, nil, func(batch []ImportLine) error {
			return s.writeImportBatch(tx, copies, batch, now, names, phons, writing, &res)
		})
		if err != nil {
			return err
		}
		if err := names.write(filled(tx.Bucket(bucketNames))); err != nil {
			return err
		}
		if err := phons.write(filled(tx.Bucket(bucketSounds))); err != nil {
			return err
		}
		writing.end()
		return finishImport(tx, plan, &res)
	})
	if err != nil {
		return Imported{}, err
	}
	return res, nil
}

// ImportBatch is the number of acts an import writes in one transaction:
// a transaction holds what it writes in memory until it commits (about
// 10 KiB an act with its index entries and journal entry). An import of
// more acts is written in a copy of the register (see importBatched). A
// variable for the tests.
var ImportBatch = 10_000

// importPlan is what the check of an import keeps for the writing: the
// numbers of each register-year, and the number of lines.
type importPlan struct {
	byYear map[string]*yearLines
	years  []string
	total  int
}

// checkImport reads every line of src and checks it (see ImportFrom); it
// returns a *civil.RefusedError with the problems found, at most
// maxProblems of them.
func (s *Store) checkImport(tx *bolt.Tx, src ImportSource) (*importPlan, error) {
	var c civil.Commune
	if err := readCommune(tx, &c); err != nil {
		return nil, err
	}
	// The officers are read once, so that the lines can be checked
	// on every core without touching the transaction.
	list, err := readOfficers(tx)
	if err != nil {
		return nil, err
	}
	officers := map[string]civil.Officer{}
	for _, o := range list {
		officers[o.ID] = o
	}
	officer := func(id string) (civil.Officer, bool) { o, ok := officers[id]; return o, ok }
	var problems []civil.Problem
	more := 0
	plan := &importPlan{byYear: map[string]*yearLines{}}
	checking := s.stepper("Import : vérification", "actes", 0)
	check := func(batch []ImportLine) error {
		results := checkAll(batch, func(l ImportLine) checkedLine {
			ps, numbered, err := s.checkImported(l, c, officer)
			return checkedLine{ps, numbered, err}
		})
		for i, r := range results {
			if r.err != nil {
				return r.err
			}
			for _, p := range r.problems {
				if len(problems) < maxProblems {
					problems = append(problems, p)
				} else {
					more++
				}
			}
			if r.numbered {
				l := batch[i]
				a := l.Act.Act
				k := string(a.Registre) + " " + strconv.Itoa(a.Annee)
				y := plan.byYear[k]
				if y == nil {
					y = &yearLines{registre: a.Registre, annee: a.Annee}
					plan.byYear[k] = y
					plan.years = append(plan.years, k)
				}
				y.lines = append(y.lines, numberedLine{l.Line, a.Numero})
			}
		}
		return nil
	}
	if err := inBatches(src, func() { plan.total++; checking.add() }, check); err != nil {
		return nil, err
	}
	checking.total = plan.total
	checking.end()
	sort.Strings(plan.years)
	for _, k := range plan.years {
		for _, p := range checkImportNumbers(tx, plan.byYear[k]) {
			if len(problems) < maxProblems {
				problems = append(problems, p)
			} else {
				more++
			}
		}
	}
	if more > 0 {
		problems = append(problems, civil.Problem{Field: "fichier", Rule: "et " + words.Plural(more, "autre problème non détaillé", "autres problèmes non détaillés"), Hint: "corrigez d'abord ceux-ci, puis relancez l'import"})
	}
	if len(problems) > 0 {
		return nil, &civil.RefusedError{Problems: problems}
	}
	return plan, nil
}

// writeImportBatch writes a batch of checked lines into tx: each batch
// is made ready on every core (names in canonical form, stored bytes,
// index entries), then written in order; the index entries are gathered
// into names and phons, on another core while the acts are written.
func (s *Store) writeImportBatch(tx *bolt.Tx, copies *bolt.Bucket, batch []ImportLine, now string, names, phons *bulkIndex, writing *stepper, res *Imported) error {
	readies := make([]importReady, len(batch))
	parallel(len(batch), func(i int) { readies[i] = s.readyImported(batch[i].Act, now) })
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		for _, r := range readies {
			if r.err == nil {
				names.addAll(r.index.names)
				phons.addAll(r.index.sounds)
			}
		}
	}()
	defer func() { <-indexed }()
	for _, r := range readies {
		writing.add()
		if r.err != nil {
			return r.err
		}
		n, err := s.putImported(tx, copies, r)
		if err != nil {
			return err
		}
		res.Acts++
		res.Copies += n
	}
	return nil
}

// finishImport sets the counter of each register-year imported to its
// last number, and lists the numbers imported in res.
func finishImport(tx *bolt.Tx, plan *importPlan, res *Imported) error {
	for _, k := range plan.years {
		y := plan.byYear[k]
		first, last := y.lines[0].numero, y.lines[len(y.lines)-1].numero
		cn, err := readCounter(tx, string(y.registre), y.annee)
		if err != nil {
			return err
		}
		cn.Last = last
		v, err := json.Marshal(cn)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketNumbering).Put(counterKey(string(y.registre), y.annee), v); err != nil {
			return err
		}
		res.Ranges = append(res.Ranges, fmt.Sprintf("%s %d : %s", y.registre, y.annee, numbersText(first, last)))
	}
	return nil
}

// inBatches gives the lines of src to fn 512 at a time, and the last
// ones at the end; each, when set, is called for every line.
func inBatches(src ImportSource, each func(), fn func([]ImportLine) error) error {
	var batch []ImportLine
	err := src(func(l ImportLine) error {
		if each != nil {
			each()
		}
		if batch = append(batch, l); len(batch) == 512 {
			err := fn(batch)
			batch = batch[:0]
			return err
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = fn(batch)
	}
	return err
}

// checkedLine is what checkImported says of one line.
type checkedLine struct {
	problems []civil.Problem
	numbered bool
	err      error
}

// checkAll checks lines on every core and returns the results in order.
func checkAll(lines []ImportLine, check func(ImportLine) checkedLine) []checkedLine {
	out := make([]checkedLine, len(lines))
	parallel(len(lines), func(i int) { out[i] = check(lines[i]) })
	return out
}

// yearLines are the numbers an import gives in one register-year.
type yearLines struct {
	registre civil.Kind
	annee    int
	lines    []numberedLine
}

// numberedLine is the number of an act on one line of an import file.
type numberedLine struct{ line, numero int }

// prepareImported gives an act read a second time what checkImported
// gave it the first: its register and year when absent, and its names in
// canonical form.
func prepareImported(a *civil.Act) {
	if a.Registre == "" {
		a.Registre = a.Type.Register()
	}
	if a.Annee == 0 {
		a.Annee = civil.DrawnUpYear(a)
	}
	if a.Statut != civil.StatutNonUtilise {
		civil.Normalize(a)
		civil.CompleteImported(a) // checked already: nature, legal basis, text
	}
}

// checkImported checks one line on its own: fields the register adds,
// empreinte, and the rules of law for an act.
// numbered tells whether the line has a register, year and number, to be
// checked against the numbering.
func (s *Store) checkImported(l ImportLine, c civil.Commune, officer func(string) (civil.Officer, bool)) (_ []civil.Problem, numbered bool, _ error) {
	a := &l.Act.Act
	where := fmt.Sprintf("ligne %d", l.Line)
	bad := func(field, rule, hint string) ([]civil.Problem, bool, error) {
		return []civil.Problem{{Field: where + ", " + field, Rule: rule, Hint: hint}}, numbered, nil
	}
	if ps := civil.TextProblems("", l.Act); len(ps) > 0 {
		for i := range ps {
			ps[i].Field = where + ", " + ps[i].Field
		}
		return ps, false, nil
	}
	if !a.Type.ValidType() {
		return bad("type", "type « "+string(a.Type)+" » inconnu", "naissance, deces, mariage, reconnaissance, enfant_sans_vie ou transcription")
	}
	if a.Registre == "" {
		a.Registre = a.Type.Register()
	}
	if a.Registre != a.Type.Register() {
		return bad("registre", a.Type.Indefinite()+" dans le registre des "+a.Registre.Plural(), a.Type.Indefinite()+" est tenu au registre des "+a.Type.Register().Plural())
	}
	if a.Annee == 0 {
		a.Annee = civil.DrawnUpYear(a)
	}
	if a.Annee < 1900 || a.Annee > 2100 {
		return bad("annee", "année absente ou invalide", "indiquez l'année du registre, par exemple \"annee\": 2026")
	}
	if a.Numero < 1 {
		return bad("numero", "numéro d'acte absent", "indiquez le numéro porté sur l'acte papier : \"numero\": 38")
	}
	if a.Numero > maxLast {
		return bad("numero", fmt.Sprintf("n° %d hors des limites (1 à %d)", a.Numero, maxLast), "indiquez le numéro porté sur l'acte papier")
	}
	numbered = true
	where += " (" + a.Ref().String() + ")"
	if l.Act.Empreinte != "" {
		stored := *a
		stored.Empreinte = ""
		data, err := json.Marshal(&stored)
		if err != nil {
			return nil, true, err
		}
		if hashHex(data) != l.Act.Empreinte {
			return nil, true, &IntegrityError{[]string{where + " : le contenu ne correspond plus à son empreinte : la ligne a été modifiée après l'export"}}
		}
	}
	switch a.Statut {
	case civil.StatutNonUtilise:
		if strings.TrimSpace(a.Motif) == "" {
			return bad("motif", "numéro non utilisé sans motif", "indiquez pourquoi le numéro n'a pas servi : \"motif\": \"…\"")
		}
		return nil, true, nil
	case civil.StatutSigne, civil.StatutBrouillon:
	default:
		return bad("statut", "statut « "+a.Statut+" » absent ou inconnu", "signe (acte signé sur papier), brouillon, ou non_utilise avec un motif")
	}
	// The rules are applied at the import's clock, never at a date the
	// file gives: a line dated in the future would let an act of 2030 in.
	at := s.Now()
	for _, st := range []struct{ field, value string }{{"cree_le", a.CreeLe}, {"signe_le", a.SigneLe}} {
		if st.value == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, st.value)
		switch {
		case err != nil:
			return bad(st.field, "« "+st.value+" » n'est pas un horodatage lisible", "écrivez-le comme l'export du registre : AAAA-MM-JJTHH:MM:SS+01:00, ou retirez le champ")
		case t.Truncate(time.Minute).After(at):
			return bad(st.field, "le "+t.Format("02/01/2006 à 15:04")+" est dans le futur (horloge de l'ordinateur : le "+at.Format("02/01/2006 à 15:04")+")",
				"vérifiez la ligne et l'horloge de l'ordinateur")
		}
	}
	// The rules are those of an input file: the fields the register adds
	// are set aside while they are checked.
	kept := *a
	a.Registre, a.Annee, a.Numero, a.Statut, a.Motif, a.Mentions, a.CreeLe, a.SigneLe, a.Empreinte, a.Agent = "", 0, 0, "", "", nil, "", "", "", ""
	_, err := civil.ValidateDrawnUp(a, c, officer, at)
	a.Registre, a.Annee, a.Numero, a.Statut, a.Motif, a.Mentions, a.CreeLe, a.SigneLe, a.Empreinte, a.Agent =
		kept.Registre, kept.Annee, kept.Numero, kept.Statut, kept.Motif, kept.Mentions, kept.CreeLe, kept.SigneLe, kept.Empreinte, kept.Agent
	var out []civil.Problem
	if err != nil {
		refused, ok := err.(*civil.RefusedError)
		if !ok {
			return nil, true, err
		}
		for _, p := range refused.Problems {
			p.Field = where + ", " + p.Field
			out = append(out, p)
		}
	}
	// Mentions come after the act: they are checked at the import's clock.
	for _, p := range civil.PrepareImported(a, s.Now()) {
		p.Field = where + ", " + p.Field
		out = append(out, p)
	}
	for i, m := range a.Mentions {
		if m.Officier != "" {
			if _, ok := officer(m.Officier); !ok {
				out = append(out, civil.Problem{Field: fmt.Sprintf("%s, mentions[%d].officier", where, i+1), Rule: "officier « " + m.Officier + " » inconnu", Hint: "ajoutez-le d'abord", Next: []civil.Next{civil.Then(civil.AddOfficer)}})
			}
		}
	}
	return out, true, nil
}

// checkImportNumbers checks the numbers of one register-year: they must
// continue the numbering, with no gap and no duplicate. It sorts y.lines
// by number.
func checkImportNumbers(tx *bolt.Tx, y *yearLines) []civil.Problem {
	ls := y.lines
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].numero < ls[j].numero })
	what := fmt.Sprintf("%s %d", y.registre, y.annee)
	v := tx.Bucket(bucketNumbering).Get(counterKey(string(y.registre), y.annee))
	if v == nil {
		return []civil.Problem{{Field: what, Rule: "numérotation non fixée : impossible de savoir si les numéros importés suivent ceux du système principal",
			Hint: fmt.Sprintf("indiquez le dernier numéro du système principal avant ces actes (le n° %d, si c'est bien le cas)", ls[0].numero-1),
			Next: []civil.Next{civil.Then(civil.SetNumbering, string(y.registre), strconv.Itoa(y.annee), strconv.Itoa(ls[0].numero-1))}}}
	}
	var cn counter
	if err := json.Unmarshal(v, &cn); err != nil {
		return []civil.Problem{{Field: what, Rule: "numérotation illisible", Hint: "lancez le contrôle du registre", Next: []civil.Next{civil.Then(civil.RunControl)}}}
	}
	if cn.Clos != "" {
		return closedRefusal(string(y.registre), y.annee, cn).(*civil.RefusedError).Problems
	}
	var dups, held, gaps []string
	acts := tx.Bucket(bucketActs)
	want := cn.Last + 1
	for i, l := range ls {
		n := l.numero
		switch {
		case i > 0 && n == ls[i-1].numero:
			dups = append(dups, fmt.Sprintf("n° %d (lignes %d et %d)", n, ls[i-1].line, l.line))
			continue
		case acts.Get(actKey(civil.Ref{Registre: y.registre, Annee: y.annee, Numero: n})) != nil || n <= cn.Start:
			held = append(held, fmt.Sprintf("n° %d (ligne %d)", n, l.line))
			continue
		case n > want:
			gaps = append(gaps, numbersText(want, n-1))
		}
		want = n + 1
	}
	var out []civil.Problem
	if len(dups) > 0 {
		out = append(out, civil.Problem{Field: what, Rule: "numéros en double dans le fichier : " + strings.Join(dups, ", "), Hint: "un numéro ne sert qu'une fois : corrigez le fichier"})
	}
	if len(held) > 0 {
		out = append(out, civil.Problem{Field: what, Rule: fmt.Sprintf("numéros déjà attribués (ce registre va jusqu'au n° %d, le système principal jusqu'au n° %d) : %s", cn.Last, cn.Start, strings.Join(held, ", ")),
			Hint: "un numéro n'est jamais repris : vérifiez le numéro porté sur l'acte papier"})
	}
	if len(gaps) > 0 {
		out = append(out, civil.Problem{Field: what, Rule: fmt.Sprintf("numéros manquants après le n° %d : %s", cn.Last, strings.Join(gaps, ", ")),
			Hint: "ajoutez au fichier les actes de ces numéros (ou, pour un numéro qui n'a pas servi, une ligne \"statut\": \"non_utilise\" avec son motif)"})
	}
	return out
}

// numbersText writes "n° 5" or "n° 5 à 7".
func numbersText(from, to int) string {
	if from == to {
		return fmt.Sprintf("n° %d", from)
	}
	return fmt.Sprintf("n° %d à %d", from, to)
}

// importReady is an imported act made ready to write: its stored bytes
// and its index entries.
type importReady struct {
	x      *Exported
	act    civil.Act // as stored
	data   []byte    // the canonical JSON
	packed []byte    // as stored (packAct)
	index  actIndexData
	err    error
}

// readyImported gives an act read a second time what checkImported gave
// it the first (see prepareImported) and what the register adds (time of
// creation and signature, agent), and computes its stored bytes and
// index entries (a number left unused keeps the names it was drafted
// with, if any). It touches no transaction: it runs on every core.
func (s *Store) readyImported(x *Exported, now string) importReady {
	prepareImported(&x.Act)
	a := x.Act
	if a.CreeLe == "" {
		a.CreeLe = now
	}
	if a.Agent == "" {
		a.Agent = s.Agent
	}
	if a.Statut == civil.StatutSigne && a.SigneLe == "" {
		a.SigneLe = now
	}
	a.Empreinte = ""
	data, err := json.Marshal(&a)
	r := importReady{x: x, act: a, data: data, err: err}
	if err == nil {
		r.packed = packAct(data)
	}
	if r.err == nil {
		r.index, r.err = indexData(&a)
	}
	return r
}

// putImported writes one imported act, its copies and their journal
// entries (ImportFrom writes the index entries of all acts at the end,
// in key order); it returns the number of copies written.
func (s *Store) putImported(tx *bolt.Tx, copies *bolt.Bucket, r importReady) (int, error) {
	a, x := r.act, r.x
	if err := actsBucket(tx).Put(actKey(a.Ref()), r.packed); err != nil {
		return 0, err
	}
	if err := s.journal(tx, "import", a.Ref().String(), r.data); err != nil {
		return 0, err
	}
	if err := filled(tx.Bucket(bucketPersons)).Put(idKey(r.index.id), r.index.persons); err != nil {
		return 0, err
	}
	var err error
	for _, c := range x.Copies {
		c.Reference = a.Ref().String()
		if c.Numero == 0 {
			if c.Numero, err = copies.NextSequence(); err != nil {
				return 0, err
			}
		} else if copies.Get(seqKey(c.Numero)) != nil {
			return 0, civil.Refuse("copies", fmt.Sprintf("acte %s : la ligne n° %d du registre des copies est déjà prise", a.Ref(), c.Numero),
				"retirez le champ numero des copies à importer : elles prendront les numéros suivants")
		} else if c.Numero > copies.Sequence() {
			if err := copies.SetSequence(c.Numero); err != nil {
				return 0, err
			}
		}
		if err := s.putCopy(tx, copies, c, "import"); err != nil {
			return 0, err
		}
	}
	return len(x.Copies), nil
}
