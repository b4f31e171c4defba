// Package civil is the model and the law of civil status, in pure Go: the
// acts of the interchange format (Act, Person, Mention, Officer, Commune,
// Banns…), the kinds of act (Kind), references (Ref), and the rules of
// French law that apply to them — validation of an act under the Code
// civil (names, places, dates and deadlines, the calendar of public
// holidays, the conditions of marriage), the impediments to a marriage
// that the register shows (bigamy, kinship, banns), who may obtain which
// copy, the natures of mentions, and what a signed code certifies.
//
// A rule broken is a Problem naming a domain field ("enfant.prenoms[1]",
// "motif", "officier") with the rule and what to do, in French, and the
// next steps when what to do is to take one (Next, a Step named by what
// it does): never a command-line option or command. A front end writes
// them its own way (cmd/etatcivil/hints.go for the command line).
//
// It is not the store: it reads and writes no file and imports neither
// bbolt nor the command-line library. What the rules need to know of the
// register, they ask through the Lookup interface, which package registry
// answers.
package civil
