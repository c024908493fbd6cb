package storedata

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// checkErrors fails unless every error is a *ParseError with a line, or
// the one error is a *FileError with a line.
func checkErrors(t *testing.T, errs []error) {
	for _, err := range errs {
		var pe *ParseError
		var fe *FileError
		switch {
		case errors.As(err, &pe) && pe.Line >= 1:
		case errors.As(err, &fe) && fe.Line >= 1 && len(errs) == 1:
		default:
			t.Fatalf("error %v is not a *ParseError with a line, nor the only error and a *FileError", err)
		}
	}
}

// fuzzReader checks a reader on arbitrary input: it never panics, every
// error is located, strict mode stops at the first error, and whatever it
// reads its writer writes without an error and reads back to the same
// values.
func fuzzReader[T any](f *testing.F, seeds []string, read func(r *strings.Reader, o Options) iter.Seq2[T, error], write func(io.Writer, iter.Seq[T]) error) {
	for _, s := range seeds {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict bool) {
		vals, errs := Collect(read(strings.NewReader(data), Options{Strict: strict}))
		checkErrors(t, errs)
		if strict && len(errs) > 1 {
			t.Fatalf("strict mode reported %d errors", len(errs))
		}
		var buf bytes.Buffer
		if err := write(&buf, slices.Values(vals)); err != nil {
			t.Fatalf("writing what was read: %v", err)
		}
		back, errs := Collect(read(strings.NewReader(buf.String()), Options{}))
		if len(errs) > 0 {
			t.Fatalf("re-reading %q: %v", buf.String(), errs)
		}
		// Event properties come back in column order.
		byKey := cmpopts.SortSlices(func(a, b funnel.Prop) bool { return a.Key < b.Key })
		if diff := cmp.Diff(vals, back, moneyCmp, cmpopts.EquateEmpty(), byKey); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

func FuzzReadOrders(f *testing.F) {
	for _, s := range []string{ordersCSV, "order_id,placed_at,currency,sku,quantity,unit_price\no1,2025-11-11T20:00:00Z,CNY,A,1,1\n", ""} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict bool) {
		orders, errs := Collect(ReadOrders(strings.NewReader(data), Options{Strict: strict}))
		checkErrors(t, errs)
		// Whatever was read writes and reads back to the same orders.
		var buf bytes.Buffer
		if err := WriteOrders(&buf, slices.Values(orders)); err != nil {
			t.Fatal(err)
		}
		back, errs := Collect(ReadOrders(&buf, Options{}))
		if len(errs) > 0 {
			t.Fatalf("re-reading: %v", errs)
		}
		if diff := cmp.Diff(orders, back, cmp.Comparer(func(a, b money.Money) bool { return a.Equal(b) || a.IsZero() && b.IsZero() })); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

func FuzzReadRefunds(f *testing.F) {
	fuzzReader(f, []string{"refund_id,order_id,refunded_at,currency,amount,reason,sku,quantity,restocked\nr1,o1,2025-11-12T10:00:00Z,CNY,59.90,size,A1,1,true\n"},
		func(r *strings.Reader, o Options) iter.Seq2[metrics.Refund, error] { return ReadRefunds(r, o) }, WriteRefunds)
}

func FuzzReadEvents(f *testing.F) {
	fuzzReader(f, []string{"user_id,time,name,session_id,source,device\nu1,2025-11-12T10:00:00Z,page_view,s1,ads,mobile\n"}, ReadEventsFromReader,
		func(w io.Writer, es iter.Seq[eventAlias]) error { return WriteEvents(w, es, extraKeys(es)...) })
}

// ReadEventsFromReader adapts ReadEvents for the fuzz helper.
func ReadEventsFromReader(r *strings.Reader, o Options) iter.Seq2[eventAlias, error] {
	return ReadEvents(r, o)
}

func FuzzReadSpend(f *testing.F) {
	fuzzReader(f, []string{"channel,day,currency,amount\nads,2025-11-01,CNY,1200.00\n"},
		func(r *strings.Reader, o Options) iter.Seq2[metrics.Spend, error] { return ReadSpend(r, o) }, WriteSpend)
}

func FuzzReadSnapshots(f *testing.F) {
	fuzzReader(f, []string{"sku,day,on_hand,currency,unit_cost\nA1,2025-11-01,12,CNY,30.00\n"}, func(r *strings.Reader, o Options) iter.Seq2[snapshotAlias, error] { return ReadSnapshots(r, o) }, WriteSnapshots)
}

func FuzzReadReceipts(f *testing.F) {
	fuzzReader(f, []string{"sku,day,quantity,currency,unit_cost\nA1,2025-11-01,12,CNY,30.00\n",
		"sku,day,quantity,currency,unit_cost,supplier,po_id,ordered,promised,ordered_quantity\nA1,2025-11-09,12,CNY,30.00,Acme,PO-1,2025-11-01,2025-11-08,20\nA1,2025-11-10,8,CNY,30.00,Acme,PO-1,2025-11-01,2025-11-08,20\nB2,2025-11-10,3,CNY,9,,,,,\n"}, func(r *strings.Reader, o Options) iter.Seq2[receiptAlias, error] { return ReadReceipts(r, o) }, WriteReceipts)
}

func FuzzReadPromotions(f *testing.F) {
	fuzzReader(f, []string{"promotion_id,name,window,mechanism,skus,categories,store,percent,threshold,amount,buy_qty,get_qty,currency,fixed_cost,media_cost\np1,Double 11,2025-11-01..2025-11-11,percent_off,A1|B2,,false,0.20,,,,,CNY,5000.00,20000.00\n"},
		func(r *strings.Reader, o Options) iter.Seq2[promotionAlias, error] { return ReadPromotions(r, o) }, WritePromotions)
}

func FuzzReadTargets(f *testing.F) {
	fuzzReader(f, []string{"metric,period,currency,amount,value\nnet_sales,2025-11,CNY,1200000.00,\nconversion_rate,2025-11,,,0.032\n"},
		func(r *strings.Reader, o Options) iter.Seq2[metrics.Target, error] { return ReadTargets(r, o) }, WriteTargets)
}

func FuzzReadTickets(f *testing.F) {
	fuzzReader(f, []string{"ticket_id,customer_id,order_id,channel,opened_at,first_response_at,resolved_at,reopened,reason,score\nt1,c1,o1,chat,2025-11-12T10:00:00Z,2025-11-12T10:20:00Z,,false,size,5\n"},
		func(r *strings.Reader, o Options) iter.Seq2[service.Ticket, error] { return ReadTickets(r, o) }, WriteTickets)
}

func FuzzReadOnlineRetail(f *testing.F) {
	for _, s := range []string{
		"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\nC536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom\n536414,22139,,-56,2010-12-01 11:52:00,0.00,,United Kingdom\nA563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom\n",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict bool) {
		recs, errs := Collect(ReadOnlineRetail(strings.NewReader(data), time.UTC, Options{Strict: strict}))
		checkErrors(t, errs)
		if strict && len(errs) > 1 {
			t.Fatalf("strict mode reported %d errors", len(errs))
		}
		for _, r := range recs {
			n := 0
			if r.Order != nil {
				n++
			}
			if r.Refund != nil {
				n++
			}
			if r.Adjustment != nil {
				n++
			}
			if n != 1 {
				t.Fatalf("record %+v has %d fields set, want exactly 1", r, n)
			}
		}
	})
}

func FuzzReadProducts(f *testing.F) {
	fuzzReader(f, []string{"sku,name,category,currency,unit_price,lead_time_days\nTEA-1,龙井 250g,tea,CNY,128.00,7\nCUP-2,Cup,home,,,\n",
		"sku,name,category,currency,unit_price,lead_time_days,launch_date\nTEA-1,龙井 250g,tea,CNY,128.00,7,2025-09-15\nCUP-2,Cup,home,,,,\nX,x,x,,,,2025-02-30\n"},
		func(r *strings.Reader, o Options) iter.Seq2[itemAlias, error] { return ReadProducts(r, o) }, WriteProducts)
}

// extraKeys lists the property keys of events that are not fixed columns,
// in order of first use.
func extraKeys(es iter.Seq[eventAlias]) []string {
	var keys []string
	for e := range es {
		for _, p := range e.Props {
			if !slices.Contains(EventColumns, p.Key) && !slices.Contains(keys, p.Key) {
				keys = append(keys, p.Key)
			}
		}
	}
	return keys
}
