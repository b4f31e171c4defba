package agenda

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"etatcivil/civil"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// Agenda is the counter's appointment book of one register: slots opened
// day by day and desk by desk, and the appointments booked in them. It
// lives in the register file, and every change is journaled like an act,
// in one transaction of the register; the citizens' data (name, phone,
// purpose) is deleted a set number of days after the appointment (see
// Purge and registry.Settings).
type Agenda struct {
	reg *registry.Store
}

// New returns the agenda kept in the register s.
func New(s *registry.Store) *Agenda { return &Agenda{s} }

var (
	// bucketSlots holds the slots of each day, keyed AAAA-MM-JJ.
	bucketSlots = []byte("creneaux")
	// bucketAppointments holds the appointments, keyed by number.
	bucketAppointments = []byte("rdv")
	// bucketAppointmentDays indexes the appointments by day: keys
	// AAAA-MM-JJ followed by the number, values empty. Derived from
	// bucketAppointments in the same transactions; control checks it.
	bucketAppointmentDays = []byte("rdv_jour")
)

func dayKey(day string, n int) []byte { return append([]byte(day), seqKey(uint64(n))...) }

// seqKey is the key of a record numbered n: 8 bytes, big-endian.
func seqKey(n uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, n)
	return k
}

// The purposes of an appointment.
const (
	ObjetReconnaissance = "reconnaissance"
	ObjetMariage        = "dossier-mariage"
	ObjetNaissance      = "naissance"
	ObjetDeces          = "deces"
	ObjetCopie          = "copie"
	ObjetAutre          = "autre"
)

// Objets lists the purposes of an appointment, as written on the command line.
var Objets = []string{ObjetReconnaissance, ObjetMariage, ObjetNaissance, ObjetDeces, ObjetCopie, ObjetAutre}

var objetLabels = map[string]string{
	ObjetReconnaissance: "reconnaissance d'un enfant",
	ObjetMariage:        "dépôt d'un dossier de mariage",
	ObjetNaissance:      "déclaration de naissance",
	ObjetDeces:          "déclaration de décès",
	ObjetCopie:          "demande de copie ou d'extrait d'acte",
	ObjetAutre:          "autre démarche d'état civil",
}

var objetShort = map[string]string{
	ObjetReconnaissance: "reconnaissance",
	ObjetMariage:        "dossier de mariage",
	ObjetNaissance:      "naissance",
	ObjetDeces:          "décès",
	ObjetCopie:          "copie ou extrait",
	ObjetAutre:          "autre",
}

// ObjetShort names a purpose in a word or two, for the day's book:
// "dossier de mariage".
func ObjetShort(o string) string {
	if l, ok := objetShort[o]; ok {
		return l
	}
	return o
}

// ObjetLabel names a purpose in words: "dépôt d'un dossier de mariage".
func ObjetLabel(o string) string {
	if l, ok := objetLabels[o]; ok {
		return l
	}
	return o
}

// The states of an appointment.
const (
	RdvPrevu     = "prevu"      // booked
	RdvAnnule    = "annule"     // cancelled
	RdvARappeler = "a-rappeler" // its slot was closed: the citizen must be phoned
)

// Slot is a time at a desk when the counter receives one appointment.
type Slot struct {
	Guichet int    `json:"guichet"`
	Heure   string `json:"heure"` // HH:MM, the start
	Duree   int    `json:"duree"` // minutes
	Ferme   bool   `json:"ferme,omitempty"`
	Motif   string `json:"motif,omitempty"` // why it was closed
}

// End returns the end of the slot, HH:MM.
func (s Slot) End() string { m, _ := minutes(s.Heure); return clock(m + s.Duree) }

// DaySlots is the record of one day's slots, sorted by desk and time.
type DaySlots struct {
	Jour     string `json:"jour"`
	Creneaux []Slot `json:"creneaux"`
}

// Appointment is a booking at the counter. The salt makes the hash kept
// in the journal useless to guess a name or number once they are purged.
type Appointment struct {
	Numero     int    `json:"numero"`
	Jour       string `json:"jour"`
	Heure      string `json:"heure"`
	Guichet    int    `json:"guichet"`
	Duree      int    `json:"duree"`
	Nom        string `json:"nom"`
	Telephone  string `json:"telephone"`
	Objet      string `json:"objet"`
	Statut     string `json:"statut"`
	Motif      string `json:"motif,omitempty"`
	Origine    string `json:"origine"` // "guichet" or "import"
	RefExterne string `json:"reference_externe,omitempty"`
	Agent      string `json:"agent,omitempty"`
	CreeLe     string `json:"cree_le"`
	ModifieLe  string `json:"modifie_le,omitempty"`
	Sel        string `json:"sel"`
}

// Ref returns the journal reference of the appointment: "rdv/42".
func (a *Appointment) Ref() string { return "rdv/" + strconv.Itoa(a.Numero) }

// Active tells whether the appointment holds its slot.
func (a *Appointment) Active() bool { return a.Statut == RdvPrevu }

func slotsRef(day string) string { return "creneaux/" + day }

// minutes reads HH:MM.
func minutes(s string) (int, bool) {
	return civil.Minutes(s)
}

// clock writes minutes since midnight as HH:MM.
func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func slotTime(day, hour string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", day+" "+hour, time.Local)
	return t
}

// Opening asks to open the slots of a desk on a day, from De to A (the end
// of the last slot), each Duree minutes long.
type Opening struct {
	Jour    string
	De, A   string
	Duree   int
	Guichet int
}

// OpenResult says what an opening did.
type OpenResult struct {
	Opened   []Slot // new or reopened
	Existing int    // already open, left as they were
	Leftover string // the end of the range too short for a slot ("11:50-12:00"), or ""
}

// Closing asks to close slots: a whole day, a desk (Guichet, 0 for every
// desk), or the slots that start from De up to A.
type Closing struct {
	Jour    string
	De, A   string // empty: the whole day
	Guichet int
	Motif   string
}

// Booking is the request for an appointment; Guichet 0 takes the first
// desk free at that time.
type Booking struct {
	Jour, Heure string
	Guichet     int
	Nom         string
	Telephone   string
	Objet       string
}

// checker is civil's checker with the agenda's own checks: days, desks,
// hours of a slot.
type checker struct{ civil.Checker }

func (c *checker) day(field string, s *string, today time.Time, pastOK bool) (time.Time, bool) {
	t, ok := c.Date(field, s, 2000)
	if ok && !pastOK && t.Before(startOfDay(today)) {
		c.Add(field, "le "+words.Figures(t)+" est passé (horloge de l'ordinateur : "+words.Figures(today)+")", "choisissez aujourd'hui ou un jour à venir")
		return t, false
	}
	return t, ok
}

// readDay reads a day asked for (parse.Date), as AAAA-MM-JJ.
func readDay(s string) (string, error) {
	c := &checker{}
	c.Date("jour", &s, 2000)
	_, err := c.Result()
	return s, err
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Bounds of a desk's number and of a slot's length, in minutes.
const (
	MaxDesk        = 99
	MinSlotMinutes = 5
	MaxSlotMinutes = 240
)

func (c *checker) desk(field string, n int) {
	if n < 1 || n > MaxDesk {
		c.Add(field, fmt.Sprintf("guichet %d : un numéro de guichet va de 1 à %d", n, MaxDesk), "par exemple 1")
	}
}

func (c *checker) minute(field string, s *string) (int, bool) {
	if !c.Hour(field, s) {
		return 0, false
	}
	m, _ := minutes(*s)
	return m, true
}

// OpenSlots opens the slots of an opening, in one transaction with its
// journal entry. Slots already open are left as they are, closed ones are
// reopened; a slot that would overlap another of the desk is refused.
func (s *Agenda) OpenSlots(o Opening) (OpenResult, error) {
	var res OpenResult
	c := &checker{}
	now := s.reg.Now()
	c.day("jour", &o.Jour, now, false)
	from, ok1 := c.minute("de", &o.De)
	to, ok2 := c.minute("a", &o.A)
	if ok1 && ok2 && to <= from {
		c.Add("a", "la fin ("+o.A+") n'est pas après le début ("+o.De+")", "par exemple de 09:00 à 12:00")
	}
	if o.Duree < MinSlotMinutes || o.Duree > MaxSlotMinutes {
		c.Add("duree", fmt.Sprintf("%s : un créneau dure de %d à %d minutes", words.Plural(o.Duree, "minute", "minutes"), MinSlotMinutes, MaxSlotMinutes), "par exemple 15")
	}
	c.desk("guichet", o.Guichet)
	if _, err := c.Result(); err != nil {
		return res, err
	}
	var want []Slot
	m := from
	for ; m+o.Duree <= to; m += o.Duree {
		want = append(want, Slot{Guichet: o.Guichet, Heure: clock(m), Duree: o.Duree})
	}
	if len(want) == 0 {
		return res, civil.Refuse("duree", fmt.Sprintf("aucun créneau de %d minutes ne tient entre %s et %s", o.Duree, o.De, o.A), "allongez la plage ou raccourcissez les créneaux")
	}
	if m < to {
		res.Leftover = clock(m) + "-" + o.A
	}
	err := s.reg.Update(func(tx *registry.Tx) error {
		d, err := readDaySlots(tx, o.Jour)
		if err != nil {
			return err
		}
		for _, w := range want {
			i, clash := d.find(w)
			switch {
			case i >= 0 && d.Creneaux[i].Ferme:
				d.Creneaux[i].Ferme, d.Creneaux[i].Motif = false, ""
				res.Opened = append(res.Opened, w)
			case i >= 0:
				res.Existing++
			case clash != nil:
				return civil.Refuse("de/a", fmt.Sprintf("guichet %d : le créneau %s-%s chevaucherait le créneau %s-%s déjà ouvert le %s", w.Guichet, w.Heure, w.End(), clash.Heure, clash.End(), o.Jour),
					"ouvrez une plage qui ne recouvre pas les créneaux existants, ou un autre guichet", civil.Then(civil.SeeDay, o.Jour))
			default:
				d.Creneaux = append(d.Creneaux, w)
				res.Opened = append(res.Opened, w)
			}
		}
		if len(res.Opened) == 0 {
			return nil
		}
		return s.putDaySlots(tx, d, "rdv-ouverture")
	})
	return res, err
}

// find returns the index of the slot of d that is w (same desk, start and
// length), or -1 and the slot of the desk that w would overlap, if any.
func (d *DaySlots) find(w Slot) (int, *Slot) {
	ws, _ := minutes(w.Heure)
	for i, x := range d.Creneaux {
		if x.Guichet != w.Guichet {
			continue
		}
		if x.Heure == w.Heure && x.Duree == w.Duree {
			return i, nil
		}
		xs, _ := minutes(x.Heure)
		if ws < xs+x.Duree && xs < ws+w.Duree {
			return -1, &d.Creneaux[i]
		}
	}
	return -1, nil
}

// at returns the slots of d that start at hour, one per desk (desk > 0:
// that desk only).
func (d *DaySlots) at(hour string, desk int) []*Slot {
	var out []*Slot
	for i, x := range d.Creneaux {
		if x.Heure == hour && (desk == 0 || x.Guichet == desk) {
			out = append(out, &d.Creneaux[i])
		}
	}
	return out
}

func readDaySlots(tx *registry.Tx, day string) (*DaySlots, error) {
	b := tx.Bucket(bucketSlots)
	if b == nil {
		return &DaySlots{Jour: day}, nil
	}
	if v := b.Get([]byte(day)); v != nil {
		return decodeDaySlots(day, v)
	}
	return &DaySlots{Jour: day}, nil
}

// decodeDaySlots reads the record of day's slots, as every reader of the
// agenda and the control (Records) read it: a record that does not
// decode, or that is not that day's, is an *registry.IntegrityError,
// never a day without slots.
func decodeDaySlots(day string, v []byte) (*DaySlots, error) {
	d := new(DaySlots)
	if err := json.Unmarshal(v, d); err != nil || d.Jour != day {
		return nil, &registry.IntegrityError{Breaks: []string{"créneaux du " + day + " illisibles"}}
	}
	return d, nil
}

// decodeAppointment reads the record of appointment n, as every reader of
// the agenda and the control (Records) read it: a record that does not
// decode, that carries another number or a day that is not a date
// (AAAA-MM-JJ) is an *registry.IntegrityError, never an appointment with
// default values.
func decodeAppointment(n uint64, v []byte) (*Appointment, error) {
	a := new(Appointment)
	if err := json.Unmarshal(v, a); err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{fmt.Sprintf("rendez-vous n° %d illisible", n)}}
	}
	if uint64(a.Numero) != n {
		return nil, &registry.IntegrityError{Breaks: []string{fmt.Sprintf("rendez-vous n° %d : porte le numéro %d", n, a.Numero)}}
	}
	if _, err := time.Parse(civil.DateLayout, a.Jour); err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{fmt.Sprintf("rendez-vous n° %d : jour illisible", n)}}
	}
	return a, nil
}

func (s *Agenda) putDaySlots(tx *registry.Tx, d *DaySlots, action string) error {
	slices.SortFunc(d.Creneaux, func(a, b Slot) int {
		if a.Guichet != b.Guichet {
			return a.Guichet - b.Guichet
		}
		return strings.Compare(a.Heure, b.Heure)
	})
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	b, err := tx.CreateBucketIfNotExists(bucketSlots)
	if err != nil {
		return err
	}
	if err := b.Put([]byte(d.Jour), data); err != nil {
		return err
	}
	return tx.Journal(action, slotsRef(d.Jour), data)
}

// putAppointment writes an appointment, its day index and its journal entry.
func (s *Agenda) putAppointment(tx *registry.Tx, a *Appointment, action string) error {
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	b, err := tx.CreateBucketIfNotExists(bucketAppointments)
	if err != nil {
		return err
	}
	idx, err := tx.CreateBucketIfNotExists(bucketAppointmentDays)
	if err != nil {
		return err
	}
	key := seqKey(uint64(a.Numero))
	if old := b.Get(key); old != nil {
		was, err := decodeAppointment(uint64(a.Numero), old)
		if err != nil {
			return err
		}
		if was.Jour != a.Jour {
			if err := idx.Delete(dayKey(was.Jour, a.Numero)); err != nil {
				return err
			}
		}
	}
	if err := b.Put(key, data); err != nil {
		return err
	}
	if err := idx.Put(dayKey(a.Jour, a.Numero), nil); err != nil {
		return err
	}
	return tx.Journal(action, a.Ref(), data)
}

// newAppointment gives a new appointment its number, salt and stamps,
// and the state prevu unless it has one.
func (s *Agenda) newAppointment(tx *registry.Tx, a *Appointment) error {
	b, err := tx.CreateBucketIfNotExists(bucketAppointments)
	if err != nil {
		return err
	}
	n, err := b.NextSequence()
	if err != nil {
		return err
	}
	if b.Get(seqKey(n)) != nil {
		// Never written over: the sequence was set back outside the program.
		return &registry.IntegrityError{Breaks: []string{fmt.Sprintf("le rendez-vous n° %d existe déjà : son numéro a été donné de nouveau (compteur modifié hors du programme) ; rien n'est écrit", n)}}
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	a.Numero, a.Sel = int(n), hex.EncodeToString(salt)
	if a.Statut == "" {
		a.Statut = RdvPrevu
	}
	a.Agent, a.CreeLe = s.reg.Agent, s.reg.Now().Format(time.RFC3339)
	return nil
}

// eachAppointment calls fn on every appointment, by number.
func eachAppointment(tx *registry.Tx, fn func(*Appointment) error) error {
	b := tx.Bucket(bucketAppointments)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return &registry.IntegrityError{Breaks: []string{fmt.Sprintf("rendez-vous : clé illisible %q", k)}}
		}
		a, err := decodeAppointment(binary.BigEndian.Uint64(k), v)
		if err != nil {
			return err
		}
		return fn(a)
	})
}

// dayAppointments returns the appointments of a day, by number, through
// the day index.
func dayAppointments(tx *registry.Tx, day string) ([]*Appointment, error) {
	idx := tx.Bucket(bucketAppointmentDays)
	if idx == nil {
		return nil, nil
	}
	var out []*Appointment
	c := idx.Cursor()
	for k, _ := c.Seek([]byte(day)); k != nil && bytes.HasPrefix(k, []byte(day)) && len(k) == len(day)+8; k, _ = c.Next() {
		a, err := getAppointment(tx, int(binary.BigEndian.Uint64(k[len(day):])))
		if err != nil {
			if civil.IsRefused(err) { // an index entry without its appointment
				return nil, &registry.IntegrityError{Breaks: []string{"index des rendez-vous du " + day + " : un rendez-vous manque"}}
			}
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// holder returns the active appointment that holds a slot, or nil.
func holder(apps []*Appointment, sl *Slot) *Appointment {
	for _, a := range apps {
		if a.Active() && a.Guichet == sl.Guichet && a.Heure == sl.Heure {
			return a
		}
	}
	return nil
}

// CloseSlots closes the slots of a closing. The appointments they held
// are marked to be phoned back (a-rappeler) and returned; everything is
// one transaction.
func (s *Agenda) CloseSlots(cl Closing) ([]Slot, []*Appointment, error) {
	c := &checker{}
	c.day("jour", &cl.Jour, time.Time{}, true)
	from, to := 0, 24*60
	if cl.De != "" {
		from, _ = c.minute("de", &cl.De)
	}
	if cl.A != "" {
		to, _ = c.minute("a", &cl.A)
	}
	if cl.Guichet != 0 {
		c.desk("guichet", cl.Guichet)
	}
	if _, err := c.Result(); err != nil {
		return nil, nil, err
	}
	motif := strings.TrimSpace(cl.Motif)
	if motif == "" {
		motif = "guichet fermé"
	}
	var closed []Slot
	var callBack []*Appointment
	err := s.reg.Update(func(tx *registry.Tx) error {
		d, err := readDaySlots(tx, cl.Jour)
		if err != nil {
			return err
		}
		apps, err := dayAppointments(tx, cl.Jour)
		if err != nil {
			return err
		}
		for i := range d.Creneaux {
			sl := &d.Creneaux[i]
			m, _ := minutes(sl.Heure)
			if sl.Ferme || m < from || m >= to || (cl.Guichet != 0 && sl.Guichet != cl.Guichet) {
				continue
			}
			sl.Ferme, sl.Motif = true, motif
			closed = append(closed, *sl)
			if a := holder(apps, sl); a != nil {
				a.Statut, a.Motif, a.ModifieLe = RdvARappeler, "créneau fermé : "+motif, s.reg.Now().Format(time.RFC3339)
				if err := s.putAppointment(tx, a, "rdv-rappel"); err != nil {
					return err
				}
				callBack = append(callBack, a)
			}
		}
		if len(closed) == 0 {
			what := "ce jour-là"
			if cl.Guichet != 0 {
				what = fmt.Sprintf("au guichet %d ce jour-là", cl.Guichet)
			}
			return civil.Refuse("jour", "aucun créneau ouvert à fermer le "+cl.Jour+" "+what+" dans cette plage", "vérifiez le jour, le guichet et la plage", civil.Then(civil.SeeDay, cl.Jour))
		}
		return s.putDaySlots(tx, d, "rdv-fermeture")
	})
	if err != nil {
		return nil, nil, err
	}
	return closed, callBack, nil
}

// checkBooking checks the citizen's data of a booking and normalises it.
func checkBooking(c *checker, b *Booking) {
	b.Nom = cleanName(b.Nom)
	switch {
	case b.Nom == "":
		c.Add("nom", "nom manquant", "écrivez les prénoms puis le NOM, par exemple « Marie DUPONT »")
	case !strings.ContainsFunc(b.Nom, unicode.IsLetter) || strings.ContainsFunc(b.Nom, notNameRune):
		c.Add("nom", "« "+b.Nom+" » n'est pas un nom", "écrivez les prénoms puis le NOM, par exemple « Marie DUPONT »")
	case len([]rune(b.Nom)) > 80:
		c.Add("nom", "nom trop long (80 caractères au plus)", "écrivez les prénoms usuels et le NOM")
	}
	if tel, ok := Phone(b.Telephone); ok {
		b.Telephone = tel
	} else {
		c.Add("telephone", "« "+b.Telephone+" » n'est pas un numéro de téléphone", "écrivez les 10 chiffres, par exemple 06 12 34 56 78, ou +indicatif pour l'étranger")
	}
	c.Choice("objet", &b.Objet, ObjetChoice)
}

func notNameRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsMark(r) && !strings.ContainsRune(" -'’.", r)
}

// cleanName normalises a name given by phone: NFC, single spaces, no
// control characters.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, norm.NFC.String(s))
	return strings.Join(strings.Fields(s), " ")
}

// ParseNumber reads the number of an appointment as its slip prints it:
// « 12 », « n° 12 », « rdv/12 ». A refusal names the field "numero".
func ParseNumber(s string) (int, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, "rdv/"), "n°"))
	n, err := parse.Number(t, 1, 1<<30)
	if err != nil {
		return 0, civil.Refuse("numero", parse.Quote(s)+" n'est pas un numéro de rendez-vous",
			"indiquez le numéro du reçu, par exemple 12 (il figure au carnet du jour)", civil.Then(civil.SeeDay))
	}
	return n, nil
}

// Phone reads a phone number and writes it the French way: "06 12 34 56
// 78"; +33 numbers become national ones; other countries keep their +.
func Phone(s string) (string, bool) {
	var digits strings.Builder
	plus := false
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := digits.String()
	if plus && strings.HasPrefix(d, "33") && len(d) == 11 {
		d, plus = "0"+d[2:], false
	}
	switch {
	case plus && len(d) >= 8 && len(d) <= 15:
		return "+" + d, true
	case !plus && len(d) == 10 && d[0] == '0' && d[1] != '0':
		return d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8] + " " + d[8:10], true
	}
	return "", false
}

// ObjetChoice reads the purpose of an appointment: its code, its name in
// a few words or in full, as typed (« Déclaration de décès », « mariage »,
// « extrait »).
var ObjetChoice = parse.NewChoice(
	parse.Option{Value: ObjetReconnaissance, Label: objetLabels[ObjetReconnaissance]},
	parse.Option{Value: ObjetMariage, Label: objetLabels[ObjetMariage], Aliases: []string{objetShort[ObjetMariage], "mariage"}},
	parse.Option{Value: ObjetNaissance, Label: objetLabels[ObjetNaissance]},
	parse.Option{Value: ObjetDeces, Label: objetLabels[ObjetDeces], Aliases: []string{objetShort[ObjetDeces]}},
	parse.Option{Value: ObjetCopie, Label: objetLabels[ObjetCopie], Aliases: []string{objetShort[ObjetCopie], "extrait"}},
	parse.Option{Value: ObjetAutre, Label: objetLabels[ObjetAutre]},
)

// ParseObjet reads a purpose as ObjetChoice does.
func ParseObjet(s string) (string, bool) {
	o, err := ObjetChoice.Match(s)
	return o, err == nil
}

// Book books an appointment in an open, free slot that has not started
// yet, in one transaction with its journal entry. Warnings say when the
// same phone number already has an appointment that day.
func (s *Agenda) Book(b Booking) (*Appointment, []string, error) {
	c := &checker{}
	now := s.reg.Now()
	c.day("jour", &b.Jour, now, false)
	c.Hour("heure", &b.Heure)
	if b.Guichet != 0 {
		c.desk("guichet", b.Guichet)
	}
	checkBooking(c, &b)
	if _, err := c.Result(); err != nil {
		return nil, nil, err
	}
	a := &Appointment{Jour: b.Jour, Heure: b.Heure, Nom: b.Nom, Telephone: b.Telephone, Objet: b.Objet, Origine: "guichet"}
	var warnings []string
	err := s.reg.Update(func(tx *registry.Tx) error {
		sl, apps, err := freeSlot(tx, b.Jour, b.Heure, b.Guichet, now, 0)
		if err != nil {
			return err
		}
		a.Guichet, a.Duree = sl.Guichet, sl.Duree
		warnings = samePhone(apps, a)
		if err := s.newAppointment(tx, a); err != nil {
			return err
		}
		return s.putAppointment(tx, a, "rdv")
	})
	if err != nil {
		return nil, nil, err
	}
	return a, warnings, nil
}

func samePhone(apps []*Appointment, a *Appointment) []string {
	var out []string
	for _, x := range apps {
		if x.Active() && x.Telephone == a.Telephone && x.Numero != a.Numero {
			out = append(out, fmt.Sprintf("le %s a déjà le rendez-vous n° %d ce jour-là à %s (%s) : vérifiez qu'il ne s'agit pas d'un doublon", a.Telephone, x.Numero, x.Heure, x.Nom))
		}
	}
	return out
}

// freeSlot finds the open, free slot of a day at hour (desk 0: the first
// free desk), ignoring the appointment skip (the one being moved). It
// refuses, in French, a slot that is past, closed, taken or not opened,
// and names the next free slots of the day.
func freeSlot(tx *registry.Tx, day, hour string, desk int, now time.Time, skip int) (*Slot, []*Appointment, error) {
	if slotTime(day, hour).Before(now) {
		return nil, nil, civil.Refuse("heure", "le créneau du "+day+" à "+hour+" est passé (horloge de l'ordinateur : "+now.Format("2006-01-02 15:04")+")", "choisissez un créneau à venir")
	}
	d, err := readDaySlots(tx, day)
	if err != nil {
		return nil, nil, err
	}
	apps, err := dayAppointments(tx, day)
	if err != nil {
		return nil, nil, err
	}
	var others []*Appointment
	for _, a := range apps {
		if a.Numero != skip {
			others = append(others, a)
		}
	}
	where := "le " + day + " à " + hour
	if desk != 0 {
		where += fmt.Sprintf(" au guichet %d", desk)
	}
	cands := d.at(hour, desk)
	var taken *Appointment
	closed := ""
	for _, sl := range cands {
		switch h := holder(others, sl); {
		case sl.Ferme:
			closed = sl.Motif
		case h != nil:
			taken = h
		default:
			return sl, others, nil
		}
	}
	hint, next := nextFree(d, others, now, desk)
	switch {
	case taken != nil && desk == 0 && len(cands) > 1:
		return nil, nil, civil.Refuse("heure", fmt.Sprintf("créneau déjà pris à chacun des %d guichets %s", len(cands), where), hint, next...)
	case taken != nil:
		return nil, nil, civil.Refuse("heure", fmt.Sprintf("créneau déjà pris %s (rendez-vous n° %d, guichet %d)", where, taken.Numero, taken.Guichet), hint, next...)
	case closed != "":
		return nil, nil, civil.Refuse("heure", "créneau fermé "+where+" ("+closed+")", hint, next...)
	}
	return nil, nil, civil.Refuse("heure", "aucun créneau ouvert "+where, hint, next...)
}

// nextFree names up to five free slots of a day, from now on, or, when
// there is none, the steps to find or open one.
func nextFree(d *DaySlots, apps []*Appointment, now time.Time, desk int) (string, []civil.Next) {
	var free []string
	for i := range d.Creneaux {
		sl := &d.Creneaux[i]
		if sl.Ferme || (desk != 0 && sl.Guichet != desk) || slotTime(d.Jour, sl.Heure).Before(now) || holder(apps, sl) != nil {
			continue
		}
		free = append(free, fmt.Sprintf("%s (guichet %d)", sl.Heure, sl.Guichet))
	}
	if len(free) == 0 {
		return "aucun créneau libre ce jour-là : voyez l'agenda du jour, ou ouvrez des créneaux", []civil.Next{civil.Then(civil.SeeDay, d.Jour), civil.Then(civil.OpenSlots)}
	}
	slices.SortFunc(free, strings.Compare)
	if len(free) > 5 {
		free = append(free[:5], "…")
	}
	return "créneaux libres ce jour-là : " + strings.Join(free, ", "), nil
}

// getAppointment reads one appointment.
func getAppointment(tx *registry.Tx, n int) (*Appointment, error) {
	var v []byte
	if b := tx.Bucket(bucketAppointments); b != nil && n > 0 {
		v = b.Get(seqKey(uint64(n)))
	}
	if v == nil {
		return nil, civil.Refuse("numéro", fmt.Sprintf("aucun rendez-vous n° %d (ou il a été effacé après la date prévue)", n), "vérifiez le numéro dans l'agenda du jour", civil.Then(civil.SeeDay))
	}
	return decodeAppointment(uint64(n), v)
}

// Appointment returns an appointment by number.
func (s *Agenda) Appointment(n int) (a *Appointment, err error) {
	err = s.reg.View(func(tx *registry.Tx) error {
		a, err = getAppointment(tx, n)
		return err
	})
	return a, err
}

// CancelAppointment cancels an appointment: its slot becomes free.
func (s *Agenda) CancelAppointment(n int, motif string) (*Appointment, error) {
	var a *Appointment
	err := s.reg.Update(func(tx *registry.Tx) (err error) {
		if a, err = getAppointment(tx, n); err != nil {
			return err
		}
		if a.Statut == RdvAnnule {
			return civil.Refuse("numéro", fmt.Sprintf("le rendez-vous n° %d est déjà annulé", n), "rien à faire")
		}
		a.Statut, a.Motif, a.ModifieLe = RdvAnnule, strings.TrimSpace(motif), s.reg.Now().Format(time.RFC3339)
		return s.putAppointment(tx, a, "rdv-annule")
	})
	return a, err
}

// MoveAppointment moves an appointment (booked, or to be phoned back) to
// another open, free slot that has not started yet.
func (s *Agenda) MoveAppointment(n int, day, hour string, desk int) (*Appointment, error) {
	c := &checker{}
	now := s.reg.Now()
	c.day("jour", &day, now, false)
	c.Hour("heure", &hour)
	if desk != 0 {
		c.desk("guichet", desk)
	}
	if _, err := c.Result(); err != nil {
		return nil, err
	}
	var a *Appointment
	err := s.reg.Update(func(tx *registry.Tx) (err error) {
		if a, err = getAppointment(tx, n); err != nil {
			return err
		}
		if a.Statut == RdvAnnule {
			return civil.Refuse("numéro", fmt.Sprintf("le rendez-vous n° %d est annulé", n), "prenez un nouveau rendez-vous", civil.Then(civil.BookSlot))
		}
		if a.Active() && a.Jour == day && a.Heure == hour && (desk == 0 || desk == a.Guichet) {
			return civil.Refuse("heure", fmt.Sprintf("le rendez-vous n° %d est déjà le %s à %s", n, day, hour), "indiquez le nouveau jour et la nouvelle heure")
		}
		sl, _, err := freeSlot(tx, day, hour, desk, now, n)
		if err != nil {
			return err
		}
		a.Jour, a.Heure, a.Guichet, a.Duree = day, hour, sl.Guichet, sl.Duree
		a.Statut, a.Motif, a.ModifieLe = RdvPrevu, "", now.Format(time.RFC3339)
		return s.putAppointment(tx, a, "rdv-deplace")
	})
	return a, err
}

// DayBook is the day's book: every desk's slots with who holds them, the
// appointments to phone back and those cancelled.
type DayBook struct {
	Jour      string         `json:"jour"`
	Guichets  []DeskBook     `json:"guichets"`
	ARappeler []*Appointment `json:"a_rappeler"`
	Annules   []*Appointment `json:"annules"`
	// Counts.
	Rdv    int `json:"rendez_vous"`
	Libres int `json:"libres"`
	Fermes int `json:"fermes"`
}

// DeskBook is one desk's slots of the day.
type DeskBook struct {
	Guichet int        `json:"guichet"`
	Lignes  []BookLine `json:"creneaux"`
}

// BookLine is a slot of the day's book: free, taken or closed.
type BookLine struct {
	Slot
	Rdv *Appointment `json:"rdv"`
}

// Day returns the day's book.
func (s *Agenda) Day(day string) (*DayBook, error) {
	day, err := readDay(day)
	if err != nil {
		return nil, err
	}
	book := &DayBook{Jour: day}
	err = s.reg.View(func(tx *registry.Tx) error {
		d, err := readDaySlots(tx, day)
		if err != nil {
			return err
		}
		apps, err := dayAppointments(tx, day)
		if err != nil {
			return err
		}
		held := map[*Appointment]bool{}
		for i := range d.Creneaux {
			sl := d.Creneaux[i]
			if len(book.Guichets) == 0 || book.Guichets[len(book.Guichets)-1].Guichet != sl.Guichet {
				book.Guichets = append(book.Guichets, DeskBook{Guichet: sl.Guichet})
			}
			line := BookLine{Slot: sl}
			if !sl.Ferme {
				line.Rdv = holder(apps, &sl)
			}
			switch {
			case sl.Ferme:
				book.Fermes++
			case line.Rdv != nil:
				book.Rdv++
				held[line.Rdv] = true
			default:
				book.Libres++
			}
			db := &book.Guichets[len(book.Guichets)-1]
			db.Lignes = append(db.Lignes, line)
		}
		for _, a := range apps {
			switch {
			case a.Statut == RdvARappeler:
				book.ARappeler = append(book.ARappeler, a)
			case a.Statut == RdvAnnule:
				book.Annules = append(book.Annules, a)
			case !held[a]:
				// An active appointment without its slot cannot be made
				// by this program: show it rather than hide it.
				book.ARappeler = append(book.ARappeler, a)
			}
		}
		return nil
	})
	return book, err
}

// CallBacks returns the appointments to phone back (their slot was
// closed): those of day, or of every day from today when day is "".
func (s *Agenda) CallBacks(day string) ([]*Appointment, error) {
	if day != "" {
		var err error
		if day, err = readDay(day); err != nil {
			return nil, err
		}
	}
	today := s.reg.Now().Format(civil.DateLayout)
	var out []*Appointment
	err := s.reg.View(func(tx *registry.Tx) error {
		return eachAppointment(tx, func(a *Appointment) error {
			if a.Statut == RdvARappeler && (a.Jour == day || (day == "" && a.Jour >= today)) {
				out = append(out, a)
			}
			return nil
		})
	})
	slices.SortFunc(out, func(a, b *Appointment) int { return strings.Compare(a.Jour+a.Heure, b.Jour+b.Heure) })
	return out, err
}

// Appointments calls fn on every appointment kept, by day and time.
func (s *Agenda) Appointments(fn func(*Appointment) error) error {
	var all []*Appointment
	err := s.reg.View(func(tx *registry.Tx) error {
		return eachAppointment(tx, func(a *Appointment) error { all = append(all, a); return nil })
	})
	if err != nil {
		return err
	}
	slices.SortStableFunc(all, func(a, b *Appointment) int {
		return strings.Compare(fmt.Sprintf("%s %s %02d", a.Jour, a.Heure, a.Guichet), fmt.Sprintf("%s %s %02d", b.Jour, b.Heure, b.Guichet))
	})
	for _, a := range all {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// PurgeAppointments deletes the appointments, and the slots, of the days
// more than the setting's number of days ago (see DuePurge), journaling
// each deletion (the journal keeps no name or number). It writes only
// when something is due, and returns how many appointments it deleted.
func (s *Agenda) PurgeAppointments() (int, error) {
	var due bool
	err := s.reg.View(func(tx *registry.Tx) error {
		p, err := DuePurge(tx)
		due = p.Due()
		return err
	})
	if err != nil || !due {
		return 0, err
	}
	var n int
	err = s.reg.Update(func(tx *registry.Tx) error {
		p, err := DuePurge(tx)
		if err != nil {
			return err
		}
		n, err = p.Apply(tx)
		return err
	})
	return n, err
}

// Purge is what a purge of the agenda would delete: the appointments and
// the slots of the days before Cutoff (see DuePurge).
type Purge struct {
	Cutoff     string // AAAA-MM-JJ: the first day kept
	apps, days [][]byte
}

// Due tells whether the purge deletes anything.
func (p Purge) Due() bool { return len(p.apps)+len(p.days) > 0 }

// purgeClockMargin is how far ahead of the newest journal entry the
// computer's clock is trusted for the purge: a clock set forward (40
// days ahead, the battery reset to a wrong date) must not delete the
// appointments of the coming days for good.
const purgeClockMargin = 24 * time.Hour

// DuePurge reads, inside tx, what the purge is due to delete: the days
// more than the setting's number of days (registry.Settings.
// PurgeRdvJours) before the register's clock, the clock being trusted at
// most a day ahead of the newest journal entry; nothing while the clock
// is behind that entry (writes are refused then). It writes nothing.
func DuePurge(tx *registry.Tx) (Purge, error) {
	st, err := tx.Settings()
	if err != nil {
		return Purge{}, err
	}
	clock := tx.Clock()
	now := clock.Now
	if !clock.Last.IsZero() {
		if clock.Behind {
			return Purge{}, nil
		}
		if trusted := clock.Last.Add(purgeClockMargin); now.After(trusted) {
			now = trusted
		}
	}
	p := Purge{Cutoff: now.AddDate(0, 0, -st.PurgeRdvJours).Format(civil.DateLayout)}
	if b := tx.Bucket(bucketSlots); b != nil {
		c := b.Cursor()
		for k, _ := c.First(); k != nil && string(k) < p.Cutoff; k, _ = c.Next() {
			p.days = append(p.days, slices.Clone(k))
		}
	}
	if idx := tx.Bucket(bucketAppointmentDays); idx != nil {
		c := idx.Cursor()
		for k, _ := c.First(); k != nil && string(k) < p.Cutoff; k, _ = c.Next() {
			p.apps = append(p.apps, slices.Clone(k))
		}
	}
	return p, nil
}

// Apply deletes, inside tx (a write transaction), what DuePurge found in
// the same transaction, journaling each deletion, and returns how many
// appointments it deleted.
func (p Purge) Apply(tx *registry.Tx) (int, error) {
	for _, k := range p.apps {
		id := k[len(k)-8:]
		if err := tx.Bucket(bucketAppointments).Delete(id); err != nil {
			return 0, err
		}
		if err := tx.Bucket(bucketAppointmentDays).Delete(k); err != nil {
			return 0, err
		}
		if err := tx.JournalPurge("rdv-purge", "rdv/"+strconv.FormatUint(binary.BigEndian.Uint64(id), 10)); err != nil {
			return 0, err
		}
	}
	for _, day := range p.days {
		if err := tx.Bucket(bucketSlots).Delete(day); err != nil {
			return 0, err
		}
		if err := tx.JournalPurge("rdv-purge", slotsRef(string(day))); err != nil {
			return 0, err
		}
	}
	return len(p.apps), nil
}
