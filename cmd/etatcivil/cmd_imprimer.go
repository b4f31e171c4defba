package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

type printOptions struct {
	ref      string
	registre string
	annee    int
	officier string
	sortie   string
}

func (e *env) imprimerCmd() *cobra.Command {
	var o printOptions
	cmd := &cobra.Command{
		Use:   "imprimer (REF | --registre R --annee A) -o FICHIER.pdf",
		Short: "Écrit la feuille du registre d'un acte (ou de tout un registre) en PDF, à imprimer et signer",
		Long: `Écrit en PDF la feuille du registre d'un acte : en-tête de la commune, registre, année, numéro,
texte complet de l'acte, marge des mentions, cadres des signatures manuscrites et, en mode
secours, la mention de la panne. Imprimez-la, faites-la signer à l'encre par le déclarant et
l'officier, puis enregistrez la signature : etatcivil signer REF.

Avec --registre et --annee, toutes les feuilles d'un registre dans un seul fichier.

Chaque feuille porte un code signé (QR) et le PDF est signé électroniquement avec la clé
de l'officier de l'acte (ou de --officier) : la phrase secrète du sceau est demandée.`,
		Example: `  etatcivil imprimer naissance/2026/38 -o naissance-2026-38.pdf
  etatcivil imprimer --registre deces --annee 2026 -o registre-deces-2026.pdf`,
		Args: func(cmd *cobra.Command, a []string) error {
			if len(a) > 1 {
				return usage(cmd, "trop d'arguments : "+strings.Join(a[1:], " "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				o.ref = a[0]
			}
			whole := cmd.Flags().Changed("registre") || cmd.Flags().Changed("annee")
			switch {
			case o.ref != "" && whole:
				return usage(cmd, "donnez soit une référence d'acte, soit --registre et --annee, pas les deux")
			case o.ref == "" && !whole:
				return usage(cmd, "référence de l'acte manquante (ou --registre et --annee pour tout un registre)")
			case whole:
				if err := required(cmd, "registre", "annee"); err != nil {
					return err
				}
			}
			if err := required(cmd, "sortie"); err != nil {
				return err
			}
			return e.runPrint(o)
		},
	}
	choiceVar(cmd.Flags(), &o.registre, "registre", "", civil.KindChoice, "registre entier : naissance, deces ou mariage")
	numberVar(cmd.Flags(), &o.annee, "annee", 0, minYear, maxYear, "année du registre entier")
	cmd.Flags().StringVar(&o.officier, "officier", "", "officier dont la clé signe le PDF (par défaut celui des actes)")
	cmd.Flags().StringVarP(&o.sortie, "sortie", "o", "", "fichier PDF à écrire")
	e.replaceFlag(cmd)
	return cmd
}

func (e *env) runPrint(o printOptions) error {
	var ref civil.Ref
	if o.ref != "" {
		r, err := civil.ParseRef(o.ref)
		if err != nil {
			return err
		}
		ref = r
	} else if err := civil.Kind(o.registre).Check(); err != nil {
		return err
	}
	// The acts are read, the sheets laid out and the key opened on the
	// register opened for reading; the prints are then recorded on the
	// register opened for writing, and the PDF takes its name only once
	// they are (a draft is signed only when a sheet of its current
	// content was printed: see registry.Store.Sign).
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer func() { closeStore(s) }()
	var acts []*civil.Act
	title := ""
	if o.ref != "" {
		a, err := s.Get(ref)
		if err != nil {
			return err
		}
		acts = append(acts, a)
		title = forms.SheetTitle(ref)
	} else {
		err := s.List(civil.Kind(o.registre), o.annee, func(a *civil.Act) error { acts = append(acts, a); return nil })
		if err != nil {
			return err
		}
		if len(acts) == 0 {
			return civil.Refuse("--annee", fmt.Sprintf("le registre %s %d ne contient aucun acte", o.registre, o.annee), "vérifiez le registre et l'année avec etatcivil lister")
		}
		title = forms.RegisterTitle(civil.Kind(o.registre), o.annee)
	}

	signer, err := sheetSigner(s, acts, o.officier)
	if err != nil {
		return err
	}
	sl, err := e.officerSeal(s, signer)
	if err != nil {
		return err
	}
	bar := e.newCounter("Mise en page", int64(len(acts)), "feuilles")
	if len(acts) < 2 {
		bar.out = nil // one sheet: nothing to wait for
	}
	record := func() error {
		s.Close()
		s = nil
		w, err := e.open(false)
		if err != nil {
			return err
		}
		defer w.Close()
		return w.RecordPrints(acts)
	}
	if err := e.writeSheets(s, acts, title, o.sortie, bar.set, sl, record); err != nil {
		return err
	}
	bar.finish()
	if o.ref != "" {
		a := acts[0]
		fmt.Fprintf(e.out, "Feuille de l'acte %s écrite dans %s.\n", a.Ref(), o.sortie)
		if a.Statut == civil.StatutBrouillon {
			fmt.Fprintf(e.out, "  → imprimez-la, faites-la signer à l'encre, puis : etatcivil signer %s\n", a.Ref())
		}
		return nil
	}
	drafts := 0
	for _, a := range acts {
		if a.Statut == civil.StatutBrouillon {
			drafts++
		}
	}
	fmt.Fprintf(e.out, "%s du registre %s %d %s dans %s (%s à faire signer).\n", words.Plural(len(acts), "feuille", "feuilles"), o.registre, o.annee, words.Agree(len(acts), "écrite", "écrites"), o.sortie, words.PluralOrNone(drafts, "aucun", "brouillon", "brouillons"))
	return nil
}

// writeSheets writes the register sheets of acts into one PDF file,
// calling bar after each sheet, then record (which records the prints in
// the register); the file takes its name only when record succeeded.
func (e *env) writeSheets(s *registry.Store, acts []*civil.Act, title, path string, bar func(int), sl *forms.Seal, record func() error) error {
	out, err := e.createPDF(path)
	if err != nil {
		return err
	}
	if err := forms.WriteSheets(out, s, acts, title, sl, bar); err != nil {
		out.Abort()
		return err
	}
	if err := record(); err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}

// sheetSigner returns the officer whose key signs printed sheets: the one
// named, else the officer of the acts when they all have the same one,
// else the register's only officer.
func sheetSigner(s *registry.Store, acts []*civil.Act, id string) (civil.Officer, error) {
	if id != "" {
		return s.CopySigner(id)
	}
	ids := map[string]bool{}
	for _, a := range acts {
		if a.Officier != "" {
			ids[a.Officier] = true
			id = a.Officier
		}
	}
	if len(ids) != 1 {
		id = ""
	}
	return s.CopySigner(id)
}
