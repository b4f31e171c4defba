package civil

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

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
