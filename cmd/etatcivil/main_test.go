package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"etatcivil/forms"
	"etatcivil/internal/medium"
	"etatcivil/internal/pdftest"
	"etatcivil/registry"
	bolt "go.etcd.io/bbolt"
)

func TestMain(m *testing.M) {
	// No test may ever reach the user's real register: the default data
	// folder points into the temporary folder. (The scripts' commands run
	// this too, with $ETATCIVIL_DOSSIER set by Setup.)
	os.Setenv("XDG_DATA_HOME", filepath.Join(os.TempDir(), "etatcivil-test-home"))
	// The passphrases of the tests that drive run directly (the scripts'
	// commands, which run this too, keep their own).
	for _, kv := range testPhrases() {
		k, v, _ := strings.Cut(kv, "=")
		if _, ok := os.LookupEnv(k); !ok {
			os.Setenv(k, v)
		}
	}
	testscript.Main(m, map[string]func(){
		"etatcivil": func() {
			// A script drives the guided entry by giving its answers on
			// standard input with ETATCIVIL_ESSAI_TERMINAL set, as a clerk
			// types them at a terminal (only the tests' program reads it).
			e := processEnv()
			if os.Getenv("ETATCIVIL_ESSAI_TERMINAL") != "" {
				e.interactive = true
			}
			os.Exit(e.run(os.Args[1:]))
		},
	})
}

// testPhrase is the seal's passphrase in the tests.
const testPhrase = "sceau des essais girafe orageuse"

// testOfficerPhrase is the passphrase of officer id's key in the tests.
func testOfficerPhrase(id string) string { return "parapluie cerise lointaine " + id + " moteur" }

// testPhrases returns the variables that give the tests' passphrases:
// the seal's, and those of the officers o1 to o9 and adj.
func testPhrases() []string {
	out := []string{phraseEnv + "=" + testPhrase}
	for _, id := range []string{"o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "adj"} {
		out = append(out, officerPhraseEnv(id)+"="+testOfficerPhrase(id))
	}
	return out
}

// TestScripts runs the clerk's procedures of testdata/script.
// testdataV2 is the folder of the register of schema 2 kept by the
// registry's tests.
var testdataV2, _ = filepath.Abs(filepath.Join("..", "..", "registry", "testdata", "v2"))

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(e *testscript.Env) error {
			e.Setenv("ETATCIVIL_DOSSIER", filepath.Join(e.WorkDir, "registre"))
			e.Setenv("ETATCIVIL_AGENT", "agent-test")
			// The passphrases, as a script gives them: the seal's, and
			// each officer's own.
			for _, kv := range testPhrases() {
				k, v, _ := strings.Cut(kv, "=")
				e.Setenv(k, v)
			}
			for _, tool := range []string{"pdftotext", "pdftoppm", "pdfsig"} {
				if _, err := exec.LookPath(tool); err != nil && os.Getenv(pdftest.RequiredEnv) != "" {
					return fmt.Errorf("%s manque (poppler-utils) alors que %s est défini", tool, pdftest.RequiredEnv)
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// sortie N CMD ARGS...: runs the command and checks its exit code.
			"sortie": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: sortie CODE COMMANDE [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("%v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("code de sortie %d, attendu %d", got, want)
				}
			},
			// lien FICHIER NOM: makes NOM a hard link to FICHIER (the same file
			// under another name).
			"lien": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: lien FICHIER NOM")
				}
				ts.Check(os.Link(ts.MkAbs(args[0]), ts.MkAbs(args[1])))
			},
			// attendre DURÉE: waits (e.g. 1100ms), for a step that must come
			// strictly later than the one before at the second of a signed date.
			"attendre": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: attendre DURÉE")
				}
				d, err := time.ParseDuration(args[0])
				ts.Check(err)
				time.Sleep(d)
			},
			// dates FILE|TOKEN...: writes, in each file, the dates relative to today
			// that a procedure needs (banns expire after a year, notices after
			// three days): @J-19@ is 19 days ago, @J-17A+1@ is 17 years ago
			// plus one day, as AAAA-MM-JJ (@J-19/FR@: as JJ/MM/AAAA, the way a
			// clerk types it). Each token also sets $JM19 (the same),
			// $JM19_FR (JJ/MM/AAAA), $JM19_AN (the year) and $JM19_DEC (the
			// first year of its decennial period, 2023 for 2026) for the checks
			// that follow. @AN@ in a file is this year (a reference such as
			// reconnaissance/@AN@/1).
			"dates": func(ts *testscript.TestScript, neg bool, args []string) {
				set := func(tok string) string {
					fr := strings.HasSuffix(tok, "/FR@")
					tok = strings.TrimSuffix(strings.Trim(tok, "@"), "/FR")
					d := relativeDate(ts, tok)
					v := strings.NewReplacer("-", "M", "+", "P").Replace(tok)
					ts.Setenv(v, d.Format("2006-01-02"))
					ts.Setenv(v+"_FR", d.Format("02/01/2006"))
					ts.Setenv(v+"_AN", d.Format("2006"))
					// the first year of its decennial period (2023-2032)
					ts.Setenv(v+"_DEC", strconv.Itoa(d.Year()-((d.Year()%10+7)%10)))
					if fr {
						return d.Format("02/01/2006")
					}
					return d.Format("2006-01-02")
				}
				for _, name := range args {
					if dateToken.MatchString(name) { // a token alone: only the variables
						set(name)
						continue
					}
					raw, err := os.ReadFile(ts.MkAbs(name))
					ts.Check(err)
					out := dateToken.ReplaceAllStringFunc(string(raw), set)
					out = strings.ReplaceAll(out, "@AN@", time.Now().Format("2006"))
					ts.Check(os.WriteFile(ts.MkAbs(name), []byte(out), 0o644))
				}
			},
			// octet FILE OFFSET: changes one byte of a file (a negative offset
			// counts from the end), as a failing disk or a forger would.
			"octet": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: octet FICHIER POSITION")
				}
				data, err := os.ReadFile(ts.MkAbs(args[0]))
				ts.Check(err)
				at, err := strconv.Atoi(args[1])
				ts.Check(err)
				if at < 0 {
					at += len(data)
				}
				data[at] ^= 0x01
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o600))
			},
			// support NAME: a folder NAME that stands for a plugged-in USB stick:
			// it lies on another filesystem than the register's, as a stick
			// does (a folder of /dev/shm, linked as $WORK/NAME).
			"support": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: support NOM")
				}
				target, err := os.MkdirTemp("/dev/shm", "etatcivil-support-")
				if err != nil {
					ts.Fatalf("pas d'autre système de fichiers (/dev/shm) pour simuler une clé USB : %v", err)
				}
				ts.Defer(func() { os.RemoveAll(target) })
				if same, err := medium.SameDevice(target, ts.Getenv("WORK")); err != nil || same {
					ts.Fatalf("/dev/shm est sur le même disque que le dossier de travail : impossible de simuler une clé USB")
				}
				ts.Check(os.Symlink(target, ts.MkAbs(args[0])))
			},
			// tronquer FILE SIZE: cuts a file to SIZE bytes, as an interrupted copy would.
			"tronquer": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: tronquer FICHIER TAILLE")
				}
				n, err := strconv.ParseInt(args[1], 10, 64)
				ts.Check(err)
				ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
			},
			// pdf FILE.pdf FILE.txt: checks the PDF (pdfcpu strict, qpdf) and
			// writes the text pdftotext reads from it, for grep.
			"pdf": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: pdf FICHIER.pdf TEXTE.txt")
				}
				ts.Check(pdftest.Validate(ts.MkAbs(args[0])))
				text, err := pdftest.Text(ts.MkAbs(args[0]))
				ts.Check(err)
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(text), 0o644))
			},
			// pdfsig FILE.pdf: poppler's pdfsig must say the signature is
			// valid and covers the whole file (it exits 0 even for a broken
			// signature: its words are read). With !, it must not.
			"pdfsig": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: pdfsig FICHIER.pdf")
				}
				out, _ := exec.Command("pdfsig", ts.MkAbs(args[0])).CombinedOutput()
				ok := strings.Contains(string(out), "Signature is Valid.") && strings.Contains(string(out), "Total document signed")
				if ok == neg {
					ts.Fatalf("pdfsig %s :\n%s", args[0], out)
				}
			},
			// image FILE.pdf FILE.png: the first page as a 150 dpi scan.
			"image": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: image FICHIER.pdf IMAGE.png")
				}
				out := strings.TrimSuffix(ts.MkAbs(args[1]), ".png")
				if b, err := exec.Command("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", ts.MkAbs(args[0]), out).CombinedOutput(); err != nil {
					ts.Fatalf("pdftoppm : %v\n%s", err, b)
				}
			},
			// code FILE.pdf FILE.txt: the text of the document's signed code,
			// as a phone's camera reads it.
			"code": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: code FICHIER.pdf CODE.txt")
				}
				raw, err := os.ReadFile(ts.MkAbs(args[0]))
				ts.Check(err)
				codes := forms.Codes(raw)
				if len(codes) == 0 {
					ts.Fatalf("aucun code signé dans %s", args[0])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(codes[0]), 0o644))
			},
			// retoucher FILE: changes one character in the middle of a code's
			// text, as a forger would.
			"retoucher": func(ts *testscript.TestScript, neg bool, args []string) {
				raw, err := os.ReadFile(ts.MkAbs(args[0]))
				ts.Check(err)
				i := len(raw) / 2
				if raw[i] == 'A' {
					raw[i] = 'B'
				} else {
					raw[i] = 'A'
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), raw, 0o644))
			},
			// alterer FILE OLD NEW: replaces every OLD by NEW in the file's
			// bytes, as a hex editor would, without going through the program.
			"alterer": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: alterer FICHIER ANCIEN NOUVEAU")
				}
				path := ts.MkAbs(args[0])
				raw, err := os.ReadFile(path)
				ts.Check(err)
				if !bytes.Contains(raw, []byte(args[1])) && strings.HasSuffix(path, registry.FileName) {
					// The acts are stored compressed: the text is changed
					// in the act's JSON, and the act stored again as the
					// program stores it, straight in the bbolt file.
					db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 1e9})
					ts.Check(err)
					defer db.Close()
					found := false
					ts.Check(db.Update(func(tx *bolt.Tx) error {
						b := tx.Bucket([]byte("actes"))
						var keys, vals [][]byte
						b.ForEach(func(k, v []byte) error {
							data, err := registry.UnpackAct(v)
							if err == nil && bytes.Contains(data, []byte(args[1])) {
								keys = append(keys, bytes.Clone(k))
								vals = append(vals, registry.PackAct(bytes.ReplaceAll(data, []byte(args[1]), []byte(args[2]))))
							}
							return nil
						})
						for i := range keys {
							found = true
							if err := b.Put(keys[i], vals[i]); err != nil {
								return err
							}
						}
						return nil
					}))
					if !found {
						ts.Fatalf("%q absent de %s", args[1], args[0])
					}
					return
				}
				if !bytes.Contains(raw, []byte(args[1])) {
					ts.Fatalf("%q absent de %s", args[1], args[0])
				}
				ts.Check(os.WriteFile(path, bytes.ReplaceAll(raw, []byte(args[1]), []byte(args[2])), 0o600))
			},
			// retirer-champ FILE BUCKET KEY FIELD: removes a field from the JSON
			// record KEY of a bucket, straight in the bbolt file.
			"retirer-champ": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 4 {
					ts.Fatalf("usage: retirer-champ FICHIER COMPARTIMENT CLE CHAMP")
				}
				db, err := bolt.Open(ts.MkAbs(args[0]), 0o600, &bolt.Options{Timeout: 1e9})
				ts.Check(err)
				defer db.Close()
				ts.Check(db.Update(func(tx *bolt.Tx) error {
					b := tx.Bucket([]byte(args[1]))
					var rec map[string]any
					if err := json.Unmarshal(b.Get([]byte(args[2])), &rec); err != nil {
						return err
					}
					if _, ok := rec[args[3]]; !ok {
						ts.Fatalf("champ %s absent de %s/%s", args[3], args[1], args[2])
					}
					delete(rec, args[3])
					v, err := json.Marshal(rec)
					if err != nil {
						return err
					}
					return b.Put([]byte(args[2]), v)
				}))
			},
			// effacer-cles FILE BUCKET PREFIX: deletes the keys of a bucket that
			// start with PREFIX, straight in the bbolt file.
			"effacer-cles": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: effacer-cles FICHIER COMPARTIMENT PREFIXE")
				}
				db, err := bolt.Open(ts.MkAbs(args[0]), 0o600, &bolt.Options{Timeout: 1e9})
				ts.Check(err)
				defer db.Close()
				ts.Check(db.Update(func(tx *bolt.Tx) error {
					b := tx.Bucket([]byte(args[1]))
					if b == nil {
						ts.Fatalf("aucun compartiment %s", args[1])
					}
					var dead [][]byte
					c := b.Cursor()
					for k, _ := c.Seek([]byte(args[2])); k != nil && bytes.HasPrefix(k, []byte(args[2])); k, _ = c.Next() {
						dead = append(dead, bytes.Clone(k))
					}
					if len(dead) == 0 {
						ts.Fatalf("aucune clé %s… dans %s", args[2], args[1])
					}
					for _, k := range dead {
						if err := b.Delete(k); err != nil {
							return err
						}
					}
					return nil
				}))
			},
			// occuper FILE: holds the register file as another etatcivil
			// command would (bbolt's lock) until liberer.
			// registre-v2 DIR: puts in DIR the register of 100 acts written by
			// the last version of schema 2 (registry/testdata/v2), with its
			// witness.
			"registre-v2": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: registre-v2 DOSSIER")
				}
				dir := ts.MkAbs(args[0])
				ts.Check(os.MkdirAll(dir, 0o700))
				for _, name := range []string{registry.FileName, registry.WitnessName} {
					data, err := os.ReadFile(filepath.Join(testdataV2, name))
					ts.Check(err)
					ts.Check(os.WriteFile(filepath.Join(dir, name), data, 0o600))
				}
			},
			"occuper": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: occuper FICHIER")
				}
				db, err := bolt.Open(ts.MkAbs(args[0]), 0o600, &bolt.Options{Timeout: 1e9})
				ts.Check(err)
				heldMu.Lock()
				held[ts] = db
				heldMu.Unlock()
				ts.Defer(func() { db.Close() })
			},
			// liberer: releases the register held by occuper.
			"liberer": func(ts *testscript.TestScript, neg bool, args []string) {
				heldMu.Lock()
				db := held[ts]
				delete(held, ts)
				heldMu.Unlock()
				if db == nil {
					ts.Fatalf("aucun registre occupé")
				}
				ts.Check(db.Close())
			},
			// effacer-journal FILE N: deletes journal entry N straight from the bbolt file.
			"effacer-journal": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: effacer-journal FICHIER N")
				}
				n, err := strconv.ParseUint(args[1], 10, 64)
				ts.Check(err)
				db, err := bolt.Open(ts.MkAbs(args[0]), 0o600, &bolt.Options{Timeout: 1e9})
				ts.Check(err)
				defer db.Close()
				ts.Check(db.Update(func(tx *bolt.Tx) error {
					k := []byte{0, 0, 0, 0, 0, 0, 0, 0}
					for i := 7; i >= 0; i-- {
						k[i] = byte(n)
						n >>= 8
					}
					return tx.Bucket([]byte("journal")).Delete(k)
				}))
			},
		},
	})
}

// held are the registers held by the scripts' occuper.
var (
	heldMu sync.Mutex
	held   = map[*testscript.TestScript]*bolt.DB{}
)

// dateToken is a date relative to today in a script's file: @J-19@, @J-17A+1@, @J-3/FR@.
var dateToken = regexp.MustCompile(`@J([+-][0-9]+A?)+(/FR)?@`)

var datePart = regexp.MustCompile(`([+-][0-9]+)(A?)`)

// relativeDate reads "J-17A+1": today, 17 years ago, plus one day.
func relativeDate(ts *testscript.TestScript, tok string) time.Time {
	d := time.Now()
	for _, m := range datePart.FindAllStringSubmatch(strings.TrimPrefix(tok, "J"), -1) {
		n, err := strconv.Atoi(m[1])
		ts.Check(err)
		if m[2] == "A" {
			d = d.AddDate(n, 0, 0)
		} else {
			d = d.AddDate(0, 0, n)
		}
	}
	return d
}
