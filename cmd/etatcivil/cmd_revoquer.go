package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"etatcivil/internal/keyring"
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
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := keyring.PlanRevoke(s, id, o.motif, o.depuis)
	if err != nil {
		return err
	}
	for _, l := range p.Lines {
		fmt.Fprintln(e.errOut, l)
	}
	if err := e.confirmName(p, o.confirme); err != nil {
		return err
	}
	auth, err := e.authority(s)
	if err != nil {
		return err
	}
	lines, err := p.Do(s, auth)
	if err != nil {
		return err
	}
	for _, l := range lines {
		fmt.Fprintln(e.out, l)
	}
	return nil
}

// confirmName asks the clerk to type the officer's name before an
// irreversible act on the officer's key: at a terminal only; a script
// says --confirme. An input closed, or any other answer, is a no.
func (e *env) confirmName(p *keyring.RevokePlan, confirmed bool) error {
	o := p.Officer
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
	return p.Confirm(line)
}
