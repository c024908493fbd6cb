package storedata_test

import (
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// readClicks is the batch reader of a made-up export, "user seconds
// page" a line: an EventBatcher cuts its rows into batches by
// Options.BatchSize, yields the batch before each error, and stops when
// the consumer does.
func readClicks(in string, opts storedata.Options) iter.Seq2[*funnel.Events, error] {
	return func(yield func(*funnel.Events, error) bool) {
		bt := storedata.NewEventBatcher(opts, []string{"page"}, yield)
		for i, line := range strings.Split(strings.TrimSpace(in), "\n") {
			f := strings.Fields(line)
			var sec int64
			err := fmt.Errorf("clicks: line %d: want 3 fields", i+1)
			if len(f) == 3 {
				sec, err = strconv.ParseInt(f[1], 10, 64)
			}
			if err == nil && (sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix) {
				err = fmt.Errorf("clicks: line %d: %w", i+1, storedata.ErrBatchRange)
			}
			if err != nil {
				if !bt.Fail(err) {
					return
				}
				continue
			}
			bt.Add(f[0], sec*1e9, "view", f[2])
			if !bt.Done() {
				return
			}
		}
		bt.Close()
	}
}

// Write the batch reader of another system's events with an
// EventBatcher: a batch holds up to BatchSize rows and is yielded before
// an error, the batches share their user dictionary, and Event gives each
// row back.
func ExampleEventBatcher() {
	const clicks = `ann 1764547200 /tea
bob 1764547260 /cups
ann 1764547320
cid 1764547380 /tea
ann 1764547440 /cart
`
	for b, err := range readClicks(clicks, storedata.Options{BatchSize: 3}) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("batch of %d (%d users so far):\n", b.Len(), b.UserIDs.Len())
		for i := range b.Len() {
			e := b.Event(i)
			fmt.Println(" ", e.UserID, e.Time.Format("15:04"), e.Name, e.Props)
		}
	}
	// Output:
	// batch of 2 (2 users so far):
	//   ann 00:00 view [{page /tea}]
	//   bob 00:01 view [{page /cups}]
	// error: clicks: line 3: want 3 fields
	// batch of 2 (3 users so far):
	//   cid 00:03 view [{page /tea}]
	//   ann 00:04 view [{page /cart}]
}
