package civil

import "strings"

// The fields of the interchange format that an input file may hold, by
// kind of act (format-echange.md and docs/format-actes.md): a field of
// another kind is refused by name, so that a file meant for one kind is
// never read as another with some of its facts silently left out.

// actField is a top-level field of an act in input: its name in the
// format, and whether an act holds it.
type actField struct {
	name    string
	present func(a *Act) bool
}

var actFields = []actField{
	{"enfant", func(a *Act) bool { return a.Enfant != nil }},
	{"defunt", func(a *Act) bool { return a.Defunt != nil }},
	{"certificat_medical", func(a *Act) bool { return a.CertificatMedical != "" }},
	{"epoux", func(a *Act) bool { return len(a.Epoux) > 0 }},
	{"bans", func(a *Act) bool { return a.Bans != nil }},
	{"contrat", func(a *Act) bool { return a.Contrat != nil || a.SansContrat }},
	{"temoins", func(a *Act) bool { return len(a.Temoins) > 0 }},
	{"dispense", func(a *Act) bool { return a.Dispense != nil }},
	{"posthume", func(a *Act) bool { return a.Posthume != nil }},
	{"parents", func(a *Act) bool { return len(a.Parents) > 0 }},
	{"date", func(a *Act) bool { return a.Date != "" }},
	{"heure", func(a *Act) bool { return a.Heure != "" }},
	{"lieu", func(a *Act) bool { return a.Lieu != "" }},
	{"declarant", func(a *Act) bool { return a.Declarant != nil }},
	{"declaration", func(a *Act) bool { return a.Declaration != nil }},
	{"jugement", func(a *Act) bool { return a.Jugement != nil }},
	{"declaration_conjointe_nom", func(a *Act) bool { return a.DeclarationConjointeNom != nil }},
	{"reconnaissances", func(a *Act) bool { return len(a.Reconnaissances) > 0 }},
	{"enfant_trouve", func(a *Act) bool { return a.EnfantTrouve != nil }},
	{"moment", func(a *Act) bool { return a.MomentReconnaissance != "" }},
	{"auteur", func(a *Act) bool { return a.Auteur != nil }},
	{"autre_parent", func(a *Act) bool { return a.AutreParent != nil }},
	{"accouchement", func(a *Act) bool { return a.Accouchement != nil }},
	{"certificat_accouchement", func(a *Act) bool { return a.CertificatAccouchement != "" }},
	{"acte_origine", func(a *Act) bool { return a.ActeOrigine != nil }},
	{"date_transcription", func(a *Act) bool { return a.DateTranscription != "" }},
}

// kindFields lists the fields each kind of act may hold besides "type",
// "officier" and "decision_graphie", which every act may.
var kindFields = map[Kind]string{
	Naissance:      "enfant parents date heure lieu declarant declaration jugement declaration_conjointe_nom reconnaissances enfant_trouve",
	Deces:          "defunt parents date heure lieu declarant declaration certificat_medical",
	Mariage:        "epoux bans contrat temoins dispense posthume date heure lieu",
	Reconnaissance: "moment auteur enfant autre_parent lieu declaration",
	EnfantSansVie:  "enfant accouchement parents declarant declaration certificat_accouchement",
	Transcription:  "acte_origine defunt parents date heure lieu declarant declaration certificat_medical date_transcription",
}

// KindFields returns the top-level fields of the interchange format that
// an act of kind k may hold, besides type, officier and decision_graphie.
func KindFields(k Kind) []string { return strings.Fields(kindFields[k]) }

// foreignFields refuses the fields an act of its kind does not hold.
func (c *Checker) foreignFields(a *Act) {
	allowed, ok := kindFields[a.Type]
	if !ok {
		return
	}
	for _, f := range actFields {
		if !f.present(a) || containsWord(allowed, f.name) {
			continue
		}
		hint := "retirez-le du fichier ; les champs de chaque sorte d'acte sont décrits dans docs/format-actes.md"
		switch {
		case a.Type == Mariage && f.name == "parents":
			hint = "les parents s'écrivent dans chaque époux : \"epoux\": [{…, \"parents\": […]}]"
		case a.Type == EnfantSansVie && (f.name == "date" || f.name == "heure" || f.name == "lieu"):
			hint = "le jour, l'heure et le lieu s'écrivent dans \"accouchement\": {\"date\", \"heure\", \"lieu\"}"
		case a.Type == Reconnaissance && (f.name == "date" || f.name == "heure"):
			hint = "la date et l'heure de la reconnaissance s'écrivent dans \"declaration\""
		}
		c.Add(f.name, "champ non admis : "+a.Type.Indefinite()+" n'a pas ce champ", hint)
	}
}

func containsWord(list, w string) bool {
	for _, x := range strings.Fields(list) {
		if x == w {
			return true
		}
	}
	return false
}
