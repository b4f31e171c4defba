// Package forms turns acts into documents: the act text shown on screen,
// the register sheets that the officer and the declarant sign by hand,
// and the certified copies and extracts (copie intégrale, extraits with
// and without parents, plurilingual extract CIEC n° 16), as A4 PDFs.
//
// The wording lives in the templates package, one template per document
// and act kind, written in the small markup described in markup.go; forms
// supplies the data, the French helpers (dates and hours in words,
// agreement, elision) and the layout: French typography (typo.go), lines
// broken and justified by its own line breaker, pages filled by a
// paginator that keeps the closing formula and the signatures with the
// last lines of the act, and the PDF written by gofpdf (the only package
// that imports it) with the four faces of Liberation Serif (fonts.go). It
// depends on civil and registry, never the reverse.
package forms
