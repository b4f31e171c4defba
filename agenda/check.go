package agenda

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"etatcivil/registry"
)

// Records is the agenda's part of the register file, for
// registry.Options.Parts: the control of the register asks it to check
// the slots and the appointments against the journal, and the day index
// against the appointments.
var Records registry.Part = records{}

type records struct{}

// Check checks each day's slots and each appointment against its journal
// entry, decodes each as the agenda reads it (a record that does not
// decode is a break, never skipped), and checks the day index against the
// appointments.
func (records) Check(tx *registry.Tx, j *registry.Journaled) []string {
	var out []string
	if b := tx.Bucket(bucketSlots); b != nil {
		b.ForEach(func(k, v []byte) error {
			out = append(out, j.Record(slotsRef(string(k)), "créneaux du "+string(k), v)...)
			if _, err := decodeDaySlots(string(k), v); err != nil {
				out = append(out, breaks(err)...)
			}
			return nil
		})
	}
	days := map[string]string{} // index key -> "rdv/N"
	if b := tx.Bucket(bucketAppointments); b != nil {
		var last uint64
		b.ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				out = append(out, fmt.Sprintf("rendez-vous : clé illisible %q", k))
				return nil
			}
			n := binary.BigEndian.Uint64(k)
			last = max(last, n)
			ref := "rdv/" + strconv.FormatUint(n, 10)
			out = append(out, j.Record(ref, "rendez-vous n° "+strconv.FormatUint(n, 10), v)...)
			a, err := decodeAppointment(n, v)
			if err != nil {
				out = append(out, breaks(err)...)
				return nil
			}
			days[string(dayKey(a.Jour, int(n)))] = ref
			return nil
		})
		// The numbers of the appointments purged are not given again
		// either: the sequence is past every number ever given.
		if b.Sequence() < last {
			out = append(out, fmt.Sprintf("rendez-vous : le compteur des numéros s'arrête au n° %d alors que le rendez-vous n° %d existe (compteur modifié hors du programme) : le numéro suivant serait déjà pris", b.Sequence(), last))
		}
	}
	if idx := tx.Bucket(bucketAppointmentDays); idx != nil {
		idx.ForEach(func(k, _ []byte) error {
			if _, ok := days[string(k)]; ok {
				delete(days, string(k))
			} else {
				out = append(out, fmt.Sprintf("index des rendez-vous : entrée %q sans rendez-vous de ce jour", k))
			}
			return nil
		})
	}
	var missing []string
	for _, ref := range days {
		missing = append(missing, "index des rendez-vous : "+ref+" n'y figure pas à son jour")
	}
	sort.Strings(missing)
	return append(out, missing...)
}

// breaks are the breaks an *registry.IntegrityError names.
func breaks(err error) []string {
	if broken, ok := err.(*registry.IntegrityError); ok {
		return broken.Breaks
	}
	return []string{err.Error()}
}

// Gone describes an appointment or a day's slots that the journal wrote
// and that the register no longer holds, deleted outside the program
// (a purge is never asked about).
func (records) Gone(ref string) string {
	if n, ok := strings.CutPrefix(ref, "rdv/"); ok {
		return "rendez-vous n° " + n + " : présent au journal mais absent du registre (effacé hors du programme, sans purge)"
	}
	if day, ok := strings.CutPrefix(ref, "creneaux/"); ok {
		return "créneaux du " + day + " : présents au journal mais absents du registre (effacés hors du programme, sans purge)"
	}
	return ""
}
