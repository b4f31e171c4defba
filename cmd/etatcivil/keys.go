package main

import (
	"bufio"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// phraseEnv is the environment variable that gives the seal's passphrase
// to scripts and tests.
const phraseEnv = "ETATCIVIL_PHRASE"

// phrase returns the seal's passphrase: $ETATCIVIL_PHRASE, else asked at
// the terminal without echo (twice when confirm, for a new seal).
func (e *env) phrase(confirm bool) (string, error) {
	if e.phraseCache != "" {
		return e.phraseCache, nil
	}
	p, err := e.askPhrase(confirm)
	e.phraseCache = p
	return p, err
}

func (e *env) askPhrase(confirm bool) (string, error) {
	if p, ok := os.LookupEnv(phraseEnv); ok {
		return p, nil
	}
	if !e.interactive {
		return "", &usageError{"phrase secrète du sceau requise", "tapez la commande dans un terminal pour la saisir, ou définissez la variable " + phraseEnv}
	}
	p, err := e.readSecret("Phrase secrète du sceau de la commune : ")
	if err != nil || !confirm {
		return p, err
	}
	again, err := e.readSecret("Retapez-la pour confirmer : ")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", &usageError{"les deux phrases secrètes diffèrent", "recommencez la commande"}
	}
	return p, nil
}

// readSecret reads a line without echo from the terminal (or, in tests, from
// the injected input).
func (e *env) readSecret(prompt string) (string, error) {
	fmt.Fprint(e.errOut, prompt)
	defer fmt.Fprintln(e.errOut)
	if f, ok := e.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		return string(b), err
	}
	if e.lines == nil {
		e.lines = bufio.NewReader(e.in)
	}
	line, err := e.lines.ReadString('\n')
	if err != nil && line == "" {
		return "", &usageError{"phrase secrète non saisie", "recommencez la commande"}
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// newPhrase returns the passphrase of a new seal, refusing a short one.
func (e *env) newPhrase() (string, error) {
	p, err := e.phrase(true)
	if err != nil {
		return "", err
	}
	if utf8.RuneCountInString(p) < seal.MinPhraseLength {
		return "", civil.Refuse("phrase secrète", fmt.Sprintf("trop courte (%d caractères, au moins %d)", utf8.RuneCountInString(p), seal.MinPhraseLength),
			"choisissez une phrase de plusieurs mots, notez-la et gardez-la sous clé en mairie")
	}
	return p, nil
}

// unlock opens a stored key with the passphrase.
func unlock(k *registry.KeyRecord, phrase, whose string) (*seal.Key, error) {
	key, err := seal.Unlock(k.Certificat, k.CleChiffree, phrase)
	if errors.Is(err, seal.ErrWrongPhrase) {
		return nil, &usageError{"phrase secrète incorrecte : la clé " + whose + " ne s'ouvre pas",
			"vérifiez la phrase (majuscules, accents, espaces) ; c'est celle choisie à la création du registre"}
	}
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"clé " + whose + " : " + err.Error()}}
	}
	return key, nil
}

// authority opens the commune's seal key.
func (e *env) authority(s *registry.Store) (*seal.Key, error) {
	rec, err := s.Seal()
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, noSeal()
	}
	p, err := e.phrase(false)
	if err != nil {
		return nil, err
	}
	return unlock(rec, p, "du sceau de la commune")
}

func noSeal() error {
	return &usageError{"ce registre n'a pas de sceau électronique (créé par une version sans signature)", "créez un nouveau registre avec etatcivil init"}
}

// officerSeal opens an officer's signing key, to sign documents with it.
// A revoked key is refused.
func (e *env) officerSeal(s *registry.Store, o civil.Officer) (*forms.Seal, error) {
	if sl := e.seals[o.ID]; sl != nil {
		return sl, nil
	}
	auth, err := s.Seal()
	if err != nil {
		return nil, err
	}
	rec, err := s.OfficerKey(o.ID)
	if err != nil {
		return nil, err
	}
	if auth == nil || rec == nil {
		return nil, &usageError{"l'officier " + o.ID + " n'a pas de clé de signature", "les officiers reçoivent leur clé quand ils sont ajoutés à un registre créé avec etatcivil init"}
	}
	if err := rec.CheckSigner(o); err != nil {
		return nil, err
	}
	p, err := e.phrase(false)
	if err != nil {
		return nil, err
	}
	key, err := unlock(rec, p, "de l'officier "+o.ID)
	if err != nil {
		return nil, err
	}
	authCert, err := x509.ParseCertificate(auth.Certificat)
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"certificat du sceau de la commune illisible"}}
	}
	c, err := s.Commune()
	if err != nil {
		return nil, err
	}
	sl := &forms.Seal{Key: key, Chain: []*x509.Certificate{authCert}, Officer: o, Commune: c, Now: e.clock}
	if e.seals == nil {
		e.seals = map[string]*forms.Seal{}
	}
	e.seals[o.ID] = sl
	return sl, nil
}

// registerTrust returns what the register trusts: its seal, its officers' keys,
// and the revoked ones.
func registerTrust(s *registry.Store) (*seal.Trust, error) {
	auth, err := s.Seal()
	if err != nil {
		return nil, err
	}
	if auth == nil {
		return nil, noSeal()
	}
	cert, err := x509.ParseCertificate(auth.Certificat)
	if err != nil {
		return nil, &registry.IntegrityError{Breaks: []string{"certificat du sceau de la commune illisible"}}
	}
	t := seal.NewTrust(cert)
	keys, err := s.OfficerKeys()
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		c, err := x509.ParseCertificate(k.Certificat)
		if err == nil {
			err = t.Add(c)
		}
		if err != nil {
			return nil, &registry.IntegrityError{Breaks: []string{"certificat de l'officier " + k.Officier + " : " + err.Error()}}
		}
		if at, ok := k.Revoked(); ok {
			t.Revoked[seal.ID(c)] = at
		}
	}
	return t, nil
}

// newSeal makes the commune's seal key, locked with the passphrase.
func newSeal(c civil.Commune, phrase string, now time.Time) (*seal.Key, *registry.KeyRecord, error) {
	return locked(seal.NewAuthority(c.Nom, c.Insee, now))(phrase)
}

// newOfficerKey makes an officer's key, certified by the commune's seal
// and locked with the passphrase.
func newOfficerKey(auth *seal.Key, o civil.Officer, phrase string, now time.Time) (*seal.Key, *registry.KeyRecord, error) {
	return locked(auth.IssueOfficer(o.FullName(), o.QualiteLabel(), now))(phrase)
}

// locked returns a function that locks a new key with the passphrase and
// gives the record the register keeps of it.
func locked(key *seal.Key, err error) func(phrase string) (*seal.Key, *registry.KeyRecord, error) {
	return func(phrase string) (*seal.Key, *registry.KeyRecord, error) {
		if err != nil {
			return nil, nil, err
		}
		data, err := key.Lock(phrase)
		if err != nil {
			return nil, nil, err
		}
		return key, &registry.KeyRecord{ID: seal.ID(key.Cert), Certificat: key.Cert.Raw, CleChiffree: data}, nil
	}
}
