package synth

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

var (
	lomme = civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}
	today = time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local)
)

// newRegister makes an empty register with a maire, as demo --volume does.
func newRegister(t testing.TB) *registry.Store {
	t.Helper()
	s, err := registry.Create(filepath.Join(t.TempDir(), "registre"), lomme, nil, registry.Options{Agent: "test", Now: func() time.Time { return today }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.AddOfficer(civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func options(n int) Options {
	return Options{Acts: n, Seed: 1, Today: today, Commune: lomme, Officer: "o1", Celebrant: "o1"}
}

func TestPlanSharesTheActs(t *testing.T) {
	for _, n := range []int{10, 10_000, 1_000_000} {
		plan := Plan(options(n))
		total, years := 0, map[int]bool{}
		for _, ry := range plan {
			total += ry.Acts
			years[ry.Annee] = true
		}
		if total != n {
			t.Errorf("%d acts planned, %d asked", total, n)
		}
		want := max(3, min(n/100_000, 30))
		if len(years) != want {
			t.Errorf("%d acts over %d years, want %d", n, len(years), want)
		}
	}
}

// TestFilledRegisterIsRealistic fills a register and checks what the
// benchmarks rely on: every act accepted by the rules, numbers contiguous,
// the three registers over several years, the names a search must cope
// with, mentions, drafts and unused numbers, and a clean control.
func TestFilledRegisterIsRealistic(t *testing.T) {
	s := newRegister(t)
	const n = 6000
	calls := 0
	if err := Fill(s, options(n), func(int) { calls++ }); err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Error("progress never called")
	}
	r, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if r.Acts != n {
		t.Fatalf("control counts %d acts, want %d", r.Acts, n)
	}
	kinds, years := map[civil.Kind]int{}, map[int]bool{}
	var statuses = map[string]int{}
	var mentions int
	var accent, hyphen, apostrophe, double bool
	last := map[string]int{}
	err = s.Export("", func(x *registry.Exported) error {
		a := x.Act
		k := string(a.Registre) + " " + string(rune('0'+a.Annee%10))
		if a.Numero != last[k]+1 {
			t.Errorf("%s follows n° %d", a.Ref(), last[k])
		}
		last[k] = a.Numero
		kinds[a.Type]++
		years[a.Annee] = true
		statuses[a.Statut]++
		mentions += len(a.Mentions)
		for _, p := range a.Persons() {
			nom := p.Person.Nom
			accent = accent || strings.ContainsAny(nom, "ÉÈÊËÜÏÎÔŒÇ")
			hyphen = hyphen || strings.Contains(nom, "-")
			apostrophe = apostrophe || strings.Contains(nom, "'")
			if _, _, ok := civil.DoubleName(nom); ok && p.Role == "enfant" {
				double = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if kinds[civil.Naissance] < n/2 || kinds[civil.Deces] < n/4 || kinds[civil.Mariage] < n/10 {
		t.Errorf("shares of the registers: %v", kinds)
	}
	if len(years) != 3 {
		t.Errorf("years: %v", years)
	}
	if statuses[civil.StatutSigne] < n*9/10 || statuses[civil.StatutBrouillon] == 0 {
		t.Errorf("statuses: %v", statuses)
	}
	if mentions < n/50 {
		t.Errorf("%d mentions in %d acts", mentions, n)
	}
	if !accent || !hyphen || !apostrophe || !double {
		t.Errorf("names: accent %v, hyphen %v, apostrophe %v, double %v", accent, hyphen, apostrophe, double)
	}
	hits, err := s.Search("lefevre")
	if err != nil || len(hits) == 0 {
		t.Errorf("search lefevre: %d hits, %v", len(hits), err)
	}
}

// TestSameSeedSameRegister: the figures of two runs compare like with like.
func TestSameSeedSameRegister(t *testing.T) {
	first := func(seed uint64) string {
		o := options(500)
		o.Seed = seed
		var out string
		Generate(o, func(ry RegisterYear, acts []*registry.Exported) error {
			if out == "" && len(acts) > 0 {
				out = acts[0].Act.Who() + acts[0].Act.Date
			}
			return nil
		})
		return out
	}
	if first(7) != first(7) {
		t.Error("same seed, different acts")
	}
	if first(7) == first(8) {
		t.Error("different seeds, same acts")
	}
}
