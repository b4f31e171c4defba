package registry

// SetListCost sets listCost (≤ 0: never read a word's lists; very
// large: always) and soundBudget for a test, and returns what restores
// them.
func SetListCost(list, sound int) (restore func()) {
	l, s := listCost, soundBudget
	listCost, soundBudget = list, sound
	return func() { listCost, soundBudget = l, s }
}

// ListMarks is the number of query words checked on their posting lists so far.
func ListMarks() int64 { return listMarks.Load() }
