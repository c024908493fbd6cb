package taobao

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// slice holds the complete histories of the first 60 users of the Tianchi
// UserBehavior file (6,156 rows; credit and licence in testdata/CREDIT.md).
const slice = "UserBehavior_head_60users.csv.gz"

// readSlice returns the slice, unzipped.
func readSlice(tb testing.TB) []byte {
	tb.Helper()
	f, err := os.Open("testdata/" + slice)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// The expected figures were computed independently with Python (gzip and
// str.split over the same file; days with datetime in UTC+8): 5,596 pv,
// 309 cart, 141 fav, 110 buy, 60 users, 34 buyers, and purchases per China
// day 11, 10, 16, 18, 12, 7, 7, 15, 14 from 2017-11-25 to 12-03.
func TestReadEventsSlice(t *testing.T) {
	z := bytes.NewReader(readSlice(t))
	got := map[string]int{}
	users, buyers := map[string]bool{}, map[string]bool{}
	perDay := map[string]int{}
	for e, err := range ReadEvents(z, storedata.Options{File: slice, Location: China, Strict: true}) {
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name]++
		users[e.UserID] = true
		if e.Name == Purchase {
			buyers[e.UserID] = true
			perDay[e.Time.Format("2006-01-02")]++
		}
	}
	got["users"], got["buyers"] = len(users), len(buyers)
	want := map[string]int{PageView: 5596, AddToCart: 309, Favorite: 141, Purchase: 110, "users": 60, "buyers": 34}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	wantDays := map[string]int{"2017-11-25": 11, "2017-11-26": 10, "2017-11-27": 16, "2017-11-28": 18, "2017-11-29": 12,
		"2017-11-30": 7, "2017-12-01": 7, "2017-12-02": 15, "2017-12-03": 14}
	if diff := cmp.Diff(wantDays, perDay); diff != "" {
		t.Errorf("purchases per day (-want +got):\n%s", diff)
	}
}

func TestBadRows(t *testing.T) {
	const in = "1,2268318,2520377,pv,1511544070\n" +
		"1,2268318,2520377,view,1511544070\n" + // unknown behaviour
		"1,2268318,2520377,pv,1511544070.5\n" + // not an integer
		"1,2268318,2520377,pv\n" + // four fields
		",2268318,2520377,pv,1511544070\n" + // no user
		"1,2268318,2520377,buy,1511544071\n"
	type loc struct{ Line, Column int }
	var got []loc
	events, errs := storedata.Collect(ReadEvents(strings.NewReader(in), storedata.Options{}))
	for _, err := range errs {
		var pe *storedata.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not a *storedata.ParseError", err)
		}
		got = append(got, loc{pe.Line, pe.Column})
	}
	if diff := cmp.Diff([]loc{{2, 4}, {3, 5}, {4, 0}, {5, 1}}, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(events) != 2 {
		t.Errorf("%d events, want 2", len(events))
	}
	if !errors.Is(errs[0], ErrBehavior) || !errors.Is(errs[1], ErrTimestamp) {
		t.Errorf("errors %v", errs)
	}
	if _, errs := storedata.Collect(ReadEvents(strings.NewReader(in), storedata.Options{Strict: true})); len(errs) != 1 {
		t.Errorf("strict: %d errors, want 1", len(errs))
	}
}

// A user whose rows are not together would break the time order per user
// that the review needs: Source refuses the file with the line.
func TestUserNotTogether(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/u.csv", []byte("1,1,1,pv,1511544070\n2,1,1,pv,1511544070\n1,1,1,buy,1511544080\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := (&Source{FS: os.DirFS(dir), Name: "u.csv"}).Input()
	var pe *storedata.ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || !errors.Is(err, storedata.ErrDuplicateID) {
		t.Errorf("err = %v, want user 1 back on line 3", err)
	}
}

// A review of the nine days. report.Build needs orders for its traffic
// section, and the data has none (no prices): the review must not fail,
// and must say that it left the sales and traffic sections out for want
// of orders. The traffic and funnel figures are then computed from the
// same events with the funnel package, and must agree with Python over
// the same file (one event is months early and outside the period): 60
// visitors, 997 sessions split at gaps over 30 minutes, and the funnel
// pv → cart → buy per user within 24 hours (events sorted by time): 60,
// 40, 20.
func TestReview(t *testing.T) {
	src := &Source{FS: os.DirFS("testdata"), Name: slice}
	in, errs, err := src.Input()
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	p, err := metrics.ParsePeriod("2017-11-25..2017-12-03", China)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(in, report.Config{Period: p, Funnel: Funnel()})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Err(); err != nil {
		t.Fatal(err)
	}
	omitted := map[report.Section]string{}
	for _, o := range r.Omitted {
		omitted[o.Section] = o.Missing
	}
	for _, s := range []report.Section{report.SectionOverview, report.SectionTraffic} {
		if omitted[s] != "orders" {
			t.Errorf("section %v: omitted for %q, want orders", s, omitted[s])
		}
	}

	in, _, err = src.Input()
	if err != nil {
		t.Fatal(err)
	}
	var tr funnel.Traffic
	fc, err := funnel.NewCounter(Funnel())
	if err != nil {
		t.Fatal(err)
	}
	for e := range in.Events {
		if !p.Contains(e.Time) {
			continue
		}
		if err := tr.Add(e); err != nil {
			t.Fatal(err)
		}
		if err := fc.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	tot := tr.Report().Total
	got := []int64{tot.Visitors, tot.Sessions}
	for _, s := range fc.Result().Steps {
		got = append(got, s.Reached)
	}
	if diff := cmp.Diff([]int64{60, 997, 60, 40, 20}, got); diff != "" {
		t.Errorf("visitors, sessions, funnel (-want +got):\n%s", diff)
	}
}
