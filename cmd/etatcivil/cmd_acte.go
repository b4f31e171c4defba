package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

// The commands naissance, deces, mariage, reconnaissance, enfant-sans-vie
// and transcription: one per kind of act, built by acteCmd, since each
// draws up its act the same way (a file or the guided entry, then the
// draft with its number).

type actOptions struct {
	kind    civil.Kind // naissance, deces, mariage, reconnaissance, enfant_sans_vie or transcription
	fichier string
	json    bool
	doublon bool // --doublon-confirme
}

// acteCmd builds the command that draws up an act of kind.
func (e *env) acteCmd(kind civil.Kind, short string) *cobra.Command {
	o := &actOptions{kind: kind}
	cmd := &cobra.Command{
		Use:   kind.Command() + " [--fichier F|-] [--json]",
		Short: short,
		Long: short + `.

Avec --fichier : l'acte au format JSON d'échange, décrit dans docs/format-actes.md (- pour l'entrée standard).
Sans --fichier, sur un terminal : saisie guidée champ par champ, puis relecture et confirmation.
L'acte est enregistré comme brouillon avec le numéro suivant du registre des ` + kind.Register().Plural() + ` de l'année ;
la dernière ligne affichée est sa référence (par exemple ` + string(kind.Register()) + `/2026/38).

Un acte du même événement déjà au registre (même personne, même jour : le même fichier envoyé
deux fois) est refusé avec sa référence ; si c'est bien un autre événement (une autre personne
du même nom), relancez avec --doublon-confirme, ce que le journal garde. En saisie guidée, la
question est posée avant l'enregistrement.`,
		Example: "  etatcivil " + kind.Command() + " --fichier acte.json\n  etatcivil " + kind.Command(),
		Args:    args(0, ""),
		RunE:    func(*cobra.Command, []string) error { return e.runAct(o) },
	}
	cmd.Flags().StringVarP(&o.fichier, "fichier", "f", "", "fichier JSON de l'acte (- : entrée standard)")
	cmd.Flags().BoolVar(&o.json, "json", false, "affiche l'acte enregistré au format d'export")
	cmd.Flags().BoolVar(&o.doublon, "doublon-confirme", false, "enregistre l'acte bien qu'un acte du même événement soit au registre (vérifié : un autre événement)")
	return cmd
}

func (e *env) runAct(o *actOptions) error {
	if o.fichier == "" && !e.interactive {
		return civil.Refuse("--fichier", "aucun fichier indiqué et la saisie guidée demande un terminal",
			"etatcivil "+o.kind.Command()+" --fichier acte.json (ou --fichier - pour lire l'entrée standard)")
	}
	if o.fichier == "" && !guided(o.kind) {
		return civil.Refuse("--fichier", "la saisie guidée "+o.kind.OfIndefinite()+" n'existe pas encore",
			"écrivez l'acte dans un fichier (format : docs/format-actes.md), puis : etatcivil "+o.kind.Command()+" --fichier acte.json")
	}
	if o.fichier == "" {
		a, err := e.guidedAct(o.kind, o.doublon)
		if err != nil || a == nil {
			return err
		}
		if o.json {
			return e.printJSON(a)
		}
		return e.printRegistered(a)
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	a, err := e.readActFile(o.fichier, o.kind)
	if err != nil {
		return err
	}
	warnings, err := s.RegisterWith(a, registry.RegisterOptions{DuplicateConfirmed: o.doublon})
	e.warn(slices.DeleteFunc(warnings, func(w string) bool { return slices.Contains(e.shown, w) }))
	if err != nil {
		return err
	}
	if o.json {
		return e.printJSON(a)
	}
	return e.printRegistered(a)
}

// plannedHelp says, for the marriage command, what becomes of a marriage
// entered before its day.
func plannedHelp(kind civil.Kind) string {
	if kind != civil.Mariage {
		return ""
	}
	return `

Un mariage dont la célébration est après aujourd'hui est enregistré comme mariage prévu, sans
numéro (référence mariage/prevu/N), listé et corrigeable : le jour de la célébration, etatcivil
dresser lui donne son numéro, à la suite des actes déjà dressés, et sa feuille s'imprime pour la
cérémonie. Ainsi le registre reste dans l'ordre des dates.`
}

// printRegistered reports a written act; the last line of standard output
// is its reference, or the act in the export format with --json.
func (e *env) printRegistered(a *civil.Act) error {
	if a.Statut == civil.StatutPrevu {
		fmt.Fprintf(e.out, "Mariage prévu enregistré, sans numéro : %s, célébration le %s à %s, %s.\n", a.Reference(), figures(a.Date), a.Heure, a.Who())
		fmt.Fprintf(e.out, "Le jour de la célébration, dressez l'acte, qui prend alors son numéro à la suite des actes déjà dressés : etatcivil dresser %s\n", a.Reference())
		fmt.Fprintln(e.out, a.Reference())
		return nil
	}
	fmt.Fprintf(e.out, "Brouillon enregistré : %s n° %d de %d, %s.\n", kindLabel(a.Type), a.Numero, a.Annee, a.Who())
	fmt.Fprintf(e.out, "Imprimez la feuille (etatcivil imprimer %s -o %s.pdf), faites-la signer, puis : etatcivil signer %s\n",
		a.Ref(), strings.ReplaceAll(a.Ref().String(), "/", "-"), a.Ref())
	fmt.Fprintln(e.out, a.Ref())
	return nil
}

func kindLabel(kind civil.Kind) string { return kind.Label() }

// printJSON writes an act in the export format, on one line.
func (e *env) printJSON(a *civil.Act) error {
	return json.NewEncoder(e.out).Encode(a)
}

// actText renders the act text with the commune and officer of the store.
func actText(s *registry.Store, a *civil.Act) (string, error) {
	c, err := s.Commune()
	if err != nil {
		return "", err
	}
	of, _ := s.Officer(a.Officier)
	return forms.ActText(a, c, of)
}
