package civil

import (
	"slices"
	"strings"

	"etatcivil/internal/parse"
)

// The natures of a mention (format-echange.md, version 2, « Structured
// mentions »), as spelled in files and on the command line.
const (
	NatureMariage           = "mariage"
	NatureDivorce           = "divorce"
	NatureSeparation        = "separation-corps"
	NatureDeces             = "deces"
	NaturePacs              = "pacs"
	NatureDissolutionPacs   = "dissolution-pacs"
	NatureReconnaissance    = "reconnaissance"
	NatureRectification     = "rectification"
	NatureChangementPrenoms = "changement-prenoms"
	NatureChangementNom     = "changement-nom"
	NatureAnnulation        = "annulation"
	// NatureAutre is a mention whose text is typed: it never changes what
	// an extract prints, and no extract carries it.
	NatureAutre = "autre"
)

// The keys of a mention's donnees (format-echange.md), as the problems and
// the guided entry name them; Decision's parts are decision.autorite,
// decision.date and decision.reference.
const (
	KeyDate          = "date"
	KeyLieu          = "lieu"
	KeyConjoint      = "conjoint"
	KeyActe          = "acte"
	KeyDecision      = "decision"
	KeyPartenaire    = "partenaire"
	KeyEnregistrePar = "enregistre_par"
	KeyAuteur        = "auteur"
	KeyQualite       = "qualite"
	KeyChamp         = "champ"
	KeyValeur        = "valeur"
	KeyPrenoms       = "prenoms"
	KeyNom           = "nom"
	// KeyPersonne is ours (the format lets the software add fields): on a
	// marriage act, which spouse a death or a change of name is about,
	// "epoux[1]" or "epoux[2]".
	KeyPersonne = "personne"
)

// Nature is a nature of marginal mention: its legal basis, the data it
// carries and the kinds of act it goes on.
type Nature struct {
	Code      string // as spelled in files and on the command line: divorce, rectification…
	Label     string // in words
	Fondement string // the usual legal basis, proposed by default
	Civil     bool   // about civil status: an extract carries it (etat-civil.md §6; see Disclosures)
	// Required and Optional are the keys of its donnees (see the Key
	// constants), in the order a guided entry asks them; any other key is
	// refused.
	Required, Optional []string
	// On lists the kinds of act it goes on; nil: every kind.
	On []Kind
}

// Natures lists the natures of mention. Mariage and deces are added by the
// register itself when a marriage or a death act of this register is
// signed; they are offered too, to carry a notice received from another
// commune.
//
// A new kind of act adds itself to the On lists of the natures that go on
// it; a new nature adds a line here, its wording in templates/mentions.tmpl,
// what it changes in Current (if anything) and what extracts show of it in
// Disclosures.
var Natures = []Nature{
	{NatureMariage, "mariage", "art. 76 du Code civil", true,
		[]string{KeyDate, KeyLieu, KeyConjoint}, []string{KeyActe}, []Kind{Naissance}},
	{NatureDivorce, "divorce", "art. 1082 du code de procédure civile", true,
		[]string{KeyDate, KeyConjoint, KeyDecision}, nil, []Kind{Naissance, Mariage}},
	{NatureSeparation, "séparation de corps", "art. 1082 du code de procédure civile", true,
		[]string{KeyDate, KeyConjoint, KeyDecision}, nil, []Kind{Naissance, Mariage}},
	{NatureDeces, "décès", "art. 79 du Code civil", true,
		[]string{KeyDate, KeyLieu}, []string{KeyActe, KeyPersonne}, []Kind{Naissance, Mariage}},
	{NaturePacs, "pacte civil de solidarité", "art. 515-3-1 du Code civil", true,
		[]string{KeyDate, KeyPartenaire, KeyEnregistrePar}, nil, []Kind{Naissance}},
	{NatureDissolutionPacs, "dissolution du pacte civil de solidarité", "art. 515-7 du Code civil", true,
		[]string{KeyDate, KeyPartenaire, KeyEnregistrePar}, nil, []Kind{Naissance}},
	{NatureReconnaissance, "reconnaissance", "art. 62 du Code civil", true,
		[]string{KeyDate, KeyLieu, KeyAuteur, KeyQualite}, []string{KeyActe}, []Kind{Naissance}},
	{NatureRectification, "rectification", "art. 99-1 du Code civil", false,
		[]string{KeyChamp, KeyValeur}, []string{KeyDecision}, nil},
	{NatureChangementPrenoms, "changement de prénoms", "art. 60 du Code civil", true,
		[]string{KeyPrenoms, KeyDecision}, []string{KeyPersonne}, []Kind{Naissance, Mariage}},
	{NatureChangementNom, "changement de nom", "art. 61-3-1 du Code civil", true,
		[]string{KeyNom, KeyDecision}, []string{KeyPersonne}, []Kind{Naissance, Mariage}},
	{NatureAnnulation, "annulation de l'acte", "art. 99 du Code civil", false,
		[]string{KeyDecision}, nil, nil},
	{NatureAutre, "autre (texte saisi)", "", false, nil, nil, nil},
}

// NatureOf returns the nature of a code.
func NatureOf(code string) (Nature, bool) {
	for _, n := range Natures {
		if n.Code == code {
			return n, true
		}
	}
	return Nature{}, false
}

// NatureCodes returns the codes of the natures, for help and refusals.
func NatureCodes() string {
	var out []string
	for _, n := range Natures {
		out = append(out, n.Code)
	}
	return strings.Join(out, ", ")
}

// natureChoice reads a nature as typed, accents, case and plural aside.
var natureChoice = func() *parse.Choice {
	var opts []parse.Option
	for _, n := range Natures {
		opts = append(opts, parse.Option{Value: n.Code, Label: n.Label})
	}
	return parse.NewChoice(opts...)
}()

// ParseNature reads a nature as a clerk types it (« Décès », « changement
// de prénoms », « rectif »), refusing it as a problem of the field nature.
func ParseNature(s string) (string, error) {
	v, err := natureChoice.Match(s)
	if err != nil {
		p := err.(*parse.Problem)
		return "", Refuse("nature", p.Rule, p.Hint)
	}
	return v, nil
}

// Goes tells whether a mention of this nature goes on an act of kind k.
func (n Nature) Goes(k Kind) bool { return n.On == nil || slices.Contains(n.On, k) }

// keys returns the keys of the donnees a mention of nature n requires on
// an act of kind k, and those it admits besides: on a marriage act, the
// other spouse is the act's own, and a death or a change of names says
// which spouse it is about.
func (n Nature) keys(k Kind) (required, optional []string) {
	required, optional = slices.Clone(n.Required), slices.Clone(n.Optional)
	if k != Mariage {
		optional = slices.DeleteFunc(optional, func(s string) bool { return s == KeyPersonne })
		return required, optional
	}
	if i := slices.Index(required, KeyConjoint); i >= 0 {
		required = slices.Delete(required, i, i+1)
		optional = append(optional, KeyConjoint)
	}
	if i := slices.Index(optional, KeyPersonne); i >= 0 {
		optional = slices.Delete(optional, i, i+1)
		required = append(required, KeyPersonne)
	}
	return required, optional
}
