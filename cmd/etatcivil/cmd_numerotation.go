package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/parse"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

type numberingOptions struct {
	registre       string
	annee, dernier int
	motif, officer string
}

func (e *env) numerotationCmd() *cobra.Command {
	o := &numberingOptions{}
	cmd := &cobra.Command{
		Use:   "numerotation --registre naissance|deces|mariage --annee AAAA [--dernier N [--motif TEXTE]]",
		Short: "Reprend la numérotation du système principal ou du registre papier (à faire avant le premier acte)",
		Long: `Indique le dernier numéro utilisé dans le système principal (ou sur le registre papier)
pour ce registre et cette année : le premier acte enregistré ici prendra le numéro suivant.
Aucun acte ne s'enregistre dans un registre de l'année dont la numérotation n'est pas reprise.
--dernier 0 seulement si la mairie n'a dressé aucun acte de ce registre cette année.

Tant qu'aucun acte de ce registre de l'année n'est signé, la numérotation se corrige, avec
son motif (--motif) : les brouillons et les numéros non utilisés sont renumérotés dans le même
ordre, et leurs feuilles déjà imprimées (qui portent l'ancien numéro) sont à réimprimer avant
signature. Chaque correction est inscrite avec son motif, sa date et son auteur, et au journal.
Dès qu'un acte est signé, la numérotation ne change plus. Une correction quand des numéros ont
déjà été donnés est autorisée par un officier de l'état civil (--officier), qui tape sa phrase
secrète personnelle ; son nom est inscrit avec la correction.

Sans --dernier : affiche la numérotation du registre de l'année et ses corrections.`,
		Example: `  etatcivil numerotation --registre naissance --annee 2026 --dernier 37
  etatcivil numerotation --registre naissance --annee 2026 --dernier 40 --motif "le système principal en était au n° 40" --officier o1
  etatcivil numerotation --registre naissance --annee 2026`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "registre", "annee"); err != nil {
				return err
			}
			if !cmd.Flags().Changed("dernier") {
				if cmd.Flags().Changed("motif") {
					return usage(cmd, "--motif accompagne une correction : indiquez aussi --dernier")
				}
				return e.showNumbering(o)
			}
			return e.runNumbering(o)
		},
	}
	choiceVar(cmd.Flags(), &o.registre, "registre", "", civil.KindChoice, "naissance, deces ou mariage")
	numberVar(cmd.Flags(), &o.annee, "annee", 0, minYear, maxYear, "année du registre")
	numberVar(cmd.Flags(), &o.dernier, "dernier", 0, 0, parse.MaxActNumber, "dernier numéro déjà utilisé par le système principal (0 seulement si aucun acte cette année)")
	cmd.Flags().StringVar(&o.motif, "motif", "", "pourquoi une numérotation déjà fixée change (obligatoire pour une correction)")
	cmd.Flags().StringVar(&o.officer, "officier", "", "officier qui autorise une correction quand des numéros ont déjà été donnés (sa phrase secrète est demandée)")
	return cmd
}

func (e *env) runNumbering(o *numberingOptions) error {
	kind := civil.Kind(o.registre)
	if err := kind.Check(); err != nil {
		return err
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	ch := registry.NumberingChange{Registre: kind, Annee: o.annee, Dernier: o.dernier, Motif: o.motif}
	if err := e.authorizeNumbering(s, &ch, o.officer); err != nil {
		return err
	}
	res, err := s.ChangeNumbering(ch)
	if err != nil {
		return err
	}
	if !res.Set && !res.Corrected {
		fmt.Fprintf(e.out, "Registre des %s %d : la numérotation est déjà celle-ci, rien n'a changé ; le prochain acte portera le numéro %d.\n", kind.Plural(), o.annee, o.dernier+1)
		return nil
	}
	n, err := s.RegisterNumbering(kind, o.annee)
	if err != nil {
		return err
	}
	if res.Corrected {
		fmt.Fprintf(e.out, "Numérotation du registre des %s %d corrigée (motif : %s), inscrite au journal.\n", kind.Plural(), o.annee, o.motif)
	}
	for _, m := range res.Moved {
		line := fmt.Sprintf("  %s devient %s (%s, %s)", m.From, m.To, civil.StatusLabel(m.Statut), m.Who)
		if m.Printed {
			line += " : sa feuille imprimée porte l'ancien numéro, détruisez-la et réimprimez-la"
		}
		fmt.Fprintln(e.out, line)
	}
	fmt.Fprintf(e.out, "Registre des %s %d : le prochain acte portera le numéro %d.\n", kind.Plural(), o.annee, n.Last+1)
	return nil
}

// authorizeNumbering authorises a change of a numbering that has already
// given numbers (issue 19 §7): an officer of the register must name
// themselves (--officier) and open their own key with their passphrase
// (keyring.Attest, the one check of the acts of authority); the officer
// is recorded with the correction (ch.Officier). Setting a numbering
// before its first act, repeating it unchanged, or a change the register
// refuses anyway (no reason, an act signed, the year closed) asks
// nothing.
func (e *env) authorizeNumbering(s *registry.Store, ch *registry.NumberingChange, officer string) error {
	n, err := s.RegisterNumbering(ch.Registre, ch.Annee)
	if err != nil {
		return err
	}
	if !n.NeedsOfficer(*ch) {
		return nil
	}
	if officer == "" {
		return n.OfficerRefusal()
	}
	if _, err := e.attest(s, officer); err != nil {
		return err
	}
	ch.Officier = officer
	return nil
}

func (e *env) showNumbering(o *numberingOptions) error {
	kind := civil.Kind(o.registre)
	if err := kind.Check(); err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.RegisterNumbering(kind, o.annee)
	if err != nil {
		return err
	}
	if !n.Set {
		return civil.Refuse("annee", fmt.Sprintf("la numérotation du registre des %s %d n'est pas reprise : aucun acte ne peut y être enregistré", kind.Plural(), o.annee),
			"indiquez le dernier numéro donné cette année par le système principal", civil.Then(civil.SetNumbering, o.registre, fmt.Sprint(o.annee)))
	}
	fmt.Fprintf(e.out, "Registre des %s %d : dernier numéro du système principal %d ; %s ici ; prochain acte n° %d.\n",
		kind.Plural(), o.annee, n.Start, words.Plural(n.Acts, "numéro donné", "numéros donnés"), n.Last+1)
	switch {
	case n.Clos != "":
		fmt.Fprintf(e.out, "Registre clos le %s : la numérotation ne change plus.\n", stamp(n.Clos))
	case n.Signed != 0:
		fmt.Fprintf(e.out, "L'acte n° %d est signé : la numérotation ne change plus.\n", n.Signed)
	default:
		fmt.Fprintln(e.out, "Aucun acte signé : la numérotation peut encore être corrigée (--dernier N --motif TEXTE).")
	}
	for _, c := range n.Corrections {
		by := c.Agent
		if c.Officier != "" {
			by += ", autorisée par l'officier " + c.Officier
		}
		fmt.Fprintf(e.out, "  corrigée le %s par %s : dernier numéro du système principal %d → %d, %s — motif : %s\n",
			stamp(c.Le), by, c.Avant, c.Apres, words.Plural(c.Actes, "numéro déplacé", "numéros déplacés"), c.Motif)
	}
	return nil
}
