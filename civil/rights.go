package civil

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"etatcivil/internal/fold"
	"etatcivil/internal/words"
)

// Forms of a copy (etat-civil.md §6).
const (
	FormeIntegrale        = "integrale"         // copie intégrale
	FormeExtraitFiliation = "extrait-filiation" // extrait avec filiation
	FormeExtrait          = "extrait"           // extrait sans filiation
	FormePlurilingue      = "plurilingue"       // extrait plurilingue (CIEC n° 16)
)

// Formes lists the forms of a copy, as spelled on the command line.
var Formes = []string{FormeIntegrale, FormeExtraitFiliation, FormeExtrait, FormePlurilingue}

// FormesOf lists the forms in which an act of kind k is delivered
// (etat-civil.md §6, D. 2017-890 art. 30–33):
//   - a birth or a marriage, every form;
//   - a death act, and a death act transcribed from another commune, only
//     as a copie intégrale or a plurilingual extract (formula C); there
//     is no « extrait d'acte de décès »;
//   - a stillborn child's act, only as a copie intégrale: there is no
//     extract of it, and formula C would certify a death, which this act
//     must never state (art. 79-1);
//   - a recognition, only as a copie intégrale: no extract or
//     plurilingual formula exists for it, and an extract would tell where
//     a filiation comes from.
func FormesOf(k Kind) []string {
	switch k {
	case Deces, Transcription:
		return []string{FormeIntegrale, FormePlurilingue}
	case EnfantSansVie, Reconnaissance:
		return []string{FormeIntegrale}
	}
	return Formes
}

// formsRefusal refuses a form that an act of its kind is not delivered in.
func formsRefusal(a *Act, forme string) error {
	allowed := FormesOf(a.Type)
	var labels, codes []string
	for _, f := range allowed {
		labels = append(labels, FormeLabel(f))
		codes = append(codes, "« "+f+" »")
	}
	what := "il n'existe pas d'" + FormeLabel(forme) + " " + a.Type.OfIndefinite()
	if len(allowed) == 1 {
		return Refuse("forme", what+" : il ne se délivre qu'en "+labels[0], "choisissez la forme "+codes[0])
	}
	if a.Type.Register() == Deces {
		return Refuse("forme", what+" : il se délivre en copie intégrale, à toute personne, ou en extrait plurilingue",
			"choisissez la forme « integrale » ou « plurilingue »")
	}
	return Refuse("forme", what, "choisissez la forme "+strings.Join(codes, " ou "))
}

// FormeLabel returns the name of a form as printed: "copie intégrale".
func FormeLabel(forme string) string {
	switch forme {
	case FormeIntegrale:
		return "copie intégrale"
	case FormeExtraitFiliation:
		return "extrait avec filiation"
	case FormeExtrait:
		return "extrait sans filiation"
	case FormePlurilingue:
		return "extrait plurilingue"
	}
	return forme
}

// Qualities of a requester, as spelled on the command line.
const (
	QualiteInteresse    = "interesse"    // the person concerned
	QualitePereMere     = "pere-mere"    // the father or the mother
	QualiteAscendant    = "ascendant"    // a grandparent or further
	QualiteDescendant   = "descendant"   // a child, a grandchild
	QualiteConjoint     = "conjoint"     // the spouse
	QualiteRepresentant = "representant" // legal representative, or a notaire or avocat acting for one of them
	QualiteProcureur    = "procureur"    // the procureur de la République
	QualiteTiers        = "tiers"        // anyone else
	// QualiteGenealogiste is a genealogist acting under a mandate (of a
	// notary, of an heir), whose reference the copy log records: a third
	// party for the rules, named as such.
	QualiteGenealogiste = "genealogiste"
)

// RequesterQualites lists the qualities of a requester.
var RequesterQualites = []string{QualiteInteresse, QualitePereMere, QualiteAscendant, QualiteDescendant,
	QualiteConjoint, QualiteRepresentant, QualiteProcureur, QualiteTiers, QualiteGenealogiste}

// RequesterLabel returns a requester's quality in words.
func RequesterLabel(q string) string {
	switch q {
	case QualiteInteresse:
		return "personne concernée"
	case QualitePereMere:
		return "père ou mère"
	case QualiteAscendant:
		return "ascendant"
	case QualiteDescendant:
		return "descendant"
	case QualiteConjoint:
		return "conjoint"
	case QualiteRepresentant:
		return "représentant légal ou mandataire"
	case QualiteProcureur:
		return "procureur de la République"
	case QualiteTiers:
		return "tiers"
	case QualiteGenealogiste:
		return "généalogiste mandaté"
	}
	return q
}

// CopyRequest is a request for a certified copy or an extract of an act.
type CopyRequest struct {
	Ref       Ref
	Forme     string
	Demandeur string // "Prénoms NOM" of the requester
	Qualite   string
	// Parents are the names of the person's parents as the requester
	// states them ("Prénoms NOM" each).
	Parents []string
	// Autorisation is the reference of the procureur's authorisation that
	// lets a third party obtain a restricted copy.
	Autorisation string
	// Officier is the officer in whose name the copy is certified; when
	// empty and the register knows exactly one officer, that one.
	Officier string
	// Mandat is the reference of a genealogist's mandate (quality
	// genealogiste), recorded in the copy log.
	Mandat string
}

// Check refuses a request that is malformed whatever the act. It reads
// the form and the quality as typed (FormeChoice, RequesterChoice:
// « Intégrale », « père-mère », « Mère ») and leaves them canonical.
func (r *CopyRequest) Check() error {
	if ps := TextProblems("", r); len(ps) > 0 {
		return &RefusedError{ps}
	}
	c := &Checker{}
	c.Choice("forme", &r.Forme, FormeChoice)
	c.Choice("qualite", &r.Qualite, RequesterChoice)
	if len(nameWords(r.Demandeur)) == 0 {
		c.Add("demandeur", "nom du demandeur manquant", "écrivez ses prénoms et son NOM, par exemple « Anaïs MÜLLER »")
	}
	switch m := strings.TrimSpace(r.Mandat); {
	case r.Qualite == QualiteGenealogiste && m == "":
		c.Add("mandat", "un généalogiste agit sur mandat : la référence du mandat manque", "indiquez la référence du mandat (du notaire ou de l'héritier qui l'a donné), inscrite au registre des copies")
	case r.Qualite != QualiteGenealogiste && m != "":
		c.Add("mandat", "un mandat n'est donné qu'avec la qualité genealogiste", "retirez le mandat, ou indiquez la qualité genealogiste")
	}
	_, err := c.Result()
	return err
}

// restricted tells whether a form of an act is kept to the person, the
// family and the authorities (etat-civil.md §6): full copies and extracts
// with parents of births and marriages, and every plurilingual extract of
// them, until the register is open to all.
func restricted(a *Act, forme string) bool {
	return a.Registre != Deces && forme != FormeExtrait
}

// registerOpen tells whether the register of year annee was closed 75
// years ago or more at now: registers close on 31 December.
func registerOpen(annee int, now time.Time) bool {
	closed := time.Date(annee, 12, 31, 0, 0, 0, 0, now.Location())
	return !now.Before(closed.AddDate(75, 0, 0))
}

// DeathYears is how long after the death of the person concerned a birth
// or marriage act is open to all, when that comes before the 75 years of
// the register (code du patrimoine, art. L213-2).
const DeathYears = 25

// Death is the death of a person an act is about, known from outside the
// act: a death act of the register (the register passes it to MayObtain).
type Death struct {
	Role string // the person's role in the act: enfant, epoux1, epoux2
	Date string // AAAA-MM-JJ
	Acte string // the death act, "deces/1995/12"
}

// deathOpen tells whether every person act a is about died DeathYears or
// more before now, as a structured mention of death on the act says
// (Act.DeathDate) or, failing it, a death of known; it returns how it is
// known, for the clerk.
func deathOpen(a *Act, now time.Time, known []Death) (bool, string) {
	cur := a.Current()
	var how []string
	all, some := true, false
	cur.EachPerson(func(r Role, p *Person) {
		if r.Name != "enfant" && r.Name != "epoux1" && r.Name != "epoux2" {
			return
		}
		some = true
		date, from := "", ""
		if d, found := cur.DeathDate(*p); found {
			date, from = d, "mention de décès en marge de l'acte"
		}
		for _, k := range known {
			if date == "" && k.Role == r.Name {
				date, from = k.Date, "acte de décès "+k.Acte
			}
		}
		t, valid := ParseDate(date)
		if !valid || now.Before(t.AddDate(DeathYears, 0, 0)) {
			all = false
			return
		}
		how = append(how, p.FullName()+" est "+Agree(p.Sexe, "décédé", "décédée")+" le "+figuresDate(date)+" ("+from+")")
	})
	return some && all, strings.Join(how, " ; ")
}

// MayObtain applies the rules of who may obtain which copy of an act
// (etat-civil.md §6, D. 2017-890 art. 30–33) at now: CheckCopyInput, then
// CopyRights. It returns nil when the copy may be delivered, else a
// *RefusedError naming the reason. A
// birth or marriage act is open to all 75 years after its register was
// closed, or DeathYears after the death of every person it is about, as
// a structured mention of death on the act or a death of known (the
// register's death acts) gives it.
func MayObtain(a *Act, r CopyRequest, now time.Time, known ...Death) error {
	if err := CheckCopyInput(a, &r, now, known...); err != nil {
		return err
	}
	return CopyRights(a, r, now, known...)
}

// CheckCopyInput refuses a request that is malformed or that no copy of
// this act can answer, before any decision on the requester's rights: the
// request itself (see Check), an act not signed, a number left unused, an
// annulled act, a form not delivered for this kind of act, the parents
// not stated when the rights require them, or stated in one piece with a
// comma instead of « ; ». Such a refusal is an input error: it is not a
// request the law asks to keep in the register of copies (only the
// decision of CopyRights is). It leaves the form and the quality
// canonical.
func CheckCopyInput(a *Act, r *CopyRequest, now time.Time, known ...Death) error {
	if err := r.Check(); err != nil {
		return err
	}
	switch a.Statut {
	case StatutBrouillon:
		return Refuse("référence", "l'acte "+a.Ref().String()+" n'est pas signé : il n'en existe encore aucune copie",
			"faites signer la feuille du registre, enregistrez la signature, puis délivrez la copie", Then(SignAct, a.Ref().String()))
	case StatutNonUtilise:
		return Refuse("référence", "le numéro "+a.Ref().String()+" est non utilisé : aucun acte à copier", "vérifiez la référence", Then(SearchPeople))
	}
	if am, annulled := a.Annulment(); annulled {
		return Refuse("référence", "l'acte "+a.Ref().String()+" est "+AnnulmentText(am)+" : il n'en est plus délivré ni copie ni extrait",
			"la personne concernée fait établir ou demande l'acte qui le remplace, s'il y en a un", Then(SearchPeople))
	}
	if !slices.Contains(FormesOf(a.Type), r.Forme) {
		return formsRefusal(a, r.Forme)
	}
	if !parentsRequired(a, *r, now, known) {
		return nil
	}
	var given []string
	for _, s := range r.Parents {
		if strings.TrimSpace(s) != "" {
			given = append(given, s)
		}
	}
	most := 0
	for _, set := range a.parentSets() {
		most = max(most, len(set))
	}
	if len(given) == 0 && most > 0 {
		return Refuse("parents", "un demandeur autre que la personne concernée doit indiquer les prénoms et noms des parents de celle-ci",
			"indiquez-les sous la forme « Prénoms NOM;Prénoms NOM », tels que le demandeur les déclare")
	}
	if len(given) < most {
		for _, g := range given {
			if strings.Contains(g, ",") {
				return Refuse("parents", "« "+strings.TrimSpace(g)+" » : les parents se séparent par « ; », non par une virgule",
					"écrivez « Prénoms NOM;Prénoms NOM », par exemple « Anaïs MÜLLER;Karim OUALI »")
			}
		}
	}
	return nil
}

// parentsRequired tells whether the rights to a copy of a, as r asks it,
// depend on the parents the requester states: a restricted form, a
// register not yet open, a requester other than the person concerned
// (and not a third party refused anyway for want of an authorisation).
func parentsRequired(a *Act, r CopyRequest, now time.Time, known []Death) bool {
	if !restricted(a, r.Forme) || registerOpen(a.Annee, now) || r.Qualite == QualiteInteresse {
		return false
	}
	if (r.Qualite == QualiteTiers || r.Qualite == QualiteGenealogiste) && strings.TrimSpace(r.Autorisation) == "" {
		return false // refused on the quality, whatever the parents
	}
	open, _ := deathOpen(a, now, known)
	return !open
}

// CopyRights decides whether the requester may obtain the copy (etat-
// civil.md §6, D. 2017-890 art. 30–33), for a request CheckCopyInput
// accepted: nil when the copy may be delivered, else a *RefusedError
// naming the reason, which the register of copies keeps.
func CopyRights(a *Act, r CopyRequest, now time.Time, known ...Death) error {
	if !restricted(a, r.Forme) || registerOpen(a.Annee, now) {
		return nil
	}
	if open, _ := deathOpen(a, now, known); open {
		return nil
	}
	label := FormeLabel(r.Forme)
	switch r.Qualite {
	case QualiteTiers, QualiteGenealogiste:
		if strings.TrimSpace(r.Autorisation) == "" {
			who := "un tiers"
			if r.Qualite == QualiteGenealogiste {
				who = "un généalogiste, même mandaté,"
			}
			return Refuse("qualite", who+" ne peut obtenir une "+label+" de cet acte qu'avec l'autorisation du procureur de la République, tant que le registre n'a pas 75 ans et que la personne n'est pas décédée depuis 25 ans",
				"délivrez un extrait sans filiation (forme « extrait »), ouvert à tous, ou indiquez la référence de l'autorisation du procureur (autorisation) ; "+
					"si la personne est décédée depuis 25 ans ou plus, le décès doit être connu du registre : mention de décès en marge de l'acte, ou acte de décès au registre")
		}
	case QualiteInteresse:
		if !nameMatchesAny(r.Demandeur, a.concerned()) {
			return Refuse("demandeur", "« "+r.Demandeur+" » n'est pas la personne concernée par l'acte "+a.Ref().String()+" ("+personNames(a.concerned())+")",
				"vérifiez l'acte, ou indiquez la vraie qualité du demandeur (qualité pere-mere, descendant, tiers…)")
		}
		if age, ok := a.concernedAge(r.Demandeur, now); ok && age < 18 {
			return Refuse("qualite", "la personne concernée est mineure ("+strconv.Itoa(age)+" ans) : elle ne peut pas obtenir seule une "+label,
				"la demande doit venir d'un parent (qualité pere-mere) ou du représentant légal ; si elle est émancipée, demandez la décision d'émancipation et l'avis de l'officier")
		}
		return nil
	case QualitePereMere:
		var parents []Person
		for _, set := range a.parentSets() {
			parents = append(parents, set...)
		}
		if !nameMatchesAny(r.Demandeur, parents) {
			return Refuse("demandeur", "« "+r.Demandeur+" » n'est pas un parent inscrit sur l'acte "+a.Ref().String(),
				"vérifiez l'identité du demandeur, ou indiquez sa vraie qualité (qualité representant, tiers…)")
		}
	}
	// For a marriage, the parents of either spouse will do.
	var err error
	for _, set := range a.parentSets() {
		if err = checkParents(set, r.Parents); err == nil {
			return nil
		}
	}
	return err
}

// checkParents refuses a request whose stated parents do not match the
// parents of the person concerned.
func checkParents(parents []Person, stated []string) error {
	var given []string
	for _, s := range stated {
		if strings.TrimSpace(s) != "" {
			given = append(given, s)
		}
	}
	if len(given) == 0 && len(parents) > 0 {
		return Refuse("parents", "un demandeur autre que la personne concernée doit indiquer les prénoms et noms des parents de celle-ci",
			"indiquez-les sous la forme « Prénoms NOM;Prénoms NOM », tels que le demandeur les déclare")
	}
	if len(given) != len(parents) {
		return Refuse("parents", "les parents indiqués ne correspondent pas à l'acte ("+words.Plural(len(given), "indiqué", "indiqués")+", "+strconv.Itoa(len(parents))+" sur l'acte)",
			"la copie ne peut pas être délivrée : le demandeur doit connaître les prénoms et noms des deux parents inscrits")
	}
	used := make([]bool, len(parents))
	for _, g := range given {
		found := false
		for i, p := range parents {
			if !used[i] && nameMatches(g, p) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return Refuse("parents", "« "+g+" » ne correspond à aucun parent inscrit sur l'acte",
				"la copie ne peut pas être délivrée : les noms des parents indiqués par le demandeur doivent être ceux de l'acte (accents et majuscules ne comptent pas)")
		}
	}
	return nil
}

// concerned returns the persons an act is about: the child, the
// deceased, both spouses — as the act names them and, when a mention
// changed a name or prénoms, as the mentions have made them too.
func (a *Act) concerned() []Person {
	out := a.concernedAsWritten()
	if cur := a.Current(); cur != a {
		for _, p := range cur.concernedAsWritten() {
			if !slices.ContainsFunc(out, func(q Person) bool { return sameNames(p, q) }) {
				out = append(out, p)
			}
		}
	}
	return out
}

// concernedAsWritten returns the persons an act is about, as its body
// names them.
func (a *Act) concernedAsWritten() []Person {
	if a.Type == Reconnaissance {
		var out []Person
		if e := a.Enfant; e != nil && len(e.Prenoms) > 0 {
			out = append(out, *e)
		}
		if a.Auteur != nil {
			out = append(out, a.Auteur.Person)
		}
		return out
	}
	if p := a.Subject(); p != nil {
		return []Person{*p}
	}
	var out []Person
	for _, e := range a.Epoux {
		out = append(out, e.Person)
	}
	return out
}

// parentSets returns the parents of each person the act is about: one
// set for a birth or a death, one per spouse for a marriage, as the
// mentions have made them (Current): a parent who recognised the child
// after the birth is a parent the requester must name, as the extract
// with filiation names them (case documents/01).
func (a *Act) parentSets() [][]Person {
	a = a.Current()
	if a.Type == Reconnaissance {
		// The child's parents: the author, and the other parent if named.
		var ps []Person
		if a.Auteur != nil {
			ps = append(ps, a.Auteur.Person)
		}
		if a.AutreParent != nil {
			ps = append(ps, *a.AutreParent)
		}
		return [][]Person{ps}
	}
	if a.Type != Mariage {
		return [][]Person{a.Parents}
	}
	var out [][]Person
	for _, e := range a.Epoux {
		out = append(out, e.Parents)
	}
	return out
}

// concernedAge returns the age of the person concerned at now, when the
// act gives their date of birth.
func (a *Act) concernedAge(demandeur string, now time.Time) (int, bool) {
	if a.Type == Mariage {
		return 0, false // spouses are of age, or emancipated by the marriage (art. 413-1)
	}
	if a.Type == Reconnaissance {
		// The child, when the requester is the child; an author is a parent.
		if e := a.Enfant; e != nil && nameMatches(demandeur, *e) {
			return Age(e.DateNaissance, now)
		}
		return 0, false
	}
	born := a.Date
	if a.Type != Naissance {
		if p := a.Subject(); p != nil {
			born = p.DateNaissance
		}
	}
	return Age(born, now)
}

// Age returns the age in whole years, at a moment, of a person born on
// born (AAAA-MM-JJ); false when the date is unreadable.
func Age(born string, at time.Time) (int, bool) {
	b, err := time.Parse(DateLayout, born)
	if err != nil {
		return 0, false
	}
	y := at.Year() - b.Year()
	if at.Month() < b.Month() || (at.Month() == b.Month() && at.Day() < b.Day()) {
		y--
	}
	return y, true
}

// nameWords splits a name into folded words: "Anaïs  MÜLLER-Roux" gives
// [anais muller roux].
func nameWords(s string) []string {
	return strings.FieldsFunc(fold.Key(s), func(r rune) bool { return r == ' ' || r == '-' || r == '\'' })
}

// nameMatches tells whether a name stated as "Prénoms NOM" designates
// person p: every word of p's nom and p's first prénom are stated, and
// every word stated is one of p's. Accents and case do not count.
func nameMatches(stated string, p Person) bool {
	have := nameWords(stated)
	var own []string
	for _, pr := range p.Prenoms {
		own = append(own, nameWords(pr)...)
	}
	nom := nameWords(p.Nom)
	own = append(own, nom...)
	need := nom
	if len(p.Prenoms) > 0 {
		need = append(slices.Clone(nom), nameWords(p.Prenoms[0])...)
	}
	if len(have) == 0 || len(need) == 0 {
		return false
	}
	for _, w := range need {
		if !slices.Contains(have, w) {
			return false
		}
	}
	for _, w := range have {
		if !slices.Contains(own, w) {
			return false
		}
	}
	return true
}

func nameMatchesAny(stated string, ps []Person) bool {
	return slices.ContainsFunc(ps, func(p Person) bool { return nameMatches(stated, p) })
}

func personNames(ps []Person) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.FullName())
	}
	return strings.Join(out, ", ")
}
