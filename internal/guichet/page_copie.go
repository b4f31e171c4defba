package guichet

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/registry"
)

// « Délivrer une copie »: the act, the form, the requester, their quality
// and the parents' names they give; the register's decision on their right
// (registry.Store.CheckCopy: civil.CheckCopyInput, then civil.CopyRights) is shown as the
// fields are left, before anything is signed; « Délivrer » makes the
// request (registry.Store.DeliverCopy: logged, delivered or refused), the
// copy is signed with the open key and opens in the browser's PDF viewer.

var copieForm = &FormDef{Fields: []Field{
	{Name: "acte", Label: "Acte", Required: true, Width: "moyen", Aliases: []string{"référence"}, Autocomplete: "off",
		Hint: "sa référence, par exemple naissance/2026/38 ; sinon, cherchez la personne dans « Rechercher »"},
	{Name: "forme", Label: "Forme de la copie", Kind: "select", Required: true},
	{Name: "demandeur", Label: "Demandeur", Required: true, Autocomplete: "off", Hint: "ses prénoms et son NOM, tels que sur sa pièce d'identité"},
	{Name: "qualite", Label: "Qualité du demandeur", Kind: "select", Required: true},
	{Name: "parents", Label: "Parents de la personne, tels que le demandeur les indique", Autocomplete: "off",
		Hint: "prénoms et NOM de chacun, séparés par « ; » : « Anaïs MÜLLER ; Karim OUALI » (accents et majuscules ne comptent pas) ; inutile pour la personne elle-même"},
	{Name: "autorisation", Label: "Autorisation du procureur de la République", Autocomplete: "off", Hint: "seulement pour un tiers : la référence de l'autorisation"},
	{Name: "mandat", Label: "Mandat du généalogiste", Autocomplete: "off", Hint: "seulement pour un généalogiste mandaté : la référence du mandat"},
}}

// decision is the register's answer to a request, before it is made.
type decision struct {
	Ready    bool       // enough is given to decide
	Act      *civil.Act // the act, when found
	Allowed  bool
	Problems []civil.Problem
	Forme    string
	Who      string
	Qualite  string
}

type copieData struct {
	Decision  decision
	Log       []registry.CopyRecord // the copy register, newest first
	Delivered *registry.CopyRecord  // the copy just delivered
	KeyOpen   bool
	Since     time.Time
}

// copyLogSize is how many lines of the copy register the page shows.
const copyLogSize = 30

// deliveredCopies keeps the last copies delivered in this session, for
// the browser's PDF viewer to open once they are logged; never on disk,
// dropped when the key is locked and when the counter stops.
type deliveredCopies struct {
	mu   sync.Mutex
	pdfs map[uint64]deliveredPDF
	ids  []uint64
}

type deliveredPDF struct {
	name string
	pdf  []byte
}

const keptCopies = 8

func (d *deliveredCopies) put(n uint64, name string, pdf []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pdfs == nil {
		d.pdfs = map[uint64]deliveredPDF{}
	}
	d.pdfs[n] = deliveredPDF{name, pdf}
	d.ids = append(d.ids, n)
	for len(d.ids) > keptCopies {
		delete(d.pdfs, d.ids[0])
		d.ids = d.ids[1:]
	}
}

func (d *deliveredCopies) get(n uint64) (deliveredPDF, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.pdfs[n]
	return p, ok
}

func (d *deliveredCopies) drop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pdfs, d.ids = nil, nil
}

// request builds the copy request the form describes.
func request(f *Form, officer string) (civil.CopyRequest, error) {
	req := civil.CopyRequest{Forme: f.Get("forme"), Demandeur: f.Get("demandeur"), Qualite: f.Get("qualite"),
		Parents: strings.Split(f.Get("parents"), ";"), Autorisation: f.Get("autorisation"), Mandat: f.Get("mandat"), Officier: officer}
	ref, err := civil.ParseRef(f.Get("acte"))
	if err != nil {
		return req, err
	}
	req.Ref = ref
	return req, nil
}

// decide asks the register whether the copy may be delivered.
func decide(c *Ctx, f *Form) (decision, error) {
	d := decision{Ready: f.Get("acte") != "" && f.Get("forme") != "" && f.Get("demandeur") != "" && f.Get("qualite") != ""}
	officer := ""
	if sl := c.Seal(); sl != nil {
		officer = sl.Officer.ID
	}
	req, refErr := request(f, officer)
	err := c.Read(func(s *registry.Store) error {
		if refErr == nil {
			if a, err := s.Get(req.Ref); err == nil {
				d.Act = a
			}
		}
		if !d.Ready {
			return nil
		}
		if refErr != nil {
			return refErr
		}
		if err := s.CheckCopy(req); err != nil {
			return err
		}
		d.Allowed = true
		return nil
	})
	if ps, ok := problemsOf(err); ok {
		d.Problems, err = ps, nil
	}
	d.Forme, d.Who, d.Qualite = civil.FormeLabel(req.Forme), req.Demandeur, civil.RequesterLabel(req.Qualite)
	return d, err
}

func copiePages() []*Page {
	p := &Page{Path: "/copie", Title: "Délivrer une copie ou un extrait", Nav: "Délivrer une copie", Key: "c", Template: "copie.html", Form: copieForm}
	copieForm.Check = func(c *Ctx, v url.Values) ([]civil.Problem, error) {
		d, err := decide(c, c.Form)
		c.Live = d
		return d.Problems, err
	}
	p.Get = func(c *Ctx) (any, error) {
		d := copieData{KeyOpen: c.Seal() != nil}
		forms := []Option{{"", "— choisissez —"}}
		kinds := civil.Formes
		var err error
		if d.Decision, err = decide(c, c.Form); err != nil {
			return nil, err
		}
		if a := d.Decision.Act; a != nil {
			kinds = civil.FormesOf(a.Type)
		}
		for _, f := range kinds {
			forms = append(forms, Option{f, civil.FormeLabel(f)})
		}
		c.Form.SetOptions("forme", forms)
		quals := []Option{{"", "— choisissez —"}}
		for _, q := range civil.RequesterQualites {
			quals = append(quals, Option{q, civil.RequesterLabel(q)})
		}
		c.Form.SetOptions("qualite", quals)
		if n, err := strconv.ParseUint(c.R.URL.Query().Get("copie"), 10, 64); err == nil {
			if _, ok := c.srv.copies.get(n); ok {
				d.Delivered = &registry.CopyRecord{Numero: n}
			}
		}
		now := c.Now()
		d.Since = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location()).AddDate(0, 0, -7)
		err = c.Read(func(s *registry.Store) error {
			return s.Copies(d.Since, func(r registry.CopyRecord) error {
				if d.Delivered != nil && r.Numero == d.Delivered.Numero {
					rec := r
					d.Delivered = &rec
				}
				d.Log = append(d.Log, r)
				return nil
			})
		})
		// Newest first, the last ones only.
		for i, j := 0, len(d.Log)-1; i < j; i, j = i+1, j-1 {
			d.Log[i], d.Log[j] = d.Log[j], d.Log[i]
		}
		if len(d.Log) > copyLogSize {
			d.Log = d.Log[:copyLogSize]
		}
		return d, err
	}
	p.Post = func(c *Ctx) (any, error) {
		if c.R.PostForm.Get("etape") != "delivrer" {
			// « Vérifier le droit »: the decision, and nothing written.
			d, err := decide(c, c.Form)
			if err != nil {
				return nil, err
			}
			if !d.Allowed {
				if len(d.Problems) == 0 {
					d.Problems = missingCopyFields(c.Form)
				}
				return nil, &civil.RefusedError{Problems: d.Problems}
			}
			return p.Get(c)
		}
		sl := c.Seal()
		if sl == nil {
			return nil, civil.Refuse("officier", "la clé de l'officier est verrouillée : la copie ne peut pas être signée",
				"l'officier ouvre sa clé (« Ouvrir la clé », en haut de la page), puis délivrez la copie")
		}
		req, err := request(c.Form, sl.Officer.ID)
		if err != nil {
			return nil, err
		}
		var pdf bytes.Buffer
		var rec registry.CopyRecord
		err = c.Write(func(s *registry.Store) (err error) {
			rec, err = s.DeliverCopy(req, func(d registry.Delivery) error {
				pdf.Reset()
				return forms.WriteCopy(&pdf, d, sl)
			})
			return err
		})
		var refused *registry.CopyRefusedError
		if errors.As(err, &refused) {
			ps := append([]civil.Problem{}, refused.Problems...)
			ps = append(ps, civil.Problem{Rule: fmt.Sprintf("la demande refusée est inscrite au registre des copies (ligne n° %d), comme la loi le veut", refused.Numero)})
			return nil, &civil.RefusedError{Problems: ps}
		}
		if err != nil {
			return nil, err
		}
		c.srv.copies.put(rec.Numero, "copie-"+strings.ReplaceAll(rec.Reference, "/", "-")+"-"+rec.Serie+".pdf", pdf.Bytes())
		label := civil.FormeLabel(rec.Forme)
		c.Redirect(fmt.Sprintf("/copie?copie=%d", rec.Numero), fmt.Sprintf("%s n° %s de l'acte %s délivrée à %s (%s), inscrite au registre des copies (ligne n° %d), signée électroniquement par %s.",
			strings.ToUpper(label[:1])+label[1:], rec.Serie, rec.Reference, rec.Demandeur, civil.RequesterLabel(rec.Qualite), rec.Numero, sl.Officer.FullName()))
		return nil, nil
	}
	doc := &Page{Path: "/copie/document", Title: "Copie", Template: "copie.html",
		Get: func(c *Ctx) (any, error) {
			n, _ := strconv.ParseUint(c.R.URL.Query().Get("n"), 10, 64)
			d, ok := c.srv.copies.get(n)
			if !ok {
				return nil, civil.Refuse("copie", "cette copie n'est plus disponible à l'écran (elle n'est gardée en mémoire que peu de temps, et jamais sur le disque)",
					"la délivrance est inscrite au registre des copies ; pour une autre copie, refaites la demande")
			}
			c.PDF(d.name, d.pdf)
			return nil, nil
		}}
	return []*Page{p, doc}
}

// missingCopyFields names the fields a decision needs that are empty.
func missingCopyFields(f *Form) []civil.Problem {
	var ps []civil.Problem
	for _, name := range []string{"acte", "forme", "demandeur", "qualite"} {
		if f.Get(name) == "" {
			fd := f.Def.field(name)
			ps = append(ps, civil.Problem{Field: name, Rule: "à remplir", Hint: strings.ToLower(fd.Label[:1]) + fd.Label[1:] + " : le droit du demandeur en dépend"})
		}
	}
	return ps
}
