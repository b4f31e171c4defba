package forms

import (
	"io"
	"strings"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// NoticeData is what the templates of documents that are not a copy of
// an act receive: the avis de mention and the banns notice.
type NoticeData struct {
	Commune  civil.Commune
	Officier civil.Officer // who signs the document
	Avis     registry.Notice
	Bans     civil.Banns
	BansRef  string
	// Notices only: the address block, the salutation, and what the
	// sender must know that the address must not say.
	Adresse []string
	Appel   string
	Note    string
}

// WriteNotice renders an avis de mention, the notice sent to the commune
// that keeps a birth act so that it carries the mention of a marriage or
// a death drawn up here. The officer signs it by hand and seals it.
func WriteNotice(w io.Writer, n registry.Notice, c civil.Commune, o civil.Officer) error {
	data := NoticeData{Commune: *flattened(&c), Officier: *flattened(&o), Avis: *flattened(&n)}
	data.Adresse, data.Note = civil.NoticeAddress(n.Personne.LieuNaissance, c)
	data.Appel = "Madame, Monsieur l'officier de l'état civil"
	if strings.HasPrefix(data.Adresse[0], "Monsieur le chef") {
		data.Appel = "Monsieur le chef du Service central d'état civil"
	}
	for i := range data.Adresse {
		data.Adresse[i] = oneLine(data.Adresse[i])
	}
	return writeOne(w, "avis-mention.tmpl", "Avis de mention n° "+noticeNumber(n), n.CreeLe, data)
}

// WriteBanns renders the publication of banns to put up at the town hall
// for ten days (C. civ. art. 63). It names the future spouses, their
// professions and domiciles and the place of the marriage, never their
// dates of birth.
func WriteBanns(w io.Writer, b civil.Banns, c civil.Commune, o civil.Officer) error {
	data := NoticeData{Commune: *flattened(&c), Officier: *flattened(&o), Bans: *flattened(&b), BansRef: b.Ref()}
	return writeOne(w, "affiche-bans.tmpl", "Publication de mariage "+b.Ref(), b.CreeLe, data)
}

// writeOne renders a one-page document whose date is the RFC 3339 stamp.
func writeOne(w io.Writer, tmpl, title, stamp string, data NoticeData) error {
	t, _ := time.Parse(time.RFC3339, stamp)
	markup, err := execute(tmpl, data)
	if err != nil {
		return err
	}
	doc := newDocument(title, t)
	doc.page(markup)
	return doc.write(w)
}

func noticeNumber(n registry.Notice) string {
	return n.Ref()[len("avis/"):]
}
