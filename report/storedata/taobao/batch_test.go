package taobao

import (
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/batchcheck"
)

// The slice's 6,156 rows come back in batches as ReadEvents gives them.
func TestEventBatchesSlice(t *testing.T) {
	in := readSlice(t)
	if n := batchcheck.Count(ReadEvents, string(in), storedata.Options{}); n != 6156 {
		t.Fatalf("%d events, want 6,156", n)
	}
	batchcheck.Events(t, ReadEvents, ReadEventBatches, string(in))
	batchcheck.EventsOpts(t, ReadEvents, ReadEventBatches, string(in), storedata.Options{Location: China, BatchSize: 1000})
}

// Bad rows are ReadEvents' errors at the same places; a timestamp a batch
// cannot hold is an ErrBatchRange of its cell.
func TestEventBatchesBadRows(t *testing.T) {
	const in = "1,2268318,2520377,pv,1511544070\n" +
		"1,2268318,2520377,jump,1511544071\n" +
		"1,,2520377,pv,1511544072\n" +
		"2,7,,cart,1511544073\n" +
		"2,7,8,buy,-9214560001\n" +
		"2,7,8,fav,x\n" +
		"3,7,8,buy,9214646400\n" +
		"3,7,8,buy,9214646399\n"
	batchcheck.Events(t, ReadEvents, ReadEventBatches, in)
	ranged := batchcheck.RangeErrors(ReadEventBatches, in)
	want := []string{
		"storedata: input:5: column 5 (timestamp): time outside the years 1678 to 2261 that a batch holds: 1677-12-31T23:59:59Z",
		"storedata: input:7: column 5 (timestamp): time outside the years 1678 to 2261 that a batch holds: 2262-01-01T00:00:00Z",
	}
	if d := gocmp.Diff(want, ranged); d != "" {
		t.Errorf("ErrBatchRange errors (-want +got):\n%s", d)
	}
}
