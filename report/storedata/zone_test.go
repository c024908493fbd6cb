package storedata

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

const nearMidnight = `order_id,placed_at,currency,sku,quantity,unit_price
o1,2025-11-10T23:30:00+08:00,CNY,A1,1,10.00
o2,2025-11-11T00:30:00+08:00,CNY,A1,1,10.00
o3,2025-11-11T07:59:00+08:00,CNY,A1,1,10.00
`

// TestDirZoneFromOffsets is issue 17's "-data without -tz": orders all at
// +08:00 near midnight land on their days in the store's zone, not on
// the UTC day before; the day columns of the other files are read in the
// same zone.
func TestDirZoneFromOffsets(t *testing.T) {
	dir := t.TempDir()
	writeString(t, dir, "order_lines.csv", nearMidnight)
	writeString(t, dir, "spend.csv", "channel,day,currency,amount\nads,2025-11-11,CNY,5\n")
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for o := range src.Input.Orders {
		days = append(days, o.PlacedAt.Format(time.DateOnly))
	}
	// In UTC the three would be 2025-11-10, 2025-11-10 and 2025-11-10.
	if diff := cmp.Diff([]string{"2025-11-10", "2025-11-11", "2025-11-11"}, days); diff != "" {
		t.Errorf("order days (-want +got):\n%s", diff)
	}
	if got := src.Span.String(); !strings.Contains(got, "2025-11-10") || src.Span.End.Format(time.RFC3339) != "2025-11-12T00:00:00+08:00" {
		t.Errorf("span %s ending %s", got, src.Span.End.Format(time.RFC3339))
	}
	if got := src.Input.Spend[0].Day.Format(time.RFC3339); got != "2025-11-11T00:00:00+08:00" {
		t.Errorf("spend day starts at %s", got)
	}
	if src.Warnings != nil {
		t.Errorf("warnings: %v", src.Warnings)
	}
}

// TestDirZoneWarnings: offsets that differ from each other leave the
// zone at UTC with a warning; offsets that differ from the zone given
// are counted in a warning. Neither rejects a row.
func TestDirZoneWarnings(t *testing.T) {
	dir := t.TempDir()
	writeString(t, dir, "order_lines.csv", strings.Replace(nearMidnight, "07:59:00+08:00", "00:59:00+01:00", 1))
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if src.Location != time.UTC || len(src.Warnings) != 1 || src.Warnings[0].Line != 4 || src.Warnings[0].Count != 1 ||
		!strings.Contains(src.Warnings[0].String(), "+08:00 on order_lines.csv:2, +01:00 here") {
		t.Errorf("mixed offsets: zone %v, warnings %v", src.Location, src.Warnings)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	writeString(t, dir, "order_lines.csv", nearMidnight)
	src, err = Dir(dir, Options{Location: tokyo})
	if err != nil {
		t.Fatal(err)
	}
	if src.Location != tokyo || len(src.Warnings) != 1 || src.Warnings[0].Count != 3 || src.Files[0].Rejected != 0 ||
		!strings.Contains(src.Warnings[0].Message, "+08:00 where Asia/Tokyo has +09:00") {
		t.Errorf("offsets against the zone given: zone %v, warnings %v", src.Location, src.Warnings)
	}
}

// TestDirFiles: an absent order_lines.csv is an error naming the
// directory and the file; empty and header-only files; a FileError of an
// optional file is Dir's error; events out of time order are sorted in
// memory with a warning; a file that changes between Dir and the review
// is Source.Err's error.
func TestDirFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := Dir(dir, Options{}); err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "order_lines.csv") {
		t.Errorf("no order_lines.csv: %v", err)
	}
	writeString(t, dir, "order_lines.csv", "")
	var fe *FileError
	if _, err := Dir(dir, Options{}); !errors.As(err, &fe) || !errors.Is(err, ErrNoHeader) || fe.File != "order_lines.csv" {
		t.Errorf("empty order_lines.csv: %v", err)
	}
	writeString(t, dir, "order_lines.csv", "order_id,placed_at,currency,sku,quantity,unit_price\r\n")
	src, err := Dir(dir, Options{})
	if err != nil || !src.Span.IsZero() || src.Files[0].Rows != 0 {
		t.Errorf("header-only order_lines.csv: %v, %+v", err, src)
	}
	writeString(t, dir, "order_lines.csv", nearMidnight)
	writeString(t, dir, "refunds.csv", "refund_id,order_id\n")
	if _, err := Dir(dir, Options{}); !errors.As(err, &fe) || !errors.Is(err, ErrMissingColumn) || fe.File != "refunds.csv" {
		t.Errorf("refunds.csv without its columns: %v", err)
	}
	os.Remove(filepath.Join(dir, "refunds.csv"))

	writeString(t, dir, "events.csv", "user_id,time,name\nu1,2025-11-11T10:00:00+08:00,page_view\nu2,2025-11-11T09:00:00+08:00,page_view\nu1,2025-11-11T11:00:00+08:00,purchase\n")
	src, err = Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var users []string
	for e := range src.Input.Events {
		users = append(users, e.UserID+" "+e.Time.Format("15:04"))
	}
	if diff := cmp.Diff([]string{"u2 09:00", "u1 10:00", "u1 11:00"}, users); diff != "" {
		t.Errorf("events out of order, sorted (-want +got):\n%s", diff)
	}
	if len(src.Warnings) != 1 || src.Warnings[0].File != "events.csv" || src.Warnings[0].Line != 3 {
		t.Errorf("warnings %v, want one for line 3 of events.csv", src.Warnings)
	}

	writeString(t, dir, "order_lines.csv", nearMidnight+"o4,2025-11-12T07:59:00+08:00,CNY,A1,1,10.00\n")
	n := 0
	for range src.Input.Orders {
		n++
	}
	if err := src.Err(); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("order_lines.csv changed: %v", err)
	}
}

// TestPropZoneOffsets checks the zone cache against time's own lookup
// over times in any order: near the daylight-saving changes of zones
// with and without them, far in the past and the future, and at the
// ends of the int64 seconds.
func TestPropZoneOffsets(t *testing.T) {
	var zones []*time.Location
	for _, name := range []string{"Europe/London", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe", "America/Sao_Paulo"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	zones = append(zones, time.UTC, time.FixedZone("x", 5*3600+1800))
	// Changes of Europe/London and America/New_York, to draw times near.
	changes := []int64{1711846800, 1729990800, 1710054000, 1730613600, 1679792400, -1 << 40, 1 << 40}
	rapid.Check(t, func(t *rapid.T) {
		loc := zones[rapid.IntRange(0, len(zones)-1).Draw(t, "zone")]
		z := newZoneOffsets(loc)
		for range rapid.IntRange(1, 50).Draw(t, "n") {
			var sec int64
			switch rapid.IntRange(0, 2).Draw(t, "kind") {
			case 0:
				sec = rapid.SampledFrom(changes).Draw(t, "change") + rapid.Int64Range(-7200, 7200).Draw(t, "from")
			case 1:
				sec = rapid.Int64Range(-1e11, 1e11).Draw(t, "sec")
			default:
				sec = rapid.SampledFrom([]int64{math.MinInt64, math.MaxInt64, 0, -1}).Draw(t, "end")
			}
			_, want := time.Unix(sec, 0).In(loc).Zone()
			if got := z.at(sec); got != want {
				t.Fatalf("%s at %d: offset %d, want %d", loc, sec, got, want)
			}
		}
	})
}
