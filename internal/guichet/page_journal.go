package guichet

import (
	"strconv"

	"etatcivil/registry"
)

// journalPageSize is how many entries a page of the journal shows.
const journalPageSize = 100

type journalData struct {
	Entries []registry.Entry
	Older   uint64 // the « avant » of the next page; 0 when none
	// Newest and Oldest number the entries shown.
	Newest, Oldest uint64
}

// journalPage shows the journal, newest first, a hundred entries a page:
// read only.
func journalPage() *Page {
	return &Page{Path: "/journal", Title: "Journal des écritures", Nav: "Journal", Key: "j", Template: "journal.html",
		Get: func(c *Ctx) (any, error) {
			before, _ := strconv.ParseUint(c.R.URL.Query().Get("avant"), 10, 64)
			var d journalData
			err := c.Read(func(s *registry.Store) (err error) {
				d.Entries, err = s.JournalBefore(before, journalPageSize)
				return err
			})
			if n := len(d.Entries); n > 0 {
				d.Newest, d.Oldest = d.Entries[0].Seq, d.Entries[n-1].Seq
			}
			if n := len(d.Entries); n == journalPageSize && d.Entries[n-1].Seq > 1 {
				d.Older = d.Entries[n-1].Seq
			}
			return d, err
		}}
}
