package rees46

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// A byte-order mark and CRLF line ends read as the plain file does; an
// empty file is one FileError; a header alone is no event and no error.
func TestFileForms(t *testing.T) {
	const plain = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n" +
		"2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde\n"
	want, errs := storedata.Collect(ReadEvents(strings.NewReader(plain), storedata.Options{}))
	if len(errs) > 0 || len(want) != 1 {
		t.Fatal(want, errs)
	}
	got, errs := storedata.Collect(ReadEvents(strings.NewReader("\ufeff"+strings.ReplaceAll(plain, "\n", "\r\n")), storedata.Options{}))
	if diff := cmp.Diff(want, got); diff != "" || len(errs) > 0 {
		t.Errorf("BOM and CRLF (-want +got):\n%s%v", diff, errs)
	}
	_, errs = storedata.Collect(ReadEvents(strings.NewReader(""), storedata.Options{}))
	var fe *storedata.FileError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || !errors.Is(errs[0], storedata.ErrNoHeader) {
		t.Errorf("empty file: %v", errs)
	}
	ev, errs := storedata.Collect(ReadEvents(strings.NewReader(strings.SplitAfter(plain, "\n")[0]), storedata.Options{}))
	if len(ev) != 0 || len(errs) != 0 {
		t.Errorf("header only: %v %v", ev, errs)
	}
	// Invalid UTF-8 in a text cell is located.
	_, errs = storedata.Collect(ReadEvents(strings.NewReader(strings.Replace(plain, "shiseido", "shi\xffseido", 1)), storedata.Options{}))
	var pe *storedata.ParseError
	if len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Column != 6 || !errors.Is(errs[0], storedata.ErrText) {
		t.Errorf("invalid UTF-8: %v", errs)
	}
}
