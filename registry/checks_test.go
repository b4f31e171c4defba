package registry

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// breaksOf runs the control and returns its breaks, one a line.
func breaksOf(t *testing.T, s *Store) string {
	t.Helper()
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rep.Breaks, "\n")
}

// edit changes the register file outside the program, as someone with
// write access to it would.
func edit(t *testing.T, s *Store, fn func(tx *bolt.Tx) error) {
	t.Helper()
	if err := s.db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// A closed register-year whose « clos » was removed took acts again; the
// control now finds it.
func TestCheckFindsRemovedClosing(t *testing.T) {
	s := newStore(t)
	if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		t.Fatal(err)
	}
	signed(t, s, birth())
	if _, closed, err := s.CloseRegister(civil.Naissance, 2026, "o1"); err != nil || !closed {
		t.Fatalf("close: %v", err)
	}
	checkSound(t, s)
	edit(t, s, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketNumbering)
		var c counter
		if err := json.Unmarshal(b.Get(counterKey("naissance", 2026)), &c); err != nil {
			return err
		}
		c.Clos, c.ClosPar = "", ""
		v, _ := json.Marshal(c)
		return b.Put(counterKey("naissance", 2026), v)
	})
	if got := breaksOf(t, s); !strings.Contains(got, "naissance 2026 : la numérotation ne correspond plus à sa clôture au journal (clôture retirée") {
		t.Fatalf("breaks:\n%s", got)
	}
}

// A counter set back would give a number again; one whose start was
// moved would continue the main system's numbering wrongly; one deleted
// would start again at 1.
func TestCheckFindsCounterMoved(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(c *counter) bool // false: delete the counter
		want string
	}{
		{"behind", func(c *counter) bool { c.Last = 38; return true }, "naissance 2026 : le compteur s'arrête au n° 38 alors que le n° 39 existe"},
		{"start", func(c *counter) bool { c.Start = 30; return true }, "naissance 2026 : le point de départ de la numérotation (n° 30) n'est pas celui fixé au journal"},
		{"deleted", func(c *counter) bool { return false }, "naissance 2026 : aucune numérotation alors que le registre en contient 2 numéros (compteur supprimé"},
		{"closed", func(c *counter) bool { c.Clos = testNow.Format("2006-01-02T15:04:05Z07:00"); return true }, "naissance 2026 : marqué clos sans clôture au journal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
				t.Fatal(err)
			}
			register(t, s, birth())
			register(t, s, birth())
			checkSound(t, s)
			edit(t, s, func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketNumbering)
				var c counter
				json.Unmarshal(b.Get(counterKey("naissance", 2026)), &c)
				if !tc.set(&c) {
					return b.Delete(counterKey("naissance", 2026))
				}
				v, _ := json.Marshal(c)
				return b.Put(counterKey("naissance", 2026), v)
			})
			if got := breaksOf(t, s); !strings.Contains(got, tc.want) {
				t.Fatalf("breaks:\n%s", got)
			}
		})
	}
}

// Deleting the index entries of a marriage let the same man marry again:
// the control recomputes the index from the acts and names what is
// missing.
func TestCheckFindsDeletedIndexEntries(t *testing.T) {
	s := newStore(t)
	first := marriage()
	signed(t, s, first)
	checkSound(t, s)
	id, err := actID(first.Ref())
	if err != nil {
		t.Fatal(err)
	}
	edit(t, s, func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketNames, bucketSounds} {
			b := tx.Bucket(name)
			var words []string
			eachStoredPair(b, "", func(w []byte, p posting) {
				if p.id == id && p.role == "epoux1" {
					words = append(words, string(w))
				}
			})
			if len(words) == 0 {
				t.Fatal("no pair of epoux1")
			}
			for _, w := range words {
				if err := removePostings(b, w, []posting{{id, "epoux1"}}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	// What the attack was for: the same spouse marries again.
	again := marriage()
	again.Epoux[1] = civil.MarriageSpouse{Person: civil.Person{Nom: "GIRARD", Prenoms: []string{"Léa"}, Sexe: "F", DateNaissance: "1997-02-03",
		LieuNaissance: "Lens (Pas-de-Calais)", Domicile: "1 rue Haute, Lomme (Nord)"}}
	if _, err := s.Validate(again); err != nil {
		t.Logf("the register still refuses the second marriage (%v)", err)
	}
	got := breaksOf(t, s)
	for _, want := range []string{
		"index des noms, acte mariage/2026/1 : ne correspond plus à l'acte",
		"entrées absentes : « " + civil.FoldedName(first.Epoux[0].Nom) + " » (epoux1)",
		"index phonétique, acte mariage/2026/1 : ne correspond plus à l'acte",
	} {
		if !strings.Contains(got, want) {
			t.Fatalf("want %q in breaks:\n%s", want, got)
		}
	}
}

// An index entry added for an act that does not exist, or changed so
// that a search no longer finds the person by a prénom, is found too.
func TestCheckFindsAddedOrChangedIndexEntries(t *testing.T) {
	s := newStore(t)
	ref := register(t, s, birth())
	checkSound(t, s)
	edit(t, s, func(tx *bolt.Tx) error {
		ghost, _ := actID(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 99})
		if err := addPostings(tx.Bucket(bucketNames), "muller", []posting{{ghost, "enfant"}}); err != nil {
			return err
		}
		id, _ := actID(ref)
		if err := addPostings(tx.Bucket(bucketNames), "zorro", []posting{{id, "enfant"}}); err != nil {
			return err
		}
		return tx.Bucket(bucketPersons).Put(idKey(id), encodePersons([]personWords{{"enfant", []string{"muller"}}}))
	})
	got := breaksOf(t, s)
	for _, want := range []string{
		"index des noms ou phonétique : entrées d'un acte naissance/2026/99 absent du registre",
		"index des noms, acte naissance/2026/1 : ne correspond plus à l'acte (modifié hors du programme ; la recherche et les empêchements au mariage s'y fient) ; entrées en trop",
		"index des personnes, acte naissance/2026/1 : ne correspond plus à l'acte",
	} {
		if !strings.Contains(got, want) {
			t.Fatalf("want %q in breaks:\n%s", want, got)
		}
	}
}

// The copy log's sequence set back would make the next copy take the
// number of a line already written; the control finds it.
func TestCheckFindsSequenceSetBack(t *testing.T) {
	s := newStore(t)
	ref := signedRef(t, s)
	for range 2 {
		req := civil.CopyRequest{Ref: ref, Forme: civil.FormeIntegrale, Qualite: civil.QualitePereMere, Demandeur: "Anaïs MÜLLER", Parents: strings.Split(bothParents, ";")}
		if _, err := s.DeliverCopy(req, func(Delivery) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	checkSound(t, s)
	edit(t, s, func(tx *bolt.Tx) error { return tx.Bucket(bucketCopies).SetSequence(1) })
	if got := breaksOf(t, s); !strings.Contains(got, "registre des copies : le compteur des numéros s'arrête au n° 1 alors que la ligne n° 2 existe") {
		t.Fatalf("breaks:\n%s", got)
	}
}

// An act whose content was moved under another key is found.
func TestCheckFindsActUnderAnotherKey(t *testing.T) {
	s := newStore(t)
	ref := register(t, s, birth())
	edit(t, s, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketActs)
		v := bytes.Clone(b.Get(actKey(ref)))
		return b.Put(actKey(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 2}), v)
	})
	if got := breaksOf(t, s); !strings.Contains(got, "acte naissance/2026/2 : son contenu porte la référence naissance/2026/1") {
		t.Fatalf("breaks:\n%s", got)
	}
}
