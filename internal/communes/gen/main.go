// Command gen builds the embedded index of communes from the reference list
// (../shared/data/communes.csv): communes.txt, one row per line sorted by
// "folded département|folded name", and departements.txt (code,name).
//
//	go run ./internal/communes/gen ../shared/data/communes.csv internal/communes
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"etatcivil/internal/fold"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen communes.csv OUTDIR")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	check(err)
	recs, err := csv.NewReader(f).ReadAll()
	check(err)
	var lines []string
	depts := map[string]string{}
	for _, r := range recs[1:] {
		code, nom, typ, dep, depNom, ratt := r[0], r[1], r[2], r[3], r[4], r[5]
		key := fold.Key(depNom) + "|" + fold.Key(nom)
		lines = append(lines, strings.Join([]string{key, code, nom, typ, dep, ratt}, "\t"))
		depts[dep] = depNom
	}
	sort.Strings(lines)
	check(os.WriteFile(filepath.Join(os.Args[2], "communes.txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	var dl []string
	for c, n := range depts {
		dl = append(dl, c+"\t"+n)
	}
	sort.Strings(dl)
	check(os.WriteFile(filepath.Join(os.Args[2], "departements.txt"), []byte(strings.Join(dl, "\n")+"\n"), 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
