package registry

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/words"
)

// The computer's clock dates every act, journal entry and copy. A laptop
// whose battery died may start years back: the register refuses to write
// while the clock is earlier than its newest journal entry, until the
// clock is set right or an officer records that the newest entry was the
// one dated wrongly.

// actionClock is the journal action of an officer's clock statement.
const actionClock = "horloge"

// keyClock holds the last clock statement in the meta bucket.
var keyClock = []byte("horloge")

// ClockStatus compares the computer's clock with the newest journal entry.
type ClockStatus struct {
	Now    time.Time // the computer's clock
	Last   time.Time // the newest journal entry
	Seq    uint64    // its number
	Behind bool      // the clock is earlier than the newest entry: writes are refused
}

// ClockStatement is an officer's statement that the computer's clock is
// right and the newest journal entry was dated in the future.
type ClockStatement struct {
	Horloge        string `json:"horloge"`         // the computer's clock, RFC 3339
	DerniereEntree string `json:"derniere_entree"` // the entry dated after it
	Seq            uint64 `json:"seq"`
	Officier       string `json:"officier"`
}

func readClock(tx *bolt.Tx, now time.Time) ClockStatus {
	st := ClockStatus{Now: now}
	k, v := tx.Bucket(bucketJournal).Cursor().Last()
	if k == nil {
		return st
	}
	st.Seq = binary.BigEndian.Uint64(k)
	last, err := time.Parse(time.RFC3339, entryField(v, "horodatage"))
	if err != nil {
		// Read as zero, it would let any clock pass (see guardedDB).
		panic(&IntegrityError{[]string{fmt.Sprintf("journal, entrée n° %d : date illisible", st.Seq)}})
	}
	st.Last = last
	st.Behind = now.Truncate(time.Second).Before(st.Last)
	return st
}

// clockRefusal refuses a write while the clock is behind the journal.
func clockRefusal(st ClockStatus) error {
	return civil.Refuse("horloge", fmt.Sprintf("l'horloge de l'ordinateur indique le %s à %s, avant la dernière écriture du registre (n° %d, le %s à %s) : un acte serait mal daté",
		words.LongDate(st.Now), st.Now.Format("15:04"), st.Seq, words.LongDate(st.Last.In(st.Now.Location())), st.Last.In(st.Now.Location()).Format("15:04")),
		"remettez l'ordinateur à la bonne date et à la bonne heure, puis recommencez ; si l'horloge est juste et que c'est la dernière écriture qui était datée à tort, "+
			"l'officier de l'état civil le constate", civil.Then(civil.ConfirmClock))
}

// Clock compares the computer's clock with the newest journal entry.
func (s *Store) Clock() (st ClockStatus, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		st = readClock(tx, s.Now())
		return nil
	})
	return st, err
}

// ConfirmClock records an officer's statement that the computer's clock
// is right although the newest journal entry is later: writes resume
// from the clock's time. It is refused when the clock is not behind.
func (s *Store) ConfirmClock(officer string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		st := readClock(tx, s.Now())
		if !st.Behind {
			return civil.Refuse("horloge", "l'horloge de l'ordinateur n'est pas en retard sur le registre : rien à constater", "", civil.Then(civil.SeeClock))
		}
		if err := civil.CheckOfficer(officer, func(id string) (civil.Officer, bool) { return readOfficer(tx, id) }); err != nil {
			return err
		}
		data, err := json.Marshal(ClockStatement{Horloge: st.Now.Format(time.RFC3339), DerniereEntree: st.Last.Format(time.RFC3339), Seq: st.Seq, Officier: officer})
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyClock, data); err != nil {
			return err
		}
		return s.journal(tx, actionClock, actionClock, data)
	})
}

// Lines say the clock's state in French, as etatcivil horloge prints it
// and the counter shows it: the computer's clock, the register's last
// write (or that it has none), and whether writes go on.
func (st ClockStatus) Lines() []string {
	out := []string{fmt.Sprintf("Horloge de l'ordinateur : %s, %s.", words.LongDate(st.Now), st.Now.Format("15:04:05 (UTC-07:00)"))}
	if st.Seq == 0 {
		return append(out, "Le registre n'a encore aucune écriture.")
	}
	last := st.Last.In(st.Now.Location())
	return append(out, fmt.Sprintf("Dernière écriture du registre : n° %d, le %s à %s.", st.Seq, words.LongDate(last), last.Format("15:04:05")))
}

// Verdict says whether the clock lets the register write: « ATTENTION :
// l'horloge est en retard sur le registre ; toute écriture est refusée. »
// or « L'horloge est cohérente avec le registre. ».
func (st ClockStatus) Verdict() string {
	if st.Behind {
		return "ATTENTION : l'horloge est en retard sur le registre ; toute écriture est refusée."
	}
	return "L'horloge est cohérente avec le registre."
}

// ClockConfirmed says what ConfirmClock recorded for officer.
func ClockConfirmed(officer string) string {
	return "Constat de l'officier " + officer + " inscrit au journal : l'horloge est tenue pour juste, les écritures reprennent."
}
