package campaign

import (
	"errors"
	"fmt"
)

// Sentinel errors. Functions return typed errors that wrap one of these, so
// callers test the category with errors.Is and read the detail with
// errors.As. The categories shared by every package of shopmetrics are
// used too: an invalid [Config] is a *metrics.ConfigError, a refused
// [Ledger.Merge] a *metrics.MergeError, and every currency problem wraps
// money.ErrCurrencyMismatch.
var (
	// ErrInvalidCampaign: a campaign without an ID, with an empty window,
	// a negative cost, an amount other than zero without a currency, or
	// tracked twice.
	// Wrapped by *[CampaignError].
	ErrInvalidCampaign = errors.New("campaign: invalid campaign")
	// ErrUnknownCampaign: a target or redemption of a campaign the
	// [Ledger] does not track. Wrapped by *[RecordError].
	ErrUnknownCampaign = errors.New("campaign: unknown campaign")
	// ErrInvalidRecord: a target listed twice or in both groups, a
	// redemption without a customer, with a negative discount or in
	// another currency. Wrapped by *[RecordError].
	ErrInvalidRecord = errors.New("campaign: invalid record")
	// ErrInvalidOrder: an order that cannot be measured (another currency
	// than the ledger's, bad amounts). Wrapped by *[OrderError].
	ErrInvalidOrder = errors.New("campaign: invalid order")
	// ErrCorrupt: MarshalBinary data that cannot be decoded.
	ErrCorrupt = errors.New("campaign: corrupt ledger encoding")
)

// CampaignError records a problem with one campaign.
type CampaignError struct {
	ID     string
	Reason string
}

func (e *CampaignError) Error() string {
	return fmt.Sprintf("campaign: campaign %q: %s", e.ID, e.Reason)
}

// Unwrap returns [ErrInvalidCampaign].
func (e *CampaignError) Unwrap() error { return ErrInvalidCampaign }

// RecordError records a problem with one target or redemption: What names
// it (its campaign, customer and day) and Index is its index in the slice
// given to [Ledger.Analyze].
type RecordError struct {
	What   string // such as `target "C12" of campaign "spring"`
	Index  int
	Reason string
	Err    error // ErrUnknownCampaign, ErrInvalidRecord, or a currency error
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("campaign: %s (record %d): %s", e.What, e.Index+1, e.Reason)
}

// Unwrap returns the category of the problem.
func (e *RecordError) Unwrap() error { return e.Err }

// OrderError records an order that cannot be measured.
type OrderError struct {
	OrderID string
	Reason  string
	Err     error // money.ErrCurrencyMismatch for an order in another currency, if so
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("campaign: order %q: %s", e.OrderID, e.Reason)
}

// Unwrap returns [ErrInvalidOrder], and Err when it is set.
func (e *OrderError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidOrder}
	}
	return []error{ErrInvalidOrder, e.Err}
}
