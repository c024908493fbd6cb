package storedata

import (
	"bytes"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/report"
)

func FuzzReadMembers(f *testing.F) {
	fuzzReader(f, []string{"customer_id,level,joined,left\nc1,gold,2025-03-01,\nc2,,2025-04-01,2025-09-30\n", "customer_id,joined\nc1,2025-03-01\nc1,2025-03-02\n"},
		func(r *strings.Reader, o Options) iter.Seq2[loyalty.Member, error] { return ReadMembers(r, o) }, WriteMembers)
}

func FuzzReadPoints(f *testing.F) {
	fuzzReader(f, []string{"customer_id,time,kind,points,order_id,reason\nc1,2025-11-12T10:00:00+08:00,issued,128,o1,\nc1,2025-11-13T10:00:00+08:00,redeemed,100,o2,\nc1,2025-11-14T10:00:00Z,adjusted,-3,,fix\n"},
		func(r *strings.Reader, o Options) iter.Seq2[loyalty.Entry, error] { return ReadPoints(r, o) }, WritePoints)
}

func TestReadMembers(t *testing.T) {
	shanghai := time.FixedZone("+08:00", 8*3600)
	in := "customer_id,level,joined,left\n" +
		"c1,gold,2025-03-01,\n" +
		"c2,silver,2025-04-01,2025-09-30\n" +
		"c1,gold,2025-05-01,\n" + // duplicate ID
		"c3,,2025-05-01,2025-05-01\n" + // left on the day of joining
		"c4,,2025-13-01,\n" + // not a day
		",gold,2025-05-01,\n" // no ID
	got, errs := Collect(ReadMembers(strings.NewReader(in), Options{Location: shanghai}))
	d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, shanghai) }
	want := []loyalty.Member{
		{CustomerID: "c1", Level: "gold", Joined: d(2025, 3, 1)},
		{CustomerID: "c2", Level: "silver", Joined: d(2025, 4, 1), Left: d(2025, 9, 30)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	type loc struct {
		Line   int
		Column string
	}
	var gotLocs []loc
	for _, err := range errs {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not a *ParseError", err)
		}
		gotLocs = append(gotLocs, loc{pe.Line, pe.Name})
	}
	wantLocs := []loc{{4, ""}, {5, "left"}, {6, "joined"}, {7, "customer_id"}}
	if diff := cmp.Diff(wantLocs, gotLocs); diff != "" {
		t.Errorf("error locations (-want +got):\n%s\n%v", diff, errs)
	}
	if !errors.Is(errs[0], ErrDuplicateID) {
		t.Errorf("duplicate member: %v, want ErrDuplicateID", errs[0])
	}
	// Strict mode stops at the first.
	_, errs = Collect(ReadMembers(strings.NewReader(in), Options{Strict: true}))
	if len(errs) != 1 {
		t.Errorf("strict: %d errors, want 1", len(errs))
	}
}

func TestReadPoints(t *testing.T) {
	in := "customer_id,time,kind,points,order_id,reason\n" +
		"c1,2025-11-12T10:00:00Z,issued,128,o1,\n" +
		"c1,2025-11-14T10:00:00Z,adjusted,-3,,fix\n" +
		"c1,2025-11-15T10:00:00Z,redeemed,-5,o2,\n" + // negative redemption
		"c1,2025-11-15T10:00:00Z,spent,5,o2,\n" + // unknown kind
		"c1,2025-11-15T10:00:00Z,adjusted,0,,\n" + // zero adjustment
		"c1,2025-11-15,issued,5,,\n" + // a day, not a time
		"c1,2025-11-15T10:00:00Z,issued,1.5,,\n" // not an integer
	got, errs := Collect(ReadPoints(strings.NewReader(in), Options{}))
	want := []loyalty.Entry{
		{CustomerID: "c1", At: time.Date(2025, 11, 12, 10, 0, 0, 0, time.UTC), Kind: loyalty.Issued, Points: 128, OrderID: "o1"},
		{CustomerID: "c1", At: time.Date(2025, 11, 14, 10, 0, 0, 0, time.UTC), Kind: loyalty.Adjusted, Points: -3, Reason: "fix"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	var cols []string
	for _, err := range errs {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not a *ParseError", err)
		}
		cols = append(cols, pe.Name)
	}
	if diff := cmp.Diff([]string{"points", "kind", "points", "time", "points"}, cols); diff != "" {
		t.Errorf("error columns (-want +got):\n%s\n%v", diff, errs)
	}
	var buf bytes.Buffer
	if err := WritePoints(&buf, slices.Values(got)); err != nil {
		t.Fatal(err)
	}
	wantCSV := "customer_id,time,kind,points,order_id,reason\n" +
		"c1,2025-11-12T10:00:00Z,issued,128,o1,\n" +
		"c1,2025-11-14T10:00:00Z,adjusted,-3,,fix\n"
	if diff := cmp.Diff(wantCSV, buf.String()); diff != "" {
		t.Errorf("written (-want +got):\n%s", diff)
	}
}

func TestWriteMembersRefuses(t *testing.T) {
	for _, m := range []loyalty.Member{
		{Joined: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{CustomerID: "c"},
		{CustomerID: "c", Joined: time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)},
		{CustomerID: "c", Joined: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Left: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if err := WriteMembers(&bytes.Buffer{}, slices.Values([]loyalty.Member{m})); err == nil {
			t.Errorf("WriteMembers(%+v): no error", m)
		}
	}
}

// TestDirLoyalty reads a demo export with members.csv and points.csv:
// Dir gives back the roster and the ledger written, in the store's zone,
// and a bad row is counted as rejected, with its reason.
func TestDirLoyalty(t *testing.T) {
	dir, s := smallDemo(t)
	if len(s.Members) == 0 || len(s.Points) == 0 {
		t.Fatal("the small demo has no members or points")
	}
	if err := writeFile(filepath.Join(dir, "members.csv"), func(f *os.File) error { return WriteMembers(f, slices.Values(s.Members)) }); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePoints(&buf, slices.Values(s.Points)); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("C1,2025-11-12T10:00:00+08:00,spent,5,,\n") // an unknown kind
	writeString(t, dir, "points.csv", buf.String())
	src, err := Dir(dir, Options{Location: s.Config.Location})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s.Members, src.Input.Members); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(s.Points, src.Input.Points); diff != "" {
		t.Errorf("points (-want +got):\n%s", diff)
	}
	var rejected []report.Rejected
	for _, r := range src.Input.Rejected {
		if r.File == "points.csv" {
			rejected = append(rejected, r)
		}
	}
	if len(rejected) != 1 || rejected[0].Rows != 1 || rejected[0].Read != int64(len(s.Points)+1) {
		t.Errorf("points.csv rejected %+v, want 1 row of %d", rejected, len(s.Points)+1)
	}
	if _, err := Dir(dir, Options{Location: s.Config.Location, Strict: true}); err == nil {
		t.Error("strict: the bad row of points.csv is no error")
	}
}
