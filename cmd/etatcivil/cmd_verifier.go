package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/qrscan"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

type verifyOptions struct {
	certificat string
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

Avec le registre de la commune, compare aussi avec l'acte : mention ajoutée après la
délivrance, acte annulé, copie absente du registre des copies.
Sans le registre (notaire, préfecture, consulat), donnez le certificat de la commune :
--certificat commune.pem (fichier remis par la mairie, etatcivil cles exporter ; vérifiez
son empreinte par téléphone avec la mairie).

Code de sortie : 0 authentique, 3 falsifié, modifié, clé révoquée ou inconnue, acte annulé.`,
		Example: `  etatcivil verifier copie.pdf
  etatcivil verifier --certificat commune.pem scan-copie.png
  etatcivil verifier 'EC1:…'`,
		Args: args(1, "document à vérifier (PDF, image, ou texte du code)"),
		RunE: func(cmd *cobra.Command, a []string) error { return e.runVerify(a[0], o) },
	}
	cmd.Flags().StringVar(&o.certificat, "certificat", "", "certificat de la commune (commune.pem), pour vérifier sans le registre")
	return cmd
}

// verifyInput is what verifier was given, read.
type verifyInput struct {
	pdf  []byte
	code string
	from string // "PDF", "image", "texte"
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
			return &verifyInput{code: arg, from: "texte du code"}, nil
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
		return &verifyInput{pdf: data, from: "PDF"}, nil
	case bytes.HasPrefix(data, []byte("\x89PNG")) || bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		text, err := qrscan.Read(bytes.NewReader(data))
		if errors.Is(err, qrscan.ErrTooLarge) {
			return nil, &usageError{arg + " : " + err.Error(), "réduisez l'image, ou photographiez seulement le code : quelques centaines de pixels de côté suffisent"}
		}
		if err != nil {
			return nil, &usageError{arg + " : " + err.Error(), "scannez le document à 300 dpi, ou photographiez le code de plus près, bien à plat et net"}
		}
		return &verifyInput{code: text, from: "image"}, nil
	}
	return &verifyInput{code: strings.TrimSpace(string(data)), from: "texte du code"}, nil
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
		return t, s, nil
	}
	if s == nil {
		return nil, nil, &usageError{"aucun registre dans ce dossier pour vérifier", "sans le registre, donnez le certificat de la commune : --certificat commune.pem"}
	}
	t, err := registerTrust(s)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return t, s, nil
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
	var signer string
	if in.pdf != nil {
		v, err := forms.VerifyPDF(in.pdf, trust)
		if err != nil { // a revoked key included: shown as such
			return verdict(err, commune)
		}
		codes = v.Codes
		signer = fmt.Sprintf("Signature du PDF : valide, elle couvre tout le fichier ; signé par %s le %s.", v.Signer.Subject.CommonName, v.SignedAt.Local().Format(stampLayout))
	} else {
		vc, err := forms.VerifyCode(in.code, trust)
		if err != nil {
			return verdict(err, commune)
		}
		codes = []*forms.VerifiedCode{vc}
	}

	var problems []string
	for i, vc := range codes {
		if i > 0 {
			say("")
		}
		c := vc.Content
		say("AUTHENTIQUE — %s", describe(c))
		verb := "Délivré"
		if c.Forme == civil.FormeFeuillet {
			verb = "Imprimée"
		}
		say("  %s le %s par la %s (code INSEE %s).", verb, c.Emis.Format("02/01/2006"), lowerFirst(strings.Join(commune, "")), c.Insee)
		say("  Code signé par %s, %s (clé %s).", vc.Signer.Subject.CommonName, strings.Join(vc.Signer.Subject.OrganizationalUnit, ""), c.Cle)
		for _, f := range c.Faits {
			say("    %-22s %s", f.Label()+" :", factValue(f))
		}
		if s != nil {
			lines, bad := compareWithRegister(s, c)
			for _, l := range lines {
				say("  %s", l)
			}
			problems = append(problems, bad...)
		}
	}
	if signer != "" {
		say("%s", signer)
	}
	say("Vérifié à partir du %s, avec le sceau de la %s (empreinte %s).", in.from, lowerFirst(strings.Join(commune, "")), seal.Fingerprint(trust.Authority))
	if len(problems) > 0 {
		return &verifyError{strings.Join(problems, " ; "), "ce document ne doit plus être accepté : demandez une copie à jour à la mairie"}
	}
	return nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// describe names the document a code certifies.
func describe(c *civil.CodeContent) string {
	if c.Forme == civil.FormeFeuillet {
		return "feuille du registre, acte " + c.Ref.String()
	}
	return fmt.Sprintf("%s n° %s de l'acte %s", civil.FormeLabel(c.Forme), c.Serie(), c.Ref)
}

// factValue writes a fact for reading: dates as JJ/MM/AAAA.
func factValue(f civil.Fact) string {
	if t, err := time.Parse("2006-01-02", f.Value); err == nil {
		return t.Format("02/01/2006")
	}
	return f.Value
}

// verdict turns a failed verification into the French verdict, exit 3.
func verdict(err error, commune []string) error {
	var rev *seal.RevokedError
	switch {
	case errors.As(err, &rev):
		return &verifyError{"CLÉ RÉVOQUÉE — ce document est signé par la " + rev.Error(),
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

// compareWithRegister compares what a code certifies with the act in the
// register: lines to show, and problems that make the document unusable.
func compareWithRegister(s *registry.Store, c *civil.CodeContent) (lines, problems []string) {
	own, err := s.Commune()
	if err != nil || own.Insee != c.Insee {
		return []string{"Registre : ce registre est celui d'une autre commune, pas de comparaison avec l'acte."}, nil
	}
	a, err := s.Get(c.Ref)
	if err != nil {
		return nil, []string{"l'acte " + c.Ref.String() + " est absent de ce registre"}
	}
	if a.Statut == civil.StatutNonUtilise {
		return nil, []string{"ACTE ANNULÉ : le numéro " + c.Ref.String() + " est « non utilisé » (" + a.Motif + ")"}
	}
	// When the copy was delivered: its log line's time, else the end of
	// its day of issue (a mention of that same day counts as known).
	issued := time.Date(c.Emis.Year(), c.Emis.Month(), c.Emis.Day(), 23, 59, 59, 0, time.Local)
	known := -1 // mentions the copy carries, when the copy log says
	if c.Copie != 0 {
		var rec *registry.CopyRecord
		s.Copies(time.Time{}, func(r registry.CopyRecord) error {
			if r.Numero == c.Copie {
				rec = &r
			}
			return nil
		})
		if rec == nil || rec.Statut != registry.CopieDelivree || rec.Serie != c.Serie() || rec.Reference != c.Ref.String() || rec.Forme != c.Forme {
			problems = append(problems, "la copie n° "+c.Serie()+" n'est pas inscrite ainsi au registre des copies")
		} else {
			issued = rec.Time()
			if rec.Mentions != nil {
				known = *rec.Mentions
			}
			lines = append(lines, fmt.Sprintf("Registre des copies : ligne n° %d, délivrée à %s (%s).", rec.Numero, rec.Demandeur, civil.RequesterLabel(rec.Qualite)))
		}
	}
	if am, ok := a.Annulment(); ok {
		// Known by its nature, never by its words: whenever it came, the
		// act no longer exists for anyone.
		problems = append(problems, fmt.Sprintf("ACTE ANNULÉ : l'acte %s est %s — « %s »", c.Ref, civil.AnnulmentText(am), am.Texte))
	}
	for i, m := range a.Mentions {
		if (known >= 0 && i < known) || (known < 0 && !m.Added().After(issued)) || m.Nature == civil.NatureAnnulation {
			continue
		}
		day := factValue(civil.Fact{Value: m.Date})
		lines = append(lines, fmt.Sprintf("AUTHENTIQUE, MAIS une mention a été ajoutée le %s après la délivrance : « %s » — ce document n'est plus à jour ; délivrez une nouvelle copie.", day, m.Texte))
	}
	if len(lines) == 0 && len(problems) == 0 {
		lines = append(lines, "Registre : l'acte n'a reçu aucune mention depuis la délivrance ; le document est à jour.")
	}
	return lines, problems
}
