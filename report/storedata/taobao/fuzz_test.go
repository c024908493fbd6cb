package taobao

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/batchcheck"
)

// FuzzReadEvents checks that no input panics the reader, that every error
// is a located storedata error, and that every event is complete.
func FuzzReadEvents(f *testing.F) {
	f.Add("1,2268318,2520377,pv,1511544070\n1,2333346,2520771,buy,1511561733\n")
	f.Add("1,2,3,fav,-1\r\n\"1\",2,3,cart,99999999999999999999\n")
	f.Add("\ufeff1,2,3\n")
	f.Fuzz(func(t *testing.T, in string) {
		for e, err := range ReadEvents(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				var pe *storedata.ParseError
				if !errors.As(err, &pe) || pe.Line < 1 {
					t.Errorf("%v is not located", err)
				}
				continue
			}
			if e.UserID == "" || e.Name == "" || e.Prop(PropItem) == "" || e.Time.IsZero() {
				t.Errorf("event %+v", e)
			}
		}
	})
}

// FuzzEventBatches checks that ReadEventBatches never panics and gives
// what ReadEvents gives, lenient and strict, in batches of 3.
func FuzzEventBatches(f *testing.F) {
	f.Add("1,2268318,2520377,pv,1511544070\n1,2333346,2520771,buy,1511561733\n", false)
	f.Add("1,2,3,fav,-9214560001\r\n\"1\",2,3,cart,99999999999999999999\n1,2,,buy,0\n", true)
	f.Fuzz(func(t *testing.T, in string, strict bool) {
		batchcheck.EventsOpts(t, ReadEvents, ReadEventBatches, in, storedata.Options{Strict: strict, BatchSize: 3})
	})
}
