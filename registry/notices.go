package registry

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/parse"
)

// bucketNotices holds the avis de mention: notices of a mention to carry
// on a birth act kept by another register. Registers made before it
// existed get it at their first notice.
var bucketNotices = []byte("avis")

// Notice is an avis de mention: when a marriage or a death act is signed
// and the birth act it must be mentioned on is not in this register, the
// mention is sent to the commune that keeps that act, within three days.
type Notice struct {
	Numero       uint64       `json:"numero"`
	Source       string       `json:"acte_source"` // the act signed: mariage/2026/3
	Nature       string       `json:"nature"`      // mariage or deces
	Personne     civil.Person `json:"personne"`    // whose birth act receives the mention
	Destinataire string       `json:"destinataire"`
	Texte        string       `json:"texte"`
	// Donnees are the mention's data (format version 2), for the commune
	// that receives it.
	Donnees   *civil.MentionData `json:"donnees,omitempty"`
	Fondement string             `json:"fondement"`
	Officier  string             `json:"officier"`
	CreeLe    string             `json:"cree_le"`
	Echeance  string             `json:"echeance"` // AAAA-MM-JJ: to send by that day
	EnvoyeLe  string             `json:"envoye_le,omitempty"`
	EnvoyePar string             `json:"envoye_par,omitempty"`
}

// Ref returns the reference of the notice: "avis/4".
func (n *Notice) Ref() string { return noticeRef(n.Numero) }

func noticeRef(n uint64) string { return "avis/" + strconv.FormatUint(n, 10) }

// Late tells whether the notice is still unsent after its deadline, at now.
func (n *Notice) Late(now time.Time) bool {
	return n.EnvoyeLe == "" && now.Format(civil.DateLayout) > n.Echeance
}

// FollowUp is what signing an act caused: a mention on an act of this
// register, or a notice for another one; or, with Note, why no mention
// could be carried (a foreign national born abroad has no French act to
// annotate; a birth not known well enough to name the act).
type FollowUp struct {
	Act     civil.Ref     // the act that received a mention, when Notice is nil and Note empty
	Mention civil.Mention // the mention, written or sent
	Notice  *Notice
	Note    string // in French: why neither a mention nor a notice
}

// followUps writes, inside tx, the mentions that a signed marriage or
// death act calls for (C. civ. art. 76 and 79): on the birth act of each
// spouse or of the deceased when this register holds it, else in a notice
// for the commune of birth; and on the open marriage act of the deceased.
func (s *Store) followUps(tx *bolt.Tx, a *civil.Act) ([]FollowUp, error) {
	var c civil.Commune
	if err := readCommune(tx, &c); err != nil {
		return nil, err
	}
	if _, err := time.Parse(civil.DateLayout, a.Date); err != nil {
		return nil, err
	}
	src := a.Ref().String()
	var out []FollowUp
	onBirth := func(p civil.Person, m civil.Mention) error {
		m.Source, m.Officier = src, a.Officier
		b, err := registerLookup{tx}.BirthOf(p)
		if err != nil {
			return err
		}
		if b != nil {
			if err := civil.AutomaticMention(b, &m); err != nil {
				return err
			}
			m, err = s.mentionIn(tx, b, m)
			out = append(out, FollowUp{Act: b.Ref(), Mention: m})
			return err
		}
		if why := civil.NoNotice(p); why != "" {
			out = append(out, FollowUp{Mention: m, Note: why})
			return nil
		}
		if n, ok := civil.NatureOf(m.Nature); ok {
			m.Fondement = n.Fondement
		}
		if m.Texte, err = civil.NoticeText(p, m); err != nil {
			return err
		}
		nt, err := s.addNotice(tx, a, p, civil.NoticeRecipient(p.LieuNaissance, c), m)
		out = append(out, FollowUp{Mention: m, Notice: nt})
		return err
	}
	switch a.Type {
	case civil.Mariage:
		for i, e := range a.Epoux {
			other := a.Epoux[1-i]
			m := civil.Mention{Nature: civil.NatureMariage, Donnees: &civil.MentionData{Date: a.Date, Lieu: a.Lieu,
				Conjoint: &civil.Spouse{Nom: other.Nom, Prenoms: other.Prenoms}, Acte: src}}
			if err := onBirth(e.Person, m); err != nil {
				return nil, err
			}
		}
	case civil.Deces:
		if a.Defunt.Inconnu {
			// Names come later by judgment: the mention follows them.
			return []FollowUp{{Note: "défunt non identifié : la mention du décès sera portée sur l'acte de naissance quand l'identité sera établie"}}, nil
		}
		d := a.Defunt.Person
		death := func() *civil.MentionData { return &civil.MentionData{Date: a.Date, Lieu: a.Lieu, Acte: src} }
		if err := onBirth(d, civil.Mention{Nature: civil.NatureDeces, Donnees: death()}); err != nil {
			return nil, err
		}
		ms, err := registerLookup{tx}.MarriagesOf(d, false)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if !civil.OpenMarriage(m.Act) {
				continue
			}
			data := death()
			data.Personne = fmt.Sprintf("epoux[%d]", m.Spouse+1)
			mn := civil.Mention{Nature: civil.NatureDeces, Donnees: data, Source: src, Officier: a.Officier}
			if err := civil.AutomaticMention(m.Act, &mn); err != nil {
				return nil, err
			}
			if mn, err = s.mentionIn(tx, m.Act, mn); err != nil {
				return nil, err
			}
			out = append(out, FollowUp{Act: m.Act.Ref(), Mention: mn})
		}
	}
	return out, nil
}

// stamped dates a mention and names who wrote it, at the store's clock.
func (s *Store) stamped(m civil.Mention) civil.Mention {
	now := s.Now()
	m.Date, m.Horodatage, m.Agent = now.Format(civil.DateLayout), now.Format(time.RFC3339), s.Agent
	return m
}

// mentionIn adds a mention to a signed act inside tx, with its journal entry.
func (s *Store) mentionIn(tx *bolt.Tx, a *civil.Act, m civil.Mention) (civil.Mention, error) {
	m = s.stamped(m)
	a.Mentions = append(a.Mentions, m)
	data, err := putAct(tx, a)
	if err != nil {
		return m, err
	}
	a.Empreinte = hashHex(data)
	return m, s.journal(tx, "mention", a.Ref().String(), data)
}

// addNotice records a notice inside tx, with its journal entry.
func (s *Store) addNotice(tx *bolt.Tx, a *civil.Act, p civil.Person, to string, m civil.Mention) (*Notice, error) {
	b, err := tx.CreateBucketIfNotExists(bucketNotices)
	if err != nil {
		return nil, err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return nil, err
	}
	now := s.Now()
	n := &Notice{Numero: seq, Source: a.Ref().String(), Nature: m.Nature, Personne: p, Destinataire: to,
		Texte: m.Texte, Donnees: m.Donnees, Fondement: m.Fondement, Officier: a.Officier, CreeLe: now.Format(time.RFC3339),
		Echeance: now.AddDate(0, 0, civil.NoticeDelayDays).Format(civil.DateLayout)}
	data, err := json.Marshal(n)
	if err != nil {
		return nil, err
	}
	if err := notTaken(b, seqKey(seq), fmt.Sprintf("l'avis de mention n° %d", seq)); err != nil {
		return nil, err
	}
	if err := b.Put(seqKey(seq), data); err != nil {
		return nil, err
	}
	return n, s.journal(tx, "avis", n.Ref(), data)
}

// Notices calls fn on each notice, oldest first; with pending, only those
// not yet sent.
func (s *Store) Notices(pending bool, fn func(*Notice) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketNotices)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return &IntegrityError{[]string{fmt.Sprintf("avis de mention n° %d illisible", binary.BigEndian.Uint64(k))}}
			}
			if pending && n.EnvoyeLe != "" {
				return nil
			}
			return fn(&n)
		})
	})
}

// maxNoticeID bounds a notice number typed by a clerk.
const maxNoticeID = 1<<31 - 1

// ParseNoticeID reads a notice number: "4" or "avis/4".
func ParseNoticeID(s string) (uint64, error) {
	n, err := parse.Number(strings.TrimPrefix(strings.TrimSpace(s), "avis/"), 1, maxNoticeID)
	if err != nil {
		return 0, civil.Refuse("avis", parse.Quote(s)+" n'est pas un numéro d'avis de mention", "vérifiez le numéro", civil.Then(civil.SeeNotices))
	}
	return uint64(n), nil
}

// Notice returns one notice.
func (s *Store) Notice(id uint64) (*Notice, error) {
	var n *Notice
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		n, err = readNotice(tx, id)
		return err
	})
	return n, err
}

func readNotice(tx *bolt.Tx, id uint64) (*Notice, error) {
	var v []byte
	if b := tx.Bucket(bucketNotices); b != nil {
		v = b.Get(seqKey(id))
	}
	if v == nil {
		return nil, civil.Refuse("avis", fmt.Sprintf("aucun avis de mention n° %d", id), "vérifiez le numéro", civil.Then(civil.SeeNotices))
	}
	var n Notice
	if err := json.Unmarshal(v, &n); err != nil {
		return nil, &IntegrityError{[]string{fmt.Sprintf("avis de mention n° %d illisible", id)}}
	}
	return &n, nil
}

// MarkSent records that a notice went out, with its journal entry. A
// notice already sent is refused.
func (s *Store) MarkSent(id uint64) (*Notice, error) {
	var n *Notice
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		if n, err = readNotice(tx, id); err != nil {
			return err
		}
		if n.EnvoyeLe != "" {
			return civil.Refuse("avis", fmt.Sprintf("l'avis n° %d est déjà marqué envoyé (le %s)", id, n.EnvoyeLe[:10]), "rien à faire")
		}
		n.EnvoyeLe, n.EnvoyePar = s.Now().Format(time.RFC3339), s.Agent
		data, err := json.Marshal(n)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketNotices).Put(seqKey(id), data); err != nil {
			return err
		}
		return s.journal(tx, "avis envoyé", n.Ref(), data)
	})
	return n, err
}
