package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"etatcivil/internal/guichet"
)

func (e *env) guichetCmd() *cobra.Command {
	var noBrowser bool
	cmd := &cobra.Command{
		Use:   "guichet [--sans-navigateur]",
		Short: "Ouvre le guichet dans le navigateur : la journée du guichet sur une page de cet ordinateur",
		Long: `Ouvre le guichet dans le navigateur par défaut : l'accueil de la journée (actes à signer, avis,
rendez-vous, sauvegarde, numérotation), la recherche, le journal ; l'officier ouvre sa clé une seule
fois (« Ouverture ») et elle se verrouille après 15 minutes sans activité. Sur un dossier sans
registre (un ordinateur neuf), le guichet propose de le créer, ou de restaurer une sauvegarde.

La page n'est servie qu'à cet ordinateur (adresse 127.0.0.1, port au hasard) et seulement au
navigateur ouvert par ce lien, qui ne sert qu'une fois. Les autres commandes etatcivil continuent
de fonctionner pendant ce temps. Un seul guichet à la fois par registre. Ctrl+C le ferme.`,
		Example: "  etatcivil guichet\n  etatcivil guichet --sans-navigateur",
		Args:    args(0, ""),
		RunE:    func(*cobra.Command, []string) error { return e.runGuichet(noBrowser) },
	}
	cmd.Flags().BoolVar(&noBrowser, "sans-navigateur", false, "affiche l'adresse à ouvrir au lieu d'ouvrir le navigateur")
	return cmd
}

func (e *env) runGuichet(noBrowser bool) error {
	dir, err := e.dir()
	if err != nil {
		return err
	}
	srv, err := guichet.Start(guichet.Config{Dir: dir, Agent: e.agentName(), Now: e.now, Log: e.errOut, Parts: parts})
	if err != nil {
		return err
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(stop)
	go func() {
		if _, ok := <-stop; ok {
			srv.Close()
		}
	}()
	fmt.Fprintln(e.out, "Guichet ouvert à l'adresse "+srv.Address()+" (sur cet ordinateur seulement).")
	for _, l := range noRegisterLines(srv) {
		fmt.Fprintln(e.out, l)
	}
	opened := false
	if !noBrowser {
		// The browser opens a page of this user's that sends it on with the
		// token: a command line would show the token to every user.
		if page, err := srv.LaunchPage(); err == nil {
			opened = openBrowser(page)
		}
		if !opened {
			fmt.Fprintln(e.out, "Le navigateur ne s'est pas ouvert.")
		}
	}
	if !opened {
		fmt.Fprintln(e.out, "Ouvrez ce lien dans le navigateur (il ne sert qu'une fois) :")
		fmt.Fprintln(e.out, "  "+srv.URL())
	}
	fmt.Fprintln(e.out, "Pour fermer le guichet : Ctrl+C dans cette fenêtre.")
	err = srv.Serve()
	srv.Close()
	fmt.Fprintln(e.out, "Guichet fermé ; la clé de l'officier n'est plus en mémoire.")
	return err
}

// noRegisterLines warn, when the counter starts on a folder without a
// register, which folder it is: a folder mistyped must not become a
// second register of the commune.
func noRegisterLines(srv *guichet.Server) []string {
	if !srv.NoRegister() {
		return nil
	}
	return []string{"Aucun registre dans le dossier " + srv.Folder() + " : la page propose de le créer, ou de restaurer une sauvegarde.",
		"Si le registre de la commune est dans un autre dossier, fermez le guichet (Ctrl+C) et relancez-le avec --dossier."}
}
