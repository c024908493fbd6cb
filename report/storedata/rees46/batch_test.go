package rees46

import (
	"os"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/batchcheck"
)

// The sample's 1,000 rows come back in batches as ReadEvents gives them.
func TestEventBatchesSample(t *testing.T) {
	in, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if n := batchcheck.Count(ReadEvents, string(in), storedata.Options{}); n < 999 {
		t.Fatalf("%d events: the test checks too little", n)
	}
	batchcheck.Events(t, ReadEvents, ReadEventBatches, string(in))
}

// Bad rows are ReadEvents' errors at the same places; a time a batch
// cannot hold is an ErrBatchRange of its cell.
func TestEventBatchesBadRows(t *testing.T) {
	in := strings.Join(Columns, ",") + "\n" +
		"2019-10-01 00:00:00 UTC,view,1,2,a.b,br,1.50,u1,s1\n" +
		"2019-10-01 00:00:01 UTC,jump,1,2,,,1.50,u1,s1\n" +
		"2019-10-01 00:00:02 UTC,purchase,1,2,,,,u1,s1\n" +
		"1500-10-01 00:00:02 UTC,view,1,2,,,,u2,\n" +
		"2019-10-01 00:00:03 UTC,cart,3,,,,2,u2,s2\n"
	batchcheck.Events(t, ReadEvents, ReadEventBatches, in)
	ranged := batchcheck.RangeErrors(ReadEventBatches, in)
	want := []string{"storedata: input:5: column 1 (event_time): time outside the years 1678 to 2261 that a batch holds: 1500-10-01T00:00:02Z"}
	if d := gocmp.Diff(want, ranged); d != "" {
		t.Errorf("ErrBatchRange errors (-want +got):\n%s", d)
	}
}
