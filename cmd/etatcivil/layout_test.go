package main

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"

	"etatcivil/civil"
)

// The layout of the program shows the law: civil is the model and the
// law, registry and agenda keep the records, and only this command names
// flags and commands. These tests pin it.

// moduleRoot is the folder of go.mod, seen from this package.
const moduleRoot = "../.."

// domainPackages are the packages that speak the domain's words only.
var domainPackages = []string{"civil", "registry", "agenda"}

// deps returns every package that the package in dir imports, directly or
// through the module's own packages, tests left out.
func deps(t *testing.T, dir string) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	var walk func(dir string)
	walk = func(dir string) {
		p, err := build.Default.ImportDir(filepath.Join(moduleRoot, dir), 0)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, imp := range p.Imports {
			if seen[imp] {
				continue
			}
			seen[imp] = true
			if local, ok := strings.CutPrefix(imp, "etatcivil/"); ok {
				walk(local)
			}
		}
	}
	walk(dir)
	return seen
}

// TestImportGraph asserts that civil imports neither bbolt nor cobra, and
// that registry and agenda import no cobra, directly or not.
func TestImportGraph(t *testing.T) {
	forbidden := map[string][]string{
		"civil":    {"go.etcd.io/bbolt", "github.com/spf13/cobra", "etatcivil/registry", "etatcivil/agenda", "etatcivil/forms"},
		"registry": {"github.com/spf13/cobra", "etatcivil/agenda", "etatcivil/forms"},
		"agenda":   {"github.com/spf13/cobra", "etatcivil/forms"},
	}
	for _, pkg := range domainPackages {
		if _, err := os.Stat(filepath.Join(moduleRoot, pkg)); err != nil {
			continue // not there yet
		}
		got := deps(t, pkg)
		for _, f := range forbidden[pkg] {
			for imp := range got {
				if imp == f || strings.HasPrefix(imp, f+"/") {
					t.Errorf("%s imports %s", pkg, imp)
				}
			}
		}
	}
}

// commandWords returns the names of the commands of etatcivil, and of
// their subcommands.
func commandWords() []string {
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			out = append(out, sub.Name())
			walk(sub)
		}
	}
	walk((&env{}).rootCmd())
	return out
}

// TestDomainSpeaksNoCommandLine asserts that no string literal of civil,
// registry and agenda names an option (--motif) or a command (etatcivil
// officier lister): they name domain fields and next steps, which
// hints.go writes as options and commands.
func TestDomainSpeaksNoCommandLine(t *testing.T) {
	flag := regexp.MustCompile(`(^|[^-\pL])--[a-z]`)
	command := regexp.MustCompile(`\betatcivil\s+(` + strings.Join(commandWords(), "|") + `)\b`)
	for _, pkg := range domainPackages {
		dir := filepath.Join(moduleRoot, pkg)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkgs {
			for _, f := range p.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					lit, ok := n.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						return true
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
					}
					if flag.MatchString(s) || command.MatchString(s) {
						t.Errorf("%s: %q names an option or a command", fset.Position(lit.Pos()), s)
					}
					return true
				})
			}
		}
	}
}

// stepCount counts the constants of type civil.Step in civil/next.go.
func stepCount(t *testing.T) int {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(moduleRoot, "civil", "next.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		typed := false
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); ok {
				typed = id.Name == "Step"
			}
			if typed {
				n += len(v.Names)
			}
		}
	}
	return n
}

// TestEveryStepIsARealCommand asserts that hints.go writes every next step
// that civil defines, and that each names a command and options that
// exist.
func TestEveryStepIsARealCommand(t *testing.T) {
	root := (&env{}).rootCmd()
	n := stepCount(t)
	if n == 0 || len(stepTexts) != n {
		t.Fatalf("civil defines %d steps, hints.go writes %d", n, len(stepTexts))
	}
	words := regexp.MustCompile(`etatcivil((?: [a-z][a-z-]*)+)`)
	options := regexp.MustCompile(`(?:^| )--([a-z-]+)`)
	for step := civil.Step(1); int(step) <= n; step++ {
		text := stepText(civil.Then(step))
		if text == "" {
			t.Errorf("step %d has no text", step)
			continue
		}
		cmd := root
		if m := words.FindStringSubmatch(text); m != nil {
			found, rest, err := root.Find(strings.Fields(m[1]))
			if err != nil || found == root || len(rest) > 0 {
				t.Errorf("step %d: %q names no command (%v)", step, text, err)
				continue
			}
			cmd = found
		} else if !strings.Contains(text, "relancez la commande") && !strings.Contains(text, "--dossier") {
			t.Errorf("step %d: %q names no command", step, text)
		}
		for _, o := range options.FindAllStringSubmatch(text, -1) {
			if strings.Contains(text, "relancez la commande") {
				if !hasOption(root, o[1]) {
					t.Errorf("step %d: no command has --%s", step, o[1])
				}
				continue
			}
			if cmd.Flags().Lookup(o[1]) == nil && cmd.InheritedFlags().Lookup(o[1]) == nil {
				t.Errorf("step %d: %s has no --%s", step, cmd.CommandPath(), o[1])
			}
		}
	}
	for path, args := range fieldArgs {
		c, _, err := root.Find(strings.Fields(strings.TrimPrefix(path, "etatcivil ")))
		if err != nil || c.CommandPath() != path {
			t.Errorf("fieldArgs names %q, which is not a command", path)
			continue
		}
		for _, a := range args {
			if !strings.Contains(c.Use, a) {
				t.Errorf("%s takes no argument %s", path, a)
			}
		}
	}
	for field, flag := range fieldFlags {
		if !hasOption(root, flag) {
			t.Errorf("fieldFlags maps %s to --%s, which no command has", field, flag)
		}
	}
}

// hasOption tells whether some command has the option.
func hasOption(c *cobra.Command, name string) bool {
	if c.Flags().Lookup(name) != nil {
		return true
	}
	return slices.ContainsFunc(c.Commands(), func(s *cobra.Command) bool { return hasOption(s, name) })
}

// TestFieldsBecomeOptions shows how a refusal of the domain reaches the
// clerk: the field becomes the option of the command that gave it, the
// next step the command to type.
func TestFieldsBecomeOptions(t *testing.T) {
	root := (&env{}).rootCmd()
	annuler, _, _ := root.Find([]string{"annuler"})
	refus := &civil.RefusedError{Problems: []civil.Problem{
		{Field: "motif", Rule: "motif manquant", Hint: "indiquez pourquoi"},
		{Field: "officier", Rule: "officier « o9 » inconnu", Hint: "choisissez un officier du registre", Next: []civil.Next{civil.Then(civil.SeeOfficers)}},
		{Field: "enfant.prenoms[1]", Rule: "caractère non autorisé", Next: []civil.Next{civil.Then(civil.SignAct, "naissance/2026/38")}},
	}}
	want := `refusé — 3 problèmes :
--motif : motif manquant
  → indiquez pourquoi
officier : officier « o9 » inconnu
  → choisissez un officier du registre
  → liste des officiers : etatcivil officier lister
enfant.prenoms[1] : caractère non autorisé
  → enregistrer la signature : etatcivil signer naissance/2026/38`
	if got := refusalText(annuler, refus); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	ouvrir, _, _ := root.Find([]string{"rdv", "ouvrir"})
	if got := fieldText(ouvrir, "de/a"); got != "--de/--a" {
		t.Errorf("de/a on rdv ouvrir: %q", got)
	}
	reglages, _, _ := root.Find([]string{"reglages"})
	if got := fieldText(reglages, "rappel_sauvegarde_heures"); got != "--rappel-heures" {
		t.Errorf("rappel_sauvegarde_heures on reglages: %q", got)
	}
	if got := fieldText(annuler, "dossier"); got != "dossier" {
		t.Errorf("an option inherited from the root is not the field's: %q", got)
	}
}

// docLink finds the pages of docs/ that a text names, with their anchor:
// "docs/format-actes.md", "(regles.md#mariage)".
var docLink = regexp.MustCompile(`(?:docs/|\]\()([a-z-]+\.md)(#[^)\s]*)?`)

// anchor returns the anchor GitHub gives a heading: "Écarts connus"
// gives "écarts-connus".
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// TestDocsLinks asserts that every page of docs/ that the program (its
// messages and help) or a page names exists, with the anchor named.
func TestDocsLinks(t *testing.T) {
	anchors := map[string]map[string]bool{}
	pages, _ := filepath.Glob(filepath.Join(moduleRoot, "docs", "*.md"))
	if len(pages) == 0 {
		t.Fatal("no docs/*.md")
	}
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		as := map[string]bool{}
		for _, l := range strings.Split(string(raw), "\n") {
			if h, ok := strings.CutPrefix(strings.TrimLeft(l, "#"), " "); ok && strings.HasPrefix(l, "#") {
				as[anchor(h)] = true
			}
		}
		anchors[filepath.Base(p)] = as
	}
	var texts []string
	filepath.WalkDir(moduleRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != moduleRoot {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".md") {
			raw, err := os.ReadFile(path)
			if err == nil {
				texts = append(texts, path+"\x00"+string(raw))
			}
		}
		return nil
	})
	for _, text := range texts {
		path, body, _ := strings.Cut(text, "\x00")
		inDocs := filepath.Base(filepath.Dir(path)) == "docs"
		for _, m := range docLink.FindAllStringSubmatch(body, -1) {
			as, ok := anchors[m[1]]
			if !ok {
				if inDocs || strings.Contains(m[0], "docs/") {
					t.Errorf("%s names %s, which is not in docs/", path, m[0])
				}
				continue
			}
			if m[2] != "" && !as[strings.TrimPrefix(m[2], "#")] {
				t.Errorf("%s names %s%s: no such heading", path, m[1], m[2])
			}
		}
	}
}
