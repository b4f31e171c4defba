// Package registry is the heart of etatcivil: the model of civil status
// acts (births, deaths), their validation under French law, numbering per
// register and year, the append-only journal, the search index and the
// bbolt store that keeps them. It imports neither the command-line layer
// nor the PDF library.
package registry
