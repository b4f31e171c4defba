package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/keyring"
	"etatcivil/internal/parse"
	"etatcivil/registry"
)

// revokeOptions is officier revoquer's.
type revokeOptions struct {
	motif, depuis string
	confirme      bool
}

func (e *env) revoquerCmd() *cobra.Command {
	var o revokeOptions
	cmd := &cobra.Command{
		Use:   "revoquer ID --motif fin-de-mandat|compromission [--depuis JJ/MM/AAAA] [--confirme]",
		Short: "Révoque la clé de signature d'un officier (fin de mandat, clé compromise)",
		Long: `Révoque la clé de signature d'un officier : il ne peut plus rien signer avec elle. Ce que
deviennent les documents qu'elle a signés dépend du motif :
  --motif fin-de-mandat   l'officier quitte ses fonctions (fin de mandat, de délégation) : ce qu'il a
                          signé avant reste AUTHENTIQUE (etatcivil verifier le précise) ; une signature
                          faite après est refusée. --depuis : premier jour où il n'est plus en fonctions
                          (par défaut : maintenant).
  --motif compromission   la clé a pu être utilisée par un autre (ordinateur volé, phrase divulguée) :
                          tout ce qu'elle a signé à partir de --depuis est montré comme suspect ; sans
                          --depuis, toutes ses signatures depuis sa création.

Révoquer est irréversible : la commande montre le nom de l'officier et demande de le retaper,
puis la phrase secrète du sceau de la commune (celui qui garde le sceau révoque, comme il certifie
les clés). Dans un script : --confirme, et la phrase dans ETATCIVIL_PHRASE.

Ensuite, remettez aux partenaires la liste de révocation signée par le sceau :
  etatcivil cles revocations -o revocations.pem   (ou etatcivil cles exporter -o commune.pem)`,
		Example: `  etatcivil officier revoquer o3 --motif fin-de-mandat
  etatcivil officier revoquer o2 --motif compromission --depuis 15/11/2026`,
		Args: args(1, "identifiant de l'officier"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := required(cmd, "motif"); err != nil {
				return err
			}
			return e.runRevoke(a[0], o)
		},
	}
	cmd.Flags().StringVar(&o.motif, "motif", "", "fin-de-mandat (l'officier quitte ses fonctions) ou compromission (la clé a pu être utilisée par un autre)")
	cmd.Flags().StringVar(&o.depuis, "depuis", "", "JJ/MM/AAAA : premier jour où ses signatures ne valent plus (par défaut : maintenant pour une fin de mandat, depuis toujours pour une compromission)")
	cmd.Flags().BoolVar(&o.confirme, "confirme", false, "pour un script : ne pas demander de retaper le nom de l'officier")
	return cmd
}

func (e *env) runRevoke(id string, o revokeOptions) error {
	raison, err := keyring.Reasons.Match(o.motif)
	if err != nil {
		return refuseParse("motif", err)
	}
	r := registry.Revocation{Raison: raison}
	if strings.TrimSpace(o.depuis) != "" {
		d, err := parse.Date(o.depuis)
		if err != nil {
			return refuseParse("depuis", err)
		}
		r.Depuis, _ = time.ParseInLocation("2006-01-02", d, time.Local)
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	of, ok := s.Officer(id)
	if !ok {
		return civil.Refuse("officier", "officier « "+id+" » inconnu du registre", "choisissez un officier de la liste", civil.Then(civil.SeeOfficers))
	}
	rec, err := s.OfficerKey(id)
	if err != nil {
		return err
	}
	if rec == nil {
		return civil.Refuse("officier", "l'officier "+of.FullName()+" ("+id+") n'a pas de clé de signature", "rien à révoquer")
	}
	at, revoked := rec.Revoked()
	if revoked && rec.Raison != "" {
		return civil.Refuse("officier", fmt.Sprintf("la clé %s (%s) est déjà révoquée depuis le %s (%s)", civil.Of(of.FullName()), id, at.Local().Format("02/01/2006 à 15:04"), rec.Motif), "rien à faire")
	}

	// What is about to happen, with the officer's name: a typo in the id
	// shows here.
	created, _ := time.Parse(time.RFC3339, rec.CreeLe)
	say := func(format string, a ...any) { fmt.Fprintf(e.errOut, format+"\n", a...) }
	if revoked {
		say("La clé %s %s (%s), %s, a été révoquée le %s sans motif (version précédente) : toutes ses signatures sont tenues pour suspectes.",
			rec.ID, civil.Of(of.FullName()), id, of.QualiteLabel(), at.Local().Format("02/01/2006 à 15:04"))
		say("Motif à inscrire : %s.", keyring.Reasons.Label(raison))
	} else {
		say("Révocation de la clé de signature %s (%s), %s — clé %s, créée le %s.", civil.Of(of.FullName()), id, of.QualiteLabel(), rec.ID, created.Local().Format("02/01/2006"))
	}
	switch {
	case raison == registry.RaisonFinDeMandat && r.Depuis.IsZero():
		say("Motif : fin de mandat. Ce que cette clé a signé jusqu'à maintenant reste authentique ; elle ne signera plus rien.")
	case raison == registry.RaisonFinDeMandat:
		say("Motif : fin de mandat à compter du %s. Ce que cette clé a signé avant reste authentique ; ce qu'elle a signé depuis sera refusé.", r.Depuis.Format("02/01/2006"))
	case r.Depuis.IsZero():
		say("Motif : clé compromise, depuis une date inconnue : TOUT ce qu'elle a signé depuis sa création (le %s) sera montré comme suspect.", created.Local().Format("02/01/2006"))
	default:
		say("Motif : clé compromise à compter du %s : ce qu'elle a signé depuis sera montré comme suspect ; avant, authentique.", r.Depuis.Format("02/01/2006"))
	}
	say("C'est irréversible.")
	if err := e.confirmName(of, o.confirme); err != nil {
		return err
	}
	auth, err := e.authority(s)
	if err != nil {
		return err
	}
	k, err := keyring.Revoke(s, auth, id, r)
	if err != nil {
		return err
	}
	rev, _, err := k.Revocation()
	if err != nil {
		return err
	}
	if revoked {
		fmt.Fprintf(e.out, "Motif de la révocation de la clé %s de l'officier %s inscrit : %s.\n", k.ID, id, keyring.Describe(rev))
	} else {
		fmt.Fprintf(e.out, "Clé %s de l'officier %s révoquée : %s.\n", k.ID, id, keyring.Describe(rev))
	}
	fmt.Fprintln(e.out, "  → remettez aux partenaires la liste de révocation signée par le sceau : etatcivil cles revocations -o revocations.pem")
	return nil
}

// confirmName asks the clerk to type the officer's name before an
// irreversible act on the officer's key: at a terminal only; a script
// says --confirme. An input closed, or any other answer, is a no.
func (e *env) confirmName(o civil.Officer, confirmed bool) error {
	if confirmed {
		return nil
	}
	if !e.interactive {
		return &usageError{"confirmation requise : la révocation est irréversible", "tapez la commande dans un terminal pour confirmer, ou ajoutez --confirme dans un script"}
	}
	fmt.Fprintf(e.errOut, "Pour confirmer, tapez le nom de l'officier (%s) : ", o.Nom)
	if e.lines == nil {
		e.lines = bufio.NewReader(e.in)
	}
	line, err := e.lines.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		fmt.Fprintln(e.errOut)
		return &usageError{"révocation non confirmée : rien n'a été révoqué", "recommencez la commande et tapez le nom de l'officier"}
	}
	if typed := strings.TrimSpace(line); fold.Key(typed) != fold.Key(o.Nom) {
		return &usageError{"révocation non confirmée : " + parse.Quote(typed) + " n'est pas le nom de l'officier " + o.ID + " (" + o.Nom + ") ; rien n'a été révoqué",
			"vérifiez l'identifiant de l'officier (etatcivil officier lister), puis recommencez"}
	}
	return nil
}

// refuseParse names the field of a value that internal/parse could not read.
func refuseParse(field string, err error) error {
	if p, ok := err.(*parse.Problem); ok {
		return civil.Refuse(field, p.Rule, p.Hint)
	}
	return err
}
