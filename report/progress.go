package report

import "strconv"

// Progress says how far a long piece of work has come: in phase Phase, Done
// units of Total. [BuildContext] reports its phases to Config.Progress, and
// storedata.Dir reports its first reading of each large file the same way,
// so that one function can draw a progress bar or a service's status for
// both.
//
// The reports of a phase start with Done = 0, never go back, come at most
// about every 100 ms in between, and end with Done = Total (a Total not
// known until then is set to Done) unless the work was cancelled or
// failed. Phases follow each other; none is reported twice.
type Progress struct {
	Phase Phase
	// File is the file of a PhaseRead, as storedata names it; empty for
	// the other phases.
	File string
	Done int64
	// Total is the units of the phase, or -1 when it is not known (the
	// orders of an Input without Counts).
	Total int64
}

// Phase is a stage of reading a store's data or of building its review;
// [Phase.Unit] says what its Progress counts.
type Phase int

const (
	PhaseRead      Phase = iota + 1 // reading a file before the review (storedata.Dir): bytes
	PhaseOrders                     // the review's pass over the orders: orders
	PhaseEvents                     // its pass over the events: events
	PhaseSnapshots                  // its pass over the stock snapshots: snapshots
	PhaseSections                   // computing the sections after the passes: sections
)

var phaseNames = [...]string{PhaseRead: "read", PhaseOrders: "orders", PhaseEvents: "events", PhaseSnapshots: "snapshots", PhaseSections: "sections"}

var phaseUnits = [...]string{PhaseRead: "bytes", PhaseOrders: "orders", PhaseEvents: "events", PhaseSnapshots: "snapshots", PhaseSections: "sections"}

// String returns the phase's name: "read", "orders", "events",
// "snapshots" or "sections".
func (p Phase) String() string {
	if p > 0 && int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "Phase(" + strconv.Itoa(int(p)) + ")"
}

// Unit returns what a Progress of the phase counts: "bytes", "orders",
// "events", "snapshots" or "sections".
func (p Phase) Unit() string {
	if p > 0 && int(p) < len(phaseUnits) {
		return phaseUnits[p]
	}
	return ""
}

// Counts gives the numbers of records that an Input's streams yield, when
// the caller knows them, as the totals of Config.Progress; 0 is not known.
// storedata.Dir sets them from its first reading.
type Counts struct {
	Orders, Events, Snapshots int64
}
