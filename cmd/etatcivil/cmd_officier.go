package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/keyring"
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
	return groupCmd("officier", "Officiers de l'état civil et fonctionnaires délégués", add, list, modify, e.revoquerCmd(), e.officerPhraseCmd())
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
	if o.Officer, err = keyring.NewOfficer(o.ID, o.prenoms, o.Nom, o.Qualite, o.civilite); err != nil {
		return err
	}
	if err := keyring.CheckOfficerID(s, o.ID); err != nil {
		return err
	}
	// The officer's key is certified by the commune's seal (the seal's
	// passphrase), and locked with the officer's own passphrase.
	auth, err := e.authority(s)
	if err != nil {
		return err
	}
	ctx, err := keyring.Context(s, append([]string{o.ID, o.Nom}, o.Prenoms...)...)
	if err != nil {
		return err
	}
	name := o.Officer.FullName() + " (" + o.ID + ")"
	phrase, err := e.newPhrase(officerPhraseEnv(o.ID), civil.Of(name), "Phrase secrète personnelle "+civil.Of(name)+", choisie par l'officier", ctx)
	if err != nil {
		return err
	}
	sealPhrase, _ := e.sealPhrase()
	key, err := keyring.AddOfficer(s, auth, o.Officer, phrase, sealPhrase, e.clock())
	if err != nil {
		return err
	}
	for _, l := range keyring.OfficerAdded(o.Officer, key) {
		fmt.Fprintln(e.out, l)
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
			motif := k.Motif
			if k.Raison == "" {
				motif = "sans motif précisé"
			}
			keyState[k.Officier] += " RÉVOQUÉE le " + at.Local().Format("02/01/2006") + " (" + motif + ")"
		} else if !k.PhrasePropre {
			keyState[k.Officier] += " (s'ouvre encore avec la phrase du sceau)"
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

func (e *env) officerPhraseCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "phrase ID",
		Short: "Change la phrase secrète de la clé d'un officier (ou lui donne la sienne)",
		Long: `Change la phrase secrète qui ouvre la clé de signature d'un officier : l'officier tape sa phrase
actuelle, puis la nouvelle, deux fois. La clé ne change pas : ce qu'elle a signé reste vérifiable.

Chaque officier a sa propre phrase, qu'il est seul à connaître, et le sceau de la commune la sienne.
Dans un registre créé par une version précédente, toutes les clés s'ouvraient avec la phrase du
sceau : elles s'ouvrent encore avec elle jusqu'à ce que chaque officier choisisse la sienne avec
cette commande (la phrase actuelle est alors celle du sceau). Quand tous l'ont fait, changez la
phrase du sceau : etatcivil cles phrase.

Une phrase trop facile à deviner est refusée : choisissez au moins quatre mots au hasard.
Dans un script : la phrase actuelle dans ETATCIVIL_PHRASE_ID (ETATCIVIL_PHRASE_O1 pour o1 ;
ETATCIVIL_PHRASE pour une clé qui n'a pas encore la sienne), la nouvelle dans ETATCIVIL_NOUVELLE_PHRASE.`,
		Example: `  etatcivil officier phrase o1`,
		Args:    args(1, "identifiant de l'officier"),
		RunE:    func(cmd *cobra.Command, a []string) error { return e.runOfficerPhrase(a[0]) },
	}
}

func (e *env) runOfficerPhrase(id string) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	o, rec, err := keyring.OfficerKey(s, id)
	if err != nil {
		return err
	}
	old, err := e.officerPhrase(o, rec)
	if err != nil {
		return err
	}
	if _, err := keyring.OpenOfficer(s, id, old); err != nil { // before typing the new one
		return err
	}
	name := o.FullName() + " (" + o.ID + ")"
	phrase, err := e.secret(newPhraseEnv, "nouvelle "+civil.Of(name), "Nouvelle phrase secrète "+civil.Of(name), true)
	if err != nil {
		return err
	}
	if err := keyring.SetOfficerPhrase(s, id, old, phrase); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Nouvelle phrase enregistrée : la clé %s ne s'ouvre plus qu'avec elle.\n", civil.Of(name))
	legacy, err := keyring.Legacy(s)
	if err != nil {
		return err
	}
	if len(legacy) > 0 {
		fmt.Fprintf(e.out, "Clés qui s'ouvrent encore avec la phrase du sceau : %s\n  → que chacun choisisse la sienne : etatcivil officier phrase ID\n", strings.Join(legacy, ", "))
	} else if !rec.PhrasePropre {
		fmt.Fprintln(e.out, "Chaque officier a maintenant sa propre phrase ; l'ancienne phrase commune reste celle du sceau et tous la connaissent :")
		fmt.Fprintln(e.out, "  → changez-la : etatcivil cles phrase")
	}
	return nil
}
