package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
)

func groupCmd(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args: func(cmd *cobra.Command, a []string) error {
			if len(a) > 0 {
				return usage(cmd, "sous-commande inconnue : « "+a[0]+" »")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(subs...)
	return cmd
}

type officerOptions struct {
	civil.Officer
	prenoms  string
	civilite string
	json     bool
}

func (e *env) officierCmd() *cobra.Command {
	o := &officerOptions{}
	add := &cobra.Command{
		Use:     "ajouter --id ID --prenoms P --nom N --qualite QUALITE --civilite Mme|M",
		Short:   "Ajoute un officier de l'état civil ou un fonctionnaire délégué",
		Example: `  etatcivil officier ajouter --id o1 --prenoms Martine --nom AUBRY --qualite maire --civilite Mme`,
		Args:    args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "id", "prenoms", "nom", "qualite"); err != nil {
				return err
			}
			return e.runOfficerAdd(o)
		},
	}
	f := add.Flags()
	f.StringVar(&o.ID, "id", "", "identifiant court, cité dans les actes (\"officier\": \"o1\")")
	f.StringVar(&o.prenoms, "prenoms", "", "prénoms, séparés par des virgules")
	f.StringVar(&o.Nom, "nom", "", "NOM en capitales")
	f.StringVar(&o.Qualite, "qualite", "", "maire, adjoint, conseiller, maire-delegue ou fonctionnaire-delegue")
	f.StringVar(&o.civilite, "civilite", "", "Mme ou M : les titres s'accordent (« maire déléguée », « adjointe au maire »)")
	modify := &cobra.Command{
		Use:     "modifier ID --civilite Mme|M",
		Short:   "Précise la civilité d'un officier, pour que ses titres s'accordent",
		Example: `  etatcivil officier modifier o1 --civilite Mme`,
		Args:    args(1, "identifiant de l'officier"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "civilite"); err != nil {
				return err
			}
			return e.runOfficerModify(a[0], o.civilite)
		},
	}
	modify.Flags().StringVar(&o.civilite, "civilite", "", "Mme ou M")
	list := &cobra.Command{
		Use:   "lister [--json]",
		Short: "Liste les officiers du registre",
		Args:  args(0, ""),
		RunE:  func(*cobra.Command, []string) error { return e.runOfficerList(o) },
	}
	list.Flags().BoolVar(&o.json, "json", false, "une ligne JSON par officier")
	return groupCmd("officier", "Officiers de l'état civil et fonctionnaires délégués", add, list, modify, e.revoquerCmd())
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (e *env) runOfficerAdd(o *officerOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	o.Prenoms = splitList(o.prenoms)
	if o.civilite != "" {
		if o.Civilite, err = civil.ParseCivilite(o.civilite); err != nil {
			return err
		}
	}
	if err := civil.ValidateOfficer(&o.Officer); err != nil {
		return err
	}
	officers, err := s.Officers()
	if err != nil {
		return err
	}
	for _, known := range officers {
		if known.ID == o.ID {
			return civil.Refuse("--id", "l'identifiant « "+o.ID+" » est déjà pris", "choisissez un autre identifiant (voir etatcivil officier lister)")
		}
	}
	// The officer's key is certified by the commune's seal: opening it
	// takes the passphrase.
	auth, err := e.authority(s)
	if err != nil {
		return err
	}
	_, key, err := newOfficerKey(auth, o.Officer, e.phraseCache, e.clock())
	if err != nil {
		return err
	}
	if err := s.AddOfficer(o.Officer, key); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Officier ajouté : %s — %s, %s\n", o.ID, o.Officer.FullName(), o.QualiteLabel())
	fmt.Fprintf(e.out, "Clé de signature créée (%s), certifiée par le sceau de la commune.\n", key.ID)
	if !o.CanMarry() {
		fmt.Fprintln(e.out, "Rappel : un fonctionnaire délégué ne peut pas célébrer de mariage.")
	}
	e.askCivilite([]civil.Officer{o.Officer})
	return nil
}

func (e *env) runOfficerModify(id, civilite string) error {
	c, err := civil.ParseCivilite(civilite)
	if err != nil {
		return err
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	o, err := s.SetOfficerCivilite(id, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Civilité de l'officier %s enregistrée : %s — %s.\n", id, o.Civilite, o.Title())
	return nil
}

// askCivilite asks the clerk to set the civilité of the officers whose
// civilité is unknown (recorded before it was asked), so that their
// titles agree.
func (e *env) askCivilite(officers []civil.Officer) {
	var ws []string
	for _, o := range officers {
		if o.Civilite == "" {
			ws = append(ws, "la civilité de l'officier "+o.ID+" ("+o.FullName()+") n'est pas renseignée : son titre s'écrit au masculin (« "+o.QualiteLabel()+
				" ») ; précisez-la : etatcivil officier modifier "+o.ID+" --civilite Mme (ou M)")
		}
	}
	e.warn(ws)
}

func (e *env) runOfficerList(o *officerOptions) error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	officers, err := s.Officers()
	if err != nil {
		return err
	}
	if len(officers) == 0 && !o.json {
		fmt.Fprintln(e.out, "Aucun officier : ajoutez-en un avec etatcivil officier ajouter.")
	}
	keys, err := s.OfficerKeys()
	if err != nil {
		return err
	}
	keyState := map[string]string{}
	for _, k := range keys {
		keyState[k.Officier] = "clé " + k.ID
		if at, ok := k.Revoked(); ok {
			keyState[k.Officier] = "clé " + k.ID + " RÉVOQUÉE le " + at.Format("02/01/2006")
		}
	}
	enc := json.NewEncoder(e.out)
	for _, of := range officers {
		if o.json {
			if err := enc.Encode(of); err != nil {
				return err
			}
			continue
		}
		state := keyState[of.ID]
		if state == "" {
			state = "sans clé de signature"
		}
		fmt.Fprintf(e.out, "%-12s %-30s %-24s %s\n", of.ID, of.FullName(), of.QualiteLabel(), state)
	}
	if !o.json {
		e.askCivilite(officers)
	}
	return nil
}

// revokeOptions is officier revoquer's.
type revokeOptions struct{ motif string }

func (e *env) revoquerCmd() *cobra.Command {
	var o revokeOptions
	cmd := &cobra.Command{
		Use:   "revoquer ID [--motif TEXTE]",
		Short: "Révoque la clé de signature d'un officier (fin de délégation, clé compromise)",
		Long: `Révoque la clé de signature d'un officier : il ne peut plus signer de copie ni de feuille,
et etatcivil verifier montre comme « clé révoquée » tout document signé avec elle.
Ré-exportez ensuite le certificat de la commune (etatcivil cles exporter) pour les partenaires.`,
		Example: `  etatcivil officier revoquer o2 --motif "fin de délégation"`,
		Args:    args(1, "identifiant de l'officier"),
		RunE:    func(cmd *cobra.Command, a []string) error { return e.runRevoke(a[0], o) },
	}
	cmd.Flags().StringVar(&o.motif, "motif", "", "raison de la révocation, inscrite au journal")
	return cmd
}

func (e *env) runRevoke(id string, o revokeOptions) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	k, err := s.RevokeKey(id, strings.TrimSpace(o.motif))
	if err != nil {
		return err
	}
	at, _ := k.Revoked()
	fmt.Fprintf(e.out, "Clé %s de l'officier %s révoquée le %s.\n", k.ID, id, at.Format(stampLayout))
	fmt.Fprintln(e.out, "Ses signatures sont désormais refusées et montrées comme révoquées par etatcivil verifier.")
	fmt.Fprintln(e.out, "  → ré-exportez le certificat pour les partenaires : etatcivil cles exporter -o commune.pem")
	return nil
}
