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
	Clock  registry.ClockStatus
	Behind *registry.BehindError // nil: the register is up to date with its witness
	// Officer names the officer whose key is open ("" when it is locked),
	// read once with the register: the buttons say whose statement it is.
	Officer string
	// UpToDate is what the command says of a register up to date.
	UpToDate string
}

func horlogePages() []*Page {
	get := func(c *Ctx) (any, error) {
		d := horlogeData{Officer: c.srv.keys.state().Officer, UpToDate: registry.WitnessUpToDate}
		err := c.Read(func(s *registry.Store) (err error) {
			errors.As(s.Behind(), &d.Behind)
			d.Clock, err = s.Clock()
			return err
		})
		return d, err
	}
	// signed runs a statement of the officer whose key is open. The key is
	// read once, before the register is opened: the register may be busy
	// for a while (another command writes), and the key locked meanwhile
	// (« Verrouiller », idle time); the statement is the one the officer
	// asked for with the key open.
	signed := func(c *Ctx, do func(*registry.Store, registry.Signer, string) (string, error)) (any, error) {
		sl := c.Seal()
		if sl == nil {
			c.Redirect("/ouverture?suite="+url.QueryEscape("/horloge"), "Ouvrez d'abord la clé de l'officier : le constat est le sien.")
			return nil, nil
		}
		sg, name := sl.Signer(), sl.Key.Cert.Subject.CommonName
		var msg string
		if err := c.Write(func(s *registry.Store) (err error) { msg, err = do(s, sg, name); return err }); err != nil {
			return nil, err
		}
		c.Redirect("/horloge", msg)
		return nil, nil
	}
	clock := &Page{Path: "/horloge", Title: "Horloge et témoin du registre", Template: "horloge.html", Form: temoinForm, Get: get}
	clock.Post = func(c *Ctx) (any, error) {
		return signed(c, func(s *registry.Store, sg registry.Signer, _ string) (string, error) {
			return registry.ClockConfirmed(sg.Officer), s.ConfirmClock(sg.Officer)
		})
	}
	witness := &Page{Path: "/temoin", Title: "Horloge et témoin du registre", Template: "horloge.html", Form: temoinForm, Get: get}
	witness.Post = func(c *Ctx) (any, error) {
		return signed(c, func(s *registry.Store, sg registry.Signer, name string) (string, error) {
			lost, err := s.AcceptLoss(c.Form.Get("motif"), sg)
			if err != nil {
				return "", err
			}
			return strings.Join(lost.Accepted(name), " "), nil
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
