package registry

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"etatcivil/civil"
)

// actionArgs names the functions that journal a write, and which of their
// arguments is the entry's action code.
var actionArgs = map[string]int{
	"journal": 1, "Journal": 0, "JournalPurge": 0,
	"putCopy": 3, "putKey": 3, "addKey": 3, "putPlanned": 2, "update": 1,
	"putDaySlots": 2, "putAppointment": 2,
}

// Every action code the register and the agenda write in the journal has
// its label: found in their source (the calls that journal, the action
// constants and variables), so that a new code without one fails here.
func TestEveryActionHasALabel(t *testing.T) {
	codes := map[string]string{} // code → where
	consts := map[string]string{}
	for _, dir := range []string{".", filepath.Join("..", "agenda")} {
		fset := token.NewFileSet()
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			str := func(e ast.Expr) (string, bool) {
				switch e := e.(type) {
				case *ast.BasicLit:
					if e.Kind == token.STRING {
						s, err := strconv.Unquote(e.Value)
						return s, err == nil
					}
				case *ast.Ident:
					if strings.HasPrefix(e.Name, "action") && e.Obj != nil {
						if vs, ok := e.Obj.Decl.(*ast.ValueSpec); ok && len(vs.Values) == 1 {
							if lit, ok := vs.Values[0].(*ast.BasicLit); ok {
								s, err := strconv.Unquote(lit.Value)
								return s, err == nil
							}
						}
					}
				}
				return "", false
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					var fn string
					switch f := n.Fun.(type) {
					case *ast.Ident:
						fn = f.Name
					case *ast.SelectorExpr:
						fn = f.Sel.Name
					}
					if i, ok := actionArgs[fn]; ok && i < len(n.Args) {
						if s, ok := str(n.Args[i]); ok {
							codes[s] = fset.Position(n.Pos()).String()
						}
					}
				case *ast.AssignStmt:
					if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name == "action" && len(n.Rhs) == 1 {
						if s, ok := str(n.Rhs[0]); ok {
							codes[s] = fset.Position(n.Pos()).String()
						}
					}
				case *ast.ValueSpec:
					if len(n.Names) == 1 && strings.HasPrefix(n.Names[0].Name, "action") && len(n.Values) == 1 {
						if s, ok := str(n.Values[0]); ok {
							consts[s] = fset.Position(n.Pos()).String()
						}
					}
				}
				return true
			})
		}
	}
	for s, at := range consts {
		codes[s] = at
	}
	if len(codes) < 40 {
		t.Fatalf("only %d action codes found in the source: %v", len(codes), codes)
	}
	for _, k := range civil.Kinds {
		codes[string(k)] = "string(a.Type)"
	}
	for code, at := range codes {
		if _, ok := actionLabels[code]; !ok && !civil.Kind(code).ValidType() {
			t.Errorf("%s: the journal's action %q has no label (actionLabels)", at, code)
		}
	}
	for code := range actionLabels {
		if _, ok := codes[code]; !ok {
			t.Errorf("actionLabels names %q, which nothing writes", code)
		}
	}
	// A code of a later version is shown as it is, never hidden.
	if got := ActionLabel("action-future"); got != "action-future" {
		t.Errorf("unknown code: %q", got)
	}
	if got := ActionLabel("ancre"); got != "état du journal signé" {
		t.Errorf("ancre: %q", got)
	}
	if got := ActionLabel("transcription"); got != "transcription d'acte de décès dressée" {
		t.Errorf("transcription: %q", got)
	}
}
