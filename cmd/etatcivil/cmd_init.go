package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/keyring"
	"etatcivil/registry"
)

type initOptions struct {
	commune, departement, insee, associee, panne string
	secours                                      string // file of the recovery key, created at once
}

func (e *env) initCmd() *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init --commune NOM --departement NOM [--insee CODE] [--commune-associee NOM]",
		Short: "Crée le registre de la commune",
		Example: `  etatcivil init --commune Lille --departement Nord --commune-associee Lomme
  etatcivil init --commune Strasbourg --departement Bas-Rhin`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "commune", "departement"); err != nil {
				return err
			}
			return e.runInit(o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.commune, "commune", "", "nom de la commune, tel qu'au code officiel géographique")
	f.StringVar(&o.departement, "departement", "", "nom (ou numéro) du département")
	f.StringVar(&o.insee, "insee", "", "code INSEE de la commune (vérifié s'il est donné)")
	f.StringVar(&o.associee, "commune-associee", "", "commune associée ou déléguée dont ce registre dresse les actes")
	f.StringVar(&o.secours, "secours", "", "crée aussi la clé de secours des sauvegardes, écrite dans ce fichier (à imprimer)")
	f.StringVar(&o.panne, "mention-panne", civil.DefaultOutageStatement, "mention imprimée sur les actes dressés pendant la panne")
	return cmd
}

func (e *env) runInit(o *initOptions) error {
	c, err := keyring.ResolveCommune(keyring.CommuneRequest{Commune: o.commune, Departement: o.departement, Insee: o.insee, Associee: o.associee, Panne: o.panne})
	if err != nil {
		return err
	}
	dir, err := e.dir()
	if err != nil {
		return err
	}
	if registry.Exists(dir) {
		// Refused before asking for a passphrase.
		_, err := registry.Create(dir, c, nil, e.options(false))
		return err
	}
	phrase, err := e.newPhrase(phraseEnv, "du sceau de la commune", "Phrase secrète du sceau de la commune",
		registry.CommuneContext(c))
	if err != nil {
		return err
	}
	s, _, lines, err := keyring.CreateRegister(dir, c, phrase, e.clock(), e.options(false))
	if err != nil {
		return err
	}
	defer s.Close()
	for _, l := range lines {
		fmt.Fprintln(e.out, l)
	}
	if o.secours == "" && e.interactive {
		p := e.prompter()
		// The register exists by now: no answer means "later".
		o.secours, _ = p.ask("Fichier où écrire la clé de secours des sauvegardes, à imprimer (Entrée : plus tard)", "")
	}
	if o.secours != "" {
		e.quiet = true
		if err := e.createRecovery(s, &recoveryOptions{output: o.secours}); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.out, "Étapes suivantes :")
	fmt.Fprintln(e.out, "  etatcivil officier ajouter --id o1 --prenoms Prénom --nom NOM --qualite maire")
	fmt.Fprintln(e.out, "  etatcivil numerotation --registre naissance --annee AAAA --dernier N   (avant le premier acte, pour chaque registre : dernier numéro du système principal)")
	fmt.Fprintln(e.out, "  etatcivil cles exporter -o commune.pem   (certificat à remettre au procureur et aux partenaires)")
	if o.secours == "" {
		fmt.Fprintln(e.out, "  etatcivil secours creer -o cle-secours.txt   (clé de secours des sauvegardes, à imprimer)")
	}
	return nil
}
