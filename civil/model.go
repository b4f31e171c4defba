package civil

import (
	"strconv"
	"strings"
	"time"

	"etatcivil/internal/fold"
	"etatcivil/internal/parse"
)

// Statuses of an act.
const (
	StatutBrouillon  = "brouillon"   // drawn up, not yet signed: may be corrected or cancelled
	StatutSigne      = "signe"       // signed by hand on paper: frozen, only mentions may follow
	StatutNonUtilise = "non_utilise" // number taken by an act never completed
	// StatutPrevu is a marriage prepared before its day: a file without a
	// number, listed and correctable, drawn up (given its number) on the
	// day of the celebration, so that the register stays in date order.
	StatutPrevu = "prevu"
	// StatutAbandonne is a planned marriage called off before its day.
	StatutAbandonne = "abandonne"
)

// Person is a "personne" of the interchange format. Which fields are
// required depends on the act and the role.
type Person struct {
	Nom           string   `json:"nom,omitempty"`
	Prenoms       []string `json:"prenoms,omitempty"`
	Sexe          string   `json:"sexe,omitempty"`
	DateNaissance string   `json:"date_naissance,omitempty"`
	LieuNaissance string   `json:"lieu_naissance,omitempty"`
	Profession    string   `json:"profession,omitempty"`
	Domicile      string   `json:"domicile,omitempty"`

	// Format version 2.

	// Age is the age in whole years where an act allows it instead of
	// the date of birth (a parent, a declarant, a deceased whose birth
	// date is not known, the author of a recognition).
	Age *int `json:"age,omitempty"`
	// Nationalite is "française" or the nationality in French
	// ("marocaine"): it decides where a notice of mention goes.
	Nationalite string `json:"nationalite,omitempty"`
	// Decede says that a parent named in a death or marriage act has
	// died (art. 76 2°, 79 3°).
	Decede bool `json:"decede,omitempty"`
	// Acte is the reference of the person's own act in this register:
	// the birth act of the child a recognition is about.
	Acte string `json:"acte,omitempty"`
}

// Spouse names the spouse or late spouse of a deceased person.
type Spouse struct {
	Nom     string   `json:"nom"`
	Prenoms []string `json:"prenoms"`
}

// MarriageSpouse is one spouse of a marriage: a full person with their
// parents (names, and professions and domiciles, art. 76 2°).
type MarriageSpouse struct {
	Person
	Parents []Person `json:"parents,omitempty"`
	// PrecedentConjoint names the spouse of a previous marriage (art. 76 4°).
	PrecedentConjoint *Spouse `json:"precedent_conjoint,omitempty"`
	// DecedeLe is the day of the death of a spouse married after death
	// (art. 171; see Posthumous).
	DecedeLe string `json:"decede_le,omitempty"`
}

// BannsRef is the publication of banns a marriage refers to.
type BannsRef struct {
	DatePublication string `json:"date_publication"`
}

// Contract is the marriage contract made before a notary.
type Contract struct {
	Notaire string `json:"notaire"`
	Date    string `json:"date"`
}

// Dispensation lifts a condition of marriage: the age (by the procureur
// de la République) or a kinship (by the Président de la République).
type Dispensation struct {
	Autorite  string `json:"autorite"`
	Date      string `json:"date"`
	Reference string `json:"reference"`
}

// Deceased is the person whose death is recorded.
type Deceased struct {
	Person
	// Situation is the marital situation at death (art. 79 4°, 4° bis):
	// one of Situations, or "" in a version-1 file.
	Situation string `json:"situation,omitempty"`
	// Conjoint is the spouse, the late spouse or the former spouse, as
	// the situation says; only the last one is named.
	Conjoint *Spouse `json:"conjoint,omitempty"`
	// Partenaire is the partner of a pacte civil de solidarité.
	Partenaire *Spouse `json:"partenaire,omitempty"`

	// An unidentified deceased (art. 87): no names, a description and
	// the circumstances of the discovery.
	Inconnu        bool   `json:"inconnu,omitempty"`
	Signalement    string `json:"signalement,omitempty"`
	DateDecouverte string `json:"date_decouverte,omitempty"`
	LieuDecouverte string `json:"lieu_decouverte,omitempty"`
	ProcesVerbal   string `json:"proces_verbal,omitempty"`
}

// Marital situations of a deceased person (defunt.situation).
const (
	SituationCelibataire = "celibataire"
	SituationMarie       = "marie"
	SituationVeuf        = "veuf"
	SituationDivorce     = "divorce"
	SituationPacse       = "pacse"
)

// Situations lists the marital situations of a deceased person.
var Situations = []string{SituationCelibataire, SituationMarie, SituationVeuf, SituationDivorce, SituationPacse}

// Declarant is the person who declares a birth or a death, or the author
// of a recognition. For a birth it may be only a quality naming a parent
// ({"qualite": "la mère"}).
type Declarant struct {
	Person
	// Qualite is, for a birth, who declares ("la mère", "la
	// sage-femme"); for a death, a capacity ("employé des pompes
	// funèbres"), never a kinship; for a recognition, "père" or "mère".
	Qualite string `json:"qualite,omitempty"`
	Lien    string `json:"lien,omitempty"` // death: kinship with the deceased ("fils")
}

// Moment is a date and an hour, "AAAA-MM-JJ" and "HH:MM".
type Moment struct {
	Date  string `json:"date"`
	Heure string `json:"heure"`
}

// Delivery is the delivery of a stillborn child: day, hour and place
// (art. 79-1).
type Delivery struct {
	Date  string `json:"date"`
	Heure string `json:"heure"`
	Lieu  string `json:"lieu"`
}

// JointName is the parents' joint declaration of the child's name
// (art. 311-21): its date and the name chosen.
type JointName struct {
	Date string `json:"date"`
	Nom  string `json:"nom"`
}

// RecognitionRef is a recognition made before a birth act is drawn up,
// cited by it: an act of this register's recognitions (Acte, such as
// "reconnaissance/2026/3"), or one made elsewhere (Date, Lieu, Auteur).
type RecognitionRef struct {
	Acte   string  `json:"acte,omitempty"`
	Date   string  `json:"date,omitempty"`
	Lieu   string  `json:"lieu,omitempty"`
	Auteur *Spouse `json:"auteur,omitempty"`
}

// Foundling is the discovery of a new-born child (enfant trouvé,
// art. 58), from the finder's report.
type Foundling struct {
	DateDecouverte  string `json:"date_decouverte"`
	HeureDecouverte string `json:"heure_decouverte,omitempty"`
	LieuDecouverte  string `json:"lieu_decouverte"`
	AgeApparent     string `json:"age_apparent"`
	Signalement     string `json:"signalement"`
	ProcesVerbal    string `json:"proces_verbal"`
}

// Posthumous is the decree that authorises a marriage after the death of
// one spouse (art. 171): the marriage takes effect the day before the
// death.
type Posthumous struct {
	DecretDate      string `json:"decret_date"`
	DecretReference string `json:"decret_reference"`
	DateEffet       string `json:"date_effet"`
}

// OriginAct identifies a death act drawn up by another commune, which a
// transcription copies (art. 80).
type OriginAct struct {
	Commune string `json:"commune"` // "Lille (Nord)"
	Annee   int    `json:"annee"`
	Numero  int    `json:"numero"`
	// Officier names who drew it up and in what quality, as the act says:
	// "Martine AUBRY, maire".
	Officier string `json:"officier,omitempty"`
}

// Judgment is a court decision: a jugement déclaratif de naissance for a
// late birth, or a decision ordering a spelling outside the allowed letters.
type Judgment struct {
	Tribunal  string `json:"tribunal"`
	Date      string `json:"date"`
	Reference string `json:"reference"`
}

// Mention is a note added in the margin of a signed act (format version
// 2, format-echange.md « Structured mentions »): its nature, the date it
// was written, its legal basis, the officer in whose name it is signed,
// its data, and its text, which the register writes from the data (see
// PrepareMention and templates/mentions.tmpl). A mention of nature autre
// keeps a typed text and carries no data. Mentions written by version 1
// had a nature or none, and a text only; a register migrated from it
// keeps such a text where its data could not be read (see Legacy).
type Mention struct {
	// The fields keep the order of version 1 (an act's stored bytes, and
	// the empreinte of an exported line, are those of this order), the
	// data of version 2 last.
	Date      string `json:"date"`
	Texte     string `json:"texte"`
	Fondement string `json:"fondement"`
	Officier  string `json:"officier,omitempty"`
	Agent     string `json:"agent,omitempty"`
	// Nature is the nature of the mention (see Natures): mariage, deces,
	// divorce, rectification…, autre; empty only in a register of
	// version 1 not yet migrated.
	Nature string `json:"nature,omitempty"`
	// Source is the act that caused an automatic mention (a marriage or
	// a death of this register).
	Source string `json:"source,omitempty"`
	// Horodatage is when the mention was written in the register, to tell
	// whether a copy delivered the same day already carries it.
	Horodatage string `json:"horodatage,omitempty"`
	// Donnees are the mention's data (format version 2).
	Donnees *MentionData `json:"donnees,omitempty"`
}

// Added returns when the mention was written: its timestamp, or the end
// of its day for mentions recorded before timestamps were kept.
func (m Mention) Added() time.Time {
	if t, err := time.Parse(time.RFC3339, m.Horodatage); err == nil {
		return t
	}
	d, err := time.ParseInLocation("2006-01-02", m.Date, time.Local)
	if err != nil {
		return time.Time{}
	}
	return d.AddDate(0, 0, 1).Add(-time.Second)
}

// Act is one civil status act in the interchange format of
// format-echange.md: the fields of the input file, then what the register
// adds (registre, annee, numero, statut, mentions, timestamps, empreinte).
type Act struct {
	Type Kind `json:"type"`

	// Birth.
	Enfant *Person `json:"enfant,omitempty"`
	// Death.
	Defunt            *Deceased `json:"defunt,omitempty"`
	CertificatMedical string    `json:"certificat_medical,omitempty"`

	// Marriage.
	Epoux   []MarriageSpouse `json:"epoux,omitempty"`
	Bans    *BannsRef        `json:"bans,omitempty"`
	Contrat *Contract        `json:"contrat,omitempty"`
	// SansContrat records the statement that no marriage contract was
	// made: an input file says "contrat": null (or "sans_contrat": true).
	SansContrat bool          `json:"sans_contrat,omitempty"`
	Temoins     []Person      `json:"temoins,omitempty"`
	Dispense    *Dispensation `json:"dispense,omitempty"`

	// Both: the parents (a birth: full persons; a death: names only).
	Parents []Person `json:"parents,omitempty"`

	Date        string     `json:"date,omitempty"`
	Heure       string     `json:"heure,omitempty"`
	Lieu        string     `json:"lieu,omitempty"`
	Declarant   *Declarant `json:"declarant,omitempty"`
	Declaration *Moment    `json:"declaration,omitempty"`
	Jugement    *Judgment  `json:"jugement,omitempty"`
	// DecisionGraphie records the court decision that ordered a name
	// spelled with letters outside the allowed list.
	DecisionGraphie *Judgment `json:"decision_graphie,omitempty"`
	Officier        string    `json:"officier,omitempty"`

	// Birth, format version 2.
	DeclarationConjointeNom *JointName       `json:"declaration_conjointe_nom,omitempty"`
	Reconnaissances         []RecognitionRef `json:"reconnaissances,omitempty"`
	EnfantTrouve            *Foundling       `json:"enfant_trouve,omitempty"`

	// Recognition: "prenatale" or "postnatale", who recognises the child
	// (with Qualite "père" or "mère"), and the other parent before the
	// birth. Enfant is the child when known.
	MomentReconnaissance string     `json:"moment,omitempty"`
	Auteur               *Declarant `json:"auteur,omitempty"`
	AutreParent          *Person    `json:"autre_parent,omitempty"`

	// Stillborn child: the delivery and its medical certificate.
	Accouchement           *Delivery `json:"accouchement,omitempty"`
	CertificatAccouchement string    `json:"certificat_accouchement,omitempty"`

	// Marriage after death (art. 171).
	Posthume *Posthumous `json:"posthume,omitempty"`

	// Transcription: the act copied and the day it is transcribed.
	ActeOrigine       *OriginAct `json:"acte_origine,omitempty"`
	DateTranscription string     `json:"date_transcription,omitempty"`

	// Added by the register.
	Registre  Kind      `json:"registre,omitempty"`
	Annee     int       `json:"annee,omitempty"`
	Numero    int       `json:"numero,omitempty"`
	Statut    string    `json:"statut,omitempty"`
	Motif     string    `json:"motif,omitempty"`
	Mentions  []Mention `json:"mentions,omitempty"`
	Agent     string    `json:"agent,omitempty"` // who prepared the act
	CreeLe    string    `json:"cree_le,omitempty"`
	SigneLe   string    `json:"signe_le,omitempty"`
	Empreinte string    `json:"empreinte,omitempty"`
	// Prevu is the number of a marriage prepared before its day (see
	// StatutPrevu), whose reference is "mariage/prevu/N"; 0 for an act.
	Prevu int `json:"prevu,omitempty"`
}

// Ref returns the act's reference, e.g. "naissance/2026/38".
func (a *Act) Ref() Ref { return Ref{a.Registre, a.Annee, a.Numero} }

// Who names the people an act is about, for messages and lists: the
// child, the deceased, or both spouses; for a recognition, its author
// and the child; a stillborn child or an unidentified deceased without
// names, in words.
func (a *Act) Who() string {
	switch {
	case a.Type == Reconnaissance:
		who := ""
		if a.Auteur != nil {
			who = a.Auteur.FullName()
		}
		if e := a.Enfant; e != nil && len(e.Prenoms) > 0 {
			who += " (enfant : " + e.FullName() + ")"
		} else if p := a.AutreParent; p != nil && a.MomentReconnaissance == ReconnaissancePrenatale {
			who += " (enfant à naître de " + p.FullName() + ")"
		}
		return who
	case a.Type == EnfantSansVie && (a.Enfant == nil || len(a.Enfant.Prenoms) == 0 && a.Enfant.Nom == ""):
		if len(a.Parents) > 0 {
			return "enfant sans vie de " + a.Parents[0].FullName()
		}
		return "enfant sans vie"
	case a.Defunt != nil && a.Defunt.Inconnu && a.Defunt.Nom == "" && len(a.Defunt.Prenoms) == 0:
		return Agree(a.Defunt.Sexe, "défunt non identifié", "défunte non identifiée")
	}
	if p := a.Subject(); p != nil {
		return p.FullName()
	}
	var names []string
	for _, e := range a.Epoux {
		names = append(names, e.FullName())
	}
	return strings.Join(names, " et ")
}

// WhoAndKind is Who, followed by the kind of act when the register it is
// kept in does not say it: "Lou ROUSSEL (acte d'enfant sans vie)" in the
// death register.
func (a *Act) WhoAndKind() string {
	if a.Type != "" && a.Type != a.Type.Register() {
		return a.Who() + " (" + a.Type.Label() + ")"
	}
	return a.Who()
}

// Subject returns the person the act is about: the child (of a birth, a
// stillborn child, a recognition) or the deceased; nil for a marriage.
func (a *Act) Subject() *Person {
	switch {
	case a.Enfant != nil:
		return a.Enfant
	case a.Defunt != nil:
		return &a.Defunt.Person
	}
	return nil
}

// Event returns the date, hour and place of what the act records: the
// birth, the death (in another commune for a transcription), the
// celebration, the delivery of a stillborn child, the recognition itself
// (received by the officer, its declaration). The hour is "" when the
// act has none (a foundling, a death at an unknown hour).
func (a *Act) Event() (date, hour, place string) {
	switch a.Type {
	case EnfantSansVie:
		if d := a.Accouchement; d != nil {
			return d.Date, d.Heure, d.Lieu
		}
		return "", "", ""
	case Reconnaissance:
		if d := a.Declaration; d != nil {
			return d.Date, d.Heure, a.Lieu
		}
		return "", "", a.Lieu
	}
	return a.Date, a.Heure, a.Lieu
}

// EventDate returns the date of what the act records (see Event).
func (a *Act) EventDate() string {
	d, _, _ := a.Event()
	return d
}

// Commune describes the commune that keeps the register, set at init.
type Commune struct {
	Nom             string `json:"nom"`
	Departement     string `json:"departement"`
	Insee           string `json:"insee"`
	CommuneAssociee string `json:"commune_associee,omitempty"`
	// MentionPanne is the statement printed on acts drawn up during an
	// outage; a default is set at init.
	MentionPanne string `json:"mention_panne"`
}

// DefaultOutageStatement is the statement printed on acts drawn up during an outage.
const DefaultOutageStatement = "Acte dressé sur support papier en raison de la défaillance du système d'information de l'état civil."

// Qualities an officer may hold.
var Qualites = []string{"maire", "adjoint", "conseiller", "maire-delegue", "fonctionnaire-delegue"}

// Officer is an officier de l'état civil or a fonctionnaire délégué in
// whose name acts are signed.
type Officer struct {
	ID      string   `json:"id"`
	Prenoms []string `json:"prenoms"`
	Nom     string   `json:"nom"`
	Qualite string   `json:"qualite"`
	// Civilite is Madame or Monsieur ("Mme", "M"), so that titles agree
	// (« maire déléguée », « adjointe au maire », etat-civil.md §5);
	// empty when unknown (officers recorded before it was asked), titles
	// are then written in the masculine the law uses for the office.
	Civilite string `json:"civilite,omitempty"`
}

// The civilités of an officer.
const (
	CiviliteMadame   = "Mme"
	CiviliteMonsieur = "M"
)

var civiliteChoice = parse.NewChoice(
	parse.Option{Value: CiviliteMadame, Label: "Madame", Aliases: []string{"Mme."}},
	parse.Option{Value: CiviliteMonsieur, Label: "Monsieur", Aliases: []string{"M."}},
)

// ParseCivilite reads a civilité as typed (« Mme », « madame », « M »,
// « M. », « Monsieur »), refusing anything else as a problem of the field
// civilite.
func ParseCivilite(s string) (string, error) {
	v, err := civiliteChoice.Match(s)
	if err != nil {
		return "", Refuse("civilite", "civilité « "+s+" » inconnue", "écrivez Mme ou M")
	}
	return v, nil
}

// Sexe returns "F" for Madame, "M" for Monsieur, "" when the civilité is
// unknown.
func (o Officer) Sexe() string {
	switch o.Civilite {
	case CiviliteMadame:
		return "F"
	case CiviliteMonsieur:
		return "M"
	}
	return ""
}

// FullName writes the officer's names as on an act: "Anne-Sophie DELCOURT".
func (o Officer) FullName() string { return Person{Prenoms: o.Prenoms, Nom: o.Nom}.FullName() }

// qualiteLabels gives each quality as printed, masculine then feminine.
var qualiteLabels = map[string][2]string{
	"maire":                 {"maire", "maire"},
	"adjoint":               {"adjoint au maire", "adjointe au maire"},
	"conseiller":            {"conseiller municipal délégué", "conseillère municipale déléguée"},
	"maire-delegue":         {"maire délégué", "maire déléguée"},
	"fonctionnaire-delegue": {"fonctionnaire délégué", "fonctionnaire déléguée"},
}

// QualiteLabel returns the quality as printed on an act, agreed with the
// officer's civilité (etat-civil.md §5): « maire déléguée », « adjointe
// au maire »; in the masculine when the civilité is unknown.
func (o Officer) QualiteLabel() string {
	l, ok := qualiteLabels[o.Qualite]
	if !ok {
		return o.Qualite
	}
	if o.Sexe() == "F" {
		return l[1]
	}
	return l[0]
}

// Title writes the officer as an act or a copy names them, agreed with
// the civilité: « Anne-Sophie DELCOURT, maire déléguée, officier de
// l'état civil », « Karim BENALI, fonctionnaire délégué, par délégation
// du maire ».
func (o Officer) Title() string {
	s := o.FullName() + ", " + o.QualiteLabel()
	if o.CanMarry() {
		return s + ", officier de l'état civil"
	}
	return s + ", par délégation du maire"
}

// CanMarry tells whether the officer may celebrate a marriage.
func (o Officer) CanMarry() bool { return o.Qualite != "fonctionnaire-delegue" }

// DeclarantPerson returns who declared the act, for the signature block:
// the declarant named in the act, or the parent that a quality such as
// "la mère" designates (with "le parent" and two parents, the first one).
// It is the zero Person when the act has no declarant.
func (a *Act) DeclarantPerson() Person {
	d := a.Declarant
	if d == nil {
		return Person{}
	}
	if d.Nom != "" || len(d.Prenoms) > 0 {
		return d.Person
	}
	if _, sex, ok := parentQualite(d.Qualite); ok {
		for _, p := range a.Parents {
			if sex == "" || p.Sexe == sex {
				return p
			}
		}
	}
	return Person{}
}

// DeclarantSex returns the sex ("M", "F") the act's wording agrees the
// declarant with (« invitée à lire l'acte », « La déclarante »): the
// person's own, else the one the quality's article says (« la mère »,
// « la sage-femme »), else the one a kinship to the deceased says
// (« fille », « époux »); "" when none does, and the wording stays
// masculine.
func (a *Act) DeclarantSex() string {
	d := a.Declarant
	if d == nil {
		return ""
	}
	if p := a.DeclarantPerson(); p.Sexe != "" {
		return p.Sexe
	}
	q := strings.ToLower(strings.TrimSpace(d.Qualite))
	switch {
	case strings.HasPrefix(q, "la "):
		return "F"
	case strings.HasPrefix(q, "le "):
		return "M"
	}
	return kinshipSex[fold.Key(strings.TrimSpace(d.Lien))]
}

// kinshipSex gives the sex a kinship word says, by its folded form
// (fold.Key).
var kinshipSex = func() map[string]string {
	m := map[string]string{}
	for sex, ws := range map[string][]string{
		"F": {"fille", "mère", "épouse", "veuve", "sœur", "tante", "nièce", "petite-fille", "arrière-petite-fille", "belle-fille", "belle-sœur",
			"belle-mère", "cousine", "voisine", "amie", "compagne", "grand-mère", "demi-sœur"},
		"M": {"fils", "père", "époux", "veuf", "frère", "oncle", "neveu", "petit-fils", "arrière-petit-fils", "gendre", "beau-frère",
			"beau-père", "cousin", "voisin", "ami", "compagnon", "grand-père", "demi-frère"},
	} {
		for _, w := range ws {
			m[fold.Key(w)] = sex
		}
	}
	return m
}()

// DrawnUpYear returns the year of the register an act belongs to: the
// year it is drawn up, which is the year of the declaration, or of the
// celebration for a marriage.
func DrawnUpYear(a *Act) int {
	date := drawnUpDate(a)
	if len(date) >= 4 {
		if y, err := strconv.Atoi(date[:4]); err == nil {
			return y
		}
	}
	return 0
}

// drawnUpDate is the day the act is drawn up: the declaration, the
// celebration of a marriage, the day a death act is transcribed.
func drawnUpDate(a *Act) string {
	switch {
	case a.Type == Mariage:
		return a.Date
	case a.Type == Transcription:
		return a.DateTranscription
	case a.Declaration != nil:
		return a.Declaration.Date
	}
	return ""
}
