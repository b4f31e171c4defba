// Package keyring keeps the commune's keys in the register: it opens the
// seal and the officers' keys with their passphrases, makes new keys,
// checks and changes passphrases, revokes keys, and says whom a verifier
// using the register trusts. The cryptography is internal/seal's and the
// records are registry's; this package joins them, so that the command
// line and the counter's page apply the same rules (issue 19 §2, §7).
//
// Who holds what: the seal's passphrase is the commune's (the mayor's, or
// whom the mayor entrusts with it); it certifies officers' keys, revokes
// them and signs the revocation lists. Each officer's key is locked with
// the officer's own passphrase, which opens nothing else: it signs copies
// and register sheets, and proves the officer present for the acts of
// authority (horloge --confirmer, cloturer, numerotation after the first
// act). Registers made by earlier versions locked every key with the
// seal's passphrase: those keys keep opening with it (Record.PhrasePropre
// false) until their officer chooses a phrase (SetOfficerPhrase).
//
// Refusals are *civil.RefusedError naming the domain fields "phrase",
// "officier", "sceau", "motif" and "depuis"; a stored key or certificate
// that does not decode is a *registry.IntegrityError.
package keyring

import (
	"crypto/x509"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/parse"
	"etatcivil/internal/seal"
	"etatcivil/internal/strength"
	"etatcivil/registry"
)

// Context returns what a new passphrase must not lean on: the commune's
// name, its associated commune and département, the officers' names, and
// extra (the new officer's names).
func Context(s *registry.Store, extra ...string) ([]string, error) {
	c, err := s.Commune()
	if err != nil {
		return nil, err
	}
	ctx := registry.CommuneContext(c)
	officers, err := s.Officers()
	if err != nil {
		return nil, err
	}
	for _, o := range officers {
		ctx = append(ctx, o.ID, o.Nom)
		ctx = append(ctx, o.Prenoms...)
	}
	return append(ctx, extra...), nil
}

// CheckNewPhrase refuses a passphrase that is too easy to guess
// (internal/strength: at least 12 characters and 10^12 guesses, context
// being the names it must not lean on), naming the field "phrase" with
// the estimate's explanation in French.
func CheckNewPhrase(phrase string, context []string) error {
	r := strength.Estimate(phrase, context...)
	if r.Strong {
		return nil
	}
	return civil.Refuse("phrase", "phrase secrète "+r.Explanation, r.Hint)
}

// NewSeal makes the commune's seal (see seal.NewAuthority) and the record
// the register keeps of it, locked with the seal's passphrase.
func NewSeal(c civil.Commune, phrase string, now time.Time) (*seal.Key, *registry.KeyRecord, error) {
	k, err := seal.NewAuthority(c.Nom, c.Insee, now)
	if err != nil {
		return nil, nil, err
	}
	rec, err := record(k, phrase)
	return k, rec, err
}

// NewOfficerKey makes an officer's key certified by the seal (see
// seal.Key.IssueOfficer) and the record the register keeps of it, locked
// with the officer's own passphrase.
func NewOfficerKey(auth *seal.Key, o civil.Officer, phrase string, now time.Time) (*seal.Key, *registry.KeyRecord, error) {
	k, err := auth.IssueOfficer(o.FullName(), o.QualiteLabel(), now)
	if err != nil {
		return nil, nil, err
	}
	rec, err := record(k, phrase)
	if rec != nil {
		rec.PhrasePropre = true
	}
	return k, rec, err
}

func record(k *seal.Key, phrase string) (*registry.KeyRecord, error) {
	data, err := k.Lock(phrase)
	if err != nil {
		return nil, err
	}
	return &registry.KeyRecord{ID: seal.ID(k.Cert), Certificat: k.Cert.Raw, CleChiffree: data}, nil
}

// ErrNoSeal: the register was made by a version without electronic seal.
var ErrNoSeal = civil.Refuse("sceau", "ce registre n'a pas de sceau électronique (créé par une version sans signature)",
	"créez un nouveau registre", civil.Then(civil.CreateRegister))

// SealRecord returns the seal's record, or ErrNoSeal.
func SealRecord(s *registry.Store) (*registry.KeyRecord, error) {
	rec, err := s.Seal()
	if err == nil && rec == nil {
		err = ErrNoSeal
	}
	return rec, err
}

// OpenSeal opens the commune's seal with its passphrase.
func OpenSeal(s *registry.Store, phrase string) (*seal.Key, error) {
	rec, err := SealRecord(s)
	if err != nil {
		return nil, err
	}
	key, err := seal.Unlock(rec.Certificat, rec.CleChiffree, phrase)
	if errors.Is(err, seal.ErrWrongPhrase) {
		return nil, civil.Refuse("phrase", "phrase secrète incorrecte : la clé du sceau de la commune ne s'ouvre pas",
			"vérifiez la phrase (majuscules, accents, espaces) ; c'est celle du sceau, choisie à la création du registre (ou changée depuis)")
	}
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"clé du sceau de la commune : " + err.Error()}}
	}
	return key, nil
}

// OfficerKey returns an officer and the record of the officer's key,
// refusing an unknown officer, one without a key, and a revoked key:
// what to check before asking for the officer's passphrase.
func OfficerKey(s *registry.Store, id string) (civil.Officer, *registry.KeyRecord, error) {
	o, ok := s.Officer(id)
	if !ok {
		return o, nil, civil.Refuse("officier", "officier « "+id+" » inconnu du registre", "choisissez un officier de la liste", civil.Then(civil.SeeOfficers))
	}
	if _, err := SealRecord(s); err != nil {
		return o, nil, err
	}
	rec, err := s.OfficerKey(o.ID)
	if err != nil {
		return o, nil, err
	}
	if rec == nil {
		return o, nil, civil.Refuse("officier", "l'officier "+o.FullName()+" ("+o.ID+") n'a pas de clé de signature",
			"les officiers reçoivent leur clé quand ils sont ajoutés à un registre muni d'un sceau électronique", civil.Then(civil.SeeOfficers))
	}
	if err := rec.CheckSigner(o); err != nil {
		return o, nil, err
	}
	return o, rec, nil
}

// Officer is an officer's key, open.
type Officer struct {
	civil.Officer
	Key       *seal.Key
	Record    *registry.KeyRecord
	Authority *x509.Certificate // the commune's seal certificate, above the officer's
}

// OpenOfficer opens an officer's key with the officer's passphrase (the
// seal's for a key that has no phrase of its own yet), after the checks
// of OfficerKey.
func OpenOfficer(s *registry.Store, id, phrase string) (*Officer, error) {
	o, rec, err := OfficerKey(s, id)
	if err != nil {
		return nil, err
	}
	key, err := seal.Unlock(rec.Certificat, rec.CleChiffree, phrase)
	if errors.Is(err, seal.ErrWrongPhrase) {
		hint := "vérifiez la phrase (majuscules, accents, espaces) ; c'est la phrase personnelle de l'officier"
		if !rec.PhrasePropre {
			hint = "vérifiez la phrase (majuscules, accents, espaces) ; cette clé, créée par une version précédente, s'ouvre encore avec la phrase du sceau"
		}
		return nil, civil.Refuse("phrase", "phrase secrète incorrecte : la clé "+civil.Of(o.FullName())+" ("+o.ID+") ne s'ouvre pas", hint)
	}
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"clé de l'officier " + o.ID + " : " + err.Error()}}
	}
	auth, err := authorityCert(s)
	if err != nil {
		return nil, err
	}
	return &Officer{Officer: o, Key: key, Record: rec, Authority: auth}, nil
}

// Attest checks that an officer is present: the officer's passphrase
// opens the officer's own key, which is not revoked. It is what the acts
// of authority ask (horloge --confirmer, cloturer, numerotation after the
// first act): one check, here, for the command line and the page.
func Attest(s *registry.Store, id, phrase string) (civil.Officer, error) {
	k, err := OpenOfficer(s, id, phrase)
	if err != nil {
		return civil.Officer{}, err
	}
	return k.Officer, nil
}

func authorityCert(s *registry.Store) (*x509.Certificate, error) {
	rec, err := SealRecord(s)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(rec.Certificat)
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"certificat du sceau de la commune illisible"}}
	}
	return cert, nil
}

// Legacy returns the ids of the officers whose unrevoked keys are still
// locked with the seal's passphrase (registers made by earlier versions).
func Legacy(s *registry.Store) ([]string, error) {
	keys, err := s.OfficerKeys()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, k := range keys {
		if _, revoked := k.Revoked(); !revoked && !k.PhrasePropre {
			ids = append(ids, k.Officier)
		}
	}
	return ids, nil
}

// SetOfficerPhrase gives an officer's key a new passphrase: old opens it
// (the officer's current phrase, or the seal's for a key made by an
// earlier version), new must be strong (CheckNewPhrase, with the
// officer's names) and must not open the seal. The key itself is
// unchanged: what it signed stays verifiable.
func SetOfficerPhrase(s *registry.Store, id, old, new string) error {
	k, err := OpenOfficer(s, id, old)
	if err != nil {
		return err
	}
	ctx, err := Context(s)
	if err != nil {
		return err
	}
	if err := CheckNewPhrase(new, ctx); err != nil {
		return err
	}
	if new == old {
		return civil.Refuse("phrase", "la nouvelle phrase est l'ancienne", "choisissez une autre phrase")
	}
	if _, err := OpenSeal(s, new); err == nil {
		return civil.Refuse("phrase", "cette phrase ouvre aussi le sceau de la commune", "chaque officier a sa propre phrase, que ne connaît que lui : choisissez-en une autre")
	}
	locked, err := k.Key.Lock(new)
	if err != nil {
		return err
	}
	return s.SetKeyLock(id, locked)
}

// SetSealPhrase gives the seal a new passphrase: old opens it, new must
// be strong and must open no officer's key. It is refused while some
// officers' keys still open with the seal's phrase (Legacy): they must
// choose their own first, or the old phrase would keep opening them.
func SetSealPhrase(s *registry.Store, old, new string) error {
	auth, err := OpenSeal(s, old)
	if err != nil {
		return err
	}
	legacy, err := Legacy(s)
	if err != nil {
		return err
	}
	if len(legacy) > 0 {
		return civil.Refuse("phrase", "la clé de "+strings.Join(legacy, ", ")+" s'ouvre encore avec la phrase du sceau",
			"donnez d'abord à chacun sa propre phrase, puis changez celle du sceau", civil.Then(civil.SetOfficerPhrase, legacy[0]))
	}
	ctx, err := Context(s)
	if err != nil {
		return err
	}
	if err := CheckNewPhrase(new, ctx); err != nil {
		return err
	}
	if new == old {
		return civil.Refuse("phrase", "la nouvelle phrase est l'ancienne", "choisissez une autre phrase")
	}
	keys, err := s.OfficerKeys()
	if err != nil {
		return err
	}
	for _, k := range keys {
		if _, revoked := k.Revoked(); revoked {
			continue
		}
		if _, err := seal.Unlock(k.Certificat, k.CleChiffree, new); err == nil {
			return civil.Refuse("phrase", "cette phrase ouvre aussi la clé d'un officier", "la phrase du sceau n'est celle d'aucun officier : choisissez-en une autre")
		}
	}
	locked, err := auth.Lock(new)
	if err != nil {
		return err
	}
	return s.SetKeyLock("", locked)
}

// Reasons are the reasons for revoking a key that an officer may give,
// as typed on the command line and chosen on the page.
var Reasons = parse.NewChoice(
	parse.Option{Value: registry.RaisonFinDeMandat, Label: "fin de mandat",
		Aliases: []string{"fin de fonctions", "fin de délégation", "fin de mandature", "départ", "mandat terminé"}},
	parse.Option{Value: registry.RaisonCompromission, Label: "clé compromise",
		Aliases: []string{"compromise", "clé volée", "vol", "perte", "phrase divulguée"}},
)

// Revoke revokes an officer's key (registry.Store.RevokeKey). auth is the
// seal, open: only the holder of the seal's passphrase revokes, as only
// the seal certifies a key and signs the revocation lists.
func Revoke(s *registry.Store, auth *seal.Key, id string, r registry.Revocation) (*registry.KeyRecord, error) {
	cert, err := authorityCert(s)
	if err != nil {
		return nil, err
	}
	if !cert.Equal(auth.Cert) {
		return nil, errors.New("la clé donnée n'est pas le sceau de ce registre")
	}
	if r.Motif == "" {
		r.Motif = Reasons.Label(r.Raison)
	}
	return s.RevokeKey(id, r)
}

// Trust returns what the register trusts: its seal, its officers' keys,
// and their revocations as recorded now (Live; see registry.Store.Trust).
func Trust(s *registry.Store) (*seal.Trust, error) {
	t, err := s.Trust()
	if err == nil && t == nil {
		err = ErrNoSeal
	}
	if err != nil {
		return nil, err
	}
	t.Live = true
	return t, nil
}

// Officers returns the officers' certificates of a trust in a steady
// order (by serial number), for a bundle or a list.
func Officers(t *seal.Trust) []*x509.Certificate {
	var out []*x509.Certificate
	for _, c := range t.Officers {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SerialNumber.Cmp(out[j].SerialNumber) < 0 })
	return out
}

// Describe says a revocation in French, for a verdict or a list:
// « fin de mandat, clé révoquée le 30/11/2026 à 05:59 », « clé compromise
// à compter du 15/11/2026, révoquée le 30/11/2026 à 05:59 ».
func Describe(r seal.Revocation) string {
	when := func(t time.Time) string {
		t = t.Local()
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format("02/01/2006")
		}
		return t.Format("02/01/2006 à 15:04")
	}
	at := when(r.At)
	cut, ok := r.Cutoff()
	switch {
	case r.Reason == seal.ReasonCompromise && !ok:
		return "clé compromise depuis une date inconnue, révoquée le " + at + " : toutes ses signatures sont suspectes"
	case r.Reason == seal.ReasonCompromise:
		return "clé compromise à compter du " + when(cut) + ", révoquée le " + at
	case !ok:
		return "clé révoquée le " + at + " sans motif précisé : toutes ses signatures sont suspectes"
	case cut.Equal(r.At):
		return r.Reason.Label() + ", clé révoquée le " + at
	}
	return fmt.Sprintf("%s à compter du %s, clé révoquée le %s", r.Reason.Label(), when(cut), at)
}

// AddOfficer certifies a new key for o with the commune's seal auth,
// locked with the officer's own passphrase, and adds the officer to the
// register (etatcivil officier ajouter, the counter's « Créer le
// registre »). The caller checked o (civil.ValidateOfficer) and the
// phrase's strength (CheckNewPhrase with Context); a phrase that is the
// seal's (sealPhrase) is refused here, field "phrase".
func AddOfficer(s *registry.Store, auth *seal.Key, o civil.Officer, phrase, sealPhrase string, now time.Time) (*registry.KeyRecord, error) {
	if err := NotSealPhrase(phrase, sealPhrase); err != nil {
		return nil, err
	}
	_, key, err := NewOfficerKey(auth, o, phrase, now)
	if err != nil {
		return nil, err
	}
	return key, s.AddOfficer(o, key)
}

// NewOfficer reads an officer as typed (prénoms separated by commas, the
// civilité Mme or M, or nothing) and validates it (civil.ValidateOfficer).
func NewOfficer(id, prenoms, nom, qualite, civilite string) (civil.Officer, error) {
	o := civil.Officer{ID: id, Nom: nom, Qualite: qualite}
	for _, p := range strings.Split(prenoms, ",") {
		if p = strings.TrimSpace(p); p != "" {
			o.Prenoms = append(o.Prenoms, p)
		}
	}
	var err error
	if civilite != "" {
		if o.Civilite, err = civil.ParseCivilite(civilite); err != nil {
			return o, err
		}
	}
	return o, civil.ValidateOfficer(&o)
}

// CheckOfficerID refuses an officer id already taken in s (field "id").
func CheckOfficerID(s *registry.Store, id string) error {
	officers, err := s.Officers()
	if err != nil {
		return err
	}
	for _, known := range officers {
		if known.ID == id {
			return civil.Refuse("id", "l'identifiant « "+id+" » est déjà pris", "choisissez un autre identifiant", civil.Then(civil.SeeOfficers))
		}
	}
	return nil
}

// CreateRegister makes the commune's seal, locked with phrase, and the
// register in dir (registry.Create), and says so (Created); it returns
// the seal open, to certify the first officer's key. The caller closes
// the store.
func CreateRegister(dir string, c civil.Commune, phrase string, now time.Time, o registry.Options) (*registry.Store, *seal.Key, []string, error) {
	key, rec, err := NewSeal(c, phrase, now)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := registry.Create(dir, c, rec, o)
	if err != nil {
		return nil, nil, nil, err
	}
	return s, key, Created(c, dir, key), nil
}

// NotSealPhrase refuses an officer's new passphrase that is the seal's,
// field "phrase".
func NotSealPhrase(phrase, sealPhrase string) error {
	if phrase == sealPhrase {
		return civil.Refuse("phrase", "c'est la phrase du sceau de la commune", "chaque officier a sa propre phrase, que ne connaît que lui : choisissez-en une autre")
	}
	return nil
}

// Confirmed refuses a new passphrase typed twice differently (a page's
// two fields; field names the second).
func Confirmed(phrase, again, field string) error {
	if phrase != again {
		return civil.Refuse(field, "les deux phrases secrètes diffèrent", "tapez deux fois la même phrase")
	}
	return nil
}

// OfficerAdded is what is said of an officer just added, a line each.
func OfficerAdded(o civil.Officer, key *registry.KeyRecord) []string {
	lines := []string{"Officier ajouté : " + o.ID + " — " + o.FullName() + ", " + o.QualiteLabel(),
		"Clé de signature créée (" + key.ID + "), certifiée par le sceau de la commune.",
		"Elle s'ouvre avec la phrase personnelle de l'officier, et avec elle seule : qu'il la note et la garde pour lui."}
	if !o.CanMarry() {
		lines = append(lines, "Rappel : un fonctionnaire délégué ne peut pas célébrer de mariage.")
	}
	return lines
}

// Created is what is said of a register just created in dir with the
// seal key, a line each (etatcivil init, the counter's « Créer le
// registre »).
func Created(c civil.Commune, dir string, key *seal.Key) []string {
	where := c.Nom + " (" + c.Departement + "), code INSEE " + c.Insee
	if c.CommuneAssociee != "" {
		where = c.CommuneAssociee + ", commune associée de " + where
	}
	return []string{"Registre créé pour " + where + ".", "Dossier : " + dir,
		"Sceau électronique de la commune créé, empreinte : " + seal.Fingerprint(key.Cert),
		"  (gardez la phrase secrète du sceau sous clé : elle certifie et révoque les clés des officiers ;",
		"   chaque officier choisit la sienne quand il est ajouté)"}
}
