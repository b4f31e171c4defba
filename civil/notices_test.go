package civil

import (
	"strings"
	"testing"
)

func TestNoticeRecipients(t *testing.T) {
	for place, want := range map[string]string{
		"Roubaix (Nord)":     "Mairie de Roubaix (Nord)",
		"Lomme (Nord)":       "Mairie de Lomme (Nord) — acte tenu par le système principal",
		"Casablanca (Maroc)": "Service central d'état civil",
	} {
		if got := NoticeRecipient(place, lomme); !strings.HasPrefix(got, want) {
			t.Errorf("NoticeRecipient(%q) = %q, want %q…", place, got, want)
		}
	}
}
