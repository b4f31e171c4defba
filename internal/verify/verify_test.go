package verify

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReadTellsTheKind(t *testing.T) {
	in, err := Read("copie.pdf", []byte("%PDF-1.7\n…"))
	if err != nil || in.PDF == nil || in.From != "du PDF" {
		t.Fatalf("PDF: %+v %v", in, err)
	}
	in, err = Read("code.txt", []byte("  EC1:abc \n"))
	if err != nil || in.Code != "EC1:abc" || in.From != "du texte du code" {
		t.Fatalf("text: %+v %v", in, err)
	}
	// An image without a readable code: an input refused (exit 2), named.
	_, err = Read("photo.png", []byte("\x89PNG\r\n\x1a\nrien"))
	var f *Failure
	if !errors.As(err, &f) || !f.Input || !strings.HasPrefix(f.Message, "photo.png : ") || f.Hint == "" {
		t.Fatalf("image: %v", err)
	}
}

func TestAge(t *testing.T) {
	now := mustTime(t, "2026-11-24T12:00:00Z")
	for when, want := range map[string]string{
		"2026-11-24T11:30:00Z": "il y a moins d'une heure",
		"2026-11-24T10:30:00Z": "il y a 1 heure",
		"2026-11-24T09:30:00Z": "il y a 2 heures",
		"2026-11-23T12:00:00Z": "il y a 24 heures",
		"2026-11-14T12:00:00Z": "il y a 10 jours",
		"2026-11-25T12:00:00Z": "datée après l'heure de cet ordinateur",
	} {
		if got := age(now, mustTime(t, when)); got != want {
			t.Errorf("age(%s) = %q, want %q", when, got, want)
		}
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
