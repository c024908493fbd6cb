package storedata

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestReadReceiptsPurchaseOrders(t *testing.T) {
	d := func(m time.Month, day int) time.Time { return time.Date(2025, m, day, 0, 0, 0, 0, time.UTC) }
	cost := money.MustNew("30.00", "CNY")
	for _, tc := range []struct {
		name, reason, csv string
		want              []inventory.Receipt
		errCols           []string // the columns of the errors, in order
	}{{
		name:   "old file",
		reason: "a file of the five original columns reads as before, with no purchase order",
		csv:    "sku,day,quantity,currency,unit_cost\nA1,2025-11-01,12,CNY,30.00\n",
		want:   []inventory.Receipt{{SKU: "A1", Day: d(11, 1), Quantity: 12, UnitCost: cost}},
	}, {
		name:   "purchase orders",
		reason: "every optional column read; empty cells are unknown; columns in any order",
		csv: "po_id,sku,day,quantity,currency,unit_cost,supplier,ordered,promised,ordered_quantity\n" +
			"PO-1,A1,2025-11-09,12,CNY,30.00,Acme,2025-11-01,2025-11-08,20\n" +
			",A1,2025-11-10,8,CNY,30.00,Acme,,,\n",
		want: []inventory.Receipt{
			{SKU: "A1", Day: d(11, 9), Quantity: 12, UnitCost: cost, Supplier: "Acme", PO: "PO-1", Ordered: d(11, 1), Promised: d(11, 8), OrderedQuantity: 20},
			{SKU: "A1", Day: d(11, 10), Quantity: 8, UnitCost: cost, Supplier: "Acme"},
		},
	}, {
		name:   "bad purchase orders",
		reason: "each bad cell is a located error of its column and its row is left out",
		csv: "sku,day,quantity,currency,unit_cost,supplier,po_id,ordered,promised,ordered_quantity\n" +
			"A1,2025-11-09,12,CNY,30.00,Acme,PO-1,2025-11-10,,\n" + // ordered after the receipt
			"A1,2025-11-09,12,CNY,30.00,Acme,PO-2,2025-11-05,2025-11-04,\n" + // ordered after the promise
			"A1,2025-11-09,12,CNY,30.00,Acme,PO-3,11/01/2025,,\n" + // not a day
			"A1,2025-11-09,12,CNY,30.00,Acme,PO-4,,2025-13-01,\n" + // not a day
			"A1,2025-11-09,12,CNY,30.00,Acme,PO-5,,,-3\n" + // negative
			"A1,2025-11-09,12,CNY,30.00,Acme,PO-6,,,x\n", // not an integer
		errCols: []string{"ordered", "ordered", "ordered", "promised", "ordered_quantity", "ordered_quantity"},
	}} {
		got, errs := Collect(ReadReceipts(strings.NewReader(tc.csv), Options{}))
		if diff := cmp.Diff(tc.want, got, moneyCmp); diff != "" {
			t.Errorf("%s (%s): receipts (-want +got):\n%s", tc.name, tc.reason, diff)
		}
		var cols []string
		for i, err := range errs {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != i+2 {
				t.Errorf("%s: error %v is not a *ParseError of line %d", tc.name, err, i+2)
				continue
			}
			cols = append(cols, pe.Name)
		}
		if diff := cmp.Diff(tc.errCols, cols); diff != "" {
			t.Errorf("%s (%s): error columns (-want +got):\n%s", tc.name, tc.reason, diff)
		}
	}
}
