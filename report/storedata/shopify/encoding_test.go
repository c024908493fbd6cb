package shopify

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Spreadsheets save exports with a byte-order mark and CRLF line ends:
// they read as the plain file does. An empty file is one FileError; a
// header without a required column too.
func TestFileForms(t *testing.T) {
	b, err := os.ReadFile("testdata/orders_export.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, wantErrs := storedata.Collect(ReadOrders(strings.NewReader(string(b)), storedata.Options{}))
	got, gotErrs := storedata.Collect(ReadOrders(strings.NewReader("\ufeff"+strings.ReplaceAll(string(b), "\n", "\r\n")), storedata.Options{}))
	if diff := cmp.Diff(want, got); diff != "" || len(gotErrs) != len(wantErrs) {
		t.Errorf("BOM and CRLF (-want +got):\n%s%v", diff, gotErrs)
	}
	for _, in := range []string{"", "Name,Email\n#1,a\n"} {
		_, errs := storedata.Collect(ReadOrders(strings.NewReader(in), storedata.Options{File: "orders_export.csv"}))
		var fe *storedata.FileError
		if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.File != "orders_export.csv" {
			t.Errorf("%q: %v, want one FileError", in, errs)
		}
	}
}
