//go:build !unix

package forms

import "testing"

func reportCPU(b *testing.B, run func()) { run() }
