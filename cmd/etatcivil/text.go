package main

import (
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"etatcivil/civil"
)

// checkArgs refuses a command line holding a text that no field may hold
// (see civil.TextProblem): invalid UTF-8, a control character, an escape
// sequence, a newline (an --agent with a newline forged lines of the
// journal). The environment's agent is a field too.
func checkArgs(args []string) error {
	for i, a := range args {
		if p := civil.TextProblem(argName(args, i), a); p != nil {
			return &usageError{p.Field + " : " + p.Rule, p.Hint}
		}
	}
	for _, v := range []string{"ETATCIVIL_AGENT", "USER"} {
		if p := civil.TextProblem(v, os.Getenv(v)); p != nil {
			return &usageError{"variable d'environnement " + p.Field + " : " + p.Rule, "corrigez-la (ou donnez --agent NOM)"}
		}
	}
	return nil
}

// argName names the argument i of a command line: its option, or its
// position.
func argName(args []string, i int) string {
	a := args[i]
	if strings.HasPrefix(a, "-") {
		if name, _, ok := strings.Cut(a, "="); ok {
			return name
		}
		return "option n° " + strconv.Itoa(i+1)
	}
	if i > 0 && strings.HasPrefix(args[i-1], "-") && !strings.Contains(args[i-1], "=") {
		return args[i-1]
	}
	return "argument n° " + strconv.Itoa(i+1)
}

// safeWriter writes text to a terminal (or wherever standard output and
// error go) without ever passing a control character of what it prints:
// a text stored before such texts were refused, or written into the file
// outside the program, can hold an escape sequence that would take over
// the clerk's terminal, or a carriage return that would hide what
// precedes it on the line. Each such character is written visibly,
// \u{1b}; bytes that are not UTF-8 as \x…. Newlines and tabulations pass:
// the program's own output is made of lines. (The progress line writes
// its carriage returns straight to the terminal: see env.progressOut.)
type safeWriter struct {
	w    io.Writer
	tail []byte // the start of a character cut between two writes
}

// Write writes p, its control characters made visible. It reports all of
// p written when the underlying writer took everything.
func (s *safeWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(s.tail) > 0 {
		p = append(s.tail, p...)
		s.tail = nil
	}
	var out []byte
	clean := 0 // p[clean:i] needs no change
	for i := 0; i < len(p); {
		c := p[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(p[i:]) {
			// Cut between two writes: kept for the next one.
			s.tail = append([]byte(nil), p[i:]...)
			break
		}
		var shown string
		switch {
		case r == utf8.RuneError && size == 1:
			shown = `\x` + strconv.FormatUint(uint64(c), 16)
		case visible(r):
			i += size
			continue
		default:
			shown = `\u{` + strconv.FormatUint(uint64(r), 16) + `}`
		}
		out = append(append(out, p[clean:i]...), shown...)
		i += size
		clean = i
	}
	if out == nil {
		end := len(p) - len(s.tail)
		if _, err := s.w.Write(p[:end]); err != nil {
			return 0, err
		}
		return n, nil
	}
	out = append(out, p[clean:len(p)-len(s.tail)]...)
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// visible tells whether a character other than ASCII may be printed as
// it is: not a control character, nor one that reorders or hides text.
func visible(r rune) bool { return civil.Printable(r) }

// oneLine writes a stored text that must stay on its line (a field of a
// listing): every character that is not printable, newlines and
// tabulations included, written visibly.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f && !civil.Printable(r) }) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case !civil.Printable(r):
			b.WriteString(`\u{` + strconv.FormatUint(uint64(r), 16) + `}`)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}
