//go:build !unix

package registry

import "testing"

func reportCPU(b *testing.B, run func()) { run() }
