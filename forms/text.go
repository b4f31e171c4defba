package forms

import (
	"strings"

	"etatcivil/civil"
)

// ActText writes the full text of an act as it will be printed: heading,
// status, body with the event and the declaration in words, mentions and
// the outage statement.
func ActText(a *civil.Act, c civil.Commune, o civil.Officer) (string, error) {
	text, err := execute(string(a.Type)+".tmpl", newData(a, c, o))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(text) + "\n", nil
}
