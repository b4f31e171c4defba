package civil

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// marriage is a valid marriage at testNow.
func marriage() *Act {
	return &Act{
		Type: Mariage,
		Epoux: []MarriageSpouse{
			{Person: Person{Nom: "BERNARD", Prenoms: []string{"Camille"}, Sexe: "F", DateNaissance: "1996-04-02", LieuNaissance: "Lomme (Nord)",
				Profession: "professeure", Domicile: "7 rue du Bourg, Lomme (Nord)"},
				Parents: []Person{{Nom: "BERNARD", Prenoms: []string{"Luc"}}, {Nom: "PETIT", Prenoms: []string{"Rose"}}}},
			{Person: Person{Nom: "N'DIAYE", Prenoms: []string{"Sacha"}, Sexe: "M", DateNaissance: "1995-09-18", LieuNaissance: "Roubaix (Nord)",
				Domicile: "7 rue du Bourg, Lomme (Nord)"},
				Parents: []Person{{Nom: "N'DIAYE", Prenoms: []string{"Amadou"}}}},
		},
		Date: "2026-11-21", Heure: "11:00", Lieu: "Lomme (Nord)",
		Bans:        &BannsRef{DatePublication: "2026-11-05"},
		SansContrat: true,
		Temoins: []Person{
			{Nom: "LEROY", Prenoms: []string{"Inès"}, DateNaissance: "1990-01-15", Profession: "architecte", Domicile: "5 rue Pasteur, Lille (Nord)"},
			{Nom: "MOREAU", Prenoms: []string{"Hugo"}, DateNaissance: "1988-07-30", Profession: "professeur", Domicile: "2 allée des Tilleuls, Lomme (Nord)"},
		},
		Officier: "o1",
	}
}

// birthByMidwife is a birth declared by a named person who is not a parent.
func birthByMidwife() *Act {
	a := birth()
	a.Declarant = &Declarant{Person: Person{Nom: "ROUSSEL", Prenoms: []string{"Claire"}, Domicile: "1 rue Haute, Lille (Nord)"}, Qualite: "sage-femme"}
	return a
}

// fillPersons gives every person-shaped field reachable from v (a
// pointer to a struct) a distinct NOM, and returns them: every person a
// kind of act can hold, found by the type of its fields rather than by a
// list kept by hand.
func fillPersons(v reflect.Value, names *[]string) {
	person, spouse := reflect.TypeOf(Person{}), reflect.TypeOf(Spouse{})
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.Type().Elem().Kind() != reflect.Struct {
				return
			}
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			walk(v.Elem())
		case reflect.Slice:
			if v.Type().Elem().Kind() != reflect.Struct {
				return
			}
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range 2 {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == person || v.Type() == spouse {
				name := fmt.Sprintf("PERSONNE%c", 'A'+len(*names))
				v.FieldByName("Nom").SetString(name)
				*names = append(*names, name)
				return
			}
			for i := range v.NumField() {
				f := v.Type().Field(i)
				if !f.IsExported() || f.Name == "Mentions" {
					continue // the mentions' data name persons the act does not
				}
				walk(v.Field(i))
			}
		}
	}
	walk(v)
}

// Every person field of the act, whatever its kind, is visited by the
// one walk: a new role added to the model without the walk fails here.
func TestEachPersonVisitsEveryPersonField(t *testing.T) {
	a := &Act{}
	var want []string
	fillPersons(reflect.ValueOf(a).Elem(), &want)
	var got []string
	a.EachPerson(func(r Role, p *Person) { got = append(got, p.Nom) })
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("walk visits %v, the act holds %v", got, want)
	}
	b := &Banns{}
	want = nil
	fillPersons(reflect.ValueOf(b).Elem(), &want)
	got = nil
	b.EachPerson(func(r Role, p *Person) { got = append(got, p.Nom) })
	if !slices.Equal(got, want) {
		t.Fatalf("banns walk visits %v, the publication holds %v", got, want)
	}
}

// decompose writes s with its accents as combining marks (NFD), as a
// name pasted from another system may come.
func decompose(s string) string { return norm.NFD.String(s) }

// A decomposed accent in any person's names, of any kind of act, is put
// in canonical form before the letters are checked: it is never refused
// as a lone combining accent (issue 18 §6: a witness's name was).
func TestDecomposedAccentsInEveryRole(t *testing.T) {
	kinds := map[string]func() *Act{"naissance": birth, "naissance (sage-femme)": birthByMidwife, "deces": death, "mariage": marriage}
	for kind, mk := range kinds {
		for _, np := range mk().Persons() {
			t.Run(kind+"/"+np.Role, func(t *testing.T) {
				a := mk()
				var field string
				a.EachPerson(func(r Role, p *Person) {
					if r.Name == np.Role {
						field = r.Field
						p.Nom = decompose("HÉBERT-LÈVE")
						p.Prenoms = []string{decompose("Léa"), decompose("Anaïs")}
					}
				})
				if field == "" {
					t.Fatal("role not found")
				}
				_, err := Validate(a, lomme, known, testNow)
				if err != nil {
					for _, p := range err.(*RefusedError).Problems {
						if strings.HasPrefix(p.Field, field) || strings.Contains(p.Rule, "\u0301") || strings.Contains(p.Rule, "\u0300") {
							t.Fatalf("refused: %s", p)
						}
					}
				}
				a.EachPerson(func(r Role, p *Person) {
					if r.Name == np.Role && (p.Nom != "HÉBERT-LÈVE" || p.Prenoms[0] != "Léa" || p.Prenoms[1] != "Anaïs") {
						t.Fatalf("not in canonical form: %+q %+q", p.Nom, p.Prenoms)
					}
				})
				// The signed code certifies the names in canonical form too.
				for _, f := range CodeFor(a, lomme, FormeIntegrale, 1, testNow, "0123456789ab").Faits {
					if !norm.NFC.IsNormalString(f.Value) {
						t.Fatalf("code fact %q not NFC", f.Value)
					}
				}
			})
		}
	}
}

// The future spouses of a publication of banns are put in canonical form.
func TestDecomposedAccentsInBanns(t *testing.T) {
	b := &Banns{Type: Bans, Epoux: []Person{
		{Nom: decompose("HÉBERT"), Prenoms: []string{decompose("Léa")}, DateNaissance: "1990-01-01", LieuNaissance: "Lille (Nord)", Domicile: "1 rue Haute, Lomme (Nord)"},
		{Nom: "MARTIN", Prenoms: []string{decompose("Zoé")}, DateNaissance: "1990-01-01", LieuNaissance: "Lille (Nord)", Domicile: "1 rue Haute, Lomme (Nord)"},
	}, DatePublication: "2026-11-20", Officier: "o1"}
	if _, err := ValidateBanns(b, known, testNow); err != nil {
		t.Fatal(err)
	}
	if b.Epoux[0].Nom != "HÉBERT" || b.Epoux[1].Prenoms[0] != "Zoé" {
		t.Fatalf("not in canonical form: %q %q", b.Epoux[0].Nom, b.Epoux[1].Prenoms)
	}
}

// kindFixture is a valid act of one kind, with the clock and the officers
// it is checked against.
type kindFixture struct {
	name     string
	mk       func(t *testing.T) *Act
	now      time.Time
	officers func(string) (Officer, bool)
}

// everyKind returns valid acts of every kind, several roles each.
func everyKind() map[Kind][]kindFixture {
	atTest := func(name string, mk func() *Act) kindFixture {
		return kindFixture{name, func(*testing.T) *Act { return mk() }, testNow, known}
	}
	atCase := func(file string) kindFixture {
		return kindFixture{file, func(t *testing.T) *Act { return modelCase(t, file+".json") }, caseNow, twoOfficers}
	}
	transcription := kindFixture{"transcription", func(t *testing.T) *Act {
		a := modelCase(t, "06-deces-parents-profession-domicile.json")
		a.Type = Transcription
		a.Lieu = "Roubaix (Nord)"
		a.Defunt.Domicile = "22 rue de Douai, Lomme (Nord)"
		a.ActeOrigine = &OriginAct{Commune: "Roubaix (Nord)", Annee: 2026, Numero: 812, Officier: "Guillaume DELBAR, maire"}
		a.DateTranscription = "2026-11-28"
		return a
	}, caseNow, twoOfficers}
	return map[Kind][]kindFixture{
		Naissance:      {atTest("naissance (sage-femme)", birthByMidwife), atCase("01-fanch-naissance"), atCase("03-enfant-trouve")},
		Deces:          {atTest("deces", death), atCase("05-defunt-veuf"), atCase("07-deces-pompes-funebres")},
		Mariage:        {atTest("mariage", marriage)},
		Reconnaissance: {atCase("08-reconnaissance-prenatale")},
		EnfantSansVie:  {atCase("02-enfant-sans-vie")},
		Transcription:  {transcription},
	}
}

// accented gives every vowel of s an accent that French names admit, the
// same for the same letter: names equal before are equal after, and a
// compound name still joins its parts (LEFÈVRE-DURAND, LEFÈVRE, DURAND).
func accented(s string) string {
	return strings.NewReplacer("A", "Â", "E", "É", "I", "Ï", "O", "Ô", "U", "Ü",
		"a", "â", "e", "é", "i", "ï", "o", "ô", "u", "ü").Replace(s)
}

// Issue 18 §6, for every kind of act (civil.Kinds): the one walk
// (EachPerson, Persons) reaches each person of the act, normalisation
// puts every one of them in canonical form (their names given with
// decomposed accents, as pasted from another system, are never refused as
// a lone accent), and the signed code's facts carry the names so. A kind
// added to Kinds without an act here fails.
func TestOneWalkEveryKind(t *testing.T) {
	fixtures := everyKind()
	for _, k := range Kinds {
		if len(fixtures[k]) == 0 {
			t.Errorf("%s: no act of this kind to walk: add one to everyKind", k)
		}
		for _, f := range fixtures[k] {
			t.Run(string(k)+"/"+f.name, func(t *testing.T) {
				base := f.mk(t)
				if base.Type != k {
					t.Fatalf("fixture of kind %s", base.Type)
				}
				if _, err := Validate(base, lomme, f.officers, f.now); err != nil {
					t.Fatalf("fixture refused: %v", err)
				}
				roles := map[string]bool{}
				for _, np := range base.Persons() {
					if roles[np.Role] {
						t.Errorf("role %s twice", np.Role)
					}
					roles[np.Role] = true
				}
				if len(roles) == 0 {
					t.Fatal("the walk finds nobody")
				}

				a := f.mk(t)
				want := map[string]Person{}
				a.EachPerson(func(r Role, p *Person) {
					want[r.Name] = Person{Nom: accented(p.Nom), Prenoms: slices.Clone(p.Prenoms)}
					for i := range want[r.Name].Prenoms {
						want[r.Name].Prenoms[i] = accented(p.Prenoms[i])
					}
					p.Nom = decompose(accented(p.Nom))
					for i := range p.Prenoms {
						p.Prenoms[i] = decompose(accented(p.Prenoms[i]))
					}
				})
				if _, err := Validate(a, lomme, f.officers, f.now); err != nil {
					t.Fatalf("names with decomposed accents refused: %v", err)
				}
				got := map[string]bool{}
				a.EachPerson(func(r Role, p *Person) {
					got[r.Name] = true
					w := want[r.Name]
					if p.Nom != w.Nom || !slices.Equal(p.Prenoms, w.Prenoms) {
						t.Errorf("%s (%s) not in canonical form: %+q %+q, want %q %q", r.Name, r.Field, p.Nom, p.Prenoms, w.Nom, w.Prenoms)
					}
				})
				if len(got) != len(want) {
					t.Errorf("roles after validation %v, before %v", got, want)
				}
				// The register sheet's signed code: its facts are in canonical
				// form and name the persons the act is about.
				a.Registre, a.Annee, a.Numero, a.Statut = k.Register(), 2026, 1, StatutSigne
				facts := CodeFor(a, lomme, FormeFeuillet, 1, f.now, "0123456789ab").Faits
				var names []string
				for _, fact := range facts {
					if !norm.NFC.IsNormalString(fact.Value) {
						t.Errorf("code fact %q not NFC", fact.Value)
					}
					names = append(names, fact.Value)
				}
				a.EachPerson(func(r Role, p *Person) {
					if IsSubjectRole(r.Name) && p.Nom != "" && !slices.Contains(names, p.Nom) {
						t.Errorf("the code does not name %s %q: %q", r.Name, p.Nom, names)
					}
				})
			})
		}
	}
}
