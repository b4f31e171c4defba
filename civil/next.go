package civil

// Step is something to do next that a problem suggests, named by what it
// does and not by how a front end spells it: the command line writes each
// as the command to type (cmd/etatcivil/hints.go), a page may write it as
// a link. Some steps apply to something, given in Next.Args.
type Step int

// The steps a problem may suggest, and the arguments each takes.
const (
	SeeOfficers       Step = iota + 1 // the officers of the register
	AddOfficer                        // add an officer to the register
	SetOfficerPhrase                  // an officer chooses their own passphrase: Args[0] the officer's id (none: any)
	SetSealPhrase                     // change the passphrase of the commune's seal
	ExportRevocations                 // write the revocation list signed by the seal, for the partners
	SeeActs                           // the acts of the register
	SearchPeople                      // search a person in the acts
	CorrectDraft                      // correct a draft: Args[0] its reference (none: any)
	SignAct                           // record that a draft's sheet was signed: Args[0] its reference
	CancelDraft                       // cancel a draft with a reason: Args[0] its reference
	AddMention                        // add a mention: Args[0] the act's reference, Args[1] a nature (both optional)
	SeeClock                          // compare the computer's clock with the register
	ConfirmClock                      // an officer states that the computer's clock is right
	PublishBanns                      // record a publication of banns
	SeeBanns                          // the publications of banns
	SeeNotices                        // the avis de mention still to send
	SeeDay                            // the agenda of a day: Args[0] the day, AAAA-MM-JJ (none: any)
	OpenSlots                         // open slots in the agenda
	BookSlot                          // book an appointment
	RunControl                        // the full control of the register
	MakeBackup                        // back the register up
	SetNumbering                      // continue a numbering: Args register, year, last number used (absent: to ask)
	CreateRegister                    // create the register of the commune
	ChooseFolder                      // name the folder that holds the register
	Force                             // do it anyway, the current register being kept aside
	ReplaceKey                        // replace the recovery key, keeping the old one for old backups
	SkipBadLines                      // import the good lines, leaving the bad ones aside
	RestoreBackup                     // restore the last backup (with the recovery key and the commune's certificate)
	AcceptLoss                        // an officer accepts that entries the witness saw are lost
	CreateRecoveryKey                 // create the recovery key that backups are encrypted for
	SignRecoveryKey                   // have the seal sign a recovery key made by an earlier version
	DrawUpAct                         // draw up an act: Args[0] its kind (naissance, deces, reconnaissance…)
	PrintSheet                        // print the register sheet of an act: Args[0] its reference
	ShowAct                           // show an act: Args[0] its reference
	ConfirmDuplicate                  // record the act anyway, the clerk having checked it is another event
	DrawUp                            // draw up a planned marriage on its day: Args[0] its reference (none: today's)
	Unnumber                          // make a marriage drafted before its day a planned one again: Args[0] its reference
	SameDisk                          // back up on the register's own disk anyway: a rescue copy
	CompactRegister                   // rewrite the register file, brought to this version's layout
)

// Next is a step to take, with what it applies to.
type Next struct {
	Step Step
	Args []string
}

// Then returns the step with its arguments, for Refuse and Checker.Add.
func Then(step Step, args ...string) Next { return Next{step, args} }
