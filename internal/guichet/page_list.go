package guichet

// pages returns the counter's pages, in the order of the navigation: the
// sections of the clerk's day (issue 22). Sections not built yet show the
// command line that does the same meanwhile (page_avenir.go).
func pages() []*Page {
	var all []*Page
	add := func(ps ...*Page) { all = append(all, ps...) }
	add(accueilPage())
	add(dresserPages()...)
	add(imprimerPages()...)
	add(copiePages()...)
	add(recherchePage())
	add(verificationPage())
	add(registrePage(), preparerPage())
	add(mentionsPages()...)
	add(bansPages()...)
	add(avisPages()...)
	add(rdvPages()...)
	add(sauvegardePage())
	add(clesPage, sealPhrasePage, secoursPage)
	add(exportPage, importPage)
	add(anneePages()...)
	add(controlePage())
	add(compacterPage)
	add(horlogePages()...)
	add(journalPage())
	add(numerotationPage())
	add(officiersPages()...)
	add(officierPage, revoquerPage)
	add(reglagesPage())
	add(ouverturePage(), verrouillerPage())
	add(creerPage, restaurerPage)
	return all
}
