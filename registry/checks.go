package registry

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/words"
)

// registryParts are the register's own parts, each checking its own
// records for the control (see Check), in this order.
var registryParts = []Part{metaRecords{}, officerRecords{}, keyRecords{}, copyRecords{}, bannsRecords{}, noticeRecords{}, actRecords{}, sheetRecords{}, plannedRecords{}, indexRecords{}, numberingRecords{}}

// metaRecords are the commune and the records of the meta bucket that
// are journaled: the last backup, the settings, the clock statement.
type metaRecords struct{}

func (metaRecords) Check(t *Tx, j *Journaled) []string {
	m := t.tx.Bucket(bucketMeta)
	out := j.Record("commune", "commune", m.Get(keyCommune))
	for _, ref := range []string{"sauvegarde", "reglages", actionClock} {
		if v := m.Get([]byte(metaKeys[ref])); v != nil {
			out = append(out, j.Record(ref, "fiche « "+ref+" »", v)...)
		}
	}
	return out
}

func (metaRecords) Gone(ref string) string {
	if _, ok := metaKeys[ref]; ok {
		return "fiche « " + ref + " » : présente au journal mais absente du registre (supprimée hors du programme)"
	}
	return ""
}

// officerRecords are the officers.
type officerRecords struct{}

func (officerRecords) Check(t *Tx, j *Journaled) []string {
	var out []string
	t.tx.Bucket(bucketOfficers).ForEach(func(k, v []byte) error {
		out = append(out, j.Record("officier/"+string(k), "officier "+string(k), v)...)
		return nil
	})
	return out
}

func (officerRecords) Gone(ref string) string {
	if id, ok := strings.CutPrefix(ref, "officier/"); ok {
		return "officier " + id + " : présent au journal mais absent du registre (officier supprimé)"
	}
	return ""
}

// keyRecords are the seal, the officers' keys and the recovery key.
type keyRecords struct{}

func (keyRecords) Check(t *Tx, j *Journaled) []string {
	var out []string
	if b := t.tx.Bucket(bucketKeys); b != nil {
		b.ForEach(func(k, v []byte) error {
			out = append(out, j.Record(keyRef(k), "clé « "+string(k)+" »", v)...)
			return nil
		})
	}
	return out
}

func (keyRecords) Gone(ref string) string {
	if name, ok := strings.CutPrefix(ref, "cle/"); ok {
		return "clé « " + name + " » : présente au journal mais absente du registre (clé supprimée)"
	}
	return ""
}

// copyRecords are the lines of the copy log; each carries its own
// number, and the log's sequence must be past the last line, or the next
// copy would take the number of a line already written.
type copyRecords struct{}

func (copyRecords) Check(t *Tx, j *Journaled) []string {
	b := t.tx.Bucket(bucketCopies)
	if b == nil {
		return nil
	}
	var out []string
	var last uint64
	b.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			out = append(out, fmt.Sprintf("registre des copies : clé illisible %q", k))
			return nil
		}
		n := binary.BigEndian.Uint64(k)
		last = max(last, n)
		what := "registre des copies, ligne n° " + strconv.FormatUint(n, 10)
		out = append(out, j.Record(copyRef(n), what, v)...)
		var c CopyRecord
		if err := json.Unmarshal(v, &c); err != nil {
			out = append(out, what+" : illisible")
		} else if c.Numero != n {
			out = append(out, fmt.Sprintf("%s : porte le numéro %d", what, c.Numero))
		}
		return nil
	})
	return append(out, sequenceBreak(b, last, "registre des copies", "ligne")...)
}

func (copyRecords) Gone(ref string) string {
	if n, ok := strings.CutPrefix(ref, "copie/"); ok {
		return "registre des copies, ligne n° " + n + " : présente au journal mais absente du registre (ligne supprimée)"
	}
	return ""
}

// sequenceBreak reports a bucket whose sequence (the last number given)
// is behind its last key: the next record would be written over one
// already there.
func sequenceBreak(b *bolt.Bucket, last uint64, what, item string) []string {
	if b.Sequence() < last {
		return []string{fmt.Sprintf("%s : le compteur des numéros s'arrête au n° %d alors que la %s n° %d existe (compteur modifié hors du programme) : le numéro suivant serait déjà pris", what, b.Sequence(), item, last)}
	}
	return nil
}

// bannsRecords are the publications of banns (their numbering is the
// numbering part's).
type bannsRecords struct{}

func (bannsRecords) Check(t *Tx, j *Journaled) []string {
	b := t.tx.Bucket(bucketBanns)
	if b == nil {
		return nil
	}
	var out []string
	b.ForEach(func(k, v []byte) error {
		y, n, ok := parseBannsKey(k)
		if !ok {
			out = append(out, "clé de publication de bans illisible : "+string(k))
			return nil
		}
		ref := fmt.Sprintf("bans/%d/%d", y, n)
		out = append(out, j.Record(ref, "publication de bans "+ref, v)...)
		return nil
	})
	return out
}

func (bannsRecords) Gone(ref string) string {
	if strings.HasPrefix(ref, "bans/") {
		return "publication " + ref + " : présente au journal mais absente du registre (publication supprimée)"
	}
	return ""
}

// noticeRecords are the avis de mention.
type noticeRecords struct{}

func (noticeRecords) Check(t *Tx, j *Journaled) []string {
	b := t.tx.Bucket(bucketNotices)
	if b == nil {
		return nil
	}
	var out []string
	var last uint64
	b.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			out = append(out, fmt.Sprintf("avis de mention : clé illisible %q", k))
			return nil
		}
		n := binary.BigEndian.Uint64(k)
		last = max(last, n)
		what := "avis de mention n° " + strconv.FormatUint(n, 10)
		out = append(out, j.Record(noticeRef(n), what, v)...)
		var nt Notice
		if err := json.Unmarshal(v, &nt); err != nil {
			out = append(out, what+" : illisible")
		} else if nt.Numero != n {
			out = append(out, fmt.Sprintf("%s : porte le numéro %d", what, nt.Numero))
		}
		return nil
	})
	return append(out, sequenceBreak(b, last, "avis de mention", "l'avis")...)
}

func (noticeRecords) Gone(ref string) string {
	if n, ok := strings.CutPrefix(ref, "avis/"); ok {
		return "avis de mention n° " + n + " : présent au journal mais absent du registre (avis supprimé)"
	}
	return ""
}

// actRecords are the acts, each against its last journal entry.
type actRecords struct{}

func (actRecords) Check(t *Tx, j *Journaled) []string {
	var out []string
	// The acts are inflated on every core a batch at a time, then
	// checked against the journal in order.
	type stored struct {
		key, val, data []byte
		err            error
	}
	var batch []stored
	flush := func() {
		parallel(len(batch), func(i int) { batch[i].data, batch[i].err = actJSON(batch[i].val) })
		for _, b := range batch {
			j.acts++
			j.progress.add()
			ref, err := refFromKey(b.key)
			switch {
			case err != nil:
				out = append(out, "clé d'acte illisible : "+string(b.key))
			case b.err != nil:
				out = append(out, "acte "+ref.String()+" : son contenu compressé ne se lit plus (modifié hors du programme)")
			default:
				out = append(out, j.Record(ref.String(), "acte "+ref.String(), b.data)...)
			}
		}
		batch = batch[:0]
	}
	t.tx.Bucket(bucketActs).ForEach(func(k, v []byte) error {
		batch = append(batch, stored{key: k, val: v})
		if len(batch) == 1024 {
			flush()
		}
		return nil
	})
	flush()
	return out
}

func (actRecords) Gone(ref string) string {
	if _, err := civil.ParseRef(ref); err == nil {
		return "acte " + ref + " : présent au journal mais absent du registre (acte supprimé)"
	}
	return ""
}

// indexRecords are the name and sound indexes and the persons records,
// derived from the acts: the search and the impediments to a marriage
// trust them (an index entry deleted let a married man marry again).
// Each act's pairs and persons record are recomputed from the act
// (indexData) and compared with those stored.
//
// So that the memory stays bounded by the number of acts, not of pairs,
// the pairs are not compared one by one: the stored pairs are summed into
// a digest (maphash with a seed drawn for this control, so that no one
// can prepare pairs that sum alike), and compared with the digest of the
// pairs recomputed from the acts. Only when they differ are the digests
// kept act by act, and for an act found wrong its pairs looked up one by
// one, to name those missing.
type indexRecords struct{}

// indexDigest sums the pairs of one index (or the persons records).
type indexDigest struct {
	sum uint64 // sum of the hashes of the pairs
	n   uint32 // pairs
}

// add counts one pair, or one persons record (word empty).
func (d *indexDigest) add(seed maphash.Seed, word string, p posting, value []byte) {
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(word)
	h.WriteByte(0)
	var id [8]byte
	binary.BigEndian.PutUint64(id[:], p.id)
	h.Write(id[:])
	h.WriteString(p.role)
	h.WriteByte(0)
	h.Write(value)
	d.sum += h.Sum64()
	d.n++
}

// merge adds the pairs summed in e.
func (d *indexDigest) merge(e indexDigest) {
	d.sum += e.sum
	d.n += e.n
}

// actDigests are the digests of one act in the two indexes and the
// persons records.
type actDigests struct{ names, sounds, persons indexDigest }

func (d *actDigests) merge(e actDigests) {
	d.names.merge(e.names)
	d.sounds.merge(e.sounds)
	d.persons.merge(e.persons)
}

// indexBuckets are the two posting indexes, as the control names them.
var indexBuckets = []struct {
	name   []byte
	what   string
	digest func(*actDigests) *indexDigest
	pairs  func(*actIndexData) []wordPosting
}{
	{bucketNames, "index des noms", func(d *actDigests) *indexDigest { return &d.names }, func(d *actIndexData) []wordPosting { return d.names }},
	{bucketSounds, "index phonétique", func(d *actDigests) *indexDigest { return &d.sounds }, func(d *actIndexData) []wordPosting { return d.sounds }},
}

// eachStoredPair calls fn with each pair of an index, and returns the
// keys and blocks that do not read.
func eachStoredPair(b *bolt.Bucket, what string, fn func(word []byte, p posting)) []string {
	var out []string
	var block []posting
	b.ForEach(func(k, v []byte) error {
		word, base, ok := splitBlockKey(k)
		if !ok {
			out = append(out, fmt.Sprintf("%s : entrée illisible %q", what, k))
			return nil
		}
		var err error
		if block, err = decodeBlock(base, v, block[:0]); err != nil {
			out = append(out, fmt.Sprintf("%s : bloc « %s » illisible", what, word))
			return nil
		}
		for _, p := range block {
			fn(word, p)
		}
		return nil
	})
	return out
}

func (indexRecords) Check(t *Tx, j *Journaled) []string {
	seed := maphash.MakeSeed()
	persons := t.tx.Bucket(bucketPersons)
	if v, err := schemaOf(t.tx); err == nil && v < layoutSchema {
		// The indexes of an earlier layout: rebuilt from the acts by the
		// migration, checked after it.
		return nil
	}
	for _, idx := range indexBuckets {
		if t.tx.Bucket(idx.name) == nil || persons == nil {
			return []string{"index des noms, phonétique ou des personnes : absent du registre"}
		}
	}
	// First the whole indexes at once: the sums of all their pairs
	// against the sums of all the pairs recomputed from the acts.
	var out []string
	var got, want actDigests
	for _, idx := range indexBuckets {
		d := idx.digest(&got)
		out = append(out, eachStoredPair(t.tx.Bucket(idx.name), idx.what, func(word []byte, p posting) {
			d.add(seed, string(word), p, nil)
		})...)
	}
	persons.ForEach(func(k, v []byte) error {
		if len(k) == 8 {
			got.persons.add(seed, "", posting{id: binary.BigEndian.Uint64(k)}, v)
		} else {
			out = append(out, fmt.Sprintf("index des personnes : entrée illisible %q", k))
		}
		return nil
	})
	eachActIndex(t, seed, func(c *actIndex) {
		j.progress.add()
		switch {
		case c.undecoded:
			out = append(out, "acte "+c.ref+" : illisible (son contenu n'est pas un acte)")
		case c.misplaced != "":
			out = append(out, "acte "+c.ref+" : son contenu porte la référence "+c.misplaced+" (déplacé hors du programme)")
		}
		want.merge(c.want)
	})
	if got == want {
		return out
	}
	// They differ: act by act, to name the acts.
	return append(out, indexByAct(t, seed)...)
}

// actIndex is an act's pairs in the indexes, recomputed from the act.
type actIndex struct {
	key, val  []byte // the act's key and stored bytes
	ref       string
	want      actDigests
	data      actIndexData
	undecoded bool
	misplaced string // the reference the act's content carries, when not its key's
}

// eachActIndex recomputes the index pairs of every act, decoding the
// acts on every core a batch at a time, and calls fn on each, in order.
func eachActIndex(t *Tx, seed maphash.Seed, fn func(*actIndex)) {
	var batch []actIndex
	flush := func() {
		parallel(len(batch), func(i int) {
			c := &batch[i]
			var a civil.Act
			if _, err := decodeAct(c.val, &a); err != nil {
				c.undecoded = true
				return
			}
			if got := actKey(a.Ref()); !bytes.Equal(got, c.key) {
				c.misplaced = a.Ref().String()
			}
			d, err := indexData(&a)
			if err != nil {
				c.undecoded = true
				return
			}
			c.data = d
			for _, p := range d.names {
				c.want.names.add(seed, p.word, p.posting, nil)
			}
			for _, p := range d.sounds {
				c.want.sounds.add(seed, p.word, p.posting, nil)
			}
			c.want.persons.add(seed, "", posting{id: d.id}, d.persons)
		})
		for i := range batch {
			fn(&batch[i])
		}
		batch = batch[:0]
	}
	t.tx.Bucket(bucketActs).ForEach(func(k, v []byte) error {
		ref := string(k)
		if r, err := refFromKey(k); err == nil {
			ref = r.String()
		}
		batch = append(batch, actIndex{key: k, val: v, ref: ref})
		if len(batch) == 1024 {
			flush()
		}
		return nil
	})
	flush()
}

// indexByAct compares the index pairs and persons record of each act
// with those recomputed from it, and reports the acts whose pairs differ
// and the pairs of acts the register does not hold.
func indexByAct(t *Tx, seed maphash.Seed) []string {
	stored := map[uint64]*actDigests{}
	of := func(id uint64) *actDigests {
		d := stored[id]
		if d == nil {
			d = &actDigests{}
			stored[id] = d
		}
		return d
	}
	for _, idx := range indexBuckets {
		eachStoredPair(t.tx.Bucket(idx.name), idx.what, func(word []byte, p posting) {
			idx.digest(of(p.id)).add(seed, string(word), p, nil)
		})
	}
	t.tx.Bucket(bucketPersons).ForEach(func(k, v []byte) error {
		if len(k) == 8 {
			id := binary.BigEndian.Uint64(k)
			of(id).persons.add(seed, "", posting{id: id}, v)
		}
		return nil
	})
	var out []string
	eachActIndex(t, seed, func(c *actIndex) {
		if c.undecoded {
			return
		}
		got := stored[c.data.id]
		delete(stored, c.data.id)
		if got == nil {
			got = &actDigests{}
		}
		for _, idx := range indexBuckets {
			if *idx.digest(got) != *idx.digest(&c.want) {
				out = append(out, indexBreak(t.tx.Bucket(idx.name), idx.what, c.ref, idx.pairs(&c.data)))
			}
		}
		if got.persons != c.want.persons {
			out = append(out, "index des personnes, acte "+c.ref+" : ne correspond plus à l'acte (modifié hors du programme ; la recherche et les empêchements au mariage s'y fient)")
		}
	})
	var orphans []string
	for id := range stored {
		ref := fmt.Sprintf("n° %x", id)
		if r, ok := idRef(id); ok {
			ref = r.String()
		}
		orphans = append(orphans, "index des noms ou phonétique : entrées d'un acte "+ref+" absent du registre (ajoutées hors du programme)")
	}
	sort.Strings(orphans)
	return append(out, orphans...)
}

// indexBreak describes the pairs of an act that an index does not hold
// as recomputed from the act: those missing by name, else pairs added.
func indexBreak(b *bolt.Bucket, what, ref string, want []wordPosting) string {
	var missing []string
	for _, p := range want {
		if !holds(b, p.word, p.posting) {
			if w := fmt.Sprintf("« %s » (%s)", p.word, p.role); !slices.Contains(missing, w) {
				missing = append(missing, w)
			}
		}
	}
	msg := what + ", acte " + ref + " : ne correspond plus à l'acte (modifié hors du programme ; la recherche et les empêchements au mariage s'y fient)"
	if len(missing) > 0 {
		msg += " ; entrées absentes : " + strings.Join(missing, ", ")
	} else {
		msg += " ; entrées en trop"
	}
	return msg
}

func (indexRecords) Gone(string) string { return "" }

// numberingRecords are the counters of each register-year (and of each
// year's banns), derived from the acts and the journal: the start set by
// SetNumbering (journaled), the last number given (the highest act), the
// closing (journaled). A counter behind its acts would give a number
// again; a closing removed would reopen a closed register.
type numberingRecords struct{}

func (numberingRecords) Check(t *Tx, j *Journaled) []string {
	numbers := map[string][]int{} // "naissance/2026" -> numbers held
	t.tx.Bucket(bucketActs).ForEach(func(k, _ []byte) error {
		if ref, err := refFromKey(k); err == nil {
			rk := string(counterKey(string(ref.Registre), ref.Annee))
			numbers[rk] = append(numbers[rk], ref.Numero)
		}
		return nil
	})
	if b := t.tx.Bucket(bucketBanns); b != nil {
		b.ForEach(func(k, _ []byte) error {
			if y, n, ok := parseBannsKey(k); ok {
				rk := string(counterKey(civil.Bans, y))
				numbers[rk] = append(numbers[rk], n)
			}
			return nil
		})
	}
	var out []string
	seen := map[string]bool{}
	t.tx.Bucket(bucketNumbering).ForEach(func(k, v []byte) error {
		seen[string(k)] = true
		out = append(out, checkCounter(string(k), v, numbers[string(k)], j.numbering[numberingPrefix+string(k)])...)
		return nil
	})
	var lost []string
	for k, ns := range numbers {
		if !seen[k] {
			lost = append(lost, fmt.Sprintf("%s : aucune numérotation alors que le registre en contient %s (compteur supprimé hors du programme) : le prochain acte reprendrait un numéro déjà donné", counterWhat(k), words.Plural(len(ns), "numéro", "numéros")))
		}
	}
	for ref := range j.numbering {
		if k := strings.TrimPrefix(ref, numberingPrefix); !seen[k] && numbers[k] == nil {
			lost = append(lost, counterWhat(k)+" : numérotation présente au journal mais absente du registre (supprimée hors du programme)")
		}
	}
	sort.Strings(lost)
	return append(out, lost...)
}

func (numberingRecords) Gone(string) string { return "" }

// counterWhat names a register-year by its counter key: "naissance 2026",
// "publications de bans 2026".
func counterWhat(k string) string {
	reg, year, _ := strings.Cut(k, "/")
	if reg == civil.Bans {
		reg = "publications de bans"
	}
	return reg + " " + year
}

// checkCounter checks the counter of one register-year (stored bytes v)
// against the numbers its acts hold and its journal entries (nil when
// none).
func checkCounter(k string, v []byte, numbers []int, entries *numberingEntries) []string {
	what := counterWhat(k)
	var c counter
	if err := json.Unmarshal(v, &c); err != nil {
		return []string{"numérotation " + what + " : illisible"}
	}
	reg, year, _ := strings.Cut(k, "/")
	if y, _ := strconv.Atoi(year); counterBounds(reg, y, c) != nil {
		return []string{fmt.Sprintf("numérotation %s : hors des limites (départ n° %d, dernier n° %d ; de 0 à %d) : modifiée hors du programme", what, c.Start, c.Last, maxLast)}
	}
	if entries == nil {
		entries = &numberingEntries{}
	}
	var out []string
	switch {
	case entries.lastAction == actionClosing && hashHex(v) != entries.closed:
		out = append(out, what+" : la numérotation ne correspond plus à sa clôture au journal (clôture retirée ou compteur modifié hors du programme) : le registre clos pourrait recevoir des actes")
	case entries.lastAction != actionClosing && c.Clos != "":
		out = append(out, what+" : marqué clos sans clôture au journal (modifié hors du programme)")
	}
	if entries.set != "" {
		// What SetNumbering and ChangeNumbering journal: the start, and
		// the corrections with their reasons.
		start, _ := json.Marshal(counter{Start: c.Start, Last: c.Start, Corrections: c.Corrections})
		if hashHex(start) != entries.set {
			out = append(out, fmt.Sprintf("%s : le point de départ de la numérotation (n° %d) n'est pas celui fixé au journal (modifié hors du programme)", what, c.Start))
		}
	} else if c.Start != 0 {
		out = append(out, fmt.Sprintf("%s : point de départ de la numérotation (n° %d) fixé sans entrée au journal (modifié hors du programme)", what, c.Start))
	}
	have := make(map[int]bool, len(numbers))
	highest := 0
	for _, n := range numbers {
		have[n] = true
		highest = max(highest, n)
		if n <= c.Start {
			out = append(out, fmt.Sprintf("%s : l'acte n° %d est avant le début de la numérotation (n° %d)", what, n, c.Start+1))
		}
	}
	if highest > c.Last {
		out = append(out, fmt.Sprintf("%s : le compteur s'arrête au n° %d alors que le n° %d existe (compteur modifié hors du programme) : le prochain acte reprendrait un numéro déjà donné", what, c.Last, highest))
	}
	var missing []string
	for n := c.Start + 1; n <= c.Last && len(missing) <= 20; n++ {
		if !have[n] {
			missing = append(missing, strconv.Itoa(n))
		}
	}
	if len(missing) > 20 {
		missing = append(missing[:20], "…")
	}
	if len(missing) > 0 {
		out = append(out, what+" : "+words.Agree(len(missing), "numéro "+missing[0]+" attribué mais absent du registre", "numéros "+strings.Join(missing, ", ")+" attribués mais absents du registre"))
	}
	return out
}
