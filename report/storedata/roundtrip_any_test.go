package storedata

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
)

// genAnyText draws text of every kind: what genText draws, any Unicode
// (control characters included), any bytes (invalid UTF-8 included), and
// the cases that once broke a round trip: reserved column names, space at
// an end, a BOM, CRLF, formula triggers.
var genAnyText = rapid.OneOf(genText, rapid.String(), rapid.Map(rapid.SliceOfN(rapid.Byte(), 0, 8), func(b []byte) string { return string(b) }),
	rapid.SampledFrom([]string{"name", "user_id", "time", "session_id", "utm ", " utm", "", "\x00", "\x1b[31m", "a\r\nb", "\ufeffkey", "'=x", "-1", "\u009b", "a\rb", "\t"}))

// genAnyTime draws times in and far out of the years 1000–9999, the zero
// time, and zones whose offset has seconds (which RFC 3339 cannot write).
func genAnyTime(t *rapid.T, label string) time.Time {
	if rapid.IntRange(0, 9).Draw(t, label+"zero") == 0 {
		return time.Time{}
	}
	sec := rapid.OneOf(rapid.Int64Range(-1e11, 3e11), rapid.Int64()).Draw(t, label)
	off := rapid.SampledFrom([]int{0, 8 * 3600, -5 * 3600, 8*3600 + 5*60 + 43, -(3*3600 + 30*60)}).Draw(t, label+"off")
	return time.Unix(sec, rapid.Int64Range(0, 999999999).Draw(t, label+"ns")).In(time.FixedZone("z", off))
}

// genAnyMoney draws amounts of a currency, the zero Money, and amounts
// with more decimals than the currency has.
func genAnyMoney(t *rapid.T, c money.Currency, label string) money.Money {
	if rapid.IntRange(0, 9).Draw(t, label+"zero") == 0 {
		return money.Money{}
	}
	return genMoney(t, c, label)
}

// norm is what a round trip does to text: CRLF inside a quoted cell comes
// back as LF, as encoding/csv reads it (see the package documentation).
func norm(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

var moneyCmp = cmp.Comparer(func(a, b money.Money) bool { return a.Equal(b) || a.IsZero() && b.IsZero() })

// writeOrRoundTrip checks the property of every writer and its reader: the
// writer either returns an error, or writes a file that the reader reads
// without error back to want (the written values after the documented
// normalisations).
func writeOrRoundTrip[T any](t *rapid.T, name string, want []T, write func(*bytes.Buffer) error, read func(*bytes.Buffer) ([]T, []error)) bool {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return false
	}
	file := buf.String()
	got, errs := read(&buf)
	if len(errs) > 0 {
		t.Fatalf("%s: written without an error, but the reader rejects it: %v\n%q", name, errs, file)
	}
	if diff := cmp.Diff(want, got, moneyCmp, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("%s round trip (-want +got):\n%s\n%q", name, diff, file)
	}
	return true
}

// TestPropWritersNeverWriteWhatReadersReject is issue 16 item 21's
// property, over arbitrary keys, values, times and amounts, for every
// writer and reader pair.
func TestPropWritersNeverWriteWhatReadersReject(t *testing.T) {
	written := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		cny := money.MustCurrency("CNY")
		keys := rapid.SliceOfN(genAnyText, 0, 3).Draw(t, "keys")
		var events, wantEvents []funnel.Event
		for range rapid.IntRange(0, 3).Draw(t, "events") {
			e := funnel.Event{UserID: genAnyText.Draw(t, "user"), Time: genAnyTime(t, "t"), Name: genAnyText.Draw(t, "name")}
			for _, k := range append(slices.Clone(keys), funnel.PropSource) {
				if rapid.Bool().Draw(t, "has") {
					e.Props = append(e.Props, funnel.Prop{Key: k, Value: genAnyText.Draw(t, "value")})
				}
			}
			events = append(events, e)
			w := funnel.Event{UserID: norm(e.UserID), Time: e.Time, Name: norm(e.Name)}
			// Properties come back in column order: the fixed ones, then keys.
			order := append(slices.Clone(EventColumns[3:]), keys...)
			for _, k := range order {
				for _, p := range e.Props {
					if p.Key == k && !slices.ContainsFunc(w.Props, func(q funnel.Prop) bool { return q.Key == k }) {
						w.Props = append(w.Props, funnel.Prop{Key: k, Value: norm(p.Value)})
					}
				}
			}
			wantEvents = append(wantEvents, w)
		}
		if writeOrRoundTrip(t, "events", wantEvents, func(b *bytes.Buffer) error { return WriteEvents(b, slices.Values(events), keys...) },
			func(b *bytes.Buffer) ([]funnel.Event, []error) { return Collect(ReadEvents(b, Options{})) }) {
			written["events"]++
		}

		var orders, wantOrders []metrics.Order
		for range rapid.IntRange(0, 2).Draw(t, "orders") {
			o := metrics.Order{ID: genAnyText.Draw(t, "id"), CustomerID: genAnyText.Draw(t, "cust"), PlacedAt: genAnyTime(t, "at"),
				Channel: genAnyText.Draw(t, "ch"), Status: metrics.OrderStatus(rapid.IntRange(0, 3).Draw(t, "st")), Currency: cny,
				Discount: genAnyMoney(t, cny, "disc"), Shipping: genAnyMoney(t, cny, "ship"), Tax: genAnyMoney(t, cny, "tax"), Promotion: genAnyText.Draw(t, "promo")}
			for range rapid.IntRange(0, 3).Draw(t, "lines") {
				o.Lines = append(o.Lines, metrics.Line{SKU: genAnyText.Draw(t, "sku"), Name: genAnyText.Draw(t, "lname"), Category: genAnyText.Draw(t, "cat"),
					Quantity: rapid.Int64Range(-2, 2).Draw(t, "qty"), UnitPrice: genAnyMoney(t, cny, "price"), Discount: genAnyMoney(t, cny, "ld"),
					UnitCost: genAnyMoney(t, cny, "cost"), Promotion: genAnyText.Draw(t, "lp")})
			}
			orders = append(orders, o)
			w := o
			w.ID, w.CustomerID, w.Channel, w.Promotion = norm(o.ID), norm(o.CustomerID), norm(o.Channel), norm(o.Promotion)
			w.Lines = nil
			for _, l := range o.Lines {
				l.SKU, l.Name, l.Category, l.Promotion = norm(l.SKU), norm(l.Name), norm(l.Category), norm(l.Promotion)
				w.Lines = append(w.Lines, l)
			}
			wantOrders = append(wantOrders, w)
		}
		if writeOrRoundTrip(t, "orders", wantOrders, func(b *bytes.Buffer) error { return WriteOrders(b, slices.Values(orders)) },
			func(b *bytes.Buffer) ([]metrics.Order, []error) { return Collect(ReadOrders(b, Options{})) }) {
			written["orders"]++
		}

		f := metrics.Refund{ID: genAnyText.Draw(t, "rid"), OrderID: genAnyText.Draw(t, "oid"), At: genAnyTime(t, "rat"),
			Amount: genAnyMoney(t, cny, "amt"), Reason: genAnyText.Draw(t, "reason")}
		for range rapid.IntRange(0, 2).Draw(t, "rlines") {
			f.Lines = append(f.Lines, metrics.ReturnedLine{SKU: genAnyText.Draw(t, "rsku"), Quantity: rapid.Int64Range(-1, 2).Draw(t, "rq"), Restocked: rapid.Bool().Draw(t, "rs")})
		}
		wf := f
		wf.ID, wf.OrderID, wf.Reason = norm(f.ID), norm(f.OrderID), norm(f.Reason)
		wf.Lines = nil
		for _, l := range f.Lines {
			l.SKU = norm(l.SKU)
			wf.Lines = append(wf.Lines, l)
		}
		if writeOrRoundTrip(t, "refunds", []metrics.Refund{wf}, func(b *bytes.Buffer) error { return WriteRefunds(b, slices.Values([]metrics.Refund{f})) },
			func(b *bytes.Buffer) ([]metrics.Refund, []error) { return Collect(ReadRefunds(b, Options{})) }) {
			written["refunds"]++
		}

		k := service.Ticket{ID: genAnyText.Draw(t, "tid"), CustomerID: genAnyText.Draw(t, "tc"), OrderID: genAnyText.Draw(t, "to"), Channel: genAnyText.Draw(t, "tch"),
			OpenedAt: genAnyTime(t, "op"), FirstResponseAt: genAnyTime(t, "fr"), ResolvedAt: genAnyTime(t, "rs"), Reopened: rapid.Bool().Draw(t, "re"),
			Reason: genAnyText.Draw(t, "tr"), Score: rapid.IntRange(-1, 6).Draw(t, "score")}
		wk := k
		wk.ID, wk.CustomerID, wk.OrderID, wk.Channel, wk.Reason = norm(k.ID), norm(k.CustomerID), norm(k.OrderID), norm(k.Channel), norm(k.Reason)
		if writeOrRoundTrip(t, "tickets", []service.Ticket{wk}, func(b *bytes.Buffer) error { return WriteTickets(b, slices.Values([]service.Ticket{k})) },
			func(b *bytes.Buffer) ([]service.Ticket, []error) { return Collect(ReadTickets(b, Options{})) }) {
			written["tickets"]++
		}

		// Days are written as dates and read back as the start of the day
		// in the reader's zone (UTC here).
		dayOf := func(label string) (time.Time, time.Time) {
			d := time.Date(rapid.IntRange(-1, 10001).Draw(t, label+"y"), time.Month(rapid.IntRange(1, 12).Draw(t, label+"m")), rapid.IntRange(1, 28).Draw(t, label+"d"),
				rapid.IntRange(0, 23).Draw(t, label+"h"), 0, 0, 0, time.FixedZone("z", rapid.IntRange(-12, 12).Draw(t, label+"off")*3600))
			return d, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		}
		sd, swant := dayOf("sd")
		sp := metrics.Spend{Channel: genAnyText.Draw(t, "sch"), Day: sd, Amount: genAnyMoney(t, cny, "sp")}
		if writeOrRoundTrip(t, "spend", []metrics.Spend{{Channel: norm(sp.Channel), Day: swant, Amount: sp.Amount}},
			func(b *bytes.Buffer) error { return WriteSpend(b, slices.Values([]metrics.Spend{sp})) },
			func(b *bytes.Buffer) ([]metrics.Spend, []error) { return Collect(ReadSpend(b, Options{})) }) {
			written["spend"]++
		}

		nd, nwant := dayOf("nd")
		sn := inventory.Snapshot{SKU: genAnyText.Draw(t, "nsku"), Day: nd, OnHand: rapid.Int64().Draw(t, "oh"), UnitCost: genAnyMoney(t, cny, "nuc")}
		if writeOrRoundTrip(t, "snapshots", []inventory.Snapshot{{SKU: norm(sn.SKU), Day: nwant, OnHand: sn.OnHand, UnitCost: sn.UnitCost}},
			func(b *bytes.Buffer) error { return WriteSnapshots(b, slices.Values([]inventory.Snapshot{sn})) },
			func(b *bytes.Buffer) ([]inventory.Snapshot, []error) { return Collect(ReadSnapshots(b, Options{})) }) {
			written["snapshots"]++
		}
		rd, rwant := dayOf("rd")
		rc := inventory.Receipt{SKU: genAnyText.Draw(t, "rcsku"), Day: rd, Quantity: rapid.Int64Range(-1, 3).Draw(t, "rcq"), UnitCost: genAnyMoney(t, cny, "rcuc")}
		if writeOrRoundTrip(t, "receipts", []inventory.Receipt{{SKU: norm(rc.SKU), Day: rwant, Quantity: rc.Quantity, UnitCost: rc.UnitCost}},
			func(b *bytes.Buffer) error { return WriteReceipts(b, slices.Values([]inventory.Receipt{rc})) },
			func(b *bytes.Buffer) ([]inventory.Receipt, []error) { return Collect(ReadReceipts(b, Options{})) }) {
			written["receipts"]++
		}

		it := inventory.Item{SKU: genAnyText.Draw(t, "psku"), Name: genAnyText.Draw(t, "pname"), Category: genAnyText.Draw(t, "pcat"),
			UnitPrice: genAnyMoney(t, cny, "pp"), LeadTimeDays: rapid.Float64Range(-1, 30).Draw(t, "lead")}
		wit := it
		wit.SKU, wit.Name, wit.Category = norm(it.SKU), norm(it.Name), norm(it.Category)
		if writeOrRoundTrip(t, "products", []inventory.Item{wit}, func(b *bytes.Buffer) error { return WriteProducts(b, slices.Values([]inventory.Item{it})) },
			func(b *bytes.Buffer) ([]inventory.Item, []error) { return Collect(ReadProducts(b, Options{})) }) {
			written["products"]++
		}

		g := metrics.Target{Metric: rapid.OneOf(rapid.SampledFrom([]string{"net_sales", "orders", "conversion_rate"}), genAnyText).Draw(t, "metric"),
			Period: metrics.MonthOf(2025, time.Month(rapid.IntRange(1, 12).Draw(t, "gm")), time.UTC), Amount: genAnyMoney(t, cny, "ga"),
			Value: rapid.Float64().Draw(t, "gv")}
		if writeOrRoundTrip(t, "targets", []metrics.Target{g}, func(b *bytes.Buffer) error { return WriteTargets(b, slices.Values([]metrics.Target{g})) },
			func(b *bytes.Buffer) ([]metrics.Target, []error) { return Collect(ReadTargets(b, Options{})) }) {
			written["targets"]++
		}

		d0 := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
		p := promo.Promotion{ID: genAnyText.Draw(t, "pid"), Name: genAnyText.Draw(t, "prname"), Window: metrics.Period{Start: d0, End: d0.AddDate(0, 0, 11)},
			Mechanism: promo.Mechanism(rapid.IntRange(0, 5).Draw(t, "mech")),
			Scope:     promo.Scope{SKUs: rapid.SliceOfN(genAnyText, 0, 2).Draw(t, "skus"), Categories: rapid.SliceOfN(genAnyText, 0, 2).Draw(t, "cats")},
			Threshold: genAnyMoney(t, cny, "th"), Amount: genAnyMoney(t, cny, "pam"), FixedCost: genAnyMoney(t, cny, "fc"), MediaCost: genAnyMoney(t, cny, "mc"),
			BuyQty: rapid.Int64Range(-1, 3).Draw(t, "buy"), GetQty: rapid.Int64Range(-1, 3).Draw(t, "get"), CostUnknown: rapid.Bool().Draw(t, "cu")}
		wp := p
		wp.ID, wp.Name = norm(p.ID), norm(p.Name)
		wp.Scope.SKUs, wp.Scope.Categories = nil, nil
		for _, s := range p.Scope.SKUs {
			wp.Scope.SKUs = append(wp.Scope.SKUs, norm(s))
		}
		for _, s := range p.Scope.Categories {
			wp.Scope.Categories = append(wp.Scope.Categories, norm(s))
		}
		if writeOrRoundTrip(t, "promotions", []promo.Promotion{wp}, func(b *bytes.Buffer) error { return WritePromotions(b, slices.Values([]promo.Promotion{p})) },
			func(b *bytes.Buffer) ([]promo.Promotion, []error) { return Collect(ReadPromotions(b, Options{})) }) {
			written["promotions"]++
		}
	})
	t.Logf("draws whose files were written and read back, per writer: %v", written)
}
