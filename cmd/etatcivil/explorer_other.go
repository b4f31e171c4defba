//go:build !windows

package main

// startedByExplorer is true only on Windows (see explorer_windows.go).
func startedByExplorer() bool { return false }
