package loyalty

import (
	"strconv"
	"time"
)

// Member is one customer's membership of the store's programme.
type Member struct {
	CustomerID string
	// Level is the membership level (会员等级), such as "gold"; may be
	// empty. It is the roster's level, as of its export.
	Level string
	// Joined is when the customer joined: the start of the day, in the
	// store's time zone, for a roster of days. Required.
	Joined time.Time
	// Left is when the membership ended, the zero time while it lasts.
	// When set, it is after Joined.
	Left time.Time
}

// At reports whether m is a member at t: Joined ≤ t and, when Left is
// set, t < Left.
func (m Member) At(t time.Time) bool {
	return !t.Before(m.Joined) && (m.Left.IsZero() || t.Before(m.Left))
}

// Kind is the kind of a points entry.
type Kind uint8

const (
	Issued   Kind = iota + 1 // points given, for an order or otherwise (发放)
	Redeemed                 // points spent by the customer (兑换)
	Expired                  // points that lapsed (过期)
	Adjusted                 // a correction, positive or negative (调整)
)

var kindNames = [...]string{"", "issued", "redeemed", "expired", "adjusted"}

// String returns "issued", "redeemed", "expired" or "adjusted".
func (k Kind) String() string {
	if k >= Issued && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind parses the names written by [Kind.String].
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if i > 0 && n == s {
			return Kind(i), true
		}
	}
	return 0, false
}

// Entry is one line of the points ledger (积分流水).
type Entry struct {
	CustomerID string
	At         time.Time
	Kind       Kind
	// Points is positive for Issued, Redeemed and Expired (a redemption
	// of 500 points is Redeemed with 500), and non-zero, of either sign,
	// for Adjusted.
	Points  int64
	OrderID string // the order that earned or spent the points; may be empty
	Reason  string // free text, such as "birthday bonus"; may be empty
}

// Signed returns the entry's effect on the balance: +Points for Issued
// and Adjusted, −Points for Redeemed and Expired.
func (e Entry) Signed() int64 {
	if e.Kind == Redeemed || e.Kind == Expired {
		return -e.Points
	}
	return e.Points
}
