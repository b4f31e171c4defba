package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/communes"
	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
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

// resolveCommune checks the commune against the official list and returns
// its canonical description.
func resolveCommune(o *initOptions) (civil.Commune, error) {
	dept, ok := communes.Departement(o.departement)
	if !ok {
		return civil.Commune{}, civil.Refuse("--departement", "département « "+o.departement+" » inconnu",
			"écrivez son nom (Nord, Bas-Rhin, Seine-Saint-Denis…) ou son numéro (59, 67, 2A…)")
	}
	var main *communes.Commune
	for _, c := range communes.Find(o.commune, dept) {
		if c.Type == "commune-actuelle" {
			c := c
			main = &c
		}
	}
	if main == nil {
		return civil.Commune{}, civil.Refuse("--commune", "commune « "+o.commune+" » introuvable dans le département "+dept,
			"vérifiez l'orthographe (liste officielle de l'INSEE) et le département")
	}
	if o.insee != "" && o.insee != main.Code {
		return civil.Commune{}, civil.Refuse("--insee", fmt.Sprintf("le code INSEE de %s est %s, pas %s", main.Nom, main.Code, o.insee),
			"corrigez le code ou retirez l'option --insee")
	}
	c := civil.Commune{Nom: main.Nom, Departement: dept, Insee: main.Code, MentionPanne: strings.TrimSpace(o.panne)}
	if o.associee != "" {
		var assoc *communes.Commune
		for _, a := range communes.Find(o.associee, dept) {
			if a.Rattachement == main.Code {
				a := a
				assoc = &a
			}
		}
		if assoc == nil {
			return civil.Commune{}, civil.Refuse("--commune-associee", "« "+o.associee+" » n'est pas une commune associée ou déléguée de "+main.Nom,
				"vérifiez l'orthographe, ou retirez l'option si le registre est celui de "+main.Nom)
		}
		c.CommuneAssociee = assoc.Nom
	}
	return c, nil
}

func (e *env) runInit(o *initOptions) error {
	c, err := resolveCommune(o)
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
		[]string{c.Nom, c.Departement, c.CommuneAssociee, c.Insee})
	if err != nil {
		return err
	}
	key, rec, err := keyring.NewSeal(c, phrase, e.clock())
	if err != nil {
		return err
	}
	s, err := registry.Create(dir, c, rec, e.options(false))
	if err != nil {
		return err
	}
	defer s.Close()
	where := c.Nom + " (" + c.Departement + "), code INSEE " + c.Insee
	if c.CommuneAssociee != "" {
		where = c.CommuneAssociee + ", commune associée de " + where
	}
	fmt.Fprintf(e.out, "Registre créé pour %s.\nDossier : %s\n", where, dir)
	fmt.Fprintf(e.out, "Sceau électronique de la commune créé, empreinte : %s\n", seal.Fingerprint(key.Cert))
	fmt.Fprintln(e.out, "  (gardez la phrase secrète du sceau sous clé : elle certifie et révoque les clés des officiers ;")
	fmt.Fprintln(e.out, "   chaque officier choisit la sienne quand il est ajouté)")
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
