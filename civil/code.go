package civil

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// FormeFeuillet names a register sheet in a signed code, beside the forms
// of a copy.
const FormeFeuillet = "feuillet"

// CodeVersion is the version of the content of the signed codes.
const CodeVersion = 1

// Fact kinds of a signed code, each with its French label.
const (
	FaitNom       = 'n'
	FaitPrenoms   = 'p'
	FaitSexe      = 's'
	FaitDate      = 'd' // date of the event: birth or death
	FaitLieu      = 'l' // place of the event
	FaitNaissance = 'b' // date of birth of a deceased person
	FaitParent    = 'f' // a parent's names (filiation)
	FaitStatut    = 'u' // a number never used
	// FaitEmpreinte is, on a register sheet, the first 16 hexadecimal
	// digits of the content it was printed from (Act.ShortContentHash):
	// a sheet printed before a correction is told from the act. It is
	// not a fact to read on the page.
	FaitEmpreinte = 'h'
)

var factLabels = map[byte]string{
	FaitNom: "Nom", FaitPrenoms: "Prénoms", FaitSexe: "Sexe", FaitDate: "Date de l'événement",
	FaitLieu: "Lieu de l'événement", FaitNaissance: "Date de naissance", FaitParent: "Parent", FaitStatut: "Statut",
	FaitEmpreinte: "Empreinte du contenu",
}

// Fact is one fact that a signed code certifies.
type Fact struct {
	Kind  byte
	Value string
}

// Label returns the fact's French label.
func (f Fact) Label() string { return factLabels[f.Kind] }

// CodeContent is what the signed code printed on a copy or a register
// sheet certifies: which document, of which act, issued when, signed by
// which key, and the essential facts the document shows (never more than
// the form of the copy discloses: no parents on an extract without
// filiation). It is encoded in a compact binary form to fit a QR code.
type CodeContent struct {
	Insee string
	Ref   Ref
	Forme string    // a copy form, or FormeFeuillet
	Copie uint64    // line of the copy log; 0 for a register sheet
	Emis  time.Time // day of issue
	Cle   string    // id of the signing key (12 hex digits)
	Faits []Fact
}

// Serie returns the serial number printed on the copy, as DeliverCopy
// gives it, or "" for a register sheet.
func (c *CodeContent) Serie() string {
	if c.Copie == 0 {
		return ""
	}
	return fmt.Sprintf("%s-%d-%06d", c.Insee, c.Emis.Year(), c.Copie)
}

// Fact returns the first fact of a kind, or "".
func (c *CodeContent) Fact(kind byte) string {
	for _, f := range c.Faits {
		if f.Kind == kind {
			return f.Value
		}
	}
	return ""
}

var formeCodes = map[string]byte{FormeIntegrale: 'I', FormeExtraitFiliation: 'F', FormeExtrait: 'E', FormePlurilingue: 'P', FormeFeuillet: 'S'}
var registerCodes = map[Kind]byte{Naissance: 'N', Deces: 'D', Mariage: 'M', Reconnaissance: 'R'}

func codeOf[K comparable](m map[K]byte, b byte) (K, bool) {
	for k, v := range m {
		if v == b {
			return k, true
		}
	}
	var none K
	return none, false
}

var epoch = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// maxCodeDays is the last day a code may carry: 31 December 2199 (a
// time.Duration spans only 292 years from the epoch).
var maxCodeDays = uint64(time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24)

// Marshal encodes the content: version, form, register, year, number,
// copy line, day of issue, key id, INSEE code, then the facts, integers as
// uvarints and strings with their length.
func (c *CodeContent) Marshal() ([]byte, error) {
	forme, ok1 := formeCodes[c.Forme]
	reg, ok2 := registerCodes[c.Ref.Registre]
	key, err := hex.DecodeString(c.Cle)
	if !ok1 || !ok2 || err != nil || len(key) != 6 {
		return nil, errors.New("contenu de code incomplet")
	}
	b := []byte{CodeVersion, forme, reg}
	b = binary.AppendUvarint(b, uint64(c.Ref.Annee))
	b = binary.AppendUvarint(b, uint64(c.Ref.Numero))
	b = binary.AppendUvarint(b, c.Copie)
	day := time.Date(c.Emis.Year(), c.Emis.Month(), c.Emis.Day(), 0, 0, 0, 0, time.UTC)
	b = binary.AppendUvarint(b, uint64(day.Sub(epoch).Hours()/24))
	b = append(b, key...)
	b = appendString(b, c.Insee)
	for _, f := range c.Faits {
		b = append(b, f.Kind)
		b = appendString(b, f.Value)
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrCodeContent is returned for content that does not decode.
var ErrCodeContent = errors.New("contenu du code illisible")

// UnmarshalCode decodes content written by Marshal.
func UnmarshalCode(b []byte) (*CodeContent, error) {
	r := &reader{b: b}
	if r.byte() != CodeVersion {
		return nil, fmt.Errorf("%w : version de format inconnue (mettez etatcivil à jour)", ErrCodeContent)
	}
	c := &CodeContent{}
	var ok bool
	if c.Forme, ok = codeOf(formeCodes, r.byte()); !ok {
		r.fail()
	}
	if c.Ref.Registre, ok = codeOf(registerCodes, r.byte()); !ok {
		r.fail()
	}
	c.Ref.Annee = int(r.uvarint())
	c.Ref.Numero = int(r.uvarint())
	c.Copie = r.uvarint()
	days := r.uvarint()
	if days > maxCodeDays {
		r.fail() // after 2199: no document of ours, and beyond what Marshal can write
	}
	c.Emis = epoch.AddDate(0, 0, int(days))
	c.Cle = hex.EncodeToString(r.bytes(6))
	c.Insee = r.string()
	for !r.bad && r.i < len(b) {
		kind := r.byte()
		if _, ok := factLabels[kind]; !ok {
			r.fail()
		}
		c.Faits = append(c.Faits, Fact{kind, r.string()})
	}
	if r.bad {
		return nil, ErrCodeContent
	}
	return c, nil
}

// reader reads the fields of a code; the first problem sticks.
type reader struct {
	b   []byte
	i   int
	bad bool
}

func (r *reader) fail() { r.bad = true }

func (r *reader) bytes(n int) []byte {
	if r.bad || n < 0 || r.i+n > len(r.b) {
		r.bad = true
		return make([]byte, 8) // room for any fixed field; never the length a forged code claims
	}
	out := r.b[r.i : r.i+n]
	r.i += n
	return out
}

func (r *reader) byte() byte { return r.bytes(1)[0] }

func (r *reader) uvarint() uint64 {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 || v > 1<<31 {
		r.bad = true
		return 0
	}
	r.i += n
	return v
}

func (r *reader) string() string { return string(r.bytes(int(r.uvarint()))) }

// CodeFor returns the content of the signed code of a document about an
// act: a copy of the given form, or the register sheet (FormeFeuillet).
// The facts follow what that document shows.
func CodeFor(a *Act, c Commune, forme string, copie uint64, issued time.Time, keyID string) *CodeContent {
	cc := &CodeContent{Insee: c.Insee, Ref: a.Ref(), Forme: forme, Copie: copie, Emis: issued, Cle: keyID}
	add := func(kind byte, v string) {
		if v = strings.TrimSpace(v); v != "" {
			cc.Faits = append(cc.Faits, Fact{kind, v})
		}
	}
	if a.Statut == StatutNonUtilise {
		add(FaitStatut, "numéro non utilisé")
		return cc
	}
	// The persons the act is about, then the event, then (when the form
	// shows the filiation) the parents: one walk over the act's persons.
	a.EachPerson(func(r Role, p *Person) {
		if !IsSubjectRole(r.Name) {
			return
		}
		add(FaitNom, p.Nom)
		add(FaitPrenoms, strings.Join(p.Prenoms, " "))
		if a.Type == Mariage || a.Type == Reconnaissance {
			add(FaitNaissance, p.DateNaissance)
			return
		}
		if p.Sexe == "F" || p.Sexe == "M" {
			add(FaitSexe, p.Sexe)
		}
	})
	date, _, place := a.Event()
	add(FaitDate, date)
	add(FaitLieu, place)
	if p := a.Subject(); p != nil && (a.Type == Deces || a.Type == Transcription) {
		add(FaitNaissance, p.DateNaissance)
	}
	filiation := forme == FormeIntegrale || forme == FormeFeuillet || forme == FormeExtraitFiliation ||
		(forme == FormePlurilingue && a.Type == Naissance)
	if filiation {
		a.EachPerson(func(r Role, p *Person) {
			if IsParentRole(r.Name) {
				add(FaitParent, p.FullName())
			}
		})
	}
	if forme == FormeFeuillet {
		add(FaitEmpreinte, a.ShortContentHash())
	}
	return cc
}

// OnPage tells whether a fact is one the document shows, to compare with
// the page (all but FaitEmpreinte).
func (f Fact) OnPage() bool { return f.Kind != FaitEmpreinte }
