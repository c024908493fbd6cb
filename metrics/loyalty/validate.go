package loyalty

import (
	"cmp"
	"errors"
	"slices"
	"strconv"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
)

// checkMember returns the first problem of m, the member of index i.
func checkMember(i int, m *Member) error {
	fail := func(field, problem string) error {
		return &RecordError{Record: "member", Index: i, CustomerID: m.CustomerID, Field: field, Problem: problem}
	}
	switch {
	case m.CustomerID == "":
		return fail("CustomerID", "no customer ID")
	case m.Joined.IsZero():
		return fail("Joined", "no join day")
	case !m.Left.IsZero() && !m.Left.After(m.Joined):
		return fail("Left", "left "+m.Left.Format("2006-01-02")+", not after joining "+m.Joined.Format("2006-01-02"))
	}
	return nil
}

// checkEntry returns the first problem of e, the entry of index i, on its
// own (balances need the whole ledger: see [Validate]).
func checkEntry(i int, e *Entry) error {
	fail := func(field, problem string) error {
		return &RecordError{Record: "entry", Index: i, CustomerID: e.CustomerID, Field: field, Problem: problem}
	}
	switch {
	case e.CustomerID == "":
		return fail("CustomerID", "no customer ID")
	case e.At.IsZero():
		return fail("At", "no time")
	case e.Kind < Issued || e.Kind > Adjusted:
		return fail("Kind", "unknown kind "+strconv.Itoa(int(e.Kind)))
	case e.Kind == Adjusted && e.Points == 0:
		return fail("Points", "an adjustment of 0 points")
	case e.Kind != Adjusted && e.Points <= 0:
		return fail("Points", e.Kind.String()+" "+strconv.FormatInt(e.Points, 10)+" points: must be positive")
	case e.Points == -1<<63:
		return fail("Points", "out of range")
	}
	return nil
}

// Validate checks a member roster and a points ledger, and returns every
// problem joined with errors.Join, each a *[RecordError] naming the
// record's index in its slice and its customer:
//
//   - a member without a customer ID or join day, one who left before or
//     on the day they joined, and a customer on the roster twice;
//   - an entry without a customer ID or time, of an unknown kind, with
//     points that are not positive (zero for an adjustment);
//   - an entry that takes its customer's balance below zero (a
//     redemption above the balance, say), the customer's entries taken in
//     time order, and in slice order at equal times; and a balance beyond
//     the int64 range.
//
// Entries of customers who are not on the roster are valid: points may
// be held by former or unregistered members. It returns nil when all is
// well.
func Validate(members []Member, entries []Entry) error {
	var errs []error
	seen := make(map[string]int, len(members))
	for i := range members {
		m := &members[i]
		if err := checkMember(i, m); err != nil {
			errs = append(errs, err)
			continue
		}
		if j, dup := seen[m.CustomerID]; dup {
			errs = append(errs, &RecordError{Record: "member", Index: i, CustomerID: m.CustomerID,
				Field: "CustomerID", Problem: "on the roster twice (member " + strconv.Itoa(j) + ")"})
			continue
		}
		seen[m.CustomerID] = i
	}
	order := make([]int, 0, len(entries))
	for i := range entries {
		if err := checkEntry(i, &entries[i]); err != nil {
			errs = append(errs, err)
			continue
		}
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ea, eb := &entries[a], &entries[b]
		if c := cmp.Compare(ea.CustomerID, eb.CustomerID); c != 0 {
			return c
		}
		return ea.At.Compare(eb.At)
	})
	var (
		cust    string
		balance int64
		broken  bool // the customer's balance is already reported
	)
	for k, i := range order {
		e := &entries[i]
		if k == 0 || e.CustomerID != cust {
			cust, balance, broken = e.CustomerID, 0, false
		}
		if broken {
			continue
		}
		next, ok := intmath.Add64(balance, e.Signed())
		switch {
		case !ok:
			errs = append(errs, &RecordError{Record: "entry", Index: i, CustomerID: e.CustomerID, Field: "Points", Problem: "balance beyond the int64 range"})
			broken = true
		case next < 0:
			errs = append(errs, &RecordError{Record: "entry", Index: i, CustomerID: e.CustomerID, Field: "Points",
				Problem: e.Kind.String() + " " + strconv.FormatInt(e.Points, 10) + " points at " + e.At.Format("2006-01-02T15:04:05Z07:00") +
					", above the balance of " + strconv.FormatInt(balance, 10)})
			broken = true
		}
		balance = next
	}
	return errors.Join(errs...)
}
