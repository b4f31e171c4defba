package guichet

import (
	"errors"
	"net/url"
	"strings"

	"etatcivil/registry"
)

// « Horloge et témoin »: etatcivil horloge and temoin — the computer's
// clock against the register's last write (registry.(*Store).Clock) and
// the officer's statement that the clock is right (ConfirmClock); the
// register against its witness (Behind) and the officer's acceptance of
// the loss (AcceptLoss, the journal anchored by the officer's open key).
// The same calls and words as the commands.

var temoinForm = &FormDef{Fields: []Field{
	{Name: "motif", Label: "Motif de la perte", Kind: "textarea", Required: true,
		Hint: "par exemple « disque défaillant, aucune sauvegarde plus récente »"},
}}

type horlogeData struct {
	Clock   registry.ClockStatus
	Behind  *registry.BehindError // nil: the register is up to date with its witness
	KeyOpen bool
	// UpToDate is what the command says of a register up to date.
	UpToDate string
}

func horlogePages() []*Page {
	get := func(c *Ctx) (any, error) {
		d := horlogeData{KeyOpen: c.Seal() != nil, UpToDate: registry.WitnessUpToDate}
		err := c.Read(func(s *registry.Store) (err error) {
			errors.As(s.Behind(), &d.Behind)
			d.Clock, err = s.Clock()
			return err
		})
		return d, err
	}
	// signed runs a statement of the officer whose key is open.
	signed := func(c *Ctx, do func(*registry.Store) (string, error)) (any, error) {
		sl := c.Seal()
		if sl == nil {
			c.Redirect("/ouverture?suite="+url.QueryEscape("/horloge"), "Ouvrez d'abord la clé de l'officier : le constat est le sien.")
			return nil, nil
		}
		var msg string
		if err := c.Write(func(s *registry.Store) (err error) { msg, err = do(s); return err }); err != nil {
			return nil, err
		}
		c.Redirect("/horloge", msg)
		return nil, nil
	}
	clock := &Page{Path: "/horloge", Title: "Horloge et témoin du registre", Template: "horloge.html", Form: temoinForm, Get: get}
	clock.Post = func(c *Ctx) (any, error) {
		return signed(c, func(s *registry.Store) (string, error) {
			id := c.Seal().Officer.ID
			return registry.ClockConfirmed(id), s.ConfirmClock(id)
		})
	}
	witness := &Page{Path: "/temoin", Title: "Horloge et témoin du registre", Template: "horloge.html", Form: temoinForm, Get: get}
	witness.Post = func(c *Ctx) (any, error) {
		return signed(c, func(s *registry.Store) (string, error) {
			sl := c.Seal()
			lost, err := s.AcceptLoss(c.Form.Get("motif"), sl.Signer())
			if err != nil {
				return "", err
			}
			return strings.Join(lost.Accepted(sl.Key.Cert.Subject.CommonName), " "), nil
		})
	}
	return []*Page{clock, witness}
}

// behindView is what the counter shows of a register older than its
// witness (the command's words, registry.Unresolved), with where to act.
func behindView(b *registry.BehindError) *errorView {
	return &errorView{Title: "Registre plus ancien que son témoin", Lines: []string{b.Error()},
		Hint: registry.Unresolved + " ; sinon, voir « Horloge et témoin » (adresse /horloge)"}
}
