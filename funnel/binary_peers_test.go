package funnel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// peersSmallEventsFile is the smaller events file of the harness: 1M
// events, seed 1.
const peersSmallEventsFile = "/tmp/shopmetrics-peers/data-1000000-200000-1/events.csv"

// TestPeersCounterBinary counts the harness's funnel queries (c) and (d)
// on its 1M events in 4 shards by user number, sends each shard's counter
// through MarshalBinary and UnmarshalBinary into a zero Counter, merges
// them, and checks the merge against one counter of the whole batch
// (every field of the Result) and against ClickHouse's answers (chDB 26,
// the harness's results-1000000-200000-1/out-s1/chdb/c_funnel.csv and
// d_windowfunnel.csv; DuckDB's are the same). Skipped without the file or
// with -short.
func TestPeersCounterBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 1M events")
	}
	batch := loadPeersEvents(peersSmallEventsFile)
	if batch == nil {
		t.Skip(peersSmallEventsFile + " is absent")
	}
	const shards = 4
	parts := make([]Events, shards)
	for s := range parts {
		p := &parts[s]
		p.UserIDs, p.Names, p.PropKeys, p.PropValues = batch.UserIDs, batch.Names, batch.PropKeys, batch.PropValues
		p.Init()
	}
	for i := range batch.Len() {
		p := &parts[batch.User[i]%shards]
		p.User = append(p.User, batch.User[i])
		p.Time = append(p.Time, batch.Time[i])
		p.Name = append(p.Name, batch.Name[i])
		s, e := batch.PropStart[i], batch.PropStart[i+1]
		p.PropKey = append(p.PropKey, batch.PropKey[s:e]...)
		p.PropValue = append(p.PropValue, batch.PropValue[s:e]...)
		p.PropStart = append(p.PropStart, int32(len(p.PropKey)))
	}
	for _, q := range []struct {
		name      string
		firstOnly bool
		want      []int64
	}{
		{"c_first_view", true, []int64{151943, 22264, 12139, 8892}},
		{"d_window_funnel", false, []int64{151943, 30662, 17851, 13373}},
	} {
		t.Run(q.name, func(t *testing.T) {
			cfg := peersConfig(q.firstOnly)
			whole, err := NewCounter(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := whole.AddEvents(batch); err != nil {
				t.Fatal(err)
			}
			var merged *Counter
			size := 0
			for s := range parts {
				c, err := NewCounter(cfg)
				if err != nil {
					t.Fatal(err)
				}
				if err := c.AddEvents(&parts[s]); err != nil {
					t.Fatal(err)
				}
				data := mustMarshal(t, c)
				size += len(data)
				d := new(Counter)
				if err := d.UnmarshalBinary(data); err != nil {
					t.Fatal(err)
				}
				if merged == nil {
					merged = d
				} else if err := merged.Merge(d); err != nil {
					t.Fatal(err)
				}
			}
			got := merged.Result()
			if diff := cmp.Diff(whole.Result(), got); diff != "" {
				t.Errorf("shards through bytes, merged (-one counter +merged):\n%s", diff)
			}
			if diff := cmp.Diff(q.want, reached(got)); diff != "" {
				t.Errorf("users per step (-ClickHouse +merged):\n%s", diff)
			}
			t.Logf("%d users, %d bytes in %d shards: %.1f bytes/user", whole.nusers, size, shards, float64(size)/float64(whole.nusers))
		})
	}
}
