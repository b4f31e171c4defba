package registry

import "testing"

// The backup reminder agrees with its counts: 1 is « toutes les heures »,
// « à chaque acte ».
func TestReminderText(t *testing.T) {
	for st, want := range map[Settings]string{
		DefaultSettings:                    "toutes les 4 heures, ou tous les 20 actes",
		{RappelHeures: 1, RappelActes: 1}:  "toutes les heures, ou à chaque acte",
		{RappelHeures: 2, RappelActes: 1}:  "toutes les 2 heures, ou à chaque acte",
		{RappelHeures: 1, RappelActes: 50}: "toutes les heures, ou tous les 50 actes",
	} {
		if got := st.ReminderText(); got != want {
			t.Errorf("%+v: %q, want %q", st, got, want)
		}
	}
}
