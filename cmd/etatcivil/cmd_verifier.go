package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/keyring"
	"etatcivil/internal/qrscan"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

type verifyOptions struct {
	certificat, revocations string
}

func (e *env) verifierCmd() *cobra.Command {
	var o verifyOptions
	cmd := &cobra.Command{
		Use:   "verifier (FICHIER.pdf | IMAGE.png | IMAGE.jpg | TEXTE-DU-CODE) [--certificat commune.pem]",
		Short: "Vérifie une copie ou une feuille : PDF signé, photo ou scan du code, ou texte du code",
		Long: `Vérifie, sans réseau, qu'un document a bien été délivré par l'officier de l'état civil
de la commune et n'a pas été modifié :
  - un PDF : sa signature électronique (tout le fichier) et les codes signés qu'il porte ;
  - une image PNG ou JPEG (scan ou photo) : le code QR imprimé sur le document ;
  - le texte du code (commençant par EC1:), tel qu'un téléphone le lit.

Un code lu seul (image, texte) prouve le code, pas la page où il est imprimé : la réponse
« CODE AUTHENTIQUE » donne les faits qu'il certifie, à comparer un à un avec la page.

Avec le registre de la commune, compare aussi avec l'acte : mention ajoutée après la
délivrance, acte annulé (par une mention d'annulation), copie absente du registre des
copies, feuille imprimée avant une correction de l'acte (« FEUILLE PÉRIMÉE »).
Sans le registre (notaire, préfecture, consulat), donnez le certificat de la commune :
--certificat commune.pem (fichier remis par la mairie, etatcivil cles exporter ; vérifiez
son empreinte par téléphone avec la mairie). Il porte la liste des clés révoquées, signée
par le sceau et datée ; une liste plus récente se donne avec --revocations revocations.pem
(etatcivil cles revocations). La réponse dit de quand date la liste : un document plus
récent qu'elle n'est « authentique qu'à la date de la liste » ; sans liste, rien n'est sûr.

Une clé révoquée pour fin de mandat laisse authentique ce qu'elle a signé avant ; une clé
compromise rend suspect ce qu'elle a signé depuis la date donnée à la révocation.

Code de sortie : 0 authentique (ou à confirmer auprès de la mairie quand la liste de
révocation est plus ancienne que le document), 3 falsifié, modifié, clé révoquée, compromise
ou inconnue, aucune liste de révocation, acte annulé, feuille périmée, document daté après
la date du jour.`,
		Example: `  etatcivil verifier copie.pdf
  etatcivil verifier --certificat commune.pem scan-copie.png
  etatcivil verifier --certificat commune.pem --revocations revocations.pem copie.pdf
  etatcivil verifier 'EC1:…'`,
		Args: args(1, "document à vérifier (PDF, image, ou texte du code)"),
		RunE: func(cmd *cobra.Command, a []string) error { return e.runVerify(a[0], o) },
	}
	cmd.Flags().StringVar(&o.certificat, "certificat", "", "certificat de la commune (commune.pem), pour vérifier sans le registre")
	cmd.Flags().StringVar(&o.revocations, "revocations", "", "liste de révocation plus récente que celle du certificat (revocations.pem, etatcivil cles revocations)")
	return cmd
}

// verifyInput is what verifier was given, read.
type verifyInput struct {
	pdf  []byte
	code string
	from string // "du PDF", "de l'image", "du texte du code"
}

// maxCertificate bounds the commune's certificate file (its
// certificate, its officers' and its revocation list: a few kilobytes).
const maxCertificate = 1 << 20

// maxDocument bounds a document given to verifier (a PDF, a scan, a
// photo): a copy is a few hundred kilobytes, a phone photo a few
// megabytes.
const maxDocument = 50 << 20

func readVerifyInput(arg string) (*verifyInput, error) {
	if _, err := os.Stat(arg); err != nil {
		if strings.HasPrefix(strings.TrimSpace(arg), seal.CodePrefix) {
			return &verifyInput{code: arg, from: "du texte du code"}, nil
		}
		return nil, &usageError{"« " + short(arg) + " » n'est ni un fichier lisible ni le texte d'un code signé (" + seal.CodePrefix + "…)",
			"donnez le chemin du PDF ou de l'image, ou collez le texte lu par le téléphone entre apostrophes"}
	}
	data, err := readRegular("document", arg, maxDocument)
	if err != nil {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return &verifyInput{pdf: data, from: "du PDF"}, nil
	case bytes.HasPrefix(data, []byte("\x89PNG")) || bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		text, err := qrscan.Read(bytes.NewReader(data))
		if errors.Is(err, qrscan.ErrTooLarge) {
			return nil, &usageError{arg + " : " + err.Error(), "réduisez l'image, ou photographiez seulement le code : quelques centaines de pixels de côté suffisent"}
		}
		if err != nil {
			return nil, &usageError{arg + " : " + err.Error(), "scannez le document à 300 dpi, ou photographiez le code de plus près, bien à plat et net"}
		}
		return &verifyInput{code: text, from: "de l'image"}, nil
	}
	return &verifyInput{code: strings.TrimSpace(string(data)), from: "du texte du code"}, nil
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// verifyTrust returns whom to trust: the --certificat bundle, else the
// register's own keys. The register, when there is one, is returned
// open for the comparison with the acts.
func (e *env) verifyTrust(o verifyOptions) (*seal.Trust, *registry.Store, error) {
	var s *registry.Store
	if dir, err := e.dir(); err == nil && registry.Exists(dir) {
		if s, err = registry.Open(dir, e.options(true)); err != nil {
			return nil, nil, err
		}
	}
	if o.certificat != "" {
		data, err := readRegular("--certificat", o.certificat, maxCertificate)
		if err != nil {
			closeStore(s)
			return nil, nil, err
		}
		t, err := seal.ReadBundle(data)
		if err != nil {
			closeStore(s)
			return nil, nil, &usageError{"--certificat " + o.certificat + " : " + err.Error(), "demandez à la mairie un nouveau fichier (etatcivil cles exporter)"}
		}
		if o.revocations != "" {
			data, err := readRegular("--revocations", o.revocations, maxCertificate)
			if err != nil {
				closeStore(s)
				return nil, nil, err
			}
			if err := t.AddRevocationLists(data); err != nil {
				closeStore(s)
				return nil, nil, &usageError{"--revocations " + o.revocations + " : " + readError(err), "donnez le fichier revocations.pem remis par la mairie (etatcivil cles revocations)"}
			}
		}
		return t, s, nil
	}
	if o.revocations != "" {
		closeStore(s)
		return nil, nil, &usageError{"--revocations s'emploie avec --certificat", "avec le registre, les révocations sont celles du registre ; sans lui : --certificat commune.pem --revocations revocations.pem"}
	}
	if s == nil {
		return nil, nil, &usageError{"aucun registre dans ce dossier pour vérifier", "sans le registre, donnez le certificat de la commune : --certificat commune.pem"}
	}
	t, err := keyring.Trust(s)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return t, s, nil
}

// readError says why a file could not be used, without the library's
// English words for a missing file.
func readError(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "fichier introuvable"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "fichier illisible"
	}
	return err.Error()
}

func closeStore(s *registry.Store) {
	if s != nil {
		s.Close()
	}
}

func (e *env) runVerify(arg string, o verifyOptions) error {
	in, err := readVerifyInput(arg)
	if err != nil {
		return err
	}
	trust, s, err := e.verifyTrust(o)
	if err != nil {
		return err
	}
	defer closeStore(s)
	return e.verify(in, trust, s)
}

// verify checks a document against trust and, when s is not nil, against
// the register, and prints the verdict.
func (e *env) verify(in *verifyInput, trust *seal.Trust, s *registry.Store) error {
	commune := trust.Authority.Subject.Organization
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }

	var codes []*forms.VerifiedCode
	var pdf *forms.VerifiedPDF
	var judged error // a revocation that voids a signature
	if in.pdf != nil {
		v, err := forms.VerifyPDF(in.pdf, trust)
		if v == nil {
			return verdict(err, commune)
		}
		pdf, codes, judged = v, v.Codes, err
	} else {
		vc, err := forms.VerifyCode(in.code, trust)
		if vc == nil {
			return verdict(err, commune)
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
		return verdict(judged, commune)
	}
	if !trust.Live && trust.ListDate.IsZero() {
		return &verifyError{"RÉVOCATION INCONNUE — le certificat donné ne porte aucune liste de révocation signée par le sceau de la " + lowerFirst(strings.Join(commune, "")) +
			" : impossible de savoir si la clé " + civil.Of(codes[0].Signer.Subject.CommonName) + " était encore valide quand elle a signé",
			"ne tenez pas ce document pour authentique sans la liste : demandez à la mairie son certificat à jour (etatcivil cles exporter) ou sa liste de révocation (etatcivil cles revocations), puis : etatcivil verifier --certificat commune.pem --revocations revocations.pem FICHIER"}
	}

	var future *forms.FutureError
	if err := forms.NotAfterToday(e.clock(), codes); errors.As(err, &future) {
		return &verifyError{"DATE IMPOSSIBLE — " + future.Error(),
			"vérifiez la date de cet ordinateur ; si elle est juste, n'acceptez pas ce document et prévenez la mairie qui l'aurait délivré"}
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
			say("")
		}
		c := vc.Content
		if vc.Revocation != nil || trust.Fresh(vc.Until) {
			say("%s — %s", authentic, forms.DescribeCode(c))
		} else {
			stale = true
			say("À CONFIRMER — %s", forms.DescribeCode(c))
			say("  authentique à la date de la liste de révocation du %s : vérifiez auprès de la mairie (le document est du %s, plus récent que la liste : une révocation faite entre-temps n'y figure pas).",
				trust.ListDate.Local().Format("02/01/2006"), vc.Until.Format("02/01/2006"))
		}
		verb := "Délivré"
		if c.Forme == civil.FormeFeuillet {
			verb = "Imprimée"
		}
		say("  %s le %s par la %s (code INSEE %s).", verb, c.Emis.Format("02/01/2006"), lowerFirst(strings.Join(commune, "")), c.Insee)
		say("  Code signé par %s, %s (clé %s).", vc.Signer.Subject.CommonName, strings.Join(vc.Signer.Subject.OrganizationalUnit, ""), c.Cle)
		if r := vc.Revocation; r != nil {
			if r.Reason == seal.ReasonCompromise {
				say("  Note : la clé %s a été révoquée (%s) ; ce document est daté d'avant : il est authentique si sa date est exacte (qui a volé une clé peut antidater), en cas de doute vérifiez auprès de la mairie.", civil.Of(vc.Signer.Subject.CommonName), keyring.Describe(*r))
			} else {
				say("  Note : la clé %s a été révoquée depuis (%s) ; ce document a été signé avant : il reste authentique.", civil.Of(vc.Signer.Subject.CommonName), keyring.Describe(*r))
			}
		}
		if codeOnly {
			say("  Le code certifie les faits ci-dessous, et eux seuls : comparez-les un à un avec la page présentée.")
			say("  Un code authentique peut avoir été recopié sur une page falsifiée : si un seul fait diffère, la page n'est pas authentique.")
		}
		for _, f := range c.Faits {
			if f.OnPage() {
				say("    %-22s %s", f.Label()+" :", forms.FactValue(f))
			}
		}
		if codeOnly {
			say("  Le reste de la page n'est pas couvert par le code : en cas de doute, demandez le PDF signé ou une nouvelle copie à la mairie.")
		}
		if s != nil {
			r := forms.CompareWithRegister(s, c)
			for _, l := range r.Lines {
				say("  %s", l)
			}
			problems = append(problems, r.Problems...)
			if len(r.Problems) > 0 && c.Forme == civil.FormeFeuillet {
				hint = "cette feuille ne dit pas l'acte du registre : ne la faites pas signer et ne l'acceptez pas ; imprimez la feuille de l'acte tel qu'il est : etatcivil imprimer " + c.Ref.String() + " -o feuille.pdf"
			}
		}
	}
	if pdf != nil {
		say("Signature du PDF : valide, elle couvre tout le fichier ; signé par %s le %s.", pdf.Signer.Subject.CommonName, pdf.SignedAt.Local().Format(stampLayout))
	}
	say("Vérifié à partir %s, avec le sceau de la %s (empreinte %s).", in.from, lowerFirst(strings.Join(commune, "")), seal.Fingerprint(trust.Authority))
	if !trust.Live {
		say("Liste de révocation signée par le sceau : du %s (%s), %d clé(s) révoquée(s).", trust.ListDate.Local().Format(stampLayout), age(e.clock(), trust.ListDate), len(trust.Revoked))
	}
	if stale {
		say("  → demandez à la mairie sa liste de révocation à jour (etatcivil cles revocations), puis : etatcivil verifier --certificat commune.pem --revocations revocations.pem FICHIER")
	}
	if len(problems) > 0 {
		return &verifyError{strings.Join(problems, " ; "), hint}
	}
	return nil
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
		return fmt.Sprintf("il y a %d heures", int(d.Hours()))
	}
	return fmt.Sprintf("il y a %d jours", int(d.Hours()/24))
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// verdict turns a failed verification into the French verdict, exit 3.
func verdict(err error, commune []string) error {
	var rev *seal.RevokedError
	switch {
	case errors.As(err, &rev) && rev.Reason == seal.ReasonCompromise:
		return &verifyError{"CLÉ COMPROMISE — ce document est signé par la clé " + civil.Of(rev.Cert.Subject.CommonName) + ", " + keyring.Describe(rev.Revocation) + " : sa signature peut être celle d'un autre",
			"ne l'acceptez pas ; demandez une nouvelle copie à la mairie"}
	case errors.As(err, &rev):
		return &verifyError{"CLÉ RÉVOQUÉE — ce document est signé par la clé " + civil.Of(rev.Cert.Subject.CommonName) + " alors qu'elle ne valait plus : " + keyring.Describe(rev.Revocation),
			"ne l'acceptez pas : la signature n'engage plus la commune ; demandez une nouvelle copie à la mairie"}
	case errors.Is(err, seal.ErrUnknownKey):
		return &verifyError{"CLÉ INCONNUE — ce document n'a pas été signé par un officier de la " + lowerFirst(strings.Join(commune, "")) + " (" + err.Error() + ")",
			"vérifiez que le certificat est bien celui de la commune qui a délivré le document ; sinon, c'est un faux"}
	case errors.Is(err, forms.ErrNotSigned):
		return &verifyError{"NON SIGNÉ — " + err.Error(), "un document délivré par etatcivil est toujours signé : celui-ci n'en vient pas, ou a été refait"}
	case errors.Is(err, seal.ErrNotCode):
		return &usageError{err.Error(), "copiez tout le texte lu par le téléphone, ou donnez le PDF ou une image du code"}
	}
	return &verifyError{"FALSIFIÉ OU MODIFIÉ — " + err.Error(), "ce document a été modifié après sa délivrance : ne l'acceptez pas et prévenez la mairie qui l'aurait délivré"}
}
