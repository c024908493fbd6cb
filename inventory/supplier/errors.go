package supplier

import (
	"errors"
	"fmt"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// The kinds of bad receipt, wrapped by *[RecordError].
var (
	// ErrQuantity: a receipt's quantity is not positive or its ordered
	// quantity is negative.
	ErrQuantity = errors.New("supplier: bad quantity")
	// ErrDates: a receipt's order day is after its receipt day or after
	// its promised day.
	ErrDates = errors.New("supplier: order day after the receipt or the promise")
	// ErrConflict: a receipt gives its PO line another order day, promised
	// day or ordered quantity than the line's earlier receipts.
	ErrConflict = errors.New("supplier: receipt contradicts its PO line")
	// ErrOverflow: the units of a PO line pass the int64 range.
	ErrOverflow = errors.New("supplier: units overflow")
)

// RecordError is a receipt that [Ledger.Add] (or a PO line that
// [Ledger.Merge]) refused, located by supplier, PO, SKU and day.
type RecordError struct {
	Supplier, PO, SKU string
	Day               inventory.Day
	Detail            string // what is wrong, with the values
	Err               error  // one of the package's sentinels
}

func (e *RecordError) Error() string {
	po := e.PO
	if po == "" {
		po = "(no PO)"
	}
	return fmt.Sprintf("supplier: receipt of %s from %s, PO %s, on %s: %s: %v", e.SKU, e.Supplier, po, e.Day, e.Detail, e.Err)
}

// Unwrap returns the sentinel.
func (e *RecordError) Unwrap() error { return e.Err }
