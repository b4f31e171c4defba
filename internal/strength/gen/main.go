// Command gen builds the French word lists of package strength from the
// npm package @zxcvbn-ts/language-fr 4.1.2 (MIT; its commonWords.json is
// derived from OpenSubtitles 2024 via OPUS, ODC-BY):
//
//	npm pack @zxcvbn-ts/language-fr@4.1.2 && tar xzf zxcvbn-ts-language-fr-4.1.2.tgz
//	go run ./internal/strength/gen package/src internal/strength
//
// It writes, one word a line, folded (no accents, lower case) and without
// duplicates, in the package's order: mots.txt (common words of 2 letters
// or more, most frequent first), prenoms.txt and noms.txt (first names and
// surnames; in 4.1.2 the package's lastnames.json holds the first names and
// firstnames.json the surnames, so each is recognised by its content), and
// suites.txt (numbers, days, months, seasons… in words).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"etatcivil/internal/fold"
)

var wordRe = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen PACKAGE/src OUTDIR")
		os.Exit(2)
	}
	src, out := os.Args[1], os.Args[2]
	common := list(src, "commonWords.json")
	a, b := list(src, "firstnames.json"), list(src, "lastnames.json")
	// The list holding "jean" and "marie" is the first names'.
	prenoms, noms := a, b
	if slices.Contains(b, "jean") && slices.Contains(b, "marie") {
		prenoms, noms = b, a
	}
	var seqs map[string][]string
	read(filepath.Join(src, "wordSequences.json"), &seqs)
	var suites []string
	keys := make([]string, 0, len(seqs))
	for k := range seqs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		suites = append(suites, seqs[k]...)
	}
	write(filepath.Join(out, "mots.txt"), common, 2)
	write(filepath.Join(out, "prenoms.txt"), prenoms, 3)
	write(filepath.Join(out, "noms.txt"), noms, 3)
	write(filepath.Join(out, "suites.txt"), suites, 2)
}

func list(dir, name string) []string {
	var l []string
	read(filepath.Join(dir, name), &l)
	return l
}

func read(path string, v any) {
	b, err := os.ReadFile(path)
	check(err)
	check(json.Unmarshal(b, v))
}

// write folds the words, keeps those of at least min letters made of
// letters and inner hyphens, drops duplicates and writes them in order.
func write(path string, words []string, min int) {
	seen := map[string]bool{}
	var b strings.Builder
	n := 0
	for _, w := range words {
		w = strings.ToLower(fold.Accents(strings.TrimSpace(w)))
		if len(w) < min || !wordRe.MatchString(w) || seen[w] {
			continue
		}
		seen[w] = true
		b.WriteString(w)
		b.WriteByte('\n')
		n++
	}
	check(os.WriteFile(path, []byte(b.String()), 0o644))
	fmt.Printf("%s: %d words\n", path, n)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
