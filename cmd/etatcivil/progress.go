package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"etatcivil/internal/words"
	"etatcivil/registry"
)

// progress is the one progress bar of the command line: how far a long
// job has gone (a copy of bytes, or things counted: acts, sheets), on a
// terminal only — scripts and logs see nothing. One line rewritten in
// place, at most ten times a second.
type progress struct {
	label       string
	unit        string // "actes": counts things; empty: counts bytes
	total, done int64
	out         io.Writer // nil: silent
	last        time.Time
	finished    bool
}

// newProgress returns a progress line on standard error when it is a
// terminal, and a silent one otherwise.
func (e *env) newProgress(label string, total int64) *progress {
	p := &progress{label: label, total: total}
	if e.interactive {
		p.out = e.progressOut
		if p.out == nil {
			p.out = e.errOut
		}
	}
	return p
}

// newCounter is newProgress for things counted, not bytes: "actes".
func (e *env) newCounter(label string, total int64, unit string) *progress {
	p := e.newProgress(label, total)
	p.unit = unit
	return p
}

// progressHook returns what the register calls to show how far a long
// operation has gone (control, import, export): one bar per step, on a
// terminal only.
func (e *env) progressHook() func(registry.Progress) {
	if !e.interactive {
		return nil
	}
	var bar *progress
	return func(p registry.Progress) {
		if bar != nil && bar.label != p.Step {
			bar.finish()
			bar = nil
		}
		if bar == nil {
			bar = e.newCounter(p.Step, int64(p.Total), p.Unit)
		}
		bar.total = int64(p.Total)
		bar.set(p.Done)
		if p.Total > 0 && p.Done >= p.Total {
			bar.finish()
			bar = nil
		}
	}
}

// set says that done bytes (or things) are done.
func (p *progress) set(done int) { p.add(done - int(p.done)) }

// add counts n more bytes (or things) done.
func (p *progress) add(n int) {
	p.done += int64(n)
	if p.out == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.draw()
}

func (p *progress) draw() {
	if p.total <= 0 && p.unit != "" && !p.finished { // total unknown: the count only
		fmt.Fprintf(p.out, "\r%s … (%s %s)", p.label, words.Count(p.done), p.unit)
		return
	}
	pct := 100
	if p.total > 0 {
		pct = max(0, min(100, int(p.done*100/p.total)))
	}
	bar := strings.Repeat("█", pct/5) + strings.Repeat("░", 20-pct/5)
	done := words.Size(p.done)
	if p.unit != "" {
		done = words.Count(p.done) + " " + p.unit
	}
	fmt.Fprintf(p.out, "\r%s %s %3d %% (%s)", p.label, bar, pct, done)
}

// finish draws the full bar and ends its line.
func (p *progress) finish() {
	if p.out != nil && !p.finished {
		p.finished = true
		p.done = p.total
		p.draw()
		fmt.Fprintln(p.out)
	}
}

// reader counts what r reads.
func (p *progress) reader(r io.Reader) io.Reader { return &progressReader{r, p} }

type progressReader struct {
	r io.Reader
	p *progress
}

func (r *progressReader) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	r.p.add(n)
	if err == io.EOF {
		r.p.finish()
	}
	return n, err
}

// writer counts what is written to w.
func (p *progress) writer(w io.Writer) io.Writer { return &progressWriter{w, p} }

type progressWriter struct {
	w io.Writer
	p *progress
}

func (w *progressWriter) Write(b []byte) (int, error) {
	n, err := w.w.Write(b)
	w.p.add(n)
	return n, err
}
