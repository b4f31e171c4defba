//go:build unix

package registry

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe put in the place of the register file or of its witness
// made Open wait forever for a writer: the register is an integrity
// error, the witness unreadable (writes refused), and nothing waits.
func TestNamedPipeInThePlaceOfTheRegisterOrItsWitness(t *testing.T) {
	for _, name := range []string{FileName, "registre.temoin"} {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			dir := s.Dir()
			s.Close()
			path := filepath.Join(dir, name)
			os.Remove(path)
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Skip("no named pipes here:", err)
			}
			done := make(chan error, 1)
			go func() {
				s, err := Open(dir, Options{})
				if err == nil {
					if s.Behind() == nil {
						err = os.ErrInvalid // a witness that cannot be read must stop writes
					}
					s.Close()
				} else if name == FileName {
					var ie *IntegrityError
					if !errAs(err, &ie) {
						t.Errorf("got %v, want an integrity error", err)
					}
					err = nil
				}
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Open waits on the named pipe")
			}
		})
	}
}
