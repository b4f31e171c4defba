package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/registry"
)

func (e *env) corrigerCmd() *cobra.Command {
	var fichier string
	var doublon bool
	cmd := &cobra.Command{
		Use:   "corriger REF [--fichier F]",
		Short: "Remplace le contenu d'un brouillon (acte non signé), en gardant son numéro",
		Long: `Corrige un brouillon avant sa signature ; il garde son numéro.

Avec --fichier : l'acte corrigé au format JSON d'échange (docs/format-actes.md), par exemple ce
qu'affiche etatcivil afficher REF --json, modifié : les champs que le registre ajoute (registre,
annee, numero, statut, agent, cree_le, empreinte) peuvent y rester ; ils doivent être ceux de
l'acte, et l'empreinte celle de son contenu actuel.
Sans --fichier, sur un terminal : les réponses de l'acte sont listées, on choisit celles à
changer, chacune vérifiée aussitôt, puis l'acte corrigé est relu avant d'être enregistré.`,
		Example: `  etatcivil corriger naissance/2026/38
  etatcivil afficher naissance/2026/38 --json > acte.json ; (modifier acte.json) ; etatcivil corriger naissance/2026/38 --fichier acte.json`,
		Args: args(1, "référence de l'acte"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if fichier == "" && !e.interactive {
				return required(cmd, "fichier")
			}
			return e.runCorrect(a[0], fichier, doublon)
		},
	}
	cmd.Flags().StringVarP(&fichier, "fichier", "f", "", "fichier JSON de l'acte corrigé (- : entrée standard) ; sans lui, correction guidée")
	cmd.Flags().BoolVar(&doublon, "doublon-confirme", false, "corrige même si un autre acte du même événement est au registre (vérifié : un autre événement)")
	return cmd
}

func (e *env) runCorrect(refText, fichier string, doublon bool) error {
	if fichier == "" {
		if _, isPlanned := civil.ParsePlannedRef(refText); isPlanned {
			return civil.Refuse("--fichier", "la correction guidée d'un mariage prévu n'existe pas encore",
				"corrigez-le dans un fichier : etatcivil corriger "+refText+" --fichier mariage.json")
		}
		return e.guidedCorrect(refText, doublon)
	}
	planned := func(s *registry.Store, n int) error {
		in, err := e.readActFile(fichier, civil.Mariage)
		if err != nil {
			return err
		}
		warnings, a, err := s.CorrectPlanned(n, in, registry.RegisterOptions{DuplicateConfirmed: doublon})
		e.warn(warnings)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Mariage prévu %s corrigé (%s, célébration le %s à %s) ; il se dresse le jour de la célébration : etatcivil dresser %s\n",
			a.Reference(), a.Who(), figures(a.Date), a.Heure, a.Reference())
		fmt.Fprintln(e.out, a.Reference())
		return nil
	}
	return e.withActOrPlanned(refText, false, func(s *registry.Store, ref civil.Ref) error {
		old, err := s.Get(ref)
		if err != nil {
			return err
		}
		in, err := e.readActFile(fichier, old.Type)
		if err != nil {
			return err
		}
		warnings, a, err := s.CorrectWith(ref, in, registry.RegisterOptions{DuplicateConfirmed: doublon})
		e.warn(warnings)
		if err != nil {
			return err
		}
		e.corrected(ref, a)
		return nil
	}, planned)
}

func (e *env) corrected(ref civil.Ref, a *civil.Act) {
	fmt.Fprintf(e.out, "Brouillon %s corrigé (%s). Réimprimez la feuille avant signature.\n", ref, a.Who())
	fmt.Fprintln(e.out, ref)
}

// guidedCorrect corrects a draft by the guided entry: the draft's answers
// are listed, the clerk chooses those to change, each checked when given,
// then reads the corrected act and confirms. The register is let go
// while the clerk types; an interrupted correction is kept as a draft
// entry, offered again by the next « etatcivil corriger REF ».
func (e *env) guidedCorrect(refText string, doublon bool) error {
	ref, err := civil.ParseRef(refText)
	if err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	old, err := s.Get(ref)
	s.Close()
	if err != nil {
		return err
	}
	if err := registry.Correctable(old); err != nil {
		return err
	}
	if !guided(old.Type) {
		return civil.Refuse("--fichier", "la saisie guidée "+old.Type.OfIndefinite()+" n'existe pas encore",
			"corrigez l'acte dans un fichier (etatcivil afficher "+ref.String()+" --json > acte.json), puis : etatcivil corriger "+ref.String()+" --fichier acte.json")
	}
	g, err := e.newGuide(old.Type, ref.String())
	if err != nil {
		return err
	}
	g.self = ref
	content := *old
	content.Registre, content.Annee, content.Numero, content.Statut, content.Agent, content.CreeLe, content.Empreinte = "", 0, 0, "", "", "", ""
	if g.src, err = actJSON(&content); err != nil {
		return err
	}
	// An act holding what the guided entry does not ask would lose it:
	// walked once with its own answers, it must come out the same.
	probe := *g
	probe.draft, probe.redo, probe.asked = &draft{}, map[string]bool{}, nil
	if err := probe.walk(); err != nil {
		return err
	}
	if lost := lostFields(g.src, probe.act); len(lost) > 0 {
		return civil.Refuse("--fichier", "cet acte contient des données que la correction guidée ne demande pas ("+strings.Join(lost, ", ")+") : elle les perdrait",
			"corrigez-le dans un fichier : etatcivil afficher "+ref.String()+" --json > acte.json, modifiez acte.json, puis etatcivil corriger "+ref.String()+" --fichier acte.json")
	}
	fmt.Fprintf(e.out, "Correction du brouillon %s (%s).\n", ref, old.Who())
	fmt.Fprintln(e.out, "Choisissez les réponses à changer ; chacune est vérifiée aussitôt. « < » : question précédente. Ctrl-C ou Ctrl-D : interrompre, les réponses sont gardées.")
	if err := g.offerResume(); err != nil {
		return e.stopped(g, err)
	}
	stop := e.interruptible(g.draft)
	defer stop()
	review := true
	for {
		a, err := g.run(review, "Enregistrer la correction ?")
		review = false
		if err != nil {
			return e.stopped(g, err)
		}
		confirmed, goOn, err := g.duplicateQuestion(a, doublon)
		if err != nil {
			return e.stopped(g, err)
		}
		if !goOn {
			review = true
			continue
		}
		s, err := e.open(false)
		if err != nil {
			return e.stopped(g, err)
		}
		warnings, done, err := s.CorrectWith(ref, a, registry.RegisterOptions{DuplicateConfirmed: confirmed})
		s.Close()
		e.warn(warnings)
		if err == nil {
			if err := g.draft.remove(); err != nil {
				fmt.Fprintln(e.errOut, "attention : la saisie gardée "+g.draft.path+" n'a pas pu être effacée ("+err.Error()+")")
			}
			e.corrected(ref, done)
			return nil
		}
		if !g.backTo(err) {
			return e.stopped(g, err)
		}
	}
}

// lostFields lists the fields of an act (its JSON object) that a guided
// walk did not carry into the act it built.
func lostFields(src map[string]any, built *civil.Act) []string {
	got, err := actJSON(built)
	if err != nil {
		return []string{err.Error()}
	}
	var lost []string
	var walk func(path string, a, b any)
	walk = func(path string, a, b any) {
		switch x := a.(type) {
		case map[string]any:
			y, _ := b.(map[string]any)
			for k, v := range x {
				p := k
				if path != "" {
					p = path + "." + k
				}
				walk(p, v, y[k])
			}
		case []any:
			y, _ := b.([]any)
			for i, v := range x {
				var w any
				if i < len(y) {
					w = y[i]
				}
				walk(fmt.Sprintf("%s[%d]", path, i+1), v, w)
			}
		default:
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(ja) != string(jb) {
				lost = append(lost, path)
			}
		}
	}
	walk("", src, got)
	sort.Strings(lost)
	return lost
}
