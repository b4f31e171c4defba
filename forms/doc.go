// Package forms turns acts into documents: the act text shown on screen
// (and, in later work, the PDF register sheets and certified copies). The
// wording lives in the templates package; forms supplies the data and the
// French helpers (dates and hours in words, agreement, elision).
// It depends on registry, never the reverse.
package forms
