package rees46

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/batchcheck"
)

// FuzzRead checks that no input panics the readers, that every error is a
// located storedata error, that both readers reject the same rows, and
// that every order is well formed.
func FuzzRead(f *testing.F) {
	head, err := os.ReadFile(sample)
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.SplitAfter(string(head), "\n")
	f.Add(strings.Join(lines[:40], ""))
	f.Add("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n2019-10-01 00:00:00 UTC,purchase,1,2,,b,\"1.5\",u,s\n")
	f.Add("\ufeffevent_time,event_type\n\"")
	f.Fuzz(func(t *testing.T, in string) {
		var evErrs, orErrs int
		for _, err := range ReadEvents(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				evErrs++
				checkLocated(t, err)
			}
		}
		for o, err := range ReadOrders(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				orErrs++
				checkLocated(t, err)
				continue
			}
			if o.ID == "" || len(o.Lines) == 0 {
				t.Errorf("order %+v", o)
			}
			for _, l := range o.Lines {
				if l.Quantity < 1 || !l.UnitPrice.IsPositive() {
					t.Errorf("line %+v", l)
				}
			}
		}
		if evErrs != orErrs {
			t.Errorf("ReadEvents: %d errors, ReadOrders: %d", evErrs, orErrs)
		}
	})
}

func checkLocated(t *testing.T, err error) {
	var pe *storedata.ParseError
	var fe *storedata.FileError
	switch {
	case errors.As(err, &pe):
		if pe.Line < 1 || pe.Rows != 1 {
			t.Errorf("%v: line %d, rows %d", err, pe.Line, pe.Rows)
		}
	case errors.As(err, &fe):
	default:
		t.Errorf("%v (%T) is not located", err, err)
	}
}

// FuzzEventBatches checks that ReadEventBatches never panics and gives
// what ReadEvents gives, lenient and strict, in batches of 3.
func FuzzEventBatches(f *testing.F) {
	head, err := os.ReadFile(sample)
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.SplitAfter(string(head), "\n")
	f.Add(strings.Join(lines[:20], ""), false)
	f.Add("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n"+
		"1500-10-01 00:00:00 UTC,purchase,1,2,,b,\"1.5\",u,s\n2019-10-01 00:00:00 UTC,jump,1,2,,b,1,u,s\n", true)
	f.Fuzz(func(t *testing.T, in string, strict bool) {
		batchcheck.EventsOpts(t, ReadEvents, ReadEventBatches, in, storedata.Options{Strict: strict, BatchSize: 3})
	})
}
