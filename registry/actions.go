package registry

import (
	"strings"

	"etatcivil/civil"
)

// actionLabels says in the clerk's words what each kind of journal entry
// recorded: the journal stores a short code (Entry.Action), the journal
// command and the counter's « Journal » show this. The agenda's entries
// (rdv…) are here too, so that one table says every code.
var actionLabels = map[string]string{
	"init":                     "registre créé",
	"sceau":                    "sceau de la commune créé",
	"officier":                 "officier ajouté",
	"officier modifié":         "civilité de l'officier modifiée",
	"clé":                      "clé de l'officier créée",
	"clé révoquée":             "clé de l'officier révoquée",
	"phrase changée":           "phrase secrète changée",
	"clé de secours":           "clé de secours créée",
	"clé de secours remplacée": "clé de secours remplacée",
	"clé de secours signée":    "clé de secours signée par le sceau",
	"signature":                "signature à l'encre enregistrée",
	"impression":               "feuille imprimée",
	"correction":               "brouillon corrigé",
	"annulation":               "brouillon annulé",
	"mariage-prevu":            "mariage prévu enregistré",
	"dresse":                   "mariage prévu dressé",
	"mention":                  "mention portée en marge",
	"avis":                     "avis de mention à envoyer",
	"avis envoyé":              "avis de mention envoyé",
	"copie":                    "copie délivrée",
	"copie refusée":            "demande de copie refusée",
	"bans":                     "bans publiés",
	"numerotation":             "numérotation fixée",
	"numerotation-correction":  "numérotation corrigée",
	"renumerotation":           "acte renuméroté",
	actionClosing:              "registre de l'année clos",
	"ancre":                    "état du journal signé",
	"sauvegarde":               "sauvegarde faite",
	"restauration":             "registre restauré",
	"reglages":                 "réglages modifiés",
	actionClock:                "horloge constatée par l'officier",
	"perte acceptée":           "perte d'écritures acceptée",
	actionDuplicate:            "enregistré malgré un semblable",
	actionMigration:            "registre mis au format de cette version",
	"import":                   "acte importé",
	"rdv":                      "rendez-vous pris",
	"rdv-annule":               "rendez-vous annulé",
	"rdv-deplace":              "rendez-vous déplacé",
	"rdv-rappel":               "rendez-vous à rappeler",
	"rdv-ouverture":            "créneaux ouverts",
	"rdv-fermeture":            "créneaux fermés",
	"rdv-import":               "agenda importé",
	"rdv-purge":                "rendez-vous effacé (délai passé)",
}

// Label says what the entry recorded, in French: ActionLabel, and for a
// planned marriage (mariage/prevu/N) its own words.
func (e Entry) Label() string {
	if strings.HasPrefix(e.Ref, "mariage/prevu/") {
		switch e.Action {
		case "annulation":
			return "mariage prévu annulé"
		case "correction":
			return "mariage prévu corrigé"
		}
	}
	return ActionLabel(e.Action)
}

// ActionLabel says what a journal entry recorded, in French (« état du
// journal signé » for "ancre", « acte de naissance dressé » for
// "naissance"); a code it does not know (written by a later version) is
// returned as it is: an entry is never hidden.
func ActionLabel(action string) string {
	if l, ok := actionLabels[action]; ok {
		return l
	}
	if k := civil.Kind(action); k.ValidType() {
		if k == civil.Transcription {
			return k.Label() + " dressée"
		}
		return k.Label() + " dressé"
	}
	return action
}
