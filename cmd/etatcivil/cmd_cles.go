package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/internal/seal"
	"etatcivil/registry"
)

func (e *env) clesCmd() *cobra.Command {
	var sortie string
	export := &cobra.Command{
		Use:   "exporter -o commune.pem",
		Short: "Écrit le certificat du sceau de la commune, à remettre au procureur et aux partenaires",
		Long: `Écrit dans un fichier PEM le certificat du sceau de la commune, les certificats des
officiers et la liste des clés révoquées, signés par le sceau. Avec ce fichier, un notaire,
une préfecture ou un consulat vérifie les copies sans réseau :
  etatcivil verifier --certificat commune.pem copie.pdf

L'empreinte affichée se lit au téléphone : le destinataire la compare avec celle que donne
sa propre commande avant de faire confiance au fichier. Ré-exportez après chaque nouvel
officier ou chaque révocation.`,
		Example: `  etatcivil cles exporter -o /media/usb/commune.pem`,
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "sortie"); err != nil {
				return err
			}
			return e.runExportKeys(sortie)
		},
	}
	export.Flags().StringVarP(&sortie, "sortie", "o", "", "fichier PEM à écrire (commune.pem)")
	return groupCmd("cles", "Clés du sceau électronique de la commune", export)
}

func (e *env) runExportKeys(path string) error {
	if !strings.EqualFold(filepath.Ext(path), ".pem") {
		return &usageError{"-o " + path + " : le nom du fichier doit finir par .pem", "par exemple -o commune.pem"}
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	return e.exportKeys(s, path)
}

// exportKeys writes the commune's certificate bundle to path.
func (e *env) exportKeys(s *registry.Store, path string) error {
	auth, err := e.authority(s)
	if err != nil {
		return err
	}
	c, err := s.Commune()
	if err != nil {
		return err
	}
	trust, err := registerTrust(s)
	if err != nil {
		return err
	}
	var officers []*x509.Certificate
	for _, c := range trust.Officers {
		officers = append(officers, c)
	}
	// In a steady order: by serial number.
	sort.Slice(officers, func(i, j int) bool { return officers[i].SerialNumber.Cmp(officers[j].SerialNumber) < 0 })
	fp := seal.Fingerprint(auth.Cert)
	now := e.clock()
	header := []string{
		fmt.Sprintf("Sceau de l'état civil de la commune de %s (%s), code INSEE %s", c.Nom, c.Departement, c.Insee),
		"Empreinte : " + fp,
	}
	for _, l := range seal.FingerprintWords(fp) {
		header = append(header, "  "+l)
	}
	header = append(header,
		fmt.Sprintf("Exporté le %s : %d officier(s), %d clé(s) révoquée(s).", now.Format(stampLayout), len(officers), len(trust.Revoked)),
		"Avant usage, comparez l'empreinte au téléphone avec la mairie.",
		"Vérifier un document : etatcivil verifier --certificat commune.pem FICHIER.pdf")
	tmp, err := os.CreateTemp(filepath.Dir(path), ".etatcivil-*.pem.tmp")
	if err != nil {
		return &usageError{"-o " + path + " : " + err.Error(), "indiquez un dossier existant, par exemple la clé USB"}
	}
	defer os.Remove(tmp.Name())
	if err := seal.WriteBundle(tmp, auth, header, officers, trust.Revoked, now); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	tmp.Close()
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Certificat de la commune écrit dans %s (%d officier(s), %d clé(s) révoquée(s)).\n", path, len(officers), len(trust.Revoked))
	fmt.Fprintf(e.out, "Empreinte à lire au téléphone : %s\n", fp)
	for _, l := range seal.FingerprintWords(fp) {
		fmt.Fprintln(e.out, "  "+l)
	}
	return nil
}
