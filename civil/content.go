package civil

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// ContentHash returns the SHA-256, in hexadecimal, of what a register
// sheet of the act shows and what the signatures in ink make final: the
// act as drawn up, with its register, year and number, without what the
// register keeps about it (status, reason, mentions, who typed it and
// when, signature time, stored-bytes hash). A correction of a draft, or
// a new number, changes it; signing the act or adding a mention does not.
//
// The register records it for each sheet printed, so that an act is
// signed only when a sheet of its current content was printed (etatcivil
// signer), and the signed code of a sheet carries its first 16 digits, so
// that a sheet printed before a correction is told from the act.
func (a *Act) ContentHash() string {
	c := *a
	c.Statut, c.Motif, c.Mentions, c.Agent, c.CreeLe, c.SigneLe, c.Empreinte = "", "", nil, "", "", "", ""
	data, err := json.Marshal(&c)
	if err != nil {
		// An Act holds only strings, numbers and slices of them: it
		// always encodes.
		panic("civil: act does not encode: " + err.Error())
	}
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// ShortContentHash is the part of ContentHash a sheet's signed code
// carries: 16 hexadecimal digits (64 bits).
func (a *Act) ShortContentHash() string { return a.ContentHash()[:16] }
