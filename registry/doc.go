// Package registry is the store of the civil status register: the bbolt
// file that keeps the acts and everything recorded about them — numbering
// per register and year, the append-only journal, the name and phonetic
// index and the search, the copy log, banns, avis de mention, the
// officers and their keys, settings, clock statements, backups, restore,
// export and import — and the control (Check) that recomputes the journal
// chain and checks every record against it.
//
// The model and the law are package civil: registry checks each act with
// civil's rules inside the transaction that writes it, and answers
// civil.Lookup from its index. It imports neither the command-line layer
// nor the PDF library; its refusals, like civil's, name domain fields and
// next steps, never options or commands.
package registry
