// Package agenda is the counter's appointment book: the slots opened day
// by day and desk by desk, the appointments booked in them by phone or at
// the counter, those to phone back when a slot closes, the day's book, the
// CSV files of the main booking system (import and export), and the purge
// of the citizens' data a set number of days after their appointment.
//
// It keeps its records in the register file, through the store's
// transaction API (registry.Store.Update and registry.Tx): every change is
// one transaction with its journal entry, and the control of the register
// checks the agenda's records through Records (registry.Part). Its input
// is checked with civil's Checker, and its refusals name domain fields
// ("jour", "heure", "telephone") and next steps, never options.
//
// It is not the register of acts, and imports neither the command-line
// library nor the PDF library.
package agenda
