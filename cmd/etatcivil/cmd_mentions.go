package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

func (e *env) mentionsCmd() *cobra.Command {
	pending := &cobra.Command{
		Use:   "a-envoyer",
		Short: "Liste les avis de mention à envoyer à d'autres communes, avec leur échéance (3 jours)",
		Long: `Liste les avis de mention pas encore envoyés : quand un mariage ou un décès est signé et que l'acte
de naissance de l'époux ou du défunt n'est pas dans ce registre, la mention doit être envoyée à la
commune qui le tient, dans les 3 jours. Un avis en retard est signalé EN RETARD.`,
		Args: args(0, ""),
		RunE: func(*cobra.Command, []string) error { return e.runPendingNotices() },
	}
	sent := &cobra.Command{
		Use:     "envoyee N",
		Short:   "Marque l'avis de mention n° N comme envoyé",
		Example: "  etatcivil mentions envoyee 3",
		Args:    args(1, "numéro de l'avis (voir etatcivil mentions a-envoyer)"),
		RunE:    func(_ *cobra.Command, a []string) error { return e.runNoticeSent(a[0]) },
	}
	var sortie string
	print := &cobra.Command{
		Use:     "avis N -o avis.pdf",
		Short:   "Écrit l'avis de mention n° N en PDF, à signer, sceller et envoyer",
		Example: "  etatcivil mentions avis 3 -o avis-3.pdf",
		Args:    args(1, "numéro de l'avis (voir etatcivil mentions a-envoyer)"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "sortie"); err != nil {
				return err
			}
			return e.runPrintNotice(a[0], sortie)
		},
	}
	print.Flags().StringVarP(&sortie, "sortie", "o", "", "fichier PDF à écrire")
	e.replaceFlag(print)
	return groupCmd("mentions", "Avis de mention à envoyer aux autres communes", pending, print, sent)
}

func (e *env) runPendingNotices() error {
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	now := e.clock()
	n, late := 0, 0
	err = s.Notices(true, func(nt *registry.Notice) error {
		n++
		flag := ""
		if nt.Late(now) {
			late++
			flag = "  EN RETARD"
		}
		fmt.Fprintf(e.out, "n° %d  à envoyer avant le %s%s\n", nt.Numero, figures(nt.Echeance), flag)
		fmt.Fprintf(e.out, "  à : %s\n", nt.Destinataire)
		fmt.Fprintf(e.out, "  acte de naissance de %s, %s le %s à %s\n", nt.Personne.FullName(), civil.Agree(nt.Personne.Sexe, "né", "née"),
			figures(nt.Personne.DateNaissance), nt.Personne.LieuNaissance)
		_, err := fmt.Fprintf(e.out, "  mention : « %s » (%s) — acte d'origine %s\n", nt.Texte, nt.Fondement, nt.Source)
		return err
	})
	if err != nil {
		return err
	}
	switch {
	case n == 0:
		fmt.Fprintln(e.out, "Aucun avis de mention à envoyer.")
	default:
		fmt.Fprintf(e.out, "%d avis à envoyer, dont %d en retard.\n", n, late)
		fmt.Fprintln(e.out, "  → etatcivil mentions avis N -o avis-N.pdf, puis après l'envoi : etatcivil mentions envoyee N")
	}
	return nil
}

func (e *env) runNoticeSent(id string) error {
	n, err := registry.ParseNoticeID(id)
	if err != nil {
		return err
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	nt, err := s.MarkSent(n)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Avis de mention n° %d marqué envoyé (%s).\n", nt.Numero, nt.Destinataire)
	return nil
}

func (e *env) runPrintNotice(id, path string) error {
	n, err := registry.ParseNoticeID(id)
	if err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	nt, err := s.Notice(n)
	if err != nil {
		return err
	}
	if err := e.writeNotice(s, nt, path); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "Avis de mention n° %d écrit dans %s : à signer, sceller et envoyer à %s avant le %s.\n", nt.Numero, path, nt.Destinataire, figures(nt.Echeance))
	if nt.EnvoyeLe == "" {
		fmt.Fprintf(e.out, "  → après l'envoi : etatcivil mentions envoyee %d\n", nt.Numero)
	}
	return nil
}

// writeNotice writes the PDF of a notice, in the name of the officer of
// the act that caused it, who signs it by hand.
func (e *env) writeNotice(s *registry.Store, n *registry.Notice, path string) error {
	c, err := s.Commune()
	if err != nil {
		return err
	}
	of, _ := s.Officer(n.Officier)
	return e.writePDF(path, func(w io.Writer) error { return forms.WriteNotice(w, *n, c, of) })
}
