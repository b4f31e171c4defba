package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"etatcivil/registry"
)

// birthJSON is testdata/naissance.json with change applied to its
// decoded form.
func birthJSON(t *testing.T, change func(m map[string]any)) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// journalOf is the register's journal as the command prints it.
func journalOf(t *testing.T, dir string) string {
	t.Helper()
	e := newEnv(t, dir, "")
	if code := e.run("journal"); code != 0 {
		t.Fatalf("journal: %d %s", code, e.errOut)
	}
	return e.out.String()
}

// Every hostile text is refused on input, exit 2, and nothing is written:
// a newline in --agent (it forged lines of the journal), invalid UTF-8
// (the JSON decoder replaced it silently), a terminal escape sequence,
// given as a JSON escape or on the command line, a file that never ends,
// too many prénoms, a name too long.
func TestHostileTextIsRefused(t *testing.T) {
	dir := setupRegister(t)
	work := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(work, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := filepath.Join("..", "..", "testdata", "naissance.json")
	raw, _ := os.ReadFile(good)
	long := strings.Repeat("A", 101)
	var prenoms []any
	for range 21 {
		prenoms = append(prenoms, "Zoé")
	}
	before := journalOf(t, dir)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"agent with a newline", []string{"--agent", "guichet-1\n    9  2026-11-24T15:00:00+01:00  maire  signature naissance/2026/1", "naissance", "--fichier", good},
			"--agent : caractère interdit dans un texte : saut de ligne"},
		{"escape on the command line", []string{"naissance", "--fichier", good, "--agent", "x\x1b[2Jy"}, "échappement de terminal"},
		{"invalid UTF-8", []string{"naissance", "--fichier", file("latin1.json", bytes.Replace(raw, []byte("infirmière"), []byte("infirmi\xe8re"), 1))},
			"texte mal encodé, ligne 7 : des octets ne sont pas de l'UTF-8"},
		{"JSON escape", []string{"naissance", "--fichier", file("escape.json", bytes.Replace(raw, []byte("infirmière"), []byte(`infirmi\u001b[31mère`), 1))},
			"parents[1].profession : caractère interdit dans un texte : échappement de terminal (U+001B)"},
		{"bidirectional override", []string{"naissance", "--fichier", file("bidi.json", bytes.Replace(raw, []byte("12 rue de Lille"), []byte(`12 rue \u202ede Lille`), 1))},
			"contrôle de sens d'écriture"},
		{"lone surrogate", []string{"naissance", "--fichier", file("surrogate.json", bytes.Replace(raw, []byte("infirmière"), []byte(`infirmi\ud800re`), 1))},
			"caractère de remplacement"},
		{"a file that never ends", []string{"naissance", "--fichier", "/dev/zero"}, "n'est pas un fichier ordinaire"},
		{"a folder", []string{"naissance", "--fichier", work}, "c'est un dossier"},
		{"too big", []string{"naissance", "--fichier", file("big.json", bytes.Repeat([]byte(" "), 2<<20))}, "est trop gros"},
		{"too many prénoms", []string{"naissance", "--fichier", file("prenoms.json", birthJSON(t, func(m map[string]any) {
			m["enfant"].(map[string]any)["prenoms"] = prenoms
		}))}, "enfant.prenoms : 21 prénoms : au plus 20"},
		{"name too long", []string{"naissance", "--fichier", file("nom.json", birthJSON(t, func(m map[string]any) {
			m["enfant"].(map[string]any)["nom"] = long
		}))}, "nom trop long : 101 caractères (au plus 100)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, dir, "")
			code := e.env.run(append([]string{"--dossier", dir}, c.args...))
			if code != exitRefused || !strings.Contains(e.errOut.String(), c.want) {
				t.Fatalf("exit %d, want 2 saying %q:\n%s", code, c.want, e.errOut)
			}
			if bytes.ContainsAny(e.errOut.Bytes(), "\x1b\u202e") {
				t.Fatalf("the hostile text is printed raw:\n%q", e.errOut)
			}
		})
	}
	if after := journalOf(t, dir); after != before {
		t.Fatalf("a refused command wrote:\n%s", after)
	}
}

// A text stored before it was refused, or written into the file outside
// the program, is never printed raw: an escape sequence is shown as
// \u{1b}, and a newline in the journal's author does not make a line.
func TestStoredControlCharactersAreNeverPrintedRaw(t *testing.T) {
	dir := setupRegister(t)
	for _, args := range [][]string{
		{"naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")},
	} {
		if e := newEnv(t, dir, ""); e.run(args...) != 0 {
			t.Fatalf("%v: %s", args, e.errOut)
		}
	}
	db, err := bolt.Open(filepath.Join(dir, registry.FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		acts := tx.Bucket([]byte("actes"))
		k, v := acts.Cursor().Last()
		v, err := registry.UnpackAct(v)
		if err != nil {
			return err
		}
		v = registry.PackAct(bytes.Replace(v, []byte("infirmière"), []byte(`infirmi\u001b]0;pirate\u0007\u001b[2Jère`), 1))
		if err := acts.Put(bytes.Clone(k), v); err != nil {
			return err
		}
		j := tx.Bucket([]byte("journal"))
		k, v = j.Cursor().Last()
		v = bytes.Replace(v, []byte(`"auteur":"guichet-1"`), []byte(`"auteur":"guichet-1\n    99  2026-11-24T15:00:00+01:00  maire  signature naissance/2026/1\r"`), 1)
		return j.Put(bytes.Clone(k), v)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"afficher", "naissance/2026/1"}, {"journal"}, {"controle"}, {"lister"}} {
		e := newEnv(t, dir, "")
		e.run(args...)
		all := e.out.String() + e.errOut.String()
		if strings.ContainsAny(all, "\x1b\x07\r") {
			t.Fatalf("%v prints a control character raw:\n%q", args, all)
		}
		if args[0] == "afficher" && !strings.Contains(all, `infirmi\u{1b}]0;pirate\u{7}\u{1b}[2Jère`) {
			t.Fatalf("%v does not show the escape visibly:\n%s", args, all)
		}
		if args[0] == "journal" && (strings.Contains(all, "\n    99  ") || !strings.Contains(all, `guichet-1\u{a}`)) {
			t.Fatalf("the journal prints a forged line:\n%s", all)
		}
	}
}

// A damaged or hostile document, image or import file is a clear
// refusal: exit 2 (input) or 3 (verification), a French message, never
// a Go fault nor a library's English.
func TestDamagedFilesAreClearRefusals(t *testing.T) {
	dir := setupRegister(t)
	work := t.TempDir()
	copyPDF := filepath.Join(work, "copie.pdf")
	for _, args := range [][]string{
		{"naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")},
		{"imprimer", "naissance/2026/1", "-o", filepath.Join(work, "feuille.pdf")},
		{"signer", "naissance/2026/1"},
		{"copie", "naissance/2026/1", "--forme", "integrale", "--demandeur", "Anaïs MÜLLER", "--qualite", "pere-mere", "--parents", "anais muller;KARIM OUALI", "-o", copyPDF},
	} {
		if e := newEnv(t, dir, ""); e.run(args...) != 0 {
			t.Fatalf("%v: %s", args, e.errOut)
		}
	}
	pdf, err := os.ReadFile(copyPDF)
	if err != nil {
		t.Fatal(err)
	}
	file := func(name string, data []byte) string {
		p := filepath.Join(work, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	byteRange := regexp.MustCompile(`/ByteRange \[0 (\d+) (\d+) (\d+)\]`)
	m := byteRange.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no /ByteRange in the copy")
	}
	crafted := func(a, b, c string) []byte {
		return bytes.Replace(pdf, m[0], []byte(fmt.Sprintf("/ByteRange [0 %s %s %s]", a, b, c)), 1)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"truncated PDF", []string{"verifier", file("moitie.pdf", pdf[:len(pdf)/2])}, exitIntegrity, "NON SIGNÉ"},
		{"ByteRange past the end", []string{"verifier", file("br1.pdf", crafted(string(m[1]), string(m[2]), "9999999999"))}, exitIntegrity, "la signature ne couvre pas tout le fichier"},
		{"ByteRange inside out", []string{"verifier", file("br2.pdf", crafted(string(m[2]), string(m[1]), string(m[3])))}, exitIntegrity, "FALSIFIÉ OU MODIFIÉ"},
		{"ByteRange of int64's end", []string{"verifier", file("br3.pdf", crafted("9223372036854775806", "9223372036854775807", string(m[3])))}, exitIntegrity, "FALSIFIÉ OU MODIFIÉ"},
		{"image of ten billion pixels", []string{"verifier", file("bombe.png", pngBomb())}, exitRefused, "image trop grande (plus de 60 millions de pixels)"},
		{"damaged image", []string{"verifier", file("abimee.png", pngBomb()[:30])}, exitRefused, "image illisible"},
		{"verifier /dev/zero", []string{"verifier", "/dev/zero"}, exitRefused, "n'est pas un fichier ordinaire"},
		{"import /dev/zero", []string{"import", "/dev/zero"}, exitRefused, "n'est pas un fichier ordinaire"},
		{"import cut in a line", []string{"import", file("coupe.jsonl", []byte(`{"type":"naissance","enfant":{"nom":"MÜL`))}, exitRefused, "ligne 1"},
		{"import not UTF-8", []string{"import", file("latin1.jsonl", []byte("{\"type\":\"naissance\",\"lieu\":\"Lomme \xe9\"}\n"))}, exitRefused, "texte mal encodé"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, dir, "")
			code := e.run(c.args...)
			all := e.out.String() + e.errOut.String()
			if code != c.code || !strings.Contains(all, c.want) {
				t.Fatalf("exit %d, want %d saying %q:\n%s", code, c.code, c.want, all)
			}
			for _, bad := range []string{"goroutine", "panic", "invalid", "unexpected", "error"} {
				if strings.Contains(all, bad) {
					t.Fatalf("%q shown to the clerk:\n%s", bad, all)
				}
			}
		})
	}
}

// pngBomb is a PNG of 100,000 × 100,000 pixels in a hundred bytes.
func pngBomb() []byte {
	chunk := func(kind string, data []byte) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
		return b.Bytes()
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, 100_000)
	binary.BigEndian.PutUint32(ihdr[4:], 100_000)
	ihdr[8] = 8
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1})...)
	return append(out, chunk("IEND", nil)...)
}
