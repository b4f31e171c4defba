package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/internal/keyring"
	"etatcivil/registry"
)

func (e *env) clesCmd() *cobra.Command {
	var sortie string
	export := &cobra.Command{
		Use:   "exporter -o commune.pem",
		Short: "Écrit le certificat du sceau de la commune, à remettre au procureur et aux partenaires",
		Long: `Écrit dans un fichier PEM le certificat du sceau de la commune, les certificats des
officiers et la liste des clés révoquées, datée de maintenant et signée par le sceau (phrase
secrète du sceau). Avec ce fichier, un notaire, une préfecture ou un consulat vérifie les
copies sans réseau :
  etatcivil verifier --certificat commune.pem copie.pdf

L'empreinte affichée se lit au téléphone : le destinataire la compare avec celle que donne
sa propre commande avant de faire confiance au fichier. Ré-exportez après chaque nouvel
officier ; après une révocation, etatcivil cles revocations suffit.`,
		Example: `  etatcivil cles exporter -o /media/usb/commune.pem`,
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "sortie"); err != nil {
				return err
			}
			return e.runExportKeys(sortie, false)
		},
	}
	export.Flags().StringVarP(&sortie, "sortie", "o", "", "fichier PEM à écrire (commune.pem)")
	var liste string
	revocations := &cobra.Command{
		Use:   "revocations -o revocations.pem",
		Short: "Écrit la liste des clés révoquées, datée et signée par le sceau, pour les partenaires",
		Long: `Écrit la liste de révocation de la commune, datée de maintenant et signée par le sceau
(phrase secrète du sceau) : un petit fichier à envoyer aux partenaires qui ont déjà le
certificat de la commune (commune.pem), après une révocation ou à leur demande.

Sans le registre, etatcivil verifier exige une liste de révocation et dit de quand elle date :
une copie plus récente que la liste n'est dite authentique qu'« à la date de la liste » ; avec
une liste à jour, la réponse est complète :
  etatcivil verifier --certificat commune.pem --revocations revocations.pem copie.pdf`,
		Example: `  etatcivil cles revocations -o /media/usb/revocations.pem`,
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "sortie"); err != nil {
				return err
			}
			return e.runExportKeys(liste, true)
		},
	}
	revocations.Flags().StringVarP(&liste, "sortie", "o", "", "fichier PEM à écrire (revocations.pem)")
	e.replaceFlag(revocations)
	phrase := &cobra.Command{
		Use:   "phrase",
		Short: "Change la phrase secrète du sceau de la commune",
		Long: `Change la phrase secrète du sceau de la commune : tapez l'actuelle, puis la nouvelle, deux fois.
Le sceau ne change pas (même certificat, même empreinte).

Refusé tant que des clés d'officiers s'ouvrent encore avec la phrase du sceau (registre créé par
une version précédente) : que chacun choisisse d'abord la sienne (etatcivil officier phrase ID).
Une phrase trop facile à deviner, ou qui ouvre la clé d'un officier, est refusée.
Dans un script : l'actuelle dans ETATCIVIL_PHRASE, la nouvelle dans ETATCIVIL_NOUVELLE_PHRASE.`,
		Example: `  etatcivil cles phrase`,
		Args:    args(0, ""),
		RunE:    func(*cobra.Command, []string) error { return e.runSealPhrase() },
	}
	e.replaceFlag(export)
	return groupCmd("cles", "Clés du sceau électronique de la commune", export, revocations, phrase)
}

func (e *env) runExportKeys(path string, listOnly bool) error {
	if !strings.EqualFold(filepath.Ext(path), ".pem") {
		example := "commune.pem"
		if listOnly {
			example = "revocations.pem"
		}
		return &usageError{"-o " + path + " : le nom du fichier doit finir par .pem", "par exemple -o " + example}
	}
	if err := e.checkOutput(path); err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	if listOnly {
		return e.exportRevocations(s, path)
	}
	return e.exportKeys(s, path)
}

// exportKeys writes the commune's certificate bundle to path, with a
// revocation list dated now.
func (e *env) exportKeys(s *registry.Store, path string) error {
	return e.exportSigned(s, path, false)
}

// exportRevocations writes the revocation list alone, dated now.
func (e *env) exportRevocations(s *registry.Store, path string) error {
	return e.exportSigned(s, path, true)
}

func (e *env) exportSigned(s *registry.Store, path string, listOnly bool) error {
	auth, err := e.authority(s)
	if err != nil {
		return err
	}
	write, lines, err := keyring.SignedExport(s, auth, listOnly, path, e.clock())
	if err != nil {
		return err
	}
	if err := e.writeOut(path, write); err != nil {
		return err
	}
	for _, l := range lines {
		fmt.Fprintln(e.out, l)
	}
	return nil
}

func (e *env) runSealPhrase() error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := e.authority(s); err != nil { // the current phrase, before the new one is typed
		return err
	}
	old, _ := e.sealPhrase()
	legacy, err := keyring.Legacy(s)
	if err != nil {
		return err
	}
	if len(legacy) == 0 {
		if _, err := e.secret(newPhraseEnv, "nouvelle du sceau", "Nouvelle phrase secrète du sceau de la commune", true); err != nil {
			return err
		}
	}
	phrase := e.phrases[newPhraseEnv]
	if err := keyring.SetSealPhrase(s, old, phrase); err != nil {
		return err
	}
	fmt.Fprintln(e.out, "Nouvelle phrase du sceau enregistrée : elle seule ouvre désormais le sceau de la commune (même certificat, même empreinte).")
	return nil
}
