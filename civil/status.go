package civil

// StatusLabel returns an act's status in French words, as lists show it:
// « brouillon », « signé », « non utilisé ».
func StatusLabel(statut string) string {
	switch statut {
	case StatutBrouillon:
		return "brouillon"
	case StatutSigne:
		return "signé"
	case StatutNonUtilise:
		return "non utilisé"
	case StatutPrevu:
		return "prévu"
	case StatutAbandonne:
		return "abandonné"
	}
	return statut
}

// ActStatusLabel returns an act's status in words, as lists show it, its
// annulment included: « signé », « ANNULÉ »…
func ActStatusLabel(a *Act) string {
	if _, annulled := a.Annulment(); annulled {
		return "ANNULÉ"
	}
	return StatusLabel(a.Statut)
}
