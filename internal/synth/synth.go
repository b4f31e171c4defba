// Package synth generates realistic civil status registers of any size
// (10,000 to a million acts and more) for the benchmarks and for
// `etatcivil demo --volume N`: births, deaths and marriages spread over
// several years, numbered in date order, with names drawn as in a real
// population (accents, hyphens, apostrophes, particles, double names),
// marginal mentions, unused numbers and the last days' drafts. Every act
// passes the register's rules, so it is imported through the same path as
// a real file.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// Options describes the register to generate.
type Options struct {
	// Acts is the number of acts to generate.
	Acts int
	// Seed makes the register reproducible.
	Seed uint64
	// Today is the register's today: acts are drawn up before it.
	Today time.Time
	// Commune is the register's commune; events take place there.
	Commune civil.Commune
	// Officer signs births and deaths; Celebrant celebrates marriages.
	Officer, Celebrant string
}

// Shares of each register, close to those of a large French town hall.
var shares = []struct {
	registre civil.Kind
	share    float64
}{{civil.Naissance, 0.55}, {civil.Deces, 0.30}, {civil.Mariage, 0.15}}

// Years returns the years the register spans: one per 100,000 acts, at
// least three and at most thirty, ending with the year of today.
func Years(o Options) (first, last int) {
	n := o.Acts / 100_000
	n = max(3, min(n, 30))
	last = o.Today.Year()
	return last - n + 1, last
}

// RegisterYear is one register-year to generate and how many acts it holds.
type RegisterYear struct {
	Registre civil.Kind
	Annee    int
	Acts     int
}

// Plan splits the acts between register-years, in proportion to each
// register's share and to the days of each year that have passed.
func Plan(o Options) []RegisterYear {
	first, last := Years(o)
	days := func(y int) float64 {
		start := time.Date(y, 1, 1, 0, 0, 0, 0, time.Local)
		end := time.Date(y+1, 1, 1, 0, 0, 0, 0, time.Local)
		if y == last {
			end = startOfDay(o.Today)
		}
		return math.Max(0, end.Sub(start).Hours()/24)
	}
	total := 0.0
	for y := first; y <= last; y++ {
		total += days(y)
	}
	var plan []RegisterYear
	given := 0
	for _, s := range shares {
		for y := first; y <= last; y++ {
			n := int(math.Round(float64(o.Acts) * s.share * days(y) / total))
			plan = append(plan, RegisterYear{s.registre, y, n})
			given += n
		}
	}
	// Rounding: the difference goes to the births of the last full year.
	plan[len(plan)/len(shares)-2].Acts += o.Acts - given
	sort.Slice(plan, func(i, j int) bool {
		if plan[i].Registre != plan[j].Registre {
			return plan[i].Registre < plan[j].Registre
		}
		return plan[i].Annee < plan[j].Annee
	})
	return plan
}

func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}

// Generate calls fn with the acts of one register-year, numbered from 1 in
// date order, in the order of Plan. Acts are made lazily, one
// register-year at a time, so a million acts need no more memory than the
// largest register-year.
func Generate(o Options, fn func(ry RegisterYear, acts []*registry.Exported) error) error {
	if o.Acts < 1 {
		return fmt.Errorf("synth: no act to generate")
	}
	for i, ry := range Plan(o) {
		g := &gen{o: o, r: rand.New(rand.NewPCG(o.Seed, uint64(i)))}
		acts := g.registerYear(ry)
		if err := fn(ry, acts); err != nil {
			return err
		}
	}
	return nil
}

type gen struct {
	o Options
	r *rand.Rand
}

// registerYear draws the moments of the year's acts, sorts them, and makes
// an act for each.
func (g *gen) registerYear(ry RegisterYear) []*registry.Exported {
	start := time.Date(ry.Annee, 1, 1, 0, 0, 0, 0, time.Local)
	end := time.Date(ry.Annee+1, 1, 1, 0, 0, 0, 0, time.Local)
	if today := startOfDay(g.o.Today); end.After(today) {
		end = today
	}
	// The moment an act is drawn up: a working day, 8:30 to 17:30.
	moments := make([]time.Time, ry.Acts)
	span := int(end.Sub(start).Hours() / 24)
	for i := range moments {
		d := start.AddDate(0, 0, g.r.IntN(max(span, 1)))
		for d.Weekday() == time.Sunday || (ry.Registre != civil.Mariage && d.Weekday() == time.Saturday) {
			d = d.AddDate(0, 0, -1)
		}
		if d.Before(start) {
			d = start
		}
		moments[i] = d.Add(8*time.Hour + 30*time.Minute + time.Duration(g.r.IntN(9*60))*time.Minute)
	}
	sort.Slice(moments, func(i, j int) bool { return moments[i].Before(moments[j]) })
	out := make([]*registry.Exported, ry.Acts)
	for i, at := range moments {
		var a *civil.Act
		switch ry.Registre {
		case civil.Naissance:
			a = g.birth(at)
		case civil.Deces:
			a = g.death(at)
		default:
			a = g.marriage(at)
		}
		a.Registre, a.Annee, a.Numero = ry.Registre, ry.Annee, i+1
		g.status(a, at)
		out[i] = &registry.Exported{Act: *a}
	}
	return out
}

// status signs the act (or leaves the last days' acts as drafts, or
// marks a rare number unused) and adds its later mentions.
func (g *gen) status(a *civil.Act, at time.Time) {
	a.CreeLe = at.Format(time.RFC3339)
	age := g.o.Today.Sub(at)
	switch {
	case g.r.IntN(2000) == 0:
		// A number taken by an act never completed keeps no names.
		*a = civil.Act{Type: a.Type, Registre: a.Registre, Annee: a.Annee, Numero: a.Numero, CreeLe: a.CreeLe,
			Statut: civil.StatutNonUtilise, Motif: "déclaration interrompue, le déclarant n'est pas revenu"}
		return
	case age < 5*24*time.Hour && g.r.IntN(3) == 0:
		a.Statut = civil.StatutBrouillon
		return
	}
	a.Statut = civil.StatutSigne
	a.SigneLe = at.Add(time.Duration(5+g.r.IntN(40)) * time.Minute).Format(time.RFC3339)
	g.mentions(a, at)
}

// mentions adds the marginal mentions an act of that age would carry.
func (g *gen) mentions(a *civil.Act, at time.Time) {
	later := func() (time.Time, bool) {
		span := int(g.o.Today.Sub(at).Hours()/24) - 2
		if span < 1 {
			return time.Time{}, false
		}
		return startOfDay(at).AddDate(0, 0, 1+g.r.IntN(span)).Add(10 * time.Hour), true
	}
	// Structured mentions (format version 2): the register writes their
	// text from their data when the acts are imported.
	add := func(nature string, d func(when time.Time) *civil.MentionData) {
		when, ok := later()
		if !ok {
			return
		}
		a.Mentions = append(a.Mentions, civil.Mention{Date: when.Format("2006-01-02"), Officier: g.o.Officer, Nature: nature,
			Horodatage: when.Format(time.RFC3339), Donnees: d(when)})
	}
	decision := func(who string, when time.Time) *civil.Decision {
		return &civil.Decision{Autorite: who, Date: when.AddDate(0, 0, -1).Format("2006-01-02"), Reference: fmt.Sprintf("%d/%05d", when.Year(), g.r.IntN(100000))}
	}
	commune := g.o.Commune.Nom
	switch a.Type {
	case civil.Naissance:
		c := a.Enfant
		switch k := g.r.IntN(100); {
		case k < 4 && len(a.Parents) == 1:
			father := g.person("M", at.Year()-g.ageBetween(20, 45), at)
			add(civil.NatureReconnaissance, func(when time.Time) *civil.MentionData {
				return &civil.MentionData{Date: when.Format("2006-01-02"), Lieu: a.Lieu, Auteur: &civil.Spouse{Nom: father.Nom, Prenoms: father.Prenoms}, Qualite: "père"}
			})
		case k < 6:
			if p := g.first(c.Sexe); p != c.Prenoms[0] {
				add(civil.NatureRectification, func(time.Time) *civil.MentionData {
					return &civil.MentionData{Champ: "enfant.prenoms[1]", Valeur: &civil.Value{Texts: []string{p}}}
				})
			}
		case k < 7:
			if p := g.first(c.Sexe); p != c.Prenoms[0] {
				add(civil.NatureChangementPrenoms, func(when time.Time) *civil.MentionData {
					return &civil.MentionData{Prenoms: []string{p}, Decision: decision("officier de l'état civil de "+commune, when)}
				})
			}
		}
	case civil.Mariage:
		if g.r.IntN(8) == 0 {
			add(civil.NatureDivorce, func(when time.Time) *civil.MentionData {
				return &civil.MentionData{Date: when.AddDate(0, 0, -1).Format("2006-01-02"), Decision: decision("tribunal judiciaire de Lille", when)}
			})
		}
	case civil.Deces:
		if g.r.IntN(200) == 0 {
			if job := g.gendered(jobs, a.Defunt.Sexe); job != a.Defunt.Profession {
				add(civil.NatureRectification, func(time.Time) *civil.MentionData {
					return &civil.MentionData{Champ: "defunt.profession", Valeur: &civil.Value{Texts: []string{job}}}
				})
			}
		}
	}
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// gendered draws one of a list of masculine and feminine pairs, in the
// gender of sex ("F" or "M").
func (g *gen) gendered(list [][2]string, sex string) string {
	w := list[g.r.IntN(len(list))]
	if sex == "F" {
		return w[1]
	}
	return w[0]
}

// surname draws a surname as in the population: one in eight from the
// list of common names with a Zipf law (MARTIN, the most common, comes up
// about once in a hundred draws, three times its share in France, so
// searches meet bigger crowds than at a real counter), the others from a
// long tail of rarer names made of a root and an ending.
func (g *gen) surname() string {
	if g.r.IntN(8) == 0 {
		return surnames[sort.SearchFloat64s(surnameWeights, g.r.Float64()*surnameWeights[len(surnameWeights)-1])]
	}
	return roots[g.r.IntN(len(roots))] + endings[g.r.IntN(len(endings))]
}

// surnameWeights are the cumulative weights 1/(i+1)^0.7 of the common surnames.
var surnameWeights = func() []float64 {
	w := make([]float64, len(surnames))
	sum := 0.0
	for i := range w {
		sum += 1 / math.Pow(float64(i+1), 0.7)
		w[i] = sum
	}
	return w
}()

func (g *gen) first(sex string) string {
	if sex == "F" {
		return g.pick(firstF)
	}
	return g.pick(firstM)
}

// prenoms draws one to three given names.
func (g *gen) prenoms(sex string) []string {
	n := 1 + g.r.IntN(3)
	out := make([]string, 0, n)
	for len(out) < n {
		p := g.first(sex)
		dup := false
		for _, q := range out {
			dup = dup || q == p
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

func (g *gen) sex() string {
	if g.r.IntN(2) == 0 {
		return "F"
	}
	return "M"
}

func (g *gen) ageBetween(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// date returns a day of year y, before limit.
func (g *gen) date(y int, limit time.Time) string {
	d := time.Date(y, 1, 1, 0, 0, 0, 0, time.Local).AddDate(0, 0, g.r.IntN(365))
	if !d.Before(startOfDay(limit)) {
		d = startOfDay(limit).AddDate(0, 0, -1-g.r.IntN(300))
	}
	return d.Format("2006-01-02")
}

func (g *gen) here() string {
	c := g.o.Commune
	if c.CommuneAssociee != "" && g.r.IntN(4) == 0 {
		return c.CommuneAssociee + " (" + c.Departement + ")"
	}
	return c.Nom + " (" + c.Departement + ")"
}

func (g *gen) address() string {
	return fmt.Sprintf("%d %s, %s", 1+g.r.IntN(180), g.pick(streets), g.here())
}

// person draws a full person born in year born, before limit.
func (g *gen) person(sex string, born int, limit time.Time) civil.Person {
	return civil.Person{Nom: g.surname(), Prenoms: g.prenoms(sex), Sexe: sex, DateNaissance: g.date(born, limit),
		LieuNaissance: g.pick(birthPlaces), Profession: g.gendered(jobs, sex), Domicile: g.address()}
}

// named draws a person named only (a parent in a death or marriage act).
func (g *gen) named(sex, nom string) civil.Person {
	return civil.Person{Nom: nom, Prenoms: g.prenoms(sex)[:1]}
}

func hour(t time.Time) string { return t.Format("15:04") }

// birth makes a birth declared at `at`, born zero to three days before.
func (g *gen) birth(at time.Time) *civil.Act {
	born := at.Add(-time.Duration(1+g.r.IntN(72*60)) * time.Minute)
	sex := g.sex()
	mother := g.person("F", born.Year()-g.ageBetween(18, 44), born)
	parents := []civil.Person{mother}
	nom := mother.Nom
	decl := &civil.Declarant{Qualite: "la mère"}
	if g.r.IntN(10) < 8 {
		father := g.person("M", born.Year()-g.ageBetween(19, 50), born)
		father.Domicile = mother.Domicile
		parents = append(parents, father)
		nom = father.Nom
		decl = &civil.Declarant{Qualite: "le père"}
		// A double name, joined by a space (since 2011) or, before, by a hyphen.
		switch k := g.r.IntN(100); {
		case k < 8 && father.Nom != mother.Nom:
			nom = father.Nom + " " + mother.Nom
		case k < 10 && father.Nom != mother.Nom && !strings.Contains(father.Nom+mother.Nom, " "):
			nom = father.Nom + "-" + mother.Nom
		case k < 14:
			nom = mother.Nom
		}
	}
	if g.r.IntN(25) == 0 {
		decl = &civil.Declarant{Person: civil.Person{Nom: g.surname(), Prenoms: g.prenoms("F")[:1], DateNaissance: g.date(born.Year()-g.ageBetween(25, 60), born),
			Profession: "sage-femme", Domicile: "Hôpital Saint-Philibert, " + g.here()}, Qualite: "sage-femme"}
	}
	return &civil.Act{Type: civil.Naissance,
		Enfant: &civil.Person{Nom: nom, Prenoms: g.prenoms(sex), Sexe: sex},
		Date:   born.Format("2006-01-02"), Heure: hour(born), Lieu: g.here(), Parents: parents, Declarant: decl,
		Declaration: &civil.Moment{Date: at.Format("2006-01-02"), Heure: hour(at)}, Officier: g.o.Officer}
}

// death makes a death declared at `at`, the day it happened or the day after.
func (g *gen) death(at time.Time) *civil.Act {
	died := at.Add(-time.Duration(1+g.r.IntN(22*60)) * time.Minute)
	sex := g.sex()
	age := g.ageBetween(55, 101)
	if g.r.IntN(10) == 0 {
		age = g.ageBetween(18, 54)
	}
	p := g.person(sex, died.Year()-age, died)
	if age > 65 {
		p.Profession = map[string]string{"F": "retraitée", "M": "retraité"}[sex]
	}
	if g.r.IntN(6) == 0 {
		p.Domicile = "EHPAD Les Charmilles, " + g.here()
	}
	d := &civil.Deceased{Person: p}
	if g.r.IntN(2) == 0 {
		other := map[string]string{"F": "M", "M": "F"}[sex]
		d.Conjoint = &civil.Spouse{Nom: g.surname(), Prenoms: g.prenoms(other)[:1]}
		if sex == "F" && g.r.IntN(2) == 0 {
			d.Conjoint.Nom = p.Nom
		}
	}
	parents := []civil.Person{g.named("M", p.Nom)}
	if g.r.IntN(10) < 8 {
		parents = append(parents, g.named("F", g.surname()))
	}
	ds := g.sex()
	decl := &civil.Declarant{Person: civil.Person{Nom: p.Nom, Prenoms: g.prenoms(ds)[:1], DateNaissance: g.date(died.Year()-g.ageBetween(25, 70), died),
		Profession: g.gendered(jobs, ds), Domicile: g.address()}, Lien: g.gendered(kinDeclarants, ds)}
	if g.r.IntN(3) == 0 {
		decl = &civil.Declarant{Person: civil.Person{Nom: g.surname(), Prenoms: g.prenoms("M")[:1], Profession: "conseiller funéraire",
			Domicile: "Pompes funèbres du Bourg, " + g.here()}, Lien: "mandaté par la famille"}
	}
	return &civil.Act{Type: civil.Deces, Defunt: d, Parents: parents,
		Date: died.Format("2006-01-02"), Heure: hour(died), Lieu: g.here(), Declarant: decl,
		Declaration:       &civil.Moment{Date: at.Format("2006-01-02"), Heure: hour(at)},
		CertificatMedical: fmt.Sprintf("CMD-%s-%d-%05d", g.o.Commune.Insee[:2], died.Year(), g.r.IntN(100000)), Officier: g.o.Officer}
}

// marriage makes a marriage celebrated at `at`, with banns published ten
// days to three months before, a contract in one case out of five, and
// two to four witnesses.
func (g *gen) marriage(at time.Time) *civil.Act {
	s1, s2 := "F", "M"
	if g.r.IntN(25) == 0 {
		s2 = s1
	}
	var spouses []civil.MarriageSpouse
	home := g.address()
	for _, sex := range []string{s1, s2} {
		p := g.person(sex, at.Year()-g.ageBetween(20, 55), at)
		p.Domicile = home
		sp := civil.MarriageSpouse{Person: p, Parents: []civil.Person{g.named("M", p.Nom)}}
		if g.r.IntN(10) < 8 {
			sp.Parents = append(sp.Parents, g.named("F", g.surname()))
		}
		spouses = append(spouses, sp)
	}
	a := &civil.Act{Type: civil.Mariage, Epoux: spouses,
		Date: at.Format("2006-01-02"), Heure: hour(at), Lieu: g.here(),
		Bans:     &civil.BannsRef{DatePublication: at.AddDate(0, 0, -10-g.r.IntN(80)).Format("2006-01-02")},
		Officier: g.o.Celebrant, SansContrat: true}
	if g.r.IntN(5) == 0 {
		a.SansContrat = false
		a.Contrat = &civil.Contract{Notaire: "Maître " + g.pick(firstF) + " " + g.surname() + ", notaire à Lille (Nord)",
			Date: at.AddDate(0, 0, -15-g.r.IntN(120)).Format("2006-01-02")}
	}
	for range 2 + g.r.IntN(3) {
		t := g.person(g.sex(), at.Year()-g.ageBetween(20, 70), at)
		t.Sexe, t.LieuNaissance = "", ""
		a.Temoins = append(a.Temoins, t)
	}
	return a
}
