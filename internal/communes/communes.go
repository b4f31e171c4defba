// Package communes holds the official list of French communes (code
// officiel géographique), embedded so that the tool stays offline, and
// answers whether a place written "Commune (Département)" exists.
// Source: @etalab/decoupage-administratif 6.0.0, Licence Ouverte / Open
// Licence of Etalab (see NOTICE in this folder).
//
// The list is embedded already sorted by folded key and searched by
// bisection, so that using it costs a command no start-up time.
package communes

//go:generate go run ./gen ../../../shared/data/communes.csv .

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"etatcivil/internal/fold"
)

//go:embed communes.txt
var list string

//go:embed departements.txt
var deptList string

// Commune is one row of the list.
type Commune struct {
	Code           string // INSEE code, e.g. "59355"
	Nom            string // official name, e.g. "Lomme"
	Type           string // commune-actuelle, commune-deleguee, commune-associee, arrondissement-municipal
	Departement    string // département code, e.g. "59"
	DepartementNom string // e.g. "Nord"
	Rattachement   string // code of the commune it belongs to, if any
}

var (
	once   sync.Once
	depts  map[string]string // fold(name) or fold(code) -> canonical name
	byCode map[string]string // code -> canonical name
)

func loadDepts() {
	once.Do(func() {
		depts, byCode = map[string]string{}, map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(deptList), "\n") {
			code, name, _ := strings.Cut(l, "\t")
			depts[fold.Key(code)] = name
			depts[fold.Key(name)] = name
			byCode[code] = name
		}
	})
}

func deptIndex() map[string]string { loadDepts(); return depts }
func deptNames() map[string]string { loadDepts(); return byCode }

// Departement returns the canonical name of a French département given by
// name (accents and case ignored) or code ("59", "2A").
func Departement(nameOrCode string) (string, bool) {
	n, ok := deptIndex()[fold.Key(nameOrCode)]
	return n, ok
}

// lineAt returns the whole line of list that holds byte i.
func lineAt(i int) (start, end int) {
	start = strings.LastIndexByte(list[:i], '\n') + 1
	end = strings.IndexByte(list[i:], '\n') + i
	return
}

// Find returns the communes named nom in the département (name or code),
// accents and case ignored. Several rows may share a name (a commune
// actuelle and a commune déléguée of the same name).
func Find(nom, departement string) []Commune {
	d, ok := Departement(departement)
	if !ok {
		return nil
	}
	return findKey(fold.Key(d) + "|" + fold.Key(nom) + "\t")
}

// findKey returns the rows whose line begins with key, a folded
// département and name: "nord|dunkerque\t".
func findKey(key string) []Commune {
	// Bisect on line starts: find the first line whose key is >= key.
	lo := sort.Search(len(list), func(i int) bool {
		s, e := lineAt(i)
		return list[s:e] >= key
	})
	var found []Commune
	for lo < len(list) {
		s, e := lineAt(lo)
		if !strings.HasPrefix(list[s:e], key) {
			break
		}
		found = append(found, row(list[s:e]))
		lo = e + 1
	}
	return found
}

// Named returns the communes named nom (accents and case ignored) in any
// département, in the list's order: « Dunkerque » gives Dunkerque
// (Nord). It bisects the list once per département (about a hundred
// bisections, tens of microseconds), without the edit distances of
// Suggest: cheap enough for a command that checks one act and exits;
// after namedSetAfter calls, a name of no commune is answered from a set
// of every name.
func Named(nom string) []Commune {
	k := fold.Key(nom)
	if k == "" {
		return nil
	}
	// A process that asks many times (an import) builds the set of
	// names once (a few milliseconds) and answers most foreign places
	// from it.
	if namedCalls.Add(1) > namedSetAfter {
		if _, ok := nameSet()[k]; !ok {
			return nil
		}
	}
	var found []Commune
	for _, d := range deptKeys() {
		found = append(found, findKey(d+"|"+k+"\t")...)
	}
	return found
}

// namedSetAfter is how many calls of Named go without the set of names.
const namedSetAfter = 64

var namedCalls atomic.Int64

var nameIndex struct {
	once sync.Once
	set  map[string]struct{}
}

// nameSet returns the folded names of every commune, built at its first
// use (a few milliseconds).
func nameSet() map[string]struct{} {
	nameIndex.once.Do(func() {
		nameIndex.set = make(map[string]struct{}, 40000)
		for rest := list; rest != ""; {
			line, more, _ := strings.Cut(rest, "\n")
			rest = more
			_, key, ok := strings.Cut(line, "|")
			if name, _, ok2 := strings.Cut(key, "\t"); ok && ok2 {
				nameIndex.set[name] = struct{}{}
			}
		}
	})
	return nameIndex.set
}

var deptKeyList struct {
	once sync.Once
	keys []string
}

// deptKeys returns the folded names of the départements, sorted.
func deptKeys() []string {
	deptKeyList.once.Do(func() {
		for _, name := range deptNames() {
			deptKeyList.keys = append(deptKeyList.keys, fold.Key(name))
		}
		sort.Strings(deptKeyList.keys)
	})
	return deptKeyList.keys
}

// ByCode returns the commune with this INSEE code.
func ByCode(code string) (Commune, bool) {
	if code == "" {
		return Commune{}, false
	}
	i := strings.Index(list, "\t"+code+"\t")
	if i < 0 {
		return Commune{}, false
	}
	s, e := lineAt(i + 1)
	return row(list[s:e]), true
}

// row parses one line: key, code, name, type, département code, rattachement.
func row(line string) Commune {
	f := strings.Split(line, "\t")
	return Commune{Code: f[1], Nom: f[2], Type: f[3], Departement: f[4], DepartementNom: deptNames()[f[4]], Rattachement: f[5]}
}
