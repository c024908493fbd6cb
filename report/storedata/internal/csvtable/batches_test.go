package csvtable

import (
	"errors"
	"io"
	"iter"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// clicks reads "user,unix,page" records with EventBatches.
func clicks(r io.Reader, opts storedata.Options) iter.Seq2[*funnel.Events, error] {
	cols := []string{"user", "unix", "page"}
	return EventBatches(r, opts, cols, cols, "unix", []string{"page"}, func(t *Table, e *EventRow) error {
		sec, err := strconv.ParseInt(t.Get("unix"), 10, 64)
		if err != nil {
			return t.Fail("unix", err)
		}
		e.User, e.Name, e.Time = t.Get("user"), "view", time.Unix(sec, 0)
		e.Values = append(e.Values[:0], t.Get("page"))
		return nil
	})
}

// The yields of EventBatches: batches cut by BatchSize and before each
// error, a time outside the batches' range as ErrBatchRange in its
// column, and a strict reading stopped at the first error.
func TestEventBatches(t *testing.T) {
	const in = "a,1700000000,/tea\nb,1700000060,\nc,x,/cup\nd,-9214560001,/x\ne,1700000120,/cup\n"
	var got []string
	for b, err := range clicks(strings.NewReader(in), storedata.Options{BatchSize: 3, Location: time.FixedZone("CST", 8*3600)}) {
		if err != nil {
			got = append(got, err.Error())
			continue
		}
		var users []string
		for i := range b.Len() {
			e := b.Event(i)
			users = append(users, e.UserID+e.Time.Format("15:04")+strconv.Itoa(len(e.Props)))
		}
		got = append(got, strings.Join(users, " "))
	}
	want := []string{
		"a06:131 b06:140",
		`storedata: input:3: column 2 (unix): strconv.ParseInt: parsing "x": invalid syntax`,
		"storedata: input:4: column 2 (unix): time outside the years 1678 to 2261 that a batch holds: 1678-01-01T07:59:59+08:00",
		"e06:151",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("yields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	n := 0
	for _, err := range clicks(strings.NewReader(in), storedata.Options{Strict: true}) {
		n++
		if err != nil && !errors.As(err, new(*storedata.ParseError)) {
			t.Errorf("strict: %v, want a *storedata.ParseError", err)
		}
	}
	if n != 2 {
		t.Errorf("strict: %d yields, want 2 (the batch of a and b, then the error)", n)
	}
}
