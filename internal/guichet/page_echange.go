package guichet

import (
	"bufio"
	"errors"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strings"

	"etatcivil/civil"
	"etatcivil/internal/exchange"
	"etatcivil/internal/medium"
	"etatcivil/registry"
)

// « Import / export »: etatcivil export (a download, as -o would write it)
// and etatcivil import (a file sent from the browser, or its path on this
// computer for a large one), all or nothing, the lines refused listed as
// the command lists them.

var (
	exportForm = &FormDef{Fields: []Field{
		{Name: "csv", Kind: "checkbox", Check: "pour un tableur (fichier .csv, une ligne par acte) plutôt que le fichier d'échange complet (.jsonl), fait pour la ressaisie"},
		{Name: "depuis", Label: "Depuis le", Width: "court", Hint: "JJ/MM/AAAA : seulement les actes créés, signés, mentionnés ou copiés depuis ce jour ; vide : tous les actes"},
		{Name: "sortie", Label: "Écrire plutôt dans le fichier", Autocomplete: "off", Hint: "facultatif : son chemin, par exemple /media/anne/CLE-USB/export-registre.jsonl (E:\\… sous Windows) ; un fichier existant n'est jamais remplacé ; vide : l'export est téléchargé"},
	}}
	importForm = &FormDef{Fields: []Field{
		{Name: "fichier", Label: "Fichier d'échange à importer (.jsonl)", Kind: "file"},
		{Name: "chemin", Label: "ou son chemin sur cet ordinateur", Autocomplete: "off", Hint: "pour un fichier de plus de 64 Mo : par exemple /media/anne/CLE-USB/actes-papier.jsonl"},
	}}
)

// maxImport bounds an import file sent from the browser, in bytes: it is
// kept in memory (never in a temporary file); a larger one is given by
// its path.
const maxImport = 64 << 20

// download writes a file to save as it is produced: the headers go with
// its first bytes, so that a failure before them is shown as a page.
type download struct {
	c          *Ctx
	name, kind string
}

func (d *download) Write(p []byte) (int, error) {
	if !d.c.done {
		h := d.c.W.Header()
		h.Set("Content-Type", d.kind)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.name}))
		d.c.W.WriteHeader(http.StatusOK)
		d.c.done = true
	}
	return d.c.W.Write(p)
}

var (
	exchangeLinks = []navLink{{Path: "/export", Label: "Exporter"}, {Path: "/import", Label: "Importer"}}
	exportPage    = &Page{Path: "/export", Title: "Exporter le registre", Nav: "Import / export", Key: "t", Template: "formulaire.html", Form: exportForm, Post: exportPost,
		Data: &formPage{Button: "Télécharger l'export", Links: exchangeLinks, Intro: []string{
			"Chaque acte du registre, dans l'ordre du registre, dans un fichier d'échange (son format est décrit pour le service informatique dans docs/format-export.md), avec ses mentions, son statut et les copies demandées : pour la ressaisie dans le système principal."}}}
	importPage = &Page{Path: "/import", Title: "Importer des actes", Template: "formulaire.html", Form: importForm, Post: importPost,
		Data: &formPage{Button: "Importer", Upload: true, Links: exchangeLinks, Intro: []string{
			"Inscrit des actes dressés ailleurs (sur papier, ou sur un autre ordinateur), avec leurs numéros, leurs mentions et leurs copies, en une seule fois : tout ou rien. Les numéros de chaque registre doivent suivre le dernier numéro attribué (« Numérotation »). Une ligne qui porte son empreinte doit y correspondre."}}}
)

// exportPost downloads etatcivil export's file.
func exportPost(c *Ctx) (any, error) {
	var ch civil.Checker
	format, kind, since := "jsonl", "application/jsonl; charset=utf-8", c.Form.Get("depuis")
	if c.Form.Get("csv") == "oui" {
		format, kind = "csv", "text/csv; charset=utf-8"
	}
	if since != "" {
		ch.Date("depuis", &since, 1800)
	}
	if _, err := ch.Result(); err != nil {
		return nil, err
	}
	if path := c.Form.Get("sortie"); path != "" {
		if !filepath.IsAbs(path) {
			// Else written wherever the program was started from.
			return nil, civil.Refuse("sortie", "« "+path+" » n'est pas un chemin complet : on ne saurait pas dans quel dossier l'écrire",
				"indiquez le chemin complet du fichier, dossier compris, par exemple /media/anne/CLE-USB/export-registre.jsonl (E:\\export-registre.jsonl sous Windows)")
		}
		// As etatcivil export -o writes it (internal/medium's rules).
		var n int
		err := c.Read(func(s *registry.Store) error {
			return medium.Output{RegisterDir: c.srv.cfg.Dir}.Write(path, func(w io.Writer) error {
				b := bufio.NewWriter(w)
				var err error
				if n, err = s.WriteExport(b, format, since); err == nil {
					err = b.Flush()
				}
				return err
			})
		})
		var refused *medium.OutputError
		if errors.As(err, &refused) {
			msg, hint := refused.ForPage()
			return nil, civil.Refuse("sortie", msg, hint)
		}
		if err != nil {
			return nil, err
		}
		c.Redirect("/export", registry.ExportedTo(n, path))
		return nil, nil
	}
	out := bufio.NewWriterSize(&download{c, "export-registre-" + c.Now().Format("20060102-1504") + "." + format, kind}, 64<<10)
	err := c.Read(func(s *registry.Store) error {
		_, err := s.WriteExport(out, format, since)
		if err == nil {
			err = out.Flush()
		}
		return err
	})
	if err != nil && c.done {
		c.srv.logf("export interrompu : %v", err) // the file is cut short: the browser says the download failed
		return nil, nil
	}
	return nil, err
}

// importPost is etatcivil import of the file sent, or of the path given.
func importPost(c *Ctx) (any, error) {
	src := &exchange.ImportFile{}
	mmap := 0
	if f, h, err := c.R.FormFile("fichier"); err == nil {
		defer f.Close()
		src.R, src.Name = f, h.Filename
	} else if path := c.Form.Get("chemin"); path != "" {
		// As etatcivil import opens it: never a file of the register, a
		// big file maps the register at once.
		f, n, err := exchange.OpenImport("chemin", path, c.srv.cfg.Dir)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		src.R, src.Name, mmap = f, path, n
	} else {
		return nil, civil.Refuse("fichier", "aucun fichier choisi", "choisissez le fichier à importer, ou indiquez son chemin")
	}
	var res registry.Imported
	err := importErr(c.srv.writeMapped(mmap, func(s *registry.Store) (err error) {
		if res, err = s.ImportFrom(src.Each); err == nil {
			err = exchange.Empty(res, src.Name)
		}
		return err
	}))
	if err != nil {
		return nil, err
	}
	c.Redirect("/import", strings.Join(exchange.Report(res), "\n"))
	return nil, nil
}

// importErr names the file as the page does: the decoder's problems name
// the command line's --fichier ("ligne 2, --fichier"); the page's line
// numbers are enough ("ligne 2"), and a problem of the whole file
// ("--fichier", "FICHIER") is the form's field "fichier".
func importErr(err error) error {
	ps, ok := problemsOf(err)
	if !ok {
		return err
	}
	out := make([]civil.Problem, len(ps))
	for i, p := range ps {
		p.Field = strings.Replace(p.Field, ", --fichier", "", 1)
		if p.Field == "--fichier" || p.Field == "FICHIER" {
			p.Field = "fichier"
		}
		out[i] = p
	}
	return &civil.RefusedError{Problems: out}
}
