package main

import (
	"fmt"
	"path/filepath"

	"etatcivil/civil"
	"etatcivil/internal/words"
	"etatcivil/registry"
)

// maxKeptShown bounds the mentions kept as text that a migration lists.
const maxKeptShown = 20

// reportMigration tells the clerk what opening a register of an earlier
// version changed in it, or why it could not be done now.
func (e *env) reportMigration(s *registry.Store) {
	if c := s.LayoutMigrated(); c != nil {
		fmt.Fprintf(e.errOut, "Registre mis au nouveau format (index et actes compacts) : %s → %s, contrôle sans anomalie ; l'ancien fichier est gardé sous %s : supprimez-le une fois le nouveau vérifié.\n",
			words.SizeIEC(c.Before), words.SizeIEC(c.After), filepath.Base(c.Aside))
	}
	if err := s.MigrationError(); err != nil {
		fmt.Fprintln(e.errOut, "attention : la mise à jour du registre vers la version "+fmt.Sprint(registry.SchemaVersion)+
			" (mentions structurées) n'a pas pu être faite : "+errorText(nil, err))
		fmt.Fprintln(e.errOut, "  → le registre reste lisible ; elle sera refaite à la prochaine commande qui écrit")
		return
	}
	m := s.Migrated()
	if m == nil {
		return
	}
	say := func(format string, a ...any) { fmt.Fprintf(e.errOut, format+"\n", a...) }
	if m.Acts == 0 && len(m.Kept) == 0 {
		say("Registre mis à jour de la version %d à la version %d (mentions structurées), inscrit au journal : aucune mention à reprendre.", m.From, m.To)
	} else {
		e.reportMentions(m)
	}
	if len(m.NoCivilite) > 0 {
		officers, err := s.Officers()
		if err == nil {
			var unknown []civil.Officer
			for _, o := range officers {
				if o.Civilite == "" {
					unknown = append(unknown, o)
				}
			}
			e.askCivilite(unknown)
		}
	}
}

// reportMentions says what a migration did to the mentions.
func (e *env) reportMentions(m *registry.Migration) {
	say := func(format string, a ...any) { fmt.Fprintf(e.errOut, format+"\n", a...) }
	say("Registre mis à jour de la version %d à la version %d (mentions structurées), inscrit au journal :", m.From, m.To)
	say("  %s ; %s ;", words.Plural(m.Acts, "acte réécrit", "actes réécrits"),
		words.Plural(m.Structured, "mention automatique de mariage ou de décès structurée d'après l'acte qui l'a causée", "mentions automatiques de mariage ou de décès structurées d'après l'acte qui les a causées"))
	say("  %s ;", words.Plural(m.Autre, "mention sans nature devenue « autre » (jamais portée sur un extrait)", "mentions sans nature devenues « autre » (jamais portées sur un extrait)"))
	say("  %s.", words.Plural(len(m.Kept), "mention gardée en texte avec sa nature : ses données ne se lisent pas dans son texte et ne sont pas devinées",
		"mentions gardées en texte avec leur nature : leurs données ne se lisent pas dans leur texte et ne sont pas devinées"))
	for i, k := range m.Kept {
		if i == maxKeptShown {
			say("    … et %s", words.Plural(len(m.Kept)-maxKeptShown, "autre : etatcivil lister --json la montre", "autres : etatcivil lister --json les montre"))
			break
		}
		say("    %s, mention %d (%s) : « %s »", k.Acte, k.Index, k.Nature, k.Texte)
	}
	if len(m.Kept) > 0 {
		say("  → elles restent sur la copie intégrale ; si l'une devait changer un extrait (prénom rectifié, nom changé), portez la mention structurée :")
		say("    etatcivil mention ajouter REF --nature rectification --champ … --valeur …")
	}
}
