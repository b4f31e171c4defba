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
	t.tx.Bucket(bucketActs).ForEach(func(k, v []byte) error {
		j.acts++
		j.progress.add()
		ref, err := refFromKey(k)
		if err != nil {
			out = append(out, "clé d'acte illisible : "+string(k))
			return nil
		}
		out = append(out, j.Record(ref.String(), "acte "+ref.String(), v)...)
		return nil
	})
	return out
}

func (actRecords) Gone(ref string) string {
	if _, err := civil.ParseRef(ref); err == nil {
		return "acte " + ref + " : présent au journal mais absent du registre (acte supprimé)"
	}
	return ""
}

// indexRecords are the name and phonetic indexes, derived from the acts:
// the search and the impediments to a marriage trust them (an index
// entry deleted let a married man marry again). Each act's entries are
// recomputed from the act (indexKeys) and compared with those stored.
//
// So that the memory stays bounded by the number of acts, not of
// entries, the entries are not compared one by one: the stored entries
// of each act are summed into a digest (maphash with a seed drawn for
// this control, so that no one can prepare entries that sum alike), and
// compared with the digest of the entries recomputed from the act. Only
// for an act found wrong are its entries looked up one by one, to name
// those missing.
type indexRecords struct{}

// indexDigest sums the entries of one act in one index.
type indexDigest struct {
	keys   uint64 // sum of the hashes of the keys
	values uint64 // sum of the hashes of (key, value) over the entries with a value
	n      uint32 // entries
	empty  uint32 // entries without a value (written before values were kept)
}

// add counts one entry.
func (d *indexDigest) add(seed maphash.Seed, key, value []byte) {
	hk := maphash.Bytes(seed, key)
	d.keys += hk
	d.n++
	if len(value) == 0 {
		d.empty++
		return
	}
	hv := maphash.Bytes(seed, value)
	d.values += (hk ^ (hv * 0x9E3779B97F4A7C15)) * 0xBF58476D1CE4E5B9
}

// matches tells whether the stored entries d are those recomputed, want.
// Entries written before values were kept have none: all of an act's
// entries are then compared by key only.
func (d indexDigest) matches(want indexDigest) bool {
	if d.n != want.n || d.keys != want.keys {
		return false
	}
	if d.empty == 0 {
		return d.values == want.values
	}
	return d.empty == d.n
}

// actDigests are the digests of one act in the two indexes.
type actDigests struct{ names, phons indexDigest }

func (indexRecords) Check(t *Tx, j *Journaled) []string {
	seed := maphash.MakeSeed()
	names, phons := t.tx.Bucket(bucketIdxName), t.tx.Bucket(bucketIdxPhon)
	if names == nil || phons == nil {
		return []string{"index des noms ou phonétique : absent du registre"}
	}
	// First the whole indexes at once: the sums of all their entries
	// against the sums of all the entries recomputed from the acts.
	var out []string
	var got, want actDigests
	for _, idx := range []struct {
		b    *bolt.Bucket
		d    *indexDigest
		what string
	}{{names, &got.names, "index des noms"}, {phons, &got.phons, "index phonétique"}} {
		idx.b.ForEach(func(k, v []byte) error {
			if _, _, ok := indexKeyParts(k); !ok {
				out = append(out, fmt.Sprintf("%s : entrée illisible %q", idx.what, k))
			}
			idx.d.add(seed, k, v)
			return nil
		})
	}
	eachActIndex(t, seed, func(c *actIndex) {
		j.progress.add()
		switch {
		case c.undecoded:
			out = append(out, "acte "+c.ref+" : illisible (son contenu n'est pas un acte)")
		case c.misplaced != "":
			out = append(out, "acte "+c.ref+" : son contenu porte la référence "+c.misplaced+" (déplacé hors du programme)")
		}
		want.names.merge(c.want.names)
		want.phons.merge(c.want.phons)
	})
	if got.names.matches(want.names) && got.phons.matches(want.phons) {
		return out
	}
	// They differ (or the register holds entries written before values
	// were kept): act by act, to name the acts.
	return append(out, indexByAct(t, seed)...)
}

// merge adds the entries summed in e.
func (d *indexDigest) merge(e indexDigest) {
	d.keys += e.keys
	d.values += e.values
	d.n += e.n
	d.empty += e.empty
}

// actIndex is an act's entries in the indexes, recomputed from the act.
type actIndex struct {
	key, val     []byte // the act's key and stored bytes
	ref          string
	want         actDigests
	names, phons []indexEntry
	undecoded    bool
	misplaced    string // the reference the act's content carries, when not its key's
}

// eachActIndex recomputes the index entries of every act, decoding the
// acts on every core a batch at a time, and calls fn on each, in order.
func eachActIndex(t *Tx, seed maphash.Seed, fn func(*actIndex)) {
	var batch []actIndex
	flush := func() {
		parallel(len(batch), func(i int) {
			c := &batch[i]
			var a civil.Act
			if json.Unmarshal(c.val, &a) != nil {
				c.undecoded = true
				return
			}
			if got := actKey(a.Ref()); !bytes.Equal(got, c.key) {
				c.misplaced = a.Ref().String()
			}
			// Two words of one name may sound alike: their phonetic
			// entry is one key.
			c.names, c.phons = indexKeys(&a)
			c.names, c.phons = uniqueEntries(c.names), uniqueEntries(c.phons)
			for _, e := range c.names {
				c.want.names.add(seed, e.key, e.value)
			}
			for _, e := range c.phons {
				c.want.phons.add(seed, e.key, e.value)
			}
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

// indexByAct compares the index entries of each act with those
// recomputed from it, and reports the acts whose entries differ and the
// entries of acts the register does not hold.
func indexByAct(t *Tx, seed maphash.Seed) []string {
	stored := map[string]*actDigests{}
	for _, idx := range []struct {
		bucket []byte
		digest func(*actDigests) *indexDigest
	}{
		{bucketIdxName, func(d *actDigests) *indexDigest { return &d.names }},
		{bucketIdxPhon, func(d *actDigests) *indexDigest { return &d.phons }},
	} {
		t.tx.Bucket(idx.bucket).ForEach(func(k, v []byte) error {
			if _, ak, ok := indexKeyParts(k); ok {
				d := stored[string(ak)]
				if d == nil {
					d = &actDigests{}
					stored[string(ak)] = d
				}
				idx.digest(d).add(seed, k, v)
			}
			return nil
		})
	}
	var out []string
	eachActIndex(t, seed, func(c *actIndex) {
		got := stored[string(c.key)]
		delete(stored, string(c.key))
		if c.undecoded {
			return
		}
		if got == nil {
			got = &actDigests{}
		}
		if !got.names.matches(c.want.names) {
			out = append(out, indexBreak(t.tx.Bucket(bucketIdxName), "index des noms", c.ref, c.names))
		}
		if !got.phons.matches(c.want.phons) {
			out = append(out, indexBreak(t.tx.Bucket(bucketIdxPhon), "index phonétique", c.ref, c.phons))
		}
	})
	var orphans []string
	for ak := range stored {
		ref := ak
		if r, err := refFromKey([]byte(ak)); err == nil {
			ref = r.String()
		}
		orphans = append(orphans, "index des noms ou phonétique : entrées d'un acte "+ref+" absent du registre (ajoutées hors du programme)")
	}
	sort.Strings(orphans)
	return append(out, orphans...)
}

// indexKeyParts splits an index key (word, 0, act key, 0, role) without
// copying.
func indexKeyParts(k []byte) (word, act []byte, ok bool) {
	i := bytes.IndexByte(k, 0)
	if i < 0 {
		return nil, nil, false
	}
	j := bytes.IndexByte(k[i+1:], 0)
	if j < 0 {
		return nil, nil, false
	}
	return k[:i], k[i+1 : i+1+j], true
}

// indexBreak describes the entries of an act that an index does not hold
// as recomputed from the act: those missing by name, and the others as
// added or changed.
func indexBreak(b *bolt.Bucket, what, ref string, want []indexEntry) string {
	var missing []string
	changed := 0
	for _, e := range want {
		v := b.Get(e.key)
		switch {
		case v == nil:
			token, _, _ := bytes.Cut(e.key, []byte{0})
			_, role, _ := splitIndexKey(e.key)
			if w := fmt.Sprintf("« %s » (%s)", token, role); !slices.Contains(missing, w) {
				missing = append(missing, w)
			}
		case len(v) > 0 && !bytes.Equal(v, e.value):
			changed++
		}
	}
	msg := what + ", acte " + ref + " : ne correspond plus à l'acte (modifié hors du programme ; la recherche et les empêchements au mariage s'y fient)"
	if len(missing) > 0 {
		msg += " ; entrées absentes : " + strings.Join(missing, ", ")
	}
	if changed > 0 {
		msg += fmt.Sprintf(" ; %d entrée(s) modifiée(s)", changed)
	}
	if len(missing) == 0 && changed == 0 {
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
			lost = append(lost, fmt.Sprintf("%s : aucune numérotation alors que le registre en contient %d numéro(s) (compteur supprimé hors du programme) : le prochain acte reprendrait un numéro déjà donné", counterWhat(k), len(ns)))
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
		out = append(out, fmt.Sprintf("%s : numéro(s) %s attribué(s) mais absent(s) du registre", what, strings.Join(missing, ", ")))
	}
	return out
}

// uniqueEntries sorts entries by key and drops repeated keys.
func uniqueEntries(es []indexEntry) []indexEntry {
	sortEntries(es)
	return slices.CompactFunc(es, func(a, b indexEntry) bool { return bytes.Equal(a.key, b.key) })
}
