package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

type copyOptions struct {
	forme, demandeur, qualite, parents, autorisation, mandat, officier, sortie string
}

func (e *env) copieCmd() *cobra.Command {
	var o copyOptions
	cmd := &cobra.Command{
		Use:   "copie REF --forme FORME --demandeur \"Prénoms NOM\" --qualite QUALITE [--parents \"Prénoms NOM;Prénoms NOM\"] [--autorisation REFERENCE] -o FICHIER.pdf",
		Short: "Délivre une copie intégrale ou un extrait certifié, en PDF, après contrôle des droits du demandeur",
		Long: `Délivre une copie ou un extrait d'un acte signé, selon le décret 2017-890 (art. 30 à 33) :
  --forme integrale            copie intégrale (tout l'acte et toutes ses mentions)
  --forme extrait-filiation    extrait avec indication de la filiation
  --forme extrait              extrait sans filiation (délivré à toute personne)
  --forme plurilingue          extrait plurilingue (convention CIEC n° 16)

Qualité du demandeur (--qualite) : interesse (la personne concernée, majeure), pere-mere,
ascendant, descendant, conjoint, representant (représentant légal, notaire ou avocat
mandataire), procureur, tiers (avec --autorisation du procureur), genealogiste (généalogiste
mandaté : --mandat REFERENCE, inscrite au registre des copies ; pour les droits, un tiers).

Un demandeur autre que la personne concernée indique les prénoms et noms des parents
inscrits sur l'acte (--parents) ; les accents et majuscules ne comptent pas. Les actes de
décès, les actes dont le registre est clos depuis 75 ans, et ceux dont la personne est décédée
depuis 25 ans ou plus (mention de décès en marge, ou acte de décès au registre), sont délivrés
à toute personne.

Chaque demande, délivrée ou refusée pour les droits du demandeur, est inscrite au registre des
copies (etatcivil copies) ; les droits sont vérifiés avant que la phrase secrète soit demandée.
Une demande mal formée (acte inconnu ou non signé, parents manquants ou séparés par une virgule
au lieu de « ; ») est refusée sans être inscrite : corrigez-la et relancez.
La copie porte un numéro unique ; faites-la signer par l'officier et apposez le sceau.`,
		Example: `  etatcivil copie naissance/2026/38 --forme integrale --demandeur "Anaïs MÜLLER" --qualite pere-mere \
      --parents "Anaïs MÜLLER;Karim OUALI" -o copie.pdf
  etatcivil copie deces/2026/13 --forme extrait --demandeur "Thomas MERCIER" --qualite tiers -o extrait.pdf
  etatcivil copie naissance/1958/212 --forme integrale --demandeur "Étienne VASSEUR" --qualite genealogiste \
      --mandat "Me GARNIER 2026-114" -o copie.pdf`,
		Args: args(1, "référence de l'acte"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "forme", "demandeur", "qualite", "sortie"); err != nil {
				return err
			}
			return e.runCopy(a[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.forme, "forme", "", "integrale, extrait-filiation, extrait ou plurilingue")
	f.StringVar(&o.demandeur, "demandeur", "", "prénoms et NOM du demandeur")
	f.StringVar(&o.qualite, "qualite", "", "qualité du demandeur : "+strings.Join(civil.RequesterQualites, ", "))
	f.StringVar(&o.parents, "parents", "", "prénoms et noms des parents de la personne, tels que le demandeur les indique, séparés par « ; »")
	f.StringVar(&o.autorisation, "autorisation", "", "référence de l'autorisation du procureur de la République (demandeur tiers)")
	f.StringVar(&o.mandat, "mandat", "", "référence du mandat d'un généalogiste (qualité genealogiste)")
	f.StringVar(&o.officier, "officier", "", "officier qui certifie la copie (obligatoire s'il y en a plusieurs)")
	f.StringVarP(&o.sortie, "sortie", "o", "", "fichier PDF à écrire")
	e.replaceFlag(cmd)
	return cmd
}

func (e *env) runCopy(refText string, o copyOptions) error {
	var rec registry.CopyRecord
	err := e.withRef(refText, false, func(s *registry.Store, ref civil.Ref) (err error) {
		req := civil.CopyRequest{Ref: ref, Forme: o.forme, Demandeur: o.demandeur, Qualite: o.qualite,
			Parents: strings.Split(o.parents, ";"), Autorisation: o.autorisation, Mandat: o.mandat, Officier: o.officier}
		if err := req.Check(); err != nil {
			return err
		}
		signer, err := s.CopySigner(o.officier)
		if err != nil {
			return err
		}
		// The rights first: a malformed request is refused as it is typed
		// (nothing written), and a request the requester's rights refuse
		// is written to the register of copies, without asking the
		// officer's passphrase for a copy that will not be delivered.
		req.Officier = signer.ID
		if err := s.CheckCopy(req); err != nil {
			var rights *registry.CopyRightsRefusal
			if errors.As(err, &rights) {
				_, err = s.DeliverCopy(req, nil)
			}
			return err
		}
		sl, err := e.officerSeal(s, signer)
		if err != nil {
			return err
		}
		rec, err = e.deliverCopy(s, req, o.sortie, sl)
		return err
	})
	if err != nil {
		return err
	}
	label := civil.FormeLabel(rec.Forme)
	// A copie intégrale is feminine, an extract masculine.
	sex := "M"
	if rec.Forme == civil.FormeIntegrale {
		sex = "F"
	}
	fmt.Fprintf(e.out, "%s n° %s de l'acte %s %s dans %s.\n", strings.ToUpper(label[:1])+label[1:], rec.Serie, rec.Reference, civil.Agree(sex, "écrit", "écrite"), o.sortie)
	fmt.Fprintf(e.out, "%s à %s (%s), %s au registre des copies (ligne n° %d).\n", civil.Agree(sex, "Délivré", "Délivrée"), rec.Demandeur, civil.RequesterLabel(rec.Qualite), civil.Agree(sex, "inscrit", "inscrite"), rec.Numero)
	fmt.Fprintf(e.out, "%s électroniquement par %s ; code signé imprimé sur %s (vérification : etatcivil verifier %s).\n", civil.Agree(sex, "Signé", "Signée"), rec.Officier, civil.Agree(sex, "l'extrait", "la copie"), o.sortie)
	fmt.Fprintf(e.out, "  → %s, faites-%s signer par l'officier et apposez le sceau de la mairie\n", civil.Agree(sex, "imprimez-le", "imprimez-la"), civil.Agree(sex, "le", "la"))
	return nil
}

// deliverCopy handles a copy request and writes the copy to path. The
// PDF is rendered inside the transaction that writes the log line, and
// takes its name only once that line is committed: no copy exists without
// its line.
func (e *env) deliverCopy(s *registry.Store, req civil.CopyRequest, path string, sl *forms.Seal) (registry.CopyRecord, error) {
	out, err := e.createPDF(path)
	if err != nil {
		return registry.CopyRecord{}, err
	}
	rec, err := s.DeliverCopy(req, func(d registry.Delivery) error { return forms.WriteCopy(out, d, sl) })
	if err != nil {
		out.Abort()
		return rec, err
	}
	if err := out.Commit(); err != nil {
		return rec, fmt.Errorf("%w\n  (la délivrance est inscrite au registre des copies, ligne n° %d : relancez la commande pour une nouvelle copie)", err, rec.Numero)
	}
	return rec, nil
}
