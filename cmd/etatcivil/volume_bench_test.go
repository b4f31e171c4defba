package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/fold"
	"etatcivil/internal/synth"
	"etatcivil/registry"
)

// The volume benchmarks run on a generated register: the one named by
// $ETATCIVIL_BENCH_REGISTRE (made by `etatcivil demo --volume N --dossier
// DIR`, see BENCHMARKS.md), or else a register of $ETATCIVIL_BENCH_VOLUME
// acts (10,000 by default) generated in a temporary folder.
//
//	ETATCIVIL_BENCH_REGISTRE=/tmp/v1m go test -run xxx -bench Volume -benchmem ./cmd/etatcivil/

// volumeRegister opens (or makes) the register of the volume benchmarks,
// with the demo's officers and passphrase.
func volumeRegister(b *testing.B) (*env, *registry.Store) {
	b.Helper()
	e := &env{out: io.Discard, errOut: io.Discard, phrases: demoPhrases()}
	dir := os.Getenv("ETATCIVIL_BENCH_REGISTRE")
	if dir == "" {
		n := 10_000
		if v := os.Getenv("ETATCIVIL_BENCH_VOLUME"); v != "" {
			fmt.Sscan(v, &n)
		}
		e.dossier = filepath.Join(b.TempDir(), "registre")
		if err := e.runVolumeDemo(n); err != nil {
			b.Fatal(err)
		}
		dir = e.dossier
	}
	s, err := registry.Open(dir, registry.Options{Agent: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return e, s
}

// sampleRefs draws n references of signed acts, evenly over the register.
func sampleRefs(b *testing.B, s *registry.Store, n int, registre civil.Kind) []*civil.Act {
	b.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var acts []*civil.Act
	last := time.Now().Year()
	for len(acts) < n {
		ref := civil.Ref{Registre: registre, Annee: last - r.IntN(3), Numero: 1 + r.IntN(2000)}
		if registre == "" {
			ref.Registre = []civil.Kind{civil.Naissance, civil.Deces, civil.Mariage}[r.IntN(3)]
		}
		a, err := s.Get(ref)
		if err != nil {
			continue
		}
		if a.Statut == civil.StatutSigne {
			acts = append(acts, a)
		}
	}
	return acts
}

// misspell writes a name as a clerk might hear it: a spelling that sounds
// the same, which only the phonetic index finds (the queries keep only the
// names whose misspelling has the same phonetic key, of two sounds at
// least: see Find).
func misspell(s string) string {
	for _, r := range [][2]string{{"eau", "o"}, {"ph", "f"}, {"qu", "k"}, {"ll", "l"}, {"tt", "t"}, {"y", "i"}, {"ault", "o"}, {"au", "o"}, {"ss", "s"}, {"f", "ph"}, {"ca", "ka"}, {"co", "ko"}} {
		if strings.Contains(s, r[0]) {
			return strings.Replace(s, r[0], r[1], 1)
		}
	}
	return s + "e"
}

// searchQueries makes the queries of a day at the counter from people of
// the register: a NOM typed without accents, a prénom and NOM, and a NOM
// misspelt by ear.
func searchQueries(b *testing.B, s *registry.Store) (byName, bySound []string) {
	for _, a := range sampleRefs(b, s, 600, "") {
		people := a.Persons()
		p := people[len(byName)%len(people)].Person
		nom := strings.ToLower(fold.Accents(p.Nom))
		prenom := strings.ToLower(fold.Accents(p.Prenoms[0]))
		byName = append(byName, nom, prenom+" "+nom)
		if nom := strings.Join(fold.Words(p.Nom), ""); registry.Phonetic(misspell(nom)) == registry.Phonetic(nom) && len(registry.Phonetic(nom)) >= 2 {
			bySound = append(bySound, misspell(nom))
		}
	}
	return byName, bySound
}

// percentiles runs fn over the queries b.N times in all and reports the
// median and the 99th percentile of one call.
func percentiles(b *testing.B, queries []string, fn func(q string) error) {
	b.Helper()
	var took []time.Duration
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		t := time.Now()
		if err := fn(q); err != nil {
			b.Fatal(q, err)
		}
		took = append(took, time.Since(t))
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[len(took)*99/100]), "p99-ms")
}

// BenchmarkVolumeSearch: search by name, accent-insensitive (a NOM, or a
// prénom and NOM, typed without accents) and phonetic (a NOM misspelt).
func BenchmarkVolumeSearch(b *testing.B) {
	_, s := volumeRegister(b)
	byName, bySound := searchQueries(b, s)
	search := func(q string) error {
		hits, err := s.Search(q)
		if err == nil && len(hits) == 0 {
			err = fmt.Errorf("nobody found")
		}
		return err
	}
	b.Run("accents", func(b *testing.B) { percentiles(b, byName, search) })
	b.Run("phonetique", func(b *testing.B) { percentiles(b, bySound, search) })
}

// BenchmarkVolumeAfficher reads an act and writes its text, as afficher does.
func BenchmarkVolumeAfficher(b *testing.B) {
	_, s := volumeRegister(b)
	acts := sampleRefs(b, s, 500, "")
	i := 0
	for b.Loop() {
		a, err := s.Get(acts[i%len(acts)].Ref())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := actText(s, a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkVolumeCopy delivers a copie intégrale of a birth to a parent: rights,
// log line and journal entry committed, PDF rendered, sealed and written.
func BenchmarkVolumeCopy(b *testing.B) {
	e, s := volumeRegister(b)
	acts := sampleRefs(b, s, 200, civil.Naissance)
	o, _ := s.Officer("o1")
	sl, err := e.officerSeal(s, o)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		a := acts[i%len(acts)]
		var parents []string
		for _, p := range a.Parents {
			parents = append(parents, p.FullName())
		}
		req := civil.CopyRequest{Ref: a.Ref(), Forme: civil.FormeIntegrale, Demandeur: parents[0], Qualite: civil.QualitePereMere, Parents: parents, Officier: "o1"}
		if _, err := e.deliverCopy(s, req, filepath.Join(dir, fmt.Sprintf("copie-%d.pdf", i)), sl); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkVolumeRegister registers one birth of today: rules, the kin
// lookups, number, index and journal, one committed transaction.
func BenchmarkVolumeRegister(b *testing.B) {
	e, s := volumeRegister(b)
	for b.Loop() {
		a := demoActs(e.clock())[0]
		if _, err := s.Register(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVolumeList reads the births of last year, as lister does.
func BenchmarkVolumeList(b *testing.B) {
	_, s := volumeRegister(b)
	year := time.Now().Year() - 1
	for b.Loop() {
		n := 0
		if err := s.List(civil.Naissance, year, func(*civil.Act) error { n++; return nil }); err != nil || n == 0 {
			b.Fatal(n, err)
		}
		b.ReportMetric(float64(n), "actes")
	}
}

// BenchmarkVolumeGenerate generates and imports 10,000 acts into a new
// register: the speed of the import path that demo --volume uses.
func BenchmarkVolumeGenerate(b *testing.B) {
	for b.Loop() {
		e := &env{out: io.Discard, errOut: io.Discard, phrases: demoPhrases(), dossier: filepath.Join(b.TempDir(), "registre")}
		s, _, _, err := e.demoRegister()
		if err != nil {
			b.Fatal(err)
		}
		c, _ := s.Commune()
		err = synth.Fill(s, synth.Options{Acts: 10_000, Seed: 1, Today: e.clock(), Commune: c, Officer: "o2", Celebrant: "o1"}, nil)
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}

// peakHeap runs fn and returns the most Go heap in use seen meanwhile,
// sampled every 20 ms, in MB.
func peakHeap(fn func()) float64 {
	var peak uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	<-sampled
	return float64(peak) / (1 << 20)
}

// BenchmarkVolumeControl checks the whole register, as controle does, and
// reports the peak of the Go heap.
func BenchmarkVolumeControl(b *testing.B) {
	_, s := volumeRegister(b)
	runtime.GC()
	for b.Loop() {
		var err error
		heap := peakHeap(func() {
			var r registry.Report
			if r, err = s.Check(); err == nil {
				err = r.Err()
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(heap, "heap-peak-MB")
	}
}
