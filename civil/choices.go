package civil

import "etatcivil/internal/parse"

// The option values of the domain, read as a clerk types them: accents,
// case and a final plural do not count, nor the e of a feminine (see
// parse.Choice); a value is canonical once read (« Intégrale » is stored
// integrale). The command line, the guided entry, the files and the
// counter's pages read them through these lists and nowhere else.

// FormeChoice reads the form of a copy (etat-civil.md §6).
var FormeChoice = parse.NewChoice(
	parse.Option{Value: FormeIntegrale, Label: "copie intégrale"},
	parse.Option{Value: FormeExtraitFiliation, Label: "extrait avec filiation"},
	parse.Option{Value: FormeExtrait, Label: "extrait sans filiation"},
	parse.Option{Value: FormePlurilingue, Label: "extrait plurilingue"},
)

// RequesterChoice reads the quality of who asks for a copy (D. 2017-890
// art. 30).
var RequesterChoice = parse.NewChoice(
	parse.Option{Value: QualiteInteresse, Label: "personne concernée", Aliases: []string{"intéressé", "intéressée"}},
	parse.Option{Value: QualitePereMere, Label: "père ou mère", Aliases: []string{"père", "mère"}},
	parse.Option{Value: QualiteAscendant, Aliases: []string{"ascendante"}},
	parse.Option{Value: QualiteDescendant, Aliases: []string{"descendante"}},
	parse.Option{Value: QualiteConjoint, Aliases: []string{"conjointe"}},
	parse.Option{Value: QualiteRepresentant, Label: "représentant légal ou mandataire", Aliases: []string{"représentante", "mandataire"}},
	parse.Option{Value: QualiteProcureur, Label: "procureur de la République"},
	parse.Option{Value: QualiteTiers},
	parse.Option{Value: QualiteGenealogiste, Label: "généalogiste mandaté", Aliases: []string{"généalogiste"}},
)

// OfficerQualiteChoice reads an officer's quality (C. gén. coll. terr.
// art. L. 2122-32; a fonctionnaire délégué by art. R. 2122-10).
var OfficerQualiteChoice = parse.NewChoice(
	parse.Option{Value: "maire"},
	parse.Option{Value: "adjoint", Label: "adjoint au maire", Aliases: []string{"adjointe", "adjointe au maire"}},
	parse.Option{Value: "conseiller", Label: "conseiller municipal délégué", Aliases: []string{"conseillère", "conseillère municipale déléguée"}},
	parse.Option{Value: "maire-delegue", Label: "maire délégué"},
	parse.Option{Value: "fonctionnaire-delegue", Label: "fonctionnaire délégué"},
)

// DeclarantChoice reads the quality of a birth's declarant that names a
// parent (« la mère », « Mère », « le pere »); any other quality
// (« sage-femme ») is free text, and the declarant is then named in full.
var DeclarantChoice = parse.NewChoice(
	parse.Option{Value: "la mère", Aliases: []string{"mère"}},
	parse.Option{Value: "le père", Aliases: []string{"père"}},
	parse.Option{Value: "le parent", Aliases: []string{"parent"}},
	parse.Option{Value: "la parente", Aliases: []string{"parente"}},
)

// SexeChoice reads a person's sex as the interchange format writes it: F
// or M.
var SexeChoice = parse.NewChoice(
	parse.Option{Value: "F", Label: "féminin", Aliases: []string{"femme"}},
	parse.Option{Value: "M", Label: "masculin", Aliases: []string{"homme"}},
)

// SituationChoice reads the marital situation of a deceased person
// (defunt.situation, art. 79 4° and 4° bis of the Code civil).
var SituationChoice = parse.NewChoice(
	parse.Option{Value: SituationCelibataire, Label: "célibataire"},
	parse.Option{Value: SituationMarie, Label: "marié", Aliases: []string{"mariée", "époux", "épouse"}},
	parse.Option{Value: SituationVeuf, Label: "veuf", Aliases: []string{"veuve"}},
	parse.Option{Value: SituationDivorce, Label: "divorcé", Aliases: []string{"divorcée"}},
	parse.Option{Value: SituationPacse, Label: "pacsé", Aliases: []string{"pacsée", "pacs"}},
)

// MomentChoice reads when a recognition is made (art. 316 of the Code
// civil): before or after the birth.
var MomentChoice = parse.NewChoice(
	parse.Option{Value: ReconnaissancePrenatale, Label: "avant la naissance", Aliases: []string{"prénatale", "avant"}},
	parse.Option{Value: ReconnaissancePostnatale, Label: "après la naissance", Aliases: []string{"postnatale", "après"}},
)

// StillbornSexeChoice reads the sex of a stillborn child (art. 79-1):
// F, M, or indetermine when it could not be determined.
var StillbornSexeChoice = parse.NewChoice(
	parse.Option{Value: "F", Label: "féminin", Aliases: []string{"femme"}},
	parse.Option{Value: "M", Label: "masculin", Aliases: []string{"homme"}},
	parse.Option{Value: "indetermine", Label: "indéterminé", Aliases: []string{"i", "inconnu"}},
)
