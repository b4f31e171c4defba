package main

import (
	"etatcivil/civil"
	"etatcivil/internal/exchange"
)

// maxInput bounds an act file: a real one is a few kilobytes.
const maxInput = 1 << 20

// readActFile reads an act in the interchange format from a file, or from
// standard input when name is "-". Unknown fields, trailing data and
// malformed JSON are refused with the place of the mistake.
func (e *env) readActFile(name string, wantType civil.Kind) (*civil.Act, error) {
	raw, err := e.readInput(name)
	if err != nil {
		return nil, err
	}
	a, err := decodeAct(raw)
	if err != nil {
		return nil, err
	}
	if a.Type != wantType && a.Type != "" {
		hint := "corrigez le champ type"
		if a.Type.ValidType() {
			hint = "utilisez etatcivil " + a.Type.Command() + " --fichier …, ou corrigez le champ type"
		}
		return nil, civil.Refuse("type", "le fichier décrit un acte de type « "+string(a.Type)+" », pas « "+string(wantType)+" »", hint)
	}
	if a.Type == "" {
		a.Type = wantType
	}
	return a, nil
}

// readInput reads a file given with --fichier, or standard input for "-".
func (e *env) readInput(name string) ([]byte, error) {
	raw, err := e.readFile("--fichier", name, maxInput)
	if err != nil {
		return nil, err
	}
	return exchange.WithoutBOM(raw), nil
}

// readFile reads the file name given for field, or standard input for
// "-", at most limit bytes: a longer file, a device (/dev/zero, which
// never ends), a pipe or a folder is refused before it is read whole.
func (e *env) readFile(field, name string, limit int64) ([]byte, error) {
	if name != "-" {
		return readRegular(field, name, limit)
	}
	return readLimited(field, name, e.in, limit)
}

// The files a command reads (internal/medium): an ordinary file, refused
// in French when it is not one or cannot be read.
var (
	readRegular   = exchange.ReadInput
	readLimited   = exchange.ReadLimited
	frenchIOError = exchange.IOError
)

// decodeAct decodes one JSON act strictly.
func decodeAct(raw []byte) (*civil.Act, error) {
	var a civil.Act
	if err := decodeStrict(raw, &a); err != nil {
		return nil, err
	}
	markNoContract(&a, raw)
	return &a, nil
}

// The decoding of the interchange format's JSON (registry/decode.go).
var (
	decodeStrict   = exchange.DecodeStrict
	markNoContract = exchange.MarkNoContract
	stripLine      = exchange.StripLine
)
