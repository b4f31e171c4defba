package civil

// Lookup is what the rules of marriage need to know of the register: the
// acts that concern a person, recognised by names, date and place of
// birth (see SamePerson). The register (registry.Store) answers it from
// its name index, inside the transaction that checks or writes the act;
// a test may answer it from a list.
//
// Only signed acts count, except where drafts is asked for. Every method
// returns the register's error when it cannot read (an *IntegrityError of
// the registry for a damaged record), never a partial answer.
type Lookup interface {
	// BirthOf returns the signed birth act of p, or nil when the register
	// holds none.
	BirthOf(p Person) (*Act, error)
	// DeathOf returns the signed death act of p, or nil.
	DeathOf(p Person) (*Act, error)
	// MarriagesOf returns the marriage acts where p is a spouse, signed
	// ones and, when drafts is true, drafts too.
	MarriagesOf(p Person, drafts bool) ([]Marriage, error)
	// ChildrenOf returns the signed birth acts that name p as a parent:
	// the way down to p's descendants (art. 161).
	ChildrenOf(p Person) ([]*Act, error)
	// BannsOf returns the publications of banns that name both x and y,
	// in either order.
	BannsOf(x, y Person) ([]*Banns, error)
}

// Marriage is a marriage act found for a person, and which of its two
// spouses (0 or 1, the index in Act.Epoux) that person is.
type Marriage struct {
	Act    *Act
	Spouse int
}
