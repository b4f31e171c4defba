// Package templates holds the wording of every document, as text
// templates embedded in the binary, one file per document and act kind,
// so that the wording can be reviewed without reading Go. The forms
// package executes them.
package templates

import "embed"

// FS holds the templates: commun.tmpl (pieces shared by every act),
// naissance.tmpl and deces.tmpl (the act texts).
//
//go:embed *.tmpl
var FS embed.FS

// Mentions holds the wording of the structured mentions, one definition
// per nature (mention-mariage, mention-rectification…) in
// mentions/textes.tmpl: package civil writes a mention's text from its
// data with it.
//
//go:embed mentions/*.tmpl
var Mentions embed.FS
