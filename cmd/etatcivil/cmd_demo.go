package main

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/internal/verify"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

func (e *env) demoCmd() *cobra.Command {
	var volume int
	cmd := &cobra.Command{
		Use:   "demo [--dossier DIR] [--volume N]",
		Short: "Montre tout le travail sur des données d'exemple, dans un dossier à part",
		Long: `Crée, dans un dossier neuf (temporaire par défaut, jamais le registre réel), le registre d'une
commune d'exemple avec ses officiers, enregistre des naissances et des décès réalistes, en signe,
en annule un, ajoute une mention, puis montre la recherche et le contrôle d'intégrité.

Avec --volume N, remplit plutôt le registre d'exemple de N actes réalistes (naissances, décès,
mariages sur plusieurs années, avec mentions) et mesure les opérations du guichet sur ce volume ;
avec --dossier, le registre reste pour d'autres mesures (voir BENCHMARKS.md).`,
		Example: `  etatcivil demo
  etatcivil demo --volume 100000 --dossier /tmp/registre-100k`,
		Args: args(0, ""),
		RunE: func(*cobra.Command, []string) error {
			if volume != 0 {
				return e.runVolumeDemo(volume)
			}
			return e.runDemo()
		},
	}
	numberVar(cmd.Flags(), &volume, "volume", 0, 1, maxVolume, "nombre d'actes réalistes à générer (10000, 100000, 1000000…)")
	return cmd
}

// demoPerson builds a parent of a birth.
func demoParent(nom, prenoms, sexe, born, lieu, prof, dom string) civil.Person {
	return civil.Person{Nom: nom, Prenoms: splitList(prenoms), Sexe: sexe, DateNaissance: born, LieuNaissance: lieu, Profession: prof, Domicile: dom}
}

// demoCouple returns Élise DURAND and Jean-Baptiste LEFÈVRE, the parents
// of Léo in the births and the spouses of the marriage: one person is born
// in one place only, whatever part of the demo names them (issue 21 §10).
func demoCouple() []civil.Person {
	home := "4 allée des Tilleuls, Lomme (Nord)"
	return []civil.Person{
		demoParent("DURAND", "Élise", "F", "1988-09-23", "Roubaix (Nord)", "professeure des écoles", home),
		demoParent("LEFÈVRE", "Jean-Baptiste", "M", "1986-01-30", "Tournai (Belgique)", "boulanger", home)}
}

// demoActs returns realistic births and deaths of the last days, dated
// from today so that they always pass the rules.
func demoActs(today time.Time) []*civil.Act {
	day := func(n int) string { return today.AddDate(0, 0, -n).Format("2006-01-02") }
	birth := func(nom, prenoms, sexe string, born int, hour string, declared int, declHour string, parents []civil.Person, d *civil.Declarant, officer string) *civil.Act {
		return &civil.Act{Type: civil.Naissance, Enfant: &civil.Person{Nom: nom, Prenoms: splitList(prenoms), Sexe: sexe},
			Date: day(born), Heure: hour, Lieu: "Lomme (Nord)", Parents: parents, Declarant: d,
			Declaration: &civil.Moment{Date: day(declared), Heure: declHour}, Officier: officer}
	}
	mere := &civil.Declarant{Qualite: "la mère"}
	pere := &civil.Declarant{Qualite: "le père"}
	rue := "12 rue de Lille, Lomme (Nord)"
	return []*civil.Act{
		birth("MÜLLER", "Zoé, Chloe", "F", 6, "14:30", 4, "10:15", []civil.Person{
			demoParent("MÜLLER", "Anaïs", "F", "1994-02-11", "Lille (Nord)", "infirmière", rue),
			demoParent("OUALI", "Karim, Ahmed", "M", "1991-07-01", "Tournai (Belgique)", "électricien", rue)}, mere, "o2"),
		birth("LEFÈVRE-DURAND", "Léo", "M", 5, "03:05", 4, "11:40", demoCouple(), pere, "o2"),
		birth("N'DIAYE", "Aïcha, Fatou", "F", 4, "22:10", 3, "09:30", []civil.Person{
			demoParent("N'DIAYE", "Mariama", "F", "1999-12-01", "Dakar (Sénégal)", "aide-soignante", "27 rue du Bourg, Lomme (Nord)")}, mere, "o1"),
		birth("CŒUR", "Noël, Maël", "M", 3, "00:00", 2, "14:00", nil,
			&civil.Declarant{Person: civil.Person{Nom: "HAÜY", Prenoms: []string{"Bénédicte"}, Sexe: "F", DateNaissance: "1979-04-14", Profession: "sage-femme", Domicile: "Hôpital Saint-Philibert, Lomme (Nord)"}, Qualite: "sage-femme"}, "o2"),
		birth("DA SILVA PEREIRA", "Inès", "F", 3, "07:45", 1, "16:20", []civil.Person{
			demoParent("PEREIRA", "Joana", "F", "1995-06-17", "Porto (Portugal)", "comptable", "9 rue Pasteur, Lomme (Nord)"),
			demoParent("DA SILVA", "Rui", "M", "1993-03-08", "Lille (Nord)", "chauffeur", "9 rue Pasteur, Lomme (Nord)")}, pere, "o2"),
		{Type: civil.Deces,
			Defunt: &civil.Deceased{Person: civil.Person{Nom: "LEFÈBVRE", Prenoms: []string{"Jean-Pierre", "Marcel"}, Sexe: "M", DateNaissance: "1941-03-02",
				LieuNaissance: "Roubaix (Nord)", Profession: "ajusteur retraité", Domicile: "3 place de la République, Lomme (Nord)"},
				Situation: civil.SituationMarie, Conjoint: &civil.Spouse{Nom: "DUPONT", Prenoms: []string{"Hélène"}}},
			Parents: []civil.Person{{Nom: "LEFÈBVRE", Prenoms: []string{"Marcel"}}, {Nom: "DURAND", Prenoms: []string{"Odette"}}},
			Date:    day(3), Heure: "06:40", Lieu: "Lomme (Nord)",
			Declarant: &civil.Declarant{Person: civil.Person{Nom: "LEFÈBVRE", Prenoms: []string{"Paul"}, DateNaissance: "1970-05-05",
				Profession: "comptable", Domicile: "8 rue Nationale, Lille (Nord)"}, Lien: "fils"},
			Declaration: &civil.Moment{Date: day(3), Heure: "15:10"}, CertificatMedical: "CMD-59-2026-0412", Officier: "o2"},
		{Type: civil.Deces,
			Defunt: &civil.Deceased{Person: civil.Person{Nom: "VANDENBERGHE", Prenoms: []string{"Gisèle", "Marie"}, Sexe: "F", DateNaissance: "1932-08-15",
				LieuNaissance: "Hazebrouck (Nord)", Domicile: "EHPAD Les Charmilles, Lomme (Nord)"},
				Situation: civil.SituationVeuf, Conjoint: &civil.Spouse{Nom: "DECLERCQ", Prenoms: []string{"André"}}},
			Parents: []civil.Person{{Nom: "VANDENBERGHE", Prenoms: []string{"Achille"}}},
			Date:    day(2), Heure: "23:15", Lieu: "Lomme (Nord)",
			Declarant:   &civil.Declarant{Person: civil.Person{Nom: "MERCIER", Prenoms: []string{"Thomas"}, Sexe: "M", Age: intPtr(41), Profession: "conseiller funéraire", Domicile: "Pompes funèbres du Bourg, Lomme (Nord)"}, Qualite: "employé des pompes funèbres"},
			Declaration: &civil.Moment{Date: day(1), Heure: "10:05"}, CertificatMedical: "CMD-59-2026-0419", Officier: "o2"},
	}
}

// demoRegister creates the demo's register: a new folder (--dossier, or
// a temporary one), the commune of Lille with Lomme, its seal and two
// officers whose keys stay unlocked for the demo. It returns the store,
// the folder and the seal's fingerprint.
func (e *env) demoRegister() (_ *registry.Store, dir, fingerprint string, _ error) {
	dir = e.dossier
	if dir == "" {
		d, err := os.MkdirTemp("", "etatcivil-demo-")
		if err != nil {
			return nil, "", "", err
		}
		dir = filepath.Join(d, "registre")
	}
	c, err := keyring.ResolveCommune(keyring.CommuneRequest{Commune: "Lille", Departement: "Nord", Associee: "Lomme", Panne: civil.DefaultOutageStatement})
	if err != nil {
		return nil, "", "", err
	}
	o := e.options(false)
	if o.Agent == "" {
		o.Agent = "agent-demo"
	}
	// The demo's seal is locked with a passphrase shown on screen; a real
	// register's is chosen at init and kept under lock.
	e.phrases = demoPhrases()
	auth, sealRec, err := keyring.NewSeal(c, demoPhrase, e.clock())
	if err != nil {
		return nil, "", "", err
	}
	s, err := registry.Create(dir, c, sealRec, o)
	if err != nil {
		return nil, "", "", err
	}
	e.seals = map[string]*forms.Seal{}
	for _, o := range []civil.Officer{
		{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue", Civilite: civil.CiviliteMadame},
		{ID: "o2", Prenoms: []string{"Karim"}, Nom: "BENALI", Qualite: "fonctionnaire-delegue", Civilite: civil.CiviliteMonsieur},
	} {
		key, rec, err := keyring.NewOfficerKey(auth, o, demoOfficerPhrases[o.ID], e.clock())
		if err != nil {
			s.Close()
			return nil, "", "", err
		}
		if err := s.AddOfficer(o, rec); err != nil {
			s.Close()
			return nil, "", "", err
		}
		// Kept open for the demo's documents, as if unlocked once.
		e.seals[o.ID] = &forms.Seal{Key: key, Chain: []*x509.Certificate{auth.Cert}, Officer: o, Commune: c, Now: e.clock}
	}
	return s, dir, seal.Fingerprint(auth.Cert), nil
}

func (e *env) runDemo() error {
	s, dir, fingerprint, err := e.demoRegister()
	if err != nil {
		return err
	}
	defer s.Close()
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	say("Démonstration d'etatcivil — registre d'exemple de Lomme, commune associée de Lille (Nord).")
	say("Dossier : %s (le registre réel n'est pas touché)\n", dir)
	say("1. Deux officiers : o1 Anne-Sophie DELCOURT (maire déléguée), o2 Karim BENALI (fonctionnaire délégué).")
	say("   Sceau électronique de la commune créé (empreinte %s), une clé de signature par officier ;", fingerprint)
	say("   phrases secrètes de la démonstration : %s.", demoPhrasesText())

	// The numbering comes first: no act is drawn up in a register-year
	// whose last number from the main system is not known. The demo's
	// acts are dated from today: the years of the last few days.
	acts := demoActs(e.clock())
	for _, kind := range civil.Registers {
		last := map[civil.Kind]int{civil.Naissance: 37, civil.Deces: 12, civil.Mariage: 9, civil.Reconnaissance: 3}[kind]
		for _, y := range demoYears(e.clock()) {
			if err := s.SetNumbering(kind, y, last); err != nil {
				return err
			}
		}
	}
	say("2. Numérotation reprise du système principal, avant tout acte : dernières naissances n° 37, derniers décès n° 12, derniers mariages n° 9, dernières reconnaissances n° 3.")

	var refs []civil.Ref
	for _, a := range acts {
		warnings, err := s.Register(a)
		e.warn(warnings)
		if err != nil {
			return fmt.Errorf("acte d'exemple refusé : %w", err)
		}
		refs = append(refs, a.Ref())
	}
	say("3. %d actes enregistrés comme brouillons :", len(acts))
	for _, a := range acts {
		say("     %-18s %s", a.Ref(), a.Who())
	}

	// a refused act: declared too late, without judgment
	late := demoActs(e.clock())[0]
	late.Date = e.clock().AddDate(0, 0, -20).Format("2006-01-02")
	_, err = s.Register(late)
	say("4. Une naissance déclarée 20 jours après est refusée, rien n'est écrit :")
	say("     %s", strings.ReplaceAll(errorText(nil, err), "\n", "\n     "))

	// the same birth entered again: refused with the act found
	again := demoActs(e.clock())[2]
	_, err = s.Register(again)
	if !civil.IsRefused(err) {
		return fmt.Errorf("la même naissance saisie deux fois aurait dû être refusée : %v", err)
	}
	say("5. La même naissance saisie une seconde fois (le fichier envoyé deux fois) est refusée, rien n'est écrit :")
	say("     %s", strings.ReplaceAll(errorText(nil, err), "\n", "\n     "))

	// a draft abandoned: its number stays, marked non utilisé
	extra := demoActs(e.clock())[2]
	extra.Enfant.Prenoms = []string{"Awa"} // her twin sister, declared the same day
	if _, err := s.Register(extra); err != nil {
		return err
	}
	if _, err := s.Cancel(extra.Ref(), "déclaration interrompue, la déclarante reviendra avec le livret de famille"); err != nil {
		return err
	}
	say("   Le brouillon %s (sa sœur jumelle) est abandonné : numéro « non utilisé », jamais repris.", extra.Ref())

	for _, a := range acts[:len(acts)-1] {
		if err := e.demoSheet(s, dir, a); err != nil {
			return err
		}
	}
	if _, err := s.SignAll(refs[:len(refs)-1]...); err != nil {
		return err
	}
	say("6. Feuilles imprimées (documents/feuille-…), signées à la main : %d actes figés ; %s reste en brouillon.", len(refs)-1, refs[len(refs)-1])
	// The second prénom was typed « Chloe »: the officer rectifies it (art.
	// 99-1), and the extracts print the act as the mention made it.
	rectified, err := s.AddMention(refs[0], civil.Mention{Nature: civil.NatureRectification, Officier: "o1",
		Donnees: &civil.MentionData{Champ: "enfant.prenoms[2]", Valeur: &civil.Value{Texts: []string{"Chloë"}}}})
	if err != nil {
		return err
	}
	say("7. Mention de rectification en marge de %s (%s) :", refs[0], rectified.Mentions[0].Fondement)
	say("     « %s »", rectified.Mentions[0].Texte)
	say("   L'acte reste tel que signé ; les extraits impriment « %s » (étape 12).\n", rectified.Current().Enfant.FullName())
	kinds, err := e.demoKinds(s, dir)
	if err != nil {
		return err
	}
	if err := e.demoMarriage(s, dir); err != nil {
		return err
	}

	if err := e.demoDocuments(s, dir, refs, kinds); err != nil {
		return err
	}
	if err := e.demoContinuity(s, dir); err != nil {
		return err
	}
	if err := e.demoAgenda(s, dir); err != nil {
		return err
	}

	a, err := s.Get(refs[0])
	if err != nil {
		return err
	}
	text, err := actText(s, a)
	if err != nil {
		return err
	}
	say("Texte de l'acte %s :\n%s", refs[0], indent(text))
	for _, q := range []string{"muller", "lefevre"} {
		hits, err := s.Search(q)
		if err != nil {
			return err
		}
		say("Recherche « %s » : %s", q, words.Plural(len(hits), "personne", "personnes"))
		for _, h := range hits {
			mark := " "
			if h.Phonetic {
				mark = "≈"
			}
			say("   %s %-18s %-9s %s", mark, h.Ref, civil.RoleLabel(h.Role), h.Person.FullName())
		}
	}
	r, err := s.Check()
	if err != nil {
		return err
	}
	if err := r.Err(); err != nil {
		return err
	}
	say("\nContrôle d'intégrité : %d actes, %d entrées de journal, aucune anomalie.\n", r.Acts, r.Entries)
	say("Tout est dans %s. Pour continuer à la main :", dir)
	say("  etatcivil --dossier %s lister", dir)
	say("  etatcivil --dossier %s afficher %s", dir, refs[len(refs)-1])
	say("  etatcivil --dossier %s journal", dir)
	say("  etatcivil --dossier %s copies", dir)
	return nil
}

// demoDocuments writes the sheet of every act and one copy of each form
// into dir/documents, shows a refused request, and lists the files.
func (e *env) demoDocuments(s *registry.Store, dir string, refs []civil.Ref, kinds demoKindRefs) error {
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	docs := filepath.Join(dir, "documents")
	if err := os.MkdirAll(docs, 0o700); err != nil {
		return err
	}
	// The acts are read first, the sheets printed after: printing writes
	// its record, which cannot wait inside the reading (a write that grows
	// the file waits for every reading to end).
	var unprinted []*civil.Act
	err := s.List("", 0, func(a *civil.Act) error {
		if _, err := os.Stat(demoSheetName(dir, a)); err != nil {
			unprinted = append(unprinted, a) // else printed to be signed
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range unprinted {
		if err := e.demoSheet(s, dir, a); err != nil {
			return err
		}
	}
	// A signed act printed again: a duplicate, never an original.
	first, err := s.Get(refs[0])
	if err != nil {
		return err
	}
	dup := strings.TrimSuffix(demoSheetName(dir, first), ".pdf") + "-duplicata.pdf"
	signer, err := sheetSigner(s, []*civil.Act{first}, "")
	if err != nil {
		return err
	}
	if err := e.writeSheets(s, []*civil.Act{first}, forms.SheetTitle(first.Ref()), dup, func(int) {}, e.seals[signer.ID],
		func() error { return s.RecordPrints([]*civil.Act{first}) }); err != nil {
		return err
	}
	say("11. Feuilles du registre écrites en PDF, une par acte, chacune imprimée avant sa signature (celle du brouillon reste à faire signer) ;")
	say("    la feuille de %s réimprimée après sa signature porte « DUPLICATA — ne vaut pas original ».", first.Ref())

	birth, death := refs[0], refs[len(refs)-2]
	parents := []string{"Anaïs MÜLLER", "Karim OUALI"}
	requests := []civil.CopyRequest{
		{Ref: birth, Forme: civil.FormeIntegrale, Demandeur: "Anaïs MÜLLER", Qualite: civil.QualitePereMere, Parents: parents, Officier: "o1"},
		{Ref: birth, Forme: civil.FormeExtraitFiliation, Demandeur: "Odile MÜLLER", Qualite: civil.QualiteAscendant, Parents: parents, Officier: "o1"},
		{Ref: birth, Forme: civil.FormeExtrait, Demandeur: "Caisse d'allocations familiales du Nord", Qualite: civil.QualiteTiers, Officier: "o2"},
		{Ref: birth, Forme: civil.FormePlurilingue, Demandeur: "Karim OUALI", Qualite: civil.QualitePereMere, Parents: parents, Officier: "o1"},
		{Ref: death, Forme: civil.FormeIntegrale, Demandeur: "Thomas MERCIER", Qualite: civil.QualiteTiers, Officier: "o2"},
		{Ref: kinds.recognition, Forme: civil.FormeIntegrale, Demandeur: "Julien BERTRAND", Qualite: civil.QualiteInteresse, Officier: "o2"},
		{Ref: kinds.stillborn, Forme: civil.FormeIntegrale, Demandeur: "Manon ROUSSEL", Qualite: civil.QualitePereMere, Officier: "o2"},
	}
	say("12. Une copie de chaque forme, chacune inscrite au registre des copies :")
	for _, r := range requests {
		name := filepath.Join(docs, fmt.Sprintf("%s-%s-%d-%d.pdf", r.Forme, r.Ref.Registre, r.Ref.Annee, r.Ref.Numero))
		rec, err := e.deliverCopy(s, r, name, e.seals[r.Officier])
		if err != nil {
			return fmt.Errorf("copie d'exemple refusée : %w", err)
		}
		say("     %-23s n° %s de %-18s → %s (%s)", civil.FormeLabel(rec.Forme), rec.Serie, rec.Reference, rec.Demandeur, civil.RequesterLabel(rec.Qualite))
	}
	_, err = e.deliverCopy(s, civil.CopyRequest{Ref: birth, Forme: civil.FormeIntegrale, Demandeur: "Paul DURAND",
		Qualite: civil.QualiteTiers, Parents: parents, Officier: "o2"}, filepath.Join(docs, "refusee.pdf"), e.seals["o2"])
	if !civil.IsRefused(err) {
		return fmt.Errorf("la demande d'un tiers aurait dû être refusée : %v", err)
	}
	say("13. Un tiers demande la copie intégrale de %s : refusé, et la demande est inscrite :", birth)
	say("     %s", strings.ReplaceAll(errorText(nil, err), "\n", "\n     "))
	if err := e.demoVerify(s, dir, filepath.Join(docs, fmt.Sprintf("%s-%s-%d-%d.pdf", requests[0].Forme, birth.Registre, birth.Annee, birth.Numero))); err != nil {
		return err
	}
	say("\nDocuments PDF écrits dans %s :", docs)
	entries, err := os.ReadDir(docs)
	if err != nil {
		return err
	}
	for _, f := range entries {
		say("   %s", f.Name())
	}
	say("Vérification : %s (copie falsifiée, certificat de la commune).", filepath.Join(dir, "verification"))
	say("")
	return nil
}

// demoMarriage publishes banns, refuses a marriage that a fonctionnaire
// délégué would celebrate, registers and signs the marriage, and shows
// the notices that follow, with their PDF.
func (e *env) demoMarriage(s *registry.Store, dir string) error {
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	today := e.clock()
	day := func(n int) string { return today.AddDate(0, 0, -n).Format("2006-01-02") }
	docs := filepath.Join(dir, "documents")
	if err := os.MkdirAll(docs, 0o700); err != nil {
		return err
	}
	couple := demoCouple()
	elise, jb := couple[0], couple[1]
	b := &civil.Banns{Type: civil.Bans, Epoux: []civil.Person{elise, jb}, DatePublication: day(16), DatePrevue: day(2), Officier: "o1"}
	if _, err := s.PublishBanns(b); err != nil {
		return fmt.Errorf("bans d'exemple refusés : %w", err)
	}
	affiche := filepath.Join(docs, fmt.Sprintf("affiche-bans-%d-%d.pdf", b.Annee, b.Numero))
	if err := e.writeBanns(s, b, affiche); err != nil {
		return err
	}
	say("8. Bans publiés il y a 16 jours (%s) : %s et %s ; mariage possible du %s au %s.", b.Ref(), elise.FullName(), jb.FullName(),
		figures(b.Earliest()), figures(dayBefore(b.Lapses())))

	m := &civil.Act{Type: civil.Mariage,
		Epoux: []civil.MarriageSpouse{
			{Person: elise, Parents: []civil.Person{
				{Nom: "DURAND", Prenoms: []string{"Michel"}, Sexe: "M", Profession: "cheminot retraité", Domicile: "6 rue de la Gare, Roubaix (Nord)"},
				{Nom: "ROGER", Prenoms: []string{"Sylvie"}, Sexe: "F", Profession: "secrétaire", Domicile: "6 rue de la Gare, Roubaix (Nord)"}}},
			{Person: jb, Parents: []civil.Person{{Nom: "LEFÈVRE", Prenoms: []string{"Bernard"}, Sexe: "M", Decede: true}}}},
		Date: day(2), Heure: "11:00", Lieu: "Lomme (Nord)", Bans: &civil.BannsRef{DatePublication: b.DatePublication}, SansContrat: true,
		Temoins: []civil.Person{
			{Nom: "MARTIN", Prenoms: []string{"Sophie"}, DateNaissance: "1985-05-12", Profession: "pharmacienne", Domicile: "2 rue Pasteur, Lomme (Nord)"},
			{Nom: "DUBOIS", Prenoms: []string{"Hugo"}, DateNaissance: "1990-11-02", Profession: "boulanger", Domicile: "15 rue du Bourg, Lomme (Nord)"}},
		Officier: "o2"}
	_, err := s.Register(m)
	if !civil.IsRefused(err) {
		return fmt.Errorf("un mariage célébré par un fonctionnaire délégué aurait dû être refusé : %v", err)
	}
	say("9. Le mariage est d'abord saisi au nom de o2, fonctionnaire délégué : refusé, rien n'est écrit :")
	say("     %s", strings.ReplaceAll(errorText(nil, err), "\n", "\n     "))
	m.Officier = "o1"
	warnings, err := s.Register(m)
	e.warn(warnings)
	if err != nil {
		return fmt.Errorf("mariage d'exemple refusé : %w", err)
	}
	if err := e.demoSheet(s, dir, m); err != nil {
		return err
	}
	_, follow, err := s.Sign(m.Ref())
	if err != nil {
		return err
	}
	say("   Célébré par o1, l'acte %s est signé par les époux, les deux témoins et l'officier.", m.Ref())
	say("10. Mentions qui suivent le mariage : les actes de naissance sont ailleurs, d'où des avis de mention (3 jours) :")
	for _, f := range follow {
		if f.Note != "" {
			say("     aucune mention : %s", f.Note)
			continue
		}
		if f.Notice == nil {
			say("     mention en marge de %s : %s", f.Act, f.Mention.Texte)
			continue
		}
		n := f.Notice
		name := filepath.Join(docs, fmt.Sprintf("avis-mention-%d.pdf", n.Numero))
		if err := e.writeNotice(s, n, name); err != nil {
			return err
		}
		say("     avis n° %d avant le %s → %s", n.Numero, figures(n.Echeance), n.Destinataire)
		say("       « %s »", n.Texte)
	}
	pending := 0
	if err := s.Notices(true, func(*registry.Notice) error { pending++; return nil }); err != nil {
		return err
	}
	say("    Avis à envoyer en tout (décès compris) : %d — etatcivil mentions a-envoyer, puis etatcivil mentions envoyee N.\n", pending)
	return nil
}

// demoYears returns the years of the demo's acts: this year, and last
// year in the first days of January.
func demoYears(today time.Time) []int {
	ys := []int{today.Year()}
	if y := today.AddDate(0, 0, -20).Year(); y != today.Year() {
		ys = append([]int{y}, ys...)
	}
	return ys
}

// demoSheetName is where the demo writes the register sheet of a.
func demoSheetName(dir string, a *civil.Act) string {
	return filepath.Join(dir, "documents", fmt.Sprintf("feuille-%s-%d-%d.pdf", a.Registre, a.Annee, a.Numero))
}

// demoSheet prints the register sheet of a into the demo's documents,
// and records the print, as etatcivil imprimer does.
func (e *env) demoSheet(s *registry.Store, dir string, a *civil.Act) error {
	if err := os.MkdirAll(filepath.Join(dir, "documents"), 0o700); err != nil {
		return err
	}
	signer, err := sheetSigner(s, []*civil.Act{a}, "")
	if err != nil {
		return err
	}
	acts := []*civil.Act{a}
	return e.writeSheets(s, acts, forms.SheetTitle(a.Ref()), demoSheetName(dir, a), func(int) {}, e.seals[signer.ID],
		func() error { return s.RecordPrints(acts) })
}

// demoPhrase locks the seal of the demo register, and
// demoOfficerPhrases its officers' keys.
const demoPhrase = "démonstration du sceau de Lomme"

var demoOfficerPhrases = map[string]string{"o1": "mouette lavande sur le vieux phare", "o2": "trois tambours sous la dune grise"}

// demoPhrases returns the demo's passphrases, by the variable that gives each.
func demoPhrases() map[string]string {
	m := map[string]string{phraseEnv: demoPhrase}
	for id, p := range demoOfficerPhrases {
		m[officerPhraseEnv(id)] = p
	}
	return m
}

// demoPhrasesText says the demo's passphrases.
func demoPhrasesText() string {
	return "sceau « " + demoPhrase + " », o1 « " + demoOfficerPhrases["o1"] + " », o2 « " + demoOfficerPhrases["o2"] + " »"
}

// demoVerify shows the chain of trust on a delivered copy: verify it,
// forge it and verify again, verify it as a third party with the
// commune's certificate, and after a new mention.
func (e *env) demoVerify(s *registry.Store, dir, copyPath string) error {
	say := func(format string, a ...any) { fmt.Fprintf(e.out, format+"\n", a...) }
	step := func(title string, run func() error) {
		say("%s", title)
		if err := run(); err != nil {
			var failed *verifyError
			if errors.As(err, &failed) {
				say("   → %s\n     (%s ; code de sortie 3)", failed.msg, failed.hint)
			} else {
				say("   → erreur : %v", err)
			}
		}
	}
	say("14. Chaîne de confiance sur la copie intégrale %s :", filepath.Base(copyPath))
	trust, err := keyring.Trust(s)
	if err != nil {
		return err
	}
	check := func(path string, t *seal.Trust, s *registry.Store) func() error {
		return func() error {
			in, err := readVerifyInput(path)
			if err != nil {
				return err
			}
			return e.verify(in, t, s)
		}
	}
	step("   a) etatcivil verifier "+filepath.Base(copyPath), check(copyPath, trust, s))

	pdf, err := os.ReadFile(copyPath)
	if err != nil {
		return err
	}
	forged := bytes.Replace(pdf, []byte("/CreationDate (D:"), []byte("/CreationDate (E:"), 1)
	// The forgery and the certificate go beside the documents, not among them.
	checks := filepath.Join(dir, "verification")
	if err := os.MkdirAll(checks, 0o700); err != nil {
		return err
	}
	forgedPath := filepath.Join(checks, "copie-falsifiee.pdf")
	if err := os.WriteFile(forgedPath, forged, 0o600); err != nil {
		return err
	}
	step("   b) un seul octet changé dans le fichier : etatcivil verifier copie-falsifiee.pdf", check(forgedPath, trust, s))

	pem := filepath.Join(checks, "commune.pem")
	say("   c) etatcivil cles exporter -o commune.pem (à remettre au procureur, aux notaires, aux consulats) :")
	if err := e.exportKeys(s, pem); err != nil {
		return err
	}
	data, err := os.ReadFile(pem)
	if err != nil {
		return err
	}
	bundle, err := seal.ReadBundle(data)
	if err != nil {
		return err
	}
	code := forms.Codes(pdf)[0]
	step("   d) un notaire, sans le registre, vérifie le texte du code lu par son téléphone :\n      etatcivil verifier --certificat commune.pem '"+short(code)+"'",
		func() error { return e.verify(verify.Text(code), bundle, nil) })

	vc, err := forms.VerifyCode(code, trust)
	if err != nil {
		return err
	}
	if _, err := s.AddMention(vc.Content.Ref, civil.Mention{Nature: civil.NatureRectification, Officier: "o1",
		Donnees: &civil.MentionData{Champ: "parents[1].domicile", Valeur: &civil.Value{Texts: []string{"12, rue de Lille, Lomme (Nord)"}}}}); err != nil {
		return err
	}
	step("   e) une mention est ajoutée en marge de l'acte après la délivrance ; etatcivil verifier "+filepath.Base(copyPath)+" :", check(copyPath, trust, s))
	return nil
}

func indent(s string) string {
	return "   " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n   ")
}
