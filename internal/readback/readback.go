// Package readback writes a file to a removable medium and checks it by
// reading back what the medium holds, while the writing goes on: each
// window of the file, once written out to the device, is dropped from the
// system's cache and read again from the device, then compared with what
// was written. A medium that loses or alters data (a fake-capacity USB
// stick, a failing sector, a stick pulled out) is found before the file is
// declared written, and the reading back costs no second pass at the end.
//
// On Linux the windows are pushed to the device with sync_file_range and
// dropped with posix_fadvise(DONTNEED); elsewhere the file is synced at the
// end and read back whole (possibly from the cache).
package readback

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"
)

// Window is how many bytes are written, then read back, at a time. At
// most depth+3 windows are held in memory (24 MiB).
const Window = 4 << 20

// depth is how many written windows wait for their reading back.
const depth = 3

// ErrMismatch is returned when the medium gives back other bytes than
// those written.
var ErrMismatch = errors.New("le support rend d'autres données que celles écrites")

// Writer writes a file from its start, and reads each window back.
type Writer struct {
	f       *os.File
	buf     []byte // the window being filled
	off     int64  // offset of buf in the file
	pending chan window
	done    chan struct{}
	pool    sync.Pool
	mu      sync.Mutex
	err     error // first error of the reading back
	checked int64 // bytes read back and found equal
}

// alter, in tests, changes what the medium gives back.
var alter func(off int64, b []byte)

type window struct {
	off  int64
	data []byte
}

// New starts writing f, empty, from its start.
func New(f *os.File) *Writer {
	w := &Writer{f: f, pending: make(chan window, depth), done: make(chan struct{})}
	w.pool.New = func() any { return make([]byte, 0, Window) }
	w.buf = w.pool.Get().([]byte)
	go w.verify()
	return w
}

// Write adds p to the file.
func (w *Writer) Write(p []byte) (int, error) {
	if err := w.failed(); err != nil {
		return 0, err
	}
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), Window-len(w.buf))
		w.buf = append(w.buf, p[:k]...)
		p = p[k:]
		if len(w.buf) == Window {
			if err := w.flush(); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

// flush writes the current window and queues it for reading back.
func (w *Writer) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	if _, err := w.f.WriteAt(w.buf, w.off); err != nil {
		return err
	}
	startWriteback(w.f, w.off, int64(len(w.buf)))
	w.pending <- window{w.off, w.buf}
	w.off += int64(len(w.buf))
	w.buf = w.pool.Get().([]byte)[:0]
	return nil
}

// verify reads back each window once the device has it.
func (w *Writer) verify() {
	defer close(w.done)
	back := make([]byte, Window)
	for win := range w.pending {
		if w.failed() == nil {
			if err := w.check(win, back); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			}
		}
		w.pool.Put(win.data[:0])
	}
}

func (w *Writer) check(win window, back []byte) error {
	if err := awaitWriteback(w.f, win.off, int64(len(win.data))); err != nil {
		return err
	}
	dropCache(w.f, win.off, int64(len(win.data)))
	b := back[:len(win.data)]
	if _, err := w.f.ReadAt(b, win.off); err != nil {
		return fmt.Errorf("relecture : %w", err)
	}
	if alter != nil {
		alter(win.off, b)
	}
	if !bytes.Equal(b, win.data) {
		return fmt.Errorf("%w (entre l'octet %d et l'octet %d)", ErrMismatch, win.off, win.off+int64(len(win.data)))
	}
	w.mu.Lock()
	w.checked += int64(len(win.data))
	w.mu.Unlock()
	return nil
}

func (w *Writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Finish writes what remains, waits for every window to be read back and
// compared, and syncs the file. It returns the bytes read back and found
// equal to those written; an error when the medium failed or gave back
// other data.
func (w *Writer) Finish() (int64, error) {
	err := w.flush()
	close(w.pending)
	<-w.done
	if err == nil {
		err = w.failed()
	}
	if err == nil {
		err = w.f.Sync()
	}
	return w.checked, err
}

// Abort stops the reading back (after a failed write).
func (w *Writer) Abort() {
	select {
	case <-w.done:
	default:
		close(w.pending)
		<-w.done
	}
}
