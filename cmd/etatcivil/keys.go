package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// The passphrases, each given to a script by its own variable, else typed
// at the terminal without echo (see internal/keyring for who holds which).
const (
	// phraseEnv gives the seal's passphrase; and, for the keys of a
	// register made by an earlier version that have no phrase of their
	// own yet, theirs.
	phraseEnv = "ETATCIVIL_PHRASE"
	// newPhraseEnv gives the new passphrase to officier phrase and cles
	// phrase.
	newPhraseEnv = "ETATCIVIL_NOUVELLE_PHRASE"
)

// officerPhraseEnv returns the variable that gives an officer's own
// passphrase: ETATCIVIL_PHRASE_O1 for o1 (letters in capitals, any other
// character than a letter or a digit as _).
func officerPhraseEnv(id string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(id) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return phraseEnv + "_" + b.String()
}

// secret returns a passphrase: given earlier in this run, else the
// variable env when it is set and not empty, else typed at the terminal
// after prompt (twice when confirm). Without a terminal, a script is told
// which variable to set.
func (e *env) secret(env, whose, prompt string, confirm bool) (string, error) {
	if p, ok := e.phrases[env]; ok {
		return p, nil
	}
	p, err := e.askSecret(env, whose, prompt, confirm)
	if err != nil {
		return "", err
	}
	if e.phrases == nil {
		e.phrases = map[string]string{}
	}
	e.phrases[env] = p
	return p, nil
}

func (e *env) askSecret(env, whose, prompt string, confirm bool) (string, error) {
	if p := os.Getenv(env); p != "" {
		return p, nil
	}
	if !e.interactive {
		return "", &usageError{"phrase secrète " + whose + " requise", "tapez la commande dans un terminal pour la saisir, ou définissez la variable " + env}
	}
	p, err := e.readSecret(prompt + " : ")
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
//
// The register of the command is let go while the person types (see
// waitForPerson): other commands keep working meanwhile.
func (e *env) readSecret(prompt string) (secret string, err error) {
	if werr := e.waitForPerson(func() error { secret, err = e.typedSecret(prompt); return nil }); werr != nil {
		return "", werr
	}
	return secret, err
}

// typedSecret reads a line without echo, the register let go.
func (e *env) typedSecret(prompt string) (string, error) {
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

// sealPhrase returns the seal's passphrase.
func (e *env) sealPhrase() (string, error) {
	return e.secret(phraseEnv, "du sceau de la commune", "Phrase secrète du sceau de la commune", false)
}

// newPhrase returns a new passphrase, typed twice at the terminal (or
// given by env), refused when weak (keyring.CheckNewPhrase, with context).
func (e *env) newPhrase(env, whose, prompt string, context []string) (string, error) {
	p, err := e.secret(env, whose, prompt, true)
	if err != nil {
		return "", err
	}
	if err := keyring.CheckNewPhrase(p, context); err != nil {
		delete(e.phrases, env)
		return "", err
	}
	return p, nil
}

// officerPhrase returns the passphrase of an officer's key: the officer's
// own, or, for a key made by an earlier version, the seal's (with a
// reminder to choose one's own).
func (e *env) officerPhrase(o civil.Officer, rec *registry.KeyRecord) (string, error) {
	env := officerPhraseEnv(o.ID)
	if rec.PhrasePropre {
		return e.secret(env, civil.Of(o.FullName())+" ("+o.ID+")", "Phrase secrète "+civil.Of(o.FullName())+" ("+o.ID+")", false)
	}
	if !e.legacyWarned[o.ID] {
		fmt.Fprintf(e.errOut, "attention : la clé %s (%s) s'ouvre encore avec la phrase du sceau (registre créé par une version précédente)\n"+
			"  → que l'officier choisisse sa propre phrase : etatcivil officier phrase %s\n", civil.Of(o.FullName()), o.ID, o.ID)
		if e.legacyWarned == nil {
			e.legacyWarned = map[string]bool{}
		}
		e.legacyWarned[o.ID] = true
	}
	if os.Getenv(env) != "" {
		return e.secret(env, "", "", false)
	}
	return e.sealPhrase()
}

// authority opens the commune's seal key with its passphrase.
func (e *env) authority(s *registry.Store) (*seal.Key, error) {
	if _, err := keyring.SealRecord(s); err != nil {
		return nil, err
	}
	p, err := e.sealPhrase()
	if err != nil {
		return nil, err
	}
	return keyring.OpenSeal(s, p)
}

// officerKey opens an officer's key with the officer's passphrase, after
// refusing an officer without key or whose key is revoked.
func (e *env) officerKey(s *registry.Store, id string) (*keyring.Officer, error) {
	o, rec, err := keyring.OfficerKey(s, id)
	if err != nil {
		return nil, err
	}
	p, err := e.officerPhrase(o, rec)
	if err != nil {
		return nil, err
	}
	return keyring.OpenOfficer(s, id, p)
}

// attest checks that an officer is present, by the officer's passphrase
// (keyring.Attest): what confirming the clock, closing a register-year
// and setting a numbering once acts exist ask.
//
// A register made by a version without electronic seal has no key to
// open: the officer is only named, with a warning (refusing would leave
// such a register unable to confirm its clock or correct a numbering).
func (e *env) attest(s *registry.Store, id string) (civil.Officer, error) {
	if rec, err := s.Seal(); err != nil {
		return civil.Officer{}, err
	} else if rec == nil {
		o, ok := s.Officer(id)
		if !ok {
			return o, civil.Refuse("officier", "officier « "+id+" » inconnu du registre", "choisissez un officier de la liste", civil.Then(civil.SeeOfficers))
		}
		fmt.Fprintf(e.errOut, "attention : ce registre, créé par une version sans sceau électronique, ne permet pas d'authentifier %s (%s) par sa phrase secrète\n", o.FullName(), o.ID)
		return o, nil
	}
	o, rec, err := keyring.OfficerKey(s, id)
	if err != nil {
		return o, err
	}
	p, err := e.officerPhrase(o, rec)
	if err != nil {
		return o, err
	}
	return keyring.Attest(s, id, p)
}

// officerSeal opens an officer's signing key, to sign documents with it.
// A revoked key is refused.
func (e *env) officerSeal(s *registry.Store, o civil.Officer) (*forms.Seal, error) {
	if sl := e.seals[o.ID]; sl != nil {
		return sl, nil
	}
	k, err := e.officerKey(s, o.ID)
	if err != nil {
		return nil, err
	}
	sl, err := forms.SealOf(s, k, e.clock)
	if err != nil {
		return nil, err
	}
	if e.seals == nil {
		e.seals = map[string]*forms.Seal{}
	}
	e.seals[o.ID] = sl
	return sl, nil
}
