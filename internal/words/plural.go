package words

import "strconv"

// Agree returns the wording that agrees with a count of n (never
// negative): one when n is 0 or 1, many from 2 on. French puts the
// singular below two (« 0 acte », « 1 ligne refusée », « 2 lignes
// refusées »). one and many are whole phrases, so that past participles
// and adjectives agree with their noun as well: Agree(n, "créneau fermé",
// "créneaux fermés"). Messages never write « acte(s) ».
func Agree(n int, one, many string) string {
	if n < 2 {
		return one
	}
	return many
}

// Plural writes n in figures, a space and the wording that agrees with it:
// Plural(1, "ligne refusée", "lignes refusées") is « 1 ligne refusée »,
// Plural(2, …) « 2 lignes refusées », Plural(0, …) « 0 ligne refusée ».
func Plural(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Agree(n, one, many)
}

// PluralOrNone is Plural, except that a count of 0 is written with none,
// the word for « no » that agrees with the noun's gender (« aucun »,
// « aucune »): PluralOrNone(0, "aucune", "anomalie trouvée", "anomalies
// trouvées") is « aucune anomalie trouvée ». Where the count follows a
// preposition (« avec aucune copie » is not French), write the sentence
// for 0 apart instead: « sans copie ».
func PluralOrNone(n int, none, one, many string) string {
	if n == 0 {
		return none + " " + one
	}
	return Plural(n, one, many)
}
