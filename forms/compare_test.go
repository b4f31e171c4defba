package forms

import (
	"errors"
	"testing"
	"time"

	"etatcivil/civil"
)

// A document dated after today is refused, up to the last second of
// today (issue 19 §6): its day of issue is a local date.
func TestNotAfterToday(t *testing.T) {
	code := func(y int, m time.Month, d int) []*VerifiedCode {
		return []*VerifiedCode{{Content: &civil.CodeContent{Insee: "59350", Ref: civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38},
			Forme: civil.FormeIntegrale, Copie: 1, Emis: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}}}
	}
	now := time.Date(2026, 11, 30, 23, 59, 59, 0, time.Local)
	if err := NotAfterToday(now, code(2026, 11, 30)); err != nil {
		t.Fatalf("today: %v", err)
	}
	if err := NotAfterToday(now, code(2025, 12, 31)); err != nil {
		t.Fatalf("last year: %v", err)
	}
	var future *FutureError
	err := NotAfterToday(now, code(2026, 12, 1))
	if !errors.As(err, &future) || err.Error() != "copie intégrale n° 59350-2026-000001 de l'acte naissance/2026/38 se dit délivré le 01/12/2026, après la date d'aujourd'hui (30/11/2026) : un document ne peut pas venir du futur" {
		t.Fatalf("tomorrow: %v", err)
	}
	if err := NotAfterToday(time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local), code(2026, 12, 1)); err != nil {
		t.Fatalf("at midnight: %v", err)
	}
}
