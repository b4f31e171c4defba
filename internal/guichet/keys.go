package guichet

import (
	"sync"
	"time"

	"etatcivil/forms"
)

// DefaultIdle is how long the officer's key stays open without activity.
const DefaultIdle = 15 * time.Minute

// keySession holds the officer's signing key, opened once with the
// passphrase at « Ouverture », until « Verrouiller », until idle minutes
// pass without a request, or until the program ends. It is the only place
// the key is kept: dropping it here drops the last reference to it.
type keySession struct {
	mu   sync.Mutex
	seal *forms.Seal
	last time.Time // the last activity
	idle time.Duration
	now  func() time.Time
	// dropped is called when the key is dropped: what was signed with it
	// and kept for the screen goes too.
	dropped func()
}

// keyState is what the pages say of the key.
type keyState struct {
	Open    bool
	Officer string    // full name and quality
	Until   time.Time // when it locks without activity
}

// open keeps the key, from now, for idle without activity.
func (k *keySession) open(sl *forms.Seal, idle time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.seal != nil && k.seal != sl {
		k.drop()
	}
	k.seal, k.last, k.idle = sl, k.now(), idle
}

// setIdle changes how long the key stays open without activity (the
// register's setting changed).
func (k *keySession) setIdle(idle time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.idle = idle
}

// lock drops the key.
func (k *keySession) lock() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.drop()
}

func (k *keySession) drop() {
	if k.seal != nil {
		k.seal.Key = nil // the signer copies it nowhere; this was the last reference
	}
	k.seal = nil
	if k.dropped != nil {
		k.dropped()
	}
}

// expire drops the key when idle time has passed since the last activity,
// and tells whether it did.
func (k *keySession) expire() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.seal != nil && !k.now().Before(k.last.Add(k.idle)) {
		k.drop()
		return true
	}
	return false
}

// touch records activity: the idle time starts again, unless it had
// already passed, in which case the key is dropped first.
func (k *keySession) touch() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.seal == nil {
		return
	}
	now := k.now()
	if !now.Before(k.last.Add(k.idle)) {
		k.drop()
		return
	}
	k.last = now
}

// get returns the open key, or nil.
func (k *keySession) get() *forms.Seal {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.seal
}

// held returns a copy of the open key, or nil, for a request that signs
// after waiting for the register: locking the key meanwhile drops the
// kept one (its Key set to nil), not this request's copy, which goes when
// the request ends.
func (k *keySession) held() *forms.Seal {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.seal == nil {
		return nil
	}
	cp := *k.seal
	return &cp
}

func (k *keySession) state() keyState {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.seal == nil {
		return keyState{}
	}
	return keyState{Open: true, Officer: k.seal.Officer.FullName() + ", " + k.seal.Officer.QualiteLabel(), Until: k.last.Add(k.idle)}
}
