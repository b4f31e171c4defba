package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/internal/verify"
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

// maxCertificate bounds the commune's certificate file (its
// certificate, its officers' and its revocation list: a few kilobytes).
const maxCertificate = 1 << 20

// readVerifyInput reads verifier's argument: a file (a PDF, an image, a
// code's text), else the code's text itself.
func readVerifyInput(arg string) (*verify.Input, error) {
	if _, err := os.Stat(arg); err != nil {
		if strings.HasPrefix(strings.TrimSpace(arg), seal.CodePrefix) {
			return verify.Text(arg), nil
		}
		return nil, &usageError{"« " + short(arg) + " » n'est ni un fichier lisible ni le texte d'un code signé (" + seal.CodePrefix + "…)",
			"donnez le chemin du PDF ou de l'image, ou collez le texte lu par le téléphone entre apostrophes"}
	}
	data, err := readRegular("document", arg, verify.MaxDocument)
	if err != nil {
		return nil, err
	}
	in, err := verify.Read(arg, data)
	return in, verifyFailure(err)
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
// the register (verify.Check), and prints the verdict.
func (e *env) verify(in *verify.Input, trust *seal.Trust, s *registry.Store) error {
	v := verify.Check(in, trust, s, e.clock())
	for _, l := range v.Lines {
		fmt.Fprintln(e.out, l.Text)
	}
	if v.Failure == nil {
		return nil
	}
	return verifyFailure(v.Failure)
}

// verifyFailure gives a *verify.Failure its exit class: an input that is
// no document is refused (exit 2), a document that must not be accepted
// fails verification (exit 3).
func verifyFailure(err error) error {
	var f *verify.Failure
	if !errors.As(err, &f) {
		return err
	}
	if f.Input {
		return &usageError{f.Message, f.Hint}
	}
	return &verifyError{f.Message, f.Hint}
}
