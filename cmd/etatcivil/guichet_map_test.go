package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"etatcivil/internal/guichet"
)

// counterPage is what the counter (etatcivil guichet) offers for one
// command: the page that does the same thing, or why no page is needed.
type counterPage struct {
	// Page is the page's address ("/registre?acte=REF": the query says
	// how to reach the command's case, and is not checked).
	Page string
	// Why no page is needed: only for the commands in noPageNeeded.
	Why string
	// Pending names who builds the missing page (issue 22): the command
	// has no page yet.
	Pending string
}

// counterPages is the capability map: every command and subcommand of
// etatcivil, named as on its command line, and its page at the counter.
// TestEveryCommandHasAPage fails when a command is missing here, when a
// page named is not served, or when a command without a page is not one
// that needs none; docs/guichet.md lists the same map for the clerks.
var counterPages = map[string]counterPage{
	"afficher":           {Page: "/registre?acte=REF"},
	"annuler":            {Page: "/imprimer/annuler"},
	"bans":               {Page: "/bans"},
	"bans imprimer":      {Page: "/bans/affiche"},
	"bans lister":        {Page: "/bans"},
	"bans publier":       {Page: "/bans"},
	"cles":               {Page: "/cles"},
	"cles exporter":      {Page: "/cles"},
	"cles phrase":        {Page: "/cles/phrase"},
	"cles revocations":   {Page: "/cles"},
	"cloturer":           {Page: "/cloture"},
	"compacter":          {Page: "/compacter"},
	"controle":           {Page: "/controle"},
	"copie":              {Page: "/copie"},
	"copies":             {Page: "/copie"},
	"corriger":           {Page: "/dresser/naissance?corriger=REF"},
	"deces":              {Page: "/dresser/deces"},
	"demo":               {Why: "une démonstration sur des données d'exemple, dans un dossier à part : rien à faire au guichet"},
	"dresser":            {Page: "/imprimer/dresser"},
	"enfant-sans-vie":    {Page: "/dresser/enfant-sans-vie"},
	"export":             {Page: "/export"},
	"guichet":            {Why: "c'est la commande qui ouvre le guichet"},
	"horloge":            {Page: "/horloge"},
	"import":             {Page: "/import"},
	"imprimer":           {Page: "/imprimer/feuille"},
	"init":               {Page: "/creer"},
	"journal":            {Page: "/journal"},
	"lister":             {Page: "/registre"},
	"mariage":            {Page: "/dresser/mariage"},
	"mention":            {Page: "/mentions"},
	"mention ajouter":    {Page: "/mentions"},
	"mentions":           {Page: "/avis"},
	"mentions a-envoyer": {Page: "/avis"},
	"mentions avis":      {Page: "/avis/pdf"},
	"mentions envoyee":   {Page: "/avis"},
	"naissance":          {Page: "/dresser/naissance"},
	"numerotation":       {Page: "/numerotation"},
	"officier":           {Page: "/officiers"},
	"officier ajouter":   {Page: "/officiers/ajouter"},
	"officier lister":    {Page: "/officiers"},
	"officier modifier":  {Page: "/officiers/civilite"},
	"officier phrase":    {Page: "/officiers/phrase"},
	"officier revoquer":  {Page: "/officiers/revoquer"},
	"preparer":           {Page: "/registre/preparer"},
	"rapprochement":      {Page: "/rapprochement"},
	"rdv":                {Page: "/rdv"},
	"rdv annuler":        {Page: "/rdv/annuler"},
	"rdv deplacer":       {Page: "/rdv/deplacer"},
	"rdv exporter":       {Page: "/rdv/exporter"},
	"rdv fermer":         {Page: "/rdv/fermer"},
	"rdv importer":       {Page: "/rdv/importer"},
	"rdv jour":           {Page: "/rdv/carnet"},
	"rdv ouvrir":         {Page: "/rdv/ouvrir"},
	"rdv prendre":        {Page: "/rdv/prendre"},
	"rdv rappels":        {Page: "/rdv"},
	"recherche":          {Page: "/recherche"},
	"reconnaissance":     {Page: "/dresser/reconnaissance"},
	"reglages":           {Page: "/reglages"},
	"restaurer":          {Page: "/restaurer"},
	"sauvegarde":         {Page: "/sauvegarde"},
	"secours":            {Page: "/cles"},
	"secours creer":      {Page: "/secours"},
	"secours signer":     {Page: "/secours"},
	"signer":             {Page: "/imprimer"},
	"tables":             {Page: "/tables"},
	"temoin":             {Page: "/horloge"},
	"temoin accepter":    {Page: "/temoin"},
	"transcription":      {Page: "/dresser/transcription"},
	"verifier":           {Page: "/verification"},
}

// noPageNeeded are the only commands that may have no page: the
// demonstration, the counter itself, and the help.
var noPageNeeded = map[string]bool{"demo": true, "guichet": true, "aide": true, "help": true, "completion": true}

func TestEveryCommandHasAPage(t *testing.T) {
	e := newEnv(t, t.TempDir(), "")
	root := e.rootCmd()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	seen := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			name := strings.TrimPrefix(sub.CommandPath(), root.Name()+" ")
			seen[name] = true
			if _, ok := counterPages[name]; !ok && !noPageNeeded[name] {
				t.Errorf("etatcivil %s : absente de la carte du guichet (counterPages) : nommez sa page, ou la raison de s'en passer", name)
			}
			walk(sub)
		}
	}
	walk(root)
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "guichet.md"))
	if err != nil {
		t.Fatal(err)
	}
	var pending []string
	for name, p := range counterPages {
		if !seen[name] {
			t.Errorf("counterPages names %q, which is no command of etatcivil", name)
		}
		switch {
		case p.Page != "":
			ok, err := guichet.Routed(p.Page)
			if err != nil || !ok {
				t.Errorf("etatcivil %s : la page %s n'est pas servie par le guichet (%v)", name, p.Page, err)
			}
			if p.Why != "" || p.Pending != "" {
				t.Errorf("etatcivil %s : a une page et une raison de s'en passer", name)
			}
		case p.Why != "":
			if !noPageNeeded[name] {
				t.Errorf("etatcivil %s : seules demo, guichet et l'aide se passent de page (%q)", name, p.Why)
			}
		case p.Pending != "":
			pending = append(pending, name+" ("+p.Pending+")")
		default:
			t.Errorf("etatcivil %s : ni page, ni raison", name)
		}
		if !strings.Contains(string(doc), "`etatcivil "+name+"`") {
			t.Errorf("docs/guichet.md ne cite pas `etatcivil %s`", name)
		}
	}
	sort.Strings(pending)
	if len(pending) > 0 {
		t.Logf("commandes encore sans page (issue 22) : %s", strings.Join(pending, ", "))
	}
}
