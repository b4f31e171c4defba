package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"etatcivil/civil"
	"etatcivil/registry"
)

// mentionFlags maps each option of mention ajouter that gives a piece of
// the mention to its key (civil.Mention.SetAnswer).
var mentionFlags = []struct{ flag, key, help string }{
	{"texte", "texte", "texte d'une mention de nature autre, tel qu'il sera porté en marge"},
	{"fondement", "fondement", "fondement juridique (article, jugement) ; par défaut celui de la nature"},
	{"date", civil.KeyDate, "date de l'événement : mariage, décès, divorce, PACS, reconnaissance (JJ/MM/AAAA)"},
	{"lieu", civil.KeyLieu, "lieu de l'événement : « Commune (Département) » ou « Ville (Pays) »"},
	{"conjoint", civil.KeyConjoint, "conjoint (mariage, divorce, séparation de corps) : « Prénoms NOM »"},
	{"partenaire", civil.KeyPartenaire, "partenaire du PACS : « Prénoms NOM »"},
	{"enregistre-par", civil.KeyEnregistrePar, "qui a enregistré le PACS ou sa dissolution"},
	{"auteur", civil.KeyAuteur, "auteur de la reconnaissance : « Prénoms NOM »"},
	{"qualite", civil.KeyQualite, "qualité de l'auteur de la reconnaissance : père ou mère"},
	{"acte", civil.KeyActe, "acte qui a constaté l'événement, s'il est connu : registre/année/numéro"},
	{"champ", civil.KeyChamp, "champ rectifié, comme dans le fichier de l'acte : enfant.prenoms, enfant.prenoms[2], parents[1].nom, date…"},
	{"valeur", civil.KeyValeur, "valeur rectifiée du champ (des prénoms séparés par des virgules)"},
	{"prenoms", civil.KeyPrenoms, "nouveaux prénoms (changement de prénoms), séparés par des virgules"},
	{"nom", civil.KeyNom, "nouveau NOM (changement de nom)"},
	{"personne", civil.KeyPersonne, "sur un acte de mariage, l'époux concerné : epoux[1] ou epoux[2]"},
	{"decision-autorite", "decision.autorite", "autorité de la décision : « tribunal judiciaire de Lille », « procureur de la République près … »"},
	{"decision-date", "decision.date", "date de la décision (JJ/MM/AAAA)"},
	{"decision-reference", "decision.reference", "référence de la décision (RG, numéro)"},
}

type mentionOptions struct {
	nature, officier, fichier string
	confirm                   bool
	values                    map[string]*string
}

func (e *env) mentionCmd() *cobra.Command {
	o := &mentionOptions{values: map[string]*string{}}
	add := &cobra.Command{
		Use:   "ajouter REF [--nature N [données…] | --fichier F] [--officier ID]",
		Short: "Ajoute une mention en marge d'un acte signé",
		Long: `Ajoute une mention en marge d'un acte signé. Chaque mention a une nature et des données ;
le registre écrit son texte à partir des données, et les extraits impriment l'acte tel que
les mentions l'ont fait (un prénom rectifié, un nom changé) :
` + naturesHelp() + `
Les données se donnent par options (--date, --lieu, --conjoint, --champ et --valeur,
--prenoms, --nom, --decision-autorite, --decision-date, --decision-reference…), par un
fichier JSON de la mention (--fichier, format version 2), ou une à une : sans données, la
commande les demande, chaque réponse vérifiée aussitôt. Une mention de nature autre garde
le texte saisi (--texte) et ne change jamais un extrait.

Les mentions de mariage et de décès des actes de ce registre s'ajoutent seules à la
signature ; --nature mariage ou deces sert à porter un avis de mention reçu d'une autre
commune.`,
		Example: `  etatcivil mention ajouter naissance/2026/38 --nature rectification --champ enfant.prenoms --valeur Fañch \
      --decision-autorite "procureur de la République près le tribunal judiciaire de Lille" \
      --decision-date 29/11/2026 --decision-reference PR-2026-118
  etatcivil mention ajouter mariage/2026/4 --nature divorce --date 02/10/2026 \
      --decision-autorite "tribunal judiciaire de Lille" --decision-date 02/10/2026 --decision-reference "RG 26/1234"
  etatcivil mention ajouter naissance/2026/38 --fichier rectification.json
  etatcivil mention ajouter naissance/2026/38 --nature autre --texte "…" --fondement "art. 49 du Code civil"
  etatcivil mention ajouter naissance/2026/38          (saisie guidée)`,
		Args: args(1, "référence de l'acte"),
		RunE: func(cmd *cobra.Command, a []string) error { return e.runMention(cmd, a[0], o) },
	}
	f := add.Flags()
	f.StringVar(&o.nature, "nature", "", "nature de la mention : "+civil.NatureCodes())
	f.StringVar(&o.officier, "officier", "", "officier au nom duquel la mention est signée (par défaut celui de l'acte)")
	f.StringVar(&o.fichier, "fichier", "", "fichier JSON de la mention (format version 2 : nature, fondement, officier, donnees)")
	f.BoolVar(&o.confirm, "confirme", false, "saisie guidée : porter la mention sans demander de confirmation")
	for _, mf := range mentionFlags {
		o.values[mf.flag] = f.String(mf.flag, "", mf.help)
	}
	return groupCmd("mention", "Mentions en marge des actes signés", add)
}

// naturesHelp lists the natures of mention with their data and usual legal basis.
func naturesHelp() string {
	var b strings.Builder
	for _, n := range civil.Natures {
		data := strings.Join(append(append([]string{}, n.Required...), n.Optional...), ", ")
		if n.Code == civil.NatureAutre {
			data = "texte, fondement"
		}
		fmt.Fprintf(&b, "  %-19s %s (%s)", n.Code, n.Label, data)
		if n.Fondement != "" {
			fmt.Fprintf(&b, " — %s", n.Fondement)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (e *env) runMention(cmd *cobra.Command, refText string, o *mentionOptions) error {
	ref, err := civil.ParseRef(refText)
	if err != nil {
		return err
	}
	m := civil.Mention{Officier: o.officier}
	given := false
	for _, mf := range mentionFlags {
		if cmd.Flags().Changed(mf.flag) {
			given = true
		}
	}
	switch {
	case o.fichier != "":
		if given || cmd.Flags().Changed("nature") {
			return usage(cmd, "--fichier donne toute la mention : retirez --nature et les options de données")
		}
		if m, err = e.readMentionFile(o.fichier); err != nil {
			return err
		}
		if o.officier != "" {
			m.Officier = o.officier
		}
	case given:
		if !cmd.Flags().Changed("nature") && !cmd.Flags().Changed("texte") {
			return usage(cmd, "--nature manquante : "+civil.NatureCodes())
		}
		if m.Nature, err = e.natureOf(o); err != nil {
			return err
		}
		var ps []civil.Problem
		cmd.Flags().Visit(func(fl *pflag.Flag) {
			for _, mf := range mentionFlags {
				if mf.flag == fl.Name {
					if err := m.SetAnswer(mf.key, *o.values[mf.flag]); err != nil {
						var r *civil.RefusedError
						if errors.As(err, &r) {
							ps = append(ps, r.Problems...)
						}
					}
				}
			}
		})
		if len(ps) > 0 {
			return &civil.RefusedError{Problems: ps}
		}
	default:
		added, err := e.promptMention(ref, o)
		if err != nil {
			return err
		}
		if added == nil {
			fmt.Fprintln(e.out, "Saisie abandonnée : rien n'a été enregistré.")
			return nil
		}
		m = *added
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	return e.addMention(s, ref, m)
}

// natureOf reads --nature; a typed text alone is a mention of nature autre.
func (e *env) natureOf(o *mentionOptions) (string, error) {
	if o.nature == "" {
		return civil.NatureAutre, nil
	}
	return civil.ParseNature(o.nature)
}

// addMention writes the mention and says what was written.
func (e *env) addMention(s *registry.Store, ref civil.Ref, m civil.Mention) error {
	a, err := s.AddMention(ref, m)
	if err != nil {
		return err
	}
	added := a.Mentions[len(a.Mentions)-1]
	of, _ := s.Officer(added.Officier)
	fmt.Fprintf(e.out, "Mention ajoutée en marge de l'acte %s : « %s » (%s), signée au nom %s (%s).\n", ref,
		added.Texte, added.Fondement, civil.Of(of.FullName()), of.QualiteLabel())
	if added.Nature == civil.NatureAutre {
		fmt.Fprintln(e.out, "Mention de nature autre : elle figure sur la copie intégrale, jamais sur un extrait.")
	}
	if am, ok := a.Annulment(); ok {
		fmt.Fprintf(e.out, "L'acte %s est désormais %s : il n'en sera plus délivré de copie ni d'extrait.\n", ref, civil.AnnulmentText(am))
	}
	// What this mention changed on the extracts: the act as the mentions
	// before it made it, against the act as they all make it now.
	prior := *a
	prior.Mentions = a.Mentions[:len(a.Mentions)-1]
	if before, after := prior.Current().Persons(), a.Current().Persons(); added.Donnees != nil && len(before) <= len(after) {
		for i := range before {
			if b, c := before[i].Person.FullName(), after[i].Person.FullName(); b != c && b == "" {
				// A person the act could not name (an unidentified deceased, art. 87).
				fmt.Fprintf(e.out, "Les extraits portent désormais « %s ».\n", c)
			} else if b != c {
				fmt.Fprintf(e.out, "Les extraits portent désormais « %s » (et non « %s »).\n", c, b)
			}
		}
	}
	return nil
}

// readMentionFile reads a mention in the format of version 2 from a file
// (or standard input for "-"), strictly: unknown fields are refused.
func (e *env) readMentionFile(name string) (civil.Mention, error) {
	raw, err := e.readInput(name)
	if err != nil {
		return civil.Mention{}, err
	}
	var m civil.Mention
	if err := decodeStrict(raw, &m); err != nil {
		return civil.Mention{}, err
	}
	if m.Agent != "" || m.Source != "" || m.Horodatage != "" {
		return civil.Mention{}, civil.Refuse("--fichier", "le fichier donne agent, source ou horodatage : le registre les écrit lui-même", "retirez ces champs")
	}
	if today := e.clock().Format(civil.DateLayout); m.Date != "" && m.Date != today {
		e.warn([]string{"la mention du fichier est datée du " + figures(m.Date) + " : elle est portée aujourd'hui et datée du " + figures(today)})
	}
	m.Date = ""
	return m, nil
}

// promptMention asks a mention question by question, each answer checked
// at once by the rules the register applies (civil.CheckAnswer), then
// shows the text the register will write and asks for confirmation. The
// register is read, then let go while the clerk answers. It returns nil
// when the clerk abandons.
func (e *env) promptMention(ref civil.Ref, o *mentionOptions) (*civil.Mention, error) {
	s, err := e.open(true)
	if err != nil {
		return nil, err
	}
	a, err := s.Get(ref)
	officers, oerr := s.Officers()
	s.Close()
	if err != nil {
		return nil, err
	}
	if oerr != nil {
		return nil, oerr
	}
	if a.Statut != civil.StatutSigne {
		return nil, civil.Refuse("référence", "l'acte "+ref.String()+" n'est pas signé : une mention ne se porte que sur un acte signé", "un brouillon se corrige", civil.Then(civil.CorrectDraft, ref.String()))
	}
	if am, ok := a.Annulment(); ok {
		return nil, civil.Refuse("référence", "l'acte "+ref.String()+" est "+civil.AnnulmentText(am)+" : il ne reçoit plus de mention", "vérifiez la référence")
	}
	p := e.prompter()
	now := e.clock()
	fmt.Fprintf(e.out, "Mention en marge de l'acte %s (%s).\n", ref, a.Who())
	fmt.Fprintln(e.out, "Entrée vide : valeur proposée entre crochets. Ctrl-D : abandonner sans rien enregistrer.")
	m := &civil.Mention{Officier: o.officier}
	var codes []string
	for _, n := range civil.Natures {
		if n.Goes(a.Type) {
			codes = append(codes, n.Code)
		}
	}
	nature, err := p.askValid("Nature ("+strings.Join(codes, ", ")+")", o.nature, func(s string) (string, string) {
		v, err := civil.ParseNature(s)
		if err != nil {
			return "", problemsText(err)
		}
		m.Nature = v
		if ps := civil.CheckAnswer(a, m, "nature", now); len(ps) > 0 {
			return "", ps[0].Rule + " ; " + ps[0].Hint
		}
		return v, ""
	})
	if err != nil {
		return nil, abandoned(err)
	}
	m.Nature = nature
	noDecision := false
	for _, q := range civil.Questions(a, nature) {
		if noDecision && strings.HasPrefix(q.Key, "decision.") {
			continue // an optional decision left out: none of its parts
		}
		label := q.Label
		if !q.Required {
			label += " (vide : aucun)"
		}
		def := ""
		if q.Key == "fondement" {
			def = civil.DefaultFondement(*m)
		}
		if _, err := p.askValid(label, def, func(s string) (string, string) {
			if s == "" {
				if q.Required {
					return "", "réponse obligatoire"
				}
				noDecision = q.Key == "decision.autorite"
				return "", ""
			}
			if err := m.SetAnswer(q.Key, s); err != nil {
				return "", problemsText(err)
			}
			if ps := civil.CheckAnswer(a, m, q.Key, now); len(ps) > 0 {
				return "", ps[0].Rule + " ; " + ps[0].Hint
			}
			return s, ""
		}); err != nil {
			return nil, abandoned(err)
		}
	}
	if m.Officier == "" {
		var ids []string
		for _, of := range officers {
			ids = append(ids, of.ID+" ("+of.FullName()+", "+of.QualiteLabel()+")")
		}
		fmt.Fprintln(e.out, "Officiers : "+strings.Join(ids, " ; "))
		known := func(id string) (civil.Officer, bool) {
			for _, of := range officers {
				if of.ID == id {
					return of, true
				}
			}
			return civil.Officer{}, false
		}
		if m.Officier, err = p.askValid("Officier au nom duquel la mention est signée", a.Officier, func(s string) (string, string) {
			if err := civil.CheckOfficer(s, known); err != nil {
				return "", problemsText(err)
			}
			return s, ""
		}); err != nil {
			return nil, abandoned(err)
		}
	}
	s, err = e.open(true)
	if err != nil {
		return nil, err
	}
	ready, err := s.CheckMention(ref, *m)
	s.Close()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.out, "\nMention à porter en marge de l'acte %s :\n  « %s »\n  (%s)\n", ref, ready.Texte, ready.Fondement)
	if !o.confirm {
		ok, err := p.askValid("Porter cette mention ? (oui/non)", "non", func(s string) (string, string) {
			switch strings.ToLower(s) {
			case "oui", "o":
				return "oui", ""
			case "non", "n":
				return "non", ""
			}
			return "", "répondez oui ou non"
		})
		if err != nil || ok != "oui" {
			return nil, nil
		}
	}
	return m, nil
}

// problemsText writes the problems of a refusal on one line, for an
// answer of a guided entry.
func problemsText(err error) string {
	var r *civil.RefusedError
	if !errors.As(err, &r) {
		return err.Error()
	}
	var parts []string
	for _, p := range r.Problems {
		parts = append(parts, p.Rule+" ; "+p.Hint)
	}
	return strings.Join(parts, " — ")
}

// abandoned turns an abandoned guided entry into no error.
func abandoned(err error) error {
	if errors.Is(err, errAbandon) {
		return nil
	}
	return err
}
