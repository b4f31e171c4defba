package civil

// What the extracts of an act disclose of its mentions (etat-civil.md §6,
// D. 2017-890 art. 30–33): an extract gives the facts as the mentions
// have made them and carries only the mentions about marital status
// (marriage, divorce, separation, PACS, death, changes of name or
// prénoms). It never shows a rectification as such, nor a recognition:
// an extract without filiation says nothing about the parents, and one
// with filiation never says whether the filiation comes from a
// recognition. The copie intégrale reproduces every mention.
//
// Mentions are chosen by their Nature, never by their words. A nature
// missing from this table, an empty one (a free mention) and "autre" are
// never printed on an extract. This is the one table to extend when new
// natures of mention come (PACS, séparation de corps, adoption…).

// Disclosure says which extracts carry a mention of a nature.
type Disclosure struct {
	Extrait   bool // extrait sans filiation
	Filiation bool // extrait avec filiation
	// Symbol is the CIEC symbol under which the plurilingual extract
	// lists the mention in its box of other statements (convention n° 16:
	// Mar, Div, Dc…); "" when it does not list it.
	Symbol string
}

// Disclosures maps the code of a nature (see Natures) to what extracts
// show of it.
var Disclosures = map[string]Disclosure{
	NatureMariage:           {Extrait: true, Filiation: true, Symbol: "Mar"},
	NatureDivorce:           {Extrait: true, Filiation: true, Symbol: "Div"},
	NatureSeparation:        {Extrait: true, Filiation: true, Symbol: "Sc"},
	NatureDeces:             {Extrait: true, Filiation: true, Symbol: "Dc"},
	NaturePacs:              {Extrait: true, Filiation: true},
	NatureDissolutionPacs:   {Extrait: true, Filiation: true},
	NatureChangementNom:     {Extrait: true, Filiation: true},
	NatureChangementPrenoms: {Extrait: true, Filiation: true},
	NatureRectification:     {},
	NatureReconnaissance:    {},
	NatureAnnulation:        {},
	NatureAutre:             {},
}

// OnExtract tells whether mention m prints on a copy of form forme: every
// mention on a copie intégrale; on an extract, only the natures of
// Disclosures that the form carries; on the plurilingual extract, those
// with a symbol.
func OnExtract(m Mention, forme string) bool {
	if forme == FormeIntegrale {
		return true
	}
	d, ok := Disclosures[m.Nature]
	if !ok {
		return false
	}
	switch forme {
	case FormeExtrait:
		return d.Extrait
	case FormeExtraitFiliation:
		return d.Filiation
	case FormePlurilingue:
		return d.Symbol != ""
	}
	return false
}
