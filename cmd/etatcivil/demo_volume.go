package main

import (
	"fmt"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/synth"
	"etatcivil/internal/words"
)

// maxVolume bounds demo --volume: ten million acts is about 20 Go of register.
const maxVolume = 10_000_000

// runVolumeDemo fills a new demo register with n generated acts (see
// internal/synth) through the register's import, then times the counter's
// everyday operations on it. With --dossier, the register stays for the
// benchmarks of BENCHMARKS.md.
func (e *env) runVolumeDemo(n int) error {
	if n < 1 || n > maxVolume {
		return civil.Refuse("--volume", fmt.Sprintf("volume %d hors limites", n), fmt.Sprintf("donnez un nombre d'actes entre 1 et %s, par exemple --volume 100000", words.Count(maxVolume)))
	}
	s, dir, _, err := e.demoRegister()
	if err != nil {
		return err
	}
	defer s.Close()
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	c, err := s.Commune()
	if err != nil {
		return err
	}
	o := synth.Options{Acts: n, Seed: 1, Today: e.clock(), Commune: c, Officer: "o2", Celebrant: "o1"}
	first, last := synth.Years(o)
	say("Démonstration en volume d'etatcivil — registre d'exemple de Lomme, commune associée de Lille (Nord).")
	say("Dossier : %s (le registre réel n'est pas touché)\n", dir)
	say("1. Génération de %s actes réalistes (naissances, décès, mariages, avec leurs mentions) de %d à %d,", words.Count(int64(n)), first, last)
	say("   inscrits par l'import du registre : règles de droit, numéros, index et journal, par lots de 10 000.")
	bar := e.newCounter("   Inscription", int64(n), "actes")
	start := time.Now()
	err = synth.Fill(s, o, bar.set)
	bar.finish()
	if err != nil {
		return err
	}
	took := time.Since(start)
	say("   %s actes inscrits en %s (%s actes par seconde).", words.Count(int64(n)), round(took), words.Count(int64(float64(n)/took.Seconds())))

	say("2. Le guichet sur ce registre :")
	timed := func(what string, fn func() (string, error)) error {
		t := time.Now()
		res, err := fn()
		if err != nil {
			return err
		}
		say("   %-44s %8s   %s", what, round(time.Since(t)), res)
		return nil
	}
	for _, q := range []string{"martin", "lefèbvre", "n'diaye", "zoé müller"} {
		if err := timed("recherche « "+q+" »", func() (string, error) {
			hits, err := s.Search(q)
			return words.Plural(len(hits), "personne montrée", "personnes montrées"), err
		}); err != nil {
			return err
		}
	}
	ref := civil.Ref{Registre: civil.Naissance, Annee: last - 1, Numero: 1}
	if err := timed("afficher "+ref.String(), func() (string, error) {
		a, err := s.Get(ref)
		if err != nil {
			return "", err
		}
		text, err := actText(s, a)
		return fmt.Sprintf("%s, %d caractères", a.Who(), len([]rune(text))), err
	}); err != nil {
		return err
	}
	if err := timed(fmt.Sprintf("lister naissance %d", last-1), func() (string, error) {
		count := 0
		err := s.List(civil.Naissance, last-1, func(*civil.Act) error { count++; return nil })
		return fmt.Sprintf("%s actes", words.Count(int64(count))), err
	}); err != nil {
		return err
	}
	if err := timed("controle (tout le registre)", func() (string, error) {
		r, err := s.Check()
		if err == nil {
			err = r.Err()
		}
		return fmt.Sprintf("%s actes, %s entrées de journal, aucune anomalie", words.Count(int64(r.Acts)), words.Count(int64(r.Entries))), err
	}); err != nil {
		return err
	}
	say("\nPour continuer à la main (phrases secrètes : %s) :", demoPhrasesText())
	say("  etatcivil --dossier %s recherche martin", dir)
	say("  etatcivil --dossier %s afficher %s", dir, ref)
	say("  etatcivil --dossier %s lister --registre naissance --annee %d", dir, last-1)
	say("  etatcivil --dossier %s controle", dir)
	return nil
}

// round writes a duration the French way: "3,2 ms", "48,7 s".
func round(d time.Duration) string {
	if d < time.Second {
		return strings.Replace(fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000), ".", ",", 1)
	}
	return strings.Replace(fmt.Sprintf("%.1f s", d.Seconds()), ".", ",", 1)
}
