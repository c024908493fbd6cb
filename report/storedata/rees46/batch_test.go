package rees46

import (
	"errors"
	"os"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// item is one yield of a reader: an event, or an error.
type item struct {
	Event funnel.Event
	Err   string
}

func rowItems(in string, opts storedata.Options) []item {
	var out []item
	for e, err := range ReadEvents(strings.NewReader(in), opts) {
		if err != nil {
			out = append(out, item{Err: err.Error()})
			continue
		}
		out = append(out, item{Event: e})
	}
	return out
}

// rangeErr stands for an ErrBatchRange error in the items.
const rangeErr = "ErrBatchRange"

// batchItems drains ReadEventBatches, checking the batches' sizes and
// shared dictionaries.
func batchItems(t *testing.T, in string, opts storedata.Options) []item {
	t.Helper()
	var out []item
	var users any
	for b, err := range ReadEventBatches(strings.NewReader(in), opts) {
		if errors.Is(err, storedata.ErrBatchRange) {
			out = append(out, item{Err: rangeErr}) // its message: TestEventBatchesBadRows
			continue
		}
		if err != nil {
			out = append(out, item{Err: err.Error()})
			continue
		}
		if b.Len() == 0 || opts.BatchSize > 0 && b.Len() > opts.BatchSize {
			t.Errorf("a batch of %d events (BatchSize %d)", b.Len(), opts.BatchSize)
		}
		if users == nil {
			users = b.UserIDs
		} else if users != any(b.UserIDs) {
			t.Error("the batches do not share their dictionaries")
		}
		for i := range b.Len() {
			out = append(out, item{Event: b.Event(i)})
		}
	}
	return out
}

// checkBatches compares the batch reader with the row reader on in,
// lenient and strict, at several batch sizes, with and without
// ReuseSlices.
func checkBatches(t *testing.T, in string) {
	t.Helper()
	for _, strict := range []bool{false, true} {
		for _, size := range []int{1, 7, 0} {
			for _, reuse := range []bool{false, true} {
				checkBatchesOpts(t, in, storedata.Options{Strict: strict, BatchSize: size, ReuseSlices: reuse})
			}
		}
	}
}

// checkBatchesOpts compares the batch reader with the row reader on in
// with opts.
func checkBatchesOpts(t *testing.T, in string, opts storedata.Options) {
	t.Helper()
	// The rows' items, with an event a batch cannot hold as an error, to
	// the first error in strict mode.
	var want []item
	for _, it := range rowItems(in, opts) {
		if sec := it.Event.Time.Unix(); it.Err == "" && (sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix) {
			it = item{Err: rangeErr}
		}
		want = append(want, it)
		if opts.Strict && it.Err != "" {
			break
		}
	}
	if d := gocmp.Diff(want, batchItems(t, in, opts), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("strict %v, BatchSize %d, ReuseSlices %v (-rows +batches):\n%s", opts.Strict, opts.BatchSize, opts.ReuseSlices, d)
	}
}

// The sample's 1,000 rows come back in batches as ReadEvents gives them.
func TestEventBatchesSample(t *testing.T) {
	in, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rowItems(string(in), storedata.Options{})); n < 999 {
		t.Fatalf("%d events: the test checks too little", n)
	}
	checkBatches(t, string(in))
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
	checkBatches(t, in)
	var ranged []string
	for _, err := range ReadEventBatches(strings.NewReader(in), storedata.Options{}) {
		if errors.Is(err, storedata.ErrBatchRange) {
			ranged = append(ranged, err.Error())
		}
	}
	want := []string{"storedata: input:5: column 1 (event_time): time outside the years 1678 to 2261 that a batch holds: 1500-10-01T00:00:02Z"}
	if d := gocmp.Diff(want, ranged); d != "" {
		t.Errorf("ErrBatchRange errors (-want +got):\n%s", d)
	}
}
