// Package verify says whether a document (a signed PDF copy or sheet, a
// photo or scan of its code, the code's text) was delivered by the
// commune's officers and is still worth anything beside the register: the
// verdict of `etatcivil verifier` and of the counter's « Vérifier » page,
// in one place, with its French words and its exit class.
//
// The checks themselves are the library's: forms.VerifyPDF and
// forms.VerifyCode (the signatures and the revocation list),
// forms.NotAfterToday, forms.CompareWithRegister (mentions added since,
// annulment, copy log, stale sheet). This package orders them and words
// the answer.
package verify

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/keyring"
	"etatcivil/internal/qrscan"
	"etatcivil/internal/seal"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// MaxDocument bounds a document given to verify, in bytes: a copy is a
// few hundred kilobytes, a phone photo a few megabytes.
const MaxDocument = 50 << 20

// Input is a document to verify: a PDF, or a code's text (read from an
// image, or given as text).
type Input struct {
	PDF  []byte
	Code string
	// From says where the code was read, for the verdict's last line:
	// « du PDF », « de l'image », « du texte du code ».
	From string
}

// Text is a code given as text (EC1:…), as a phone reads it.
func Text(code string) *Input { return &Input{Code: code, From: "du texte du code"} }

// Read tells a document's kind from its first bytes (at most MaxDocument
// of them): a PDF, a PNG or JPEG image whose QR code is read, else the
// code's text. name names it in a refusal. Errors: a *Failure of input
// (Input true) when the image holds no readable code or is too large.
func Read(name string, data []byte) (*Input, error) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return &Input{PDF: data, From: "du PDF"}, nil
	case bytes.HasPrefix(data, []byte("\x89PNG")) || bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		text, err := qrscan.Read(bytes.NewReader(data))
		if errors.Is(err, qrscan.ErrTooLarge) {
			return nil, &Failure{name + " : " + err.Error(), "réduisez l'image, ou photographiez seulement le code : quelques centaines de pixels de côté suffisent", true}
		}
		if err != nil {
			return nil, &Failure{name + " : " + err.Error(), "scannez le document à 300 dpi, ou photographiez le code de plus près, bien à plat et net", true}
		}
		return &Input{Code: text, From: "de l'image"}, nil
	}
	return Text(strings.TrimSpace(string(data))), nil
}

// Failure is a document that must not be accepted (forged, altered,
// signed by a revoked, compromised or unknown key, without a revocation
// list, annulled, stale, dated after today: exit 3), or an input that is
// no document (Input: exit 2).
type Failure struct {
	Message string // « FALSIFIÉ OU MODIFIÉ — … »
	Hint    string // what to do
	Input   bool   // the input is not a document (exit 2), not a verdict (exit 3)
}

func (f *Failure) Error() string { return f.Message }

// Line is one line of a verdict, as the command prints it.
type Line struct {
	Text string
	// Head: the line that gives a document's verdict (« AUTHENTIQUE — … »,
	// « À CONFIRMER — … »).
	Head bool
	// Label and Value: a fact the code certifies, to compare with the paper.
	Label, Value string
}

// Verdict is the answer about a document: Lines to show in order, and,
// when the document must not be accepted, Failure (shown after them).
type Verdict struct {
	Lines   []Line
	Failure *Failure
}

// Authentic tells whether the document may be accepted (it may still be
// « À CONFIRMER » with the commune, see the lines).
func (v *Verdict) Authentic() bool { return v.Failure == nil }

func (v *Verdict) say(format string, a ...any) {
	v.Lines = append(v.Lines, Line{Text: fmt.Sprintf(format, a...)})
}

// stamp is how a time is written in the verdict.
const stamp = "02/01/2006 à 15:04"

// Check verifies in against trust (the commune's seal, officers and
// revocation list) and, when s is not nil, against the register: the
// copy log narrows when a copy was signed, and the act's state (mentions
// since, annulment, current content) is compared. now is the clock: a
// document dated after its day is refused, and the revocation list's age
// is said from it.
func Check(in *Input, trust *seal.Trust, s *registry.Store, now time.Time) *Verdict {
	v := &Verdict{}
	commune := lowerFirst(strings.Join(trust.Authority.Subject.Organization, ""))
	fail := func(err error) *Verdict {
		v.Failure = judge(err, commune)
		return v
	}

	var codes []*forms.VerifiedCode
	var pdf *forms.VerifiedPDF
	var judged error // a revocation that voids a signature
	if in.PDF != nil {
		p, err := forms.VerifyPDF(in.PDF, trust)
		if p == nil {
			return fail(err)
		}
		pdf, codes, judged = p, p.Codes, err
	} else {
		vc, err := forms.VerifyCode(in.Code, trust)
		if vc == nil {
			return fail(err)
		}
		codes, judged = []*forms.VerifiedCode{vc}, err
	}
	// With the register, the copy log says when each copy was delivered:
	// a revocation is judged at that time rather than on its whole day.
	if s != nil {
		for _, vc := range codes {
			if rec := forms.FindCopy(s, vc.Content); rec != nil {
				vc.Narrow(rec.Time())
			}
		}
		if pdf != nil {
			judged = pdf.Judge(trust)
		} else {
			judged = codes[0].Judge(trust)
		}
	}
	if judged != nil {
		return fail(judged)
	}
	if !trust.Live && trust.ListDate.IsZero() {
		v.Failure = &Failure{Message: "RÉVOCATION INCONNUE — le certificat donné ne porte aucune liste de révocation signée par le sceau de la " + commune +
			" : impossible de savoir si la clé " + civil.Of(codes[0].Signer.Subject.CommonName) + " était encore valide quand elle a signé",
			Hint: "ne tenez pas ce document pour authentique sans la liste : demandez à la mairie son certificat à jour (etatcivil cles exporter) ou sa liste de révocation (etatcivil cles revocations), puis : etatcivil verifier --certificat commune.pem --revocations revocations.pem FICHIER"}
		return v
	}

	var future *forms.FutureError
	if err := forms.NotAfterToday(now, codes); errors.As(err, &future) {
		v.Failure = &Failure{Message: "DATE IMPOSSIBLE — " + future.Error(),
			Hint: "vérifiez la date de cet ordinateur ; si elle est juste, n'acceptez pas ce document et prévenez la mairie qui l'aurait délivré"}
		return v
	}

	// A code read alone (an image, its text) proves the code, not the page
	// it is printed on: a genuine code may be pasted on a forged page.
	codeOnly := pdf == nil
	authentic := "AUTHENTIQUE"
	if codeOnly {
		authentic = "CODE AUTHENTIQUE"
	}
	var problems []string
	stale := false
	hint := "ce document ne doit plus être accepté : demandez une copie à jour à la mairie"
	for i, vc := range codes {
		if i > 0 {
			v.say("")
		}
		c := vc.Content
		head := len(v.Lines)
		if vc.Revocation != nil || trust.Fresh(vc.Until) {
			v.say("%s — %s", authentic, forms.DescribeCode(c))
		} else {
			stale = true
			v.say("À CONFIRMER — %s", forms.DescribeCode(c))
			v.say("  authentique à la date de la liste de révocation du %s : vérifiez auprès de la mairie (le document est du %s, plus récent que la liste : une révocation faite entre-temps n'y figure pas).",
				trust.ListDate.Local().Format("02/01/2006"), vc.Until.Format("02/01/2006"))
		}
		v.Lines[head].Head = true
		verb := "Délivré"
		if c.Forme == civil.FormeFeuillet {
			verb = "Imprimée"
		}
		v.say("  %s le %s par la %s (code INSEE %s).", verb, c.Emis.Format("02/01/2006"), commune, c.Insee)
		v.say("  Code signé par %s, %s (clé %s).", vc.Signer.Subject.CommonName, strings.Join(vc.Signer.Subject.OrganizationalUnit, ""), c.Cle)
		if r := vc.Revocation; r != nil {
			if r.Reason == seal.ReasonCompromise {
				v.say("  Note : la clé %s a été révoquée (%s) ; ce document est daté d'avant : il est authentique si sa date est exacte (qui a volé une clé peut antidater), en cas de doute vérifiez auprès de la mairie.", civil.Of(vc.Signer.Subject.CommonName), keyring.Describe(*r))
			} else {
				v.say("  Note : la clé %s a été révoquée depuis (%s) ; ce document a été signé avant : il reste authentique.", civil.Of(vc.Signer.Subject.CommonName), keyring.Describe(*r))
			}
		}
		if codeOnly {
			v.say("  Le code certifie les faits ci-dessous, et eux seuls : comparez-les un à un avec la page présentée.")
			v.say("  Un code authentique peut avoir été recopié sur une page falsifiée : si un seul fait diffère, la page n'est pas authentique.")
		}
		for _, f := range c.Faits {
			if f.OnPage() {
				v.say("    %-22s %s", f.Label()+" :", forms.FactValue(f))
				l := &v.Lines[len(v.Lines)-1]
				l.Label, l.Value = f.Label(), forms.FactValue(f)
			}
		}
		if codeOnly {
			v.say("  Le reste de la page n'est pas couvert par le code : en cas de doute, demandez le PDF signé ou une nouvelle copie à la mairie.")
		}
		if s != nil {
			r := forms.CompareWithRegister(s, c)
			for _, l := range r.Lines {
				v.say("  %s", l)
			}
			problems = append(problems, r.Problems...)
			if len(r.Problems) > 0 && c.Forme == civil.FormeFeuillet {
				hint = "cette feuille ne dit pas l'acte du registre : ne la faites pas signer et ne l'acceptez pas ; imprimez la feuille de l'acte tel qu'il est : etatcivil imprimer " + c.Ref.String() + " -o feuille.pdf"
			}
		}
	}
	if pdf != nil {
		v.say("Signature du PDF : valide, elle couvre tout le fichier ; signé par %s le %s.", pdf.Signer.Subject.CommonName, pdf.SignedAt.Local().Format(stamp))
	}
	v.say("Vérifié à partir %s, avec le sceau de la %s (empreinte %s).", in.From, commune, seal.Fingerprint(trust.Authority))
	if !trust.Live {
		v.say("Liste de révocation signée par le sceau : du %s (%s), %s.", trust.ListDate.Local().Format(stamp), age(now, trust.ListDate), keyring.RevokedCount(trust))
	}
	if stale {
		v.say("  → demandez à la mairie sa liste de révocation à jour (etatcivil cles revocations), puis : etatcivil verifier --certificat commune.pem --revocations revocations.pem FICHIER")
	}
	if len(problems) > 0 {
		v.Failure = &Failure{Message: strings.Join(problems, " ; "), Hint: hint}
	}
	return v
}

// age says how long ago t was, in French: « il y a 3 jours ».
func age(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0:
		return "datée après l'heure de cet ordinateur"
	case d < time.Hour:
		return "il y a moins d'une heure"
	case d < 48*time.Hour:
		return "il y a " + words.Plural(int(d.Hours()), "heure", "heures")
	}
	return fmt.Sprintf("il y a %d jours", int(d.Hours()/24)) // 2 days or more
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// judge turns a failed verification into the French verdict.
func judge(err error, commune string) *Failure {
	var rev *seal.RevokedError
	switch {
	case errors.As(err, &rev) && rev.Reason == seal.ReasonCompromise:
		return &Failure{Message: "CLÉ COMPROMISE — ce document est signé par la clé " + civil.Of(rev.Cert.Subject.CommonName) + ", " + keyring.Describe(rev.Revocation) + " : sa signature peut être celle d'un autre",
			Hint: "ne l'acceptez pas ; demandez une nouvelle copie à la mairie"}
	case errors.As(err, &rev):
		return &Failure{Message: "CLÉ RÉVOQUÉE — ce document est signé par la clé " + civil.Of(rev.Cert.Subject.CommonName) + " alors qu'elle ne valait plus : " + keyring.Describe(rev.Revocation),
			Hint: "ne l'acceptez pas : la signature n'engage plus la commune ; demandez une nouvelle copie à la mairie"}
	case errors.Is(err, seal.ErrUnknownKey):
		return &Failure{Message: "CLÉ INCONNUE — ce document n'a pas été signé par un officier de la " + commune + " (" + err.Error() + ")",
			Hint: "vérifiez que le certificat est bien celui de la commune qui a délivré le document ; sinon, c'est un faux"}
	case errors.Is(err, forms.ErrNotSigned):
		return &Failure{Message: "NON SIGNÉ — " + err.Error(), Hint: "un document délivré par etatcivil est toujours signé : celui-ci n'en vient pas, ou a été refait"}
	case errors.Is(err, seal.ErrNotCode):
		return &Failure{Message: err.Error(), Hint: "copiez tout le texte lu par le téléphone, ou donnez le PDF ou une image du code", Input: true}
	}
	return &Failure{Message: "FALSIFIÉ OU MODIFIÉ — " + err.Error(), Hint: "ce document a été modifié après sa délivrance : ne l'acceptez pas et prévenez la mairie qui l'aurait délivré"}
}
