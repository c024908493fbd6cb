package storedata

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/report"
)

// TestTally: issue 17. The review's note counted rows per file and never
// said why; Tally counts rejected rows by reason (a column, a duplicate),
// weighting each error by the rows it rejects.
func TestTally(t *testing.T) {
	errs := []error{
		&ParseError{File: "order_lines.csv", Line: 3, Column: 5, Name: "quantity", Rows: 3, Err: errors.New(`"x" is not a number`)},
		&ParseError{File: "order_lines.csv", Line: 9, Column: 5, Name: "quantity", Rows: 1, Err: errors.New(`"-1" is negative`)},
		&ParseError{File: "order_lines.csv", Line: 12, Rows: 1, Err: ErrDuplicateRow},
		&ParseError{File: "order_lines.csv", Line: 13, Rows: 0, Err: errors.New("explains line 3")}, // rejects no row
		&ParseError{File: "order_lines.csv", Line: 20, Rows: 1, Err: errors.New("invoice A563185 is a bad-debt adjustment, not a sale")},
		&ParseError{File: "order_lines.csv", Line: 21, Rows: 1, Err: errors.New(`invoice "A 563186" is a bad-debt adjustment, not a sale`)},
		fmt.Errorf("an I/O error"),
	}
	got := Tally("order_lines.csv", 120, errs)
	want := report.Rejected{File: "order_lines.csv", Rows: 7, Read: 120,
		Reasons: map[string]int64{"bad quantity": 4, "duplicate row": 1, "invoice … is a bad-debt adjustment, not a sale": 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tally (-want +got):\n%s", diff)
	}
	if got.Rows != int64(Rejected(errs)) {
		t.Errorf("Tally's rows %d, Rejected %d", got.Rows, Rejected(errs))
	}
}
