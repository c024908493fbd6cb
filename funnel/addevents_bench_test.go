package funnel

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
)

// peersEventsFile is the events file of the side-by-side harness of issue
// 19 (../shared/peers): 10M events of 1M users in time order, as
// user_id,ts_unix,event,source,device. The benchmarks that read it skip
// when it is absent.
const peersEventsFile = "/tmp/shopmetrics-peers/data-10000000-1000000-7/events.csv"

// peersEvents loads peersEventsFile once into a batch, with source and
// device as properties, or returns nil if the file is absent.
var peersEvents = sync.OnceValue(func() *Events { return loadPeersEvents(peersEventsFile) })

// loadPeersEvents loads an events file of the harness into a batch, or
// returns nil if the file is absent.
func loadPeersEvents(peersEventsFile string) *Events {
	f, err := os.Open(peersEventsFile)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := &Events{}
	b.Init()
	src, dev := b.PropKeys.Index(PropSource), b.PropKeys.Index(PropDevice)
	sc := bufio.NewScanner(bufio.NewReaderSize(f, 1<<20))
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue // the header
		}
		l := sc.Bytes()
		var fs [5][]byte
		for k := range 4 {
			i := bytes.IndexByte(l, ',')
			if i < 0 {
				panic(peersEventsFile + ":" + strconv.Itoa(line) + ": fewer than 5 fields")
			}
			fs[k], l = l[:i], l[i+1:]
		}
		fs[4] = l
		ts, err := strconv.ParseInt(string(fs[1]), 10, 64)
		if err != nil {
			panic(peersEventsFile + ":" + strconv.Itoa(line) + ": " + err.Error())
		}
		b.User = append(b.User, b.UserIDs.IndexBytes(fs[0]))
		b.Time = append(b.Time, ts*1e9)
		b.Name = append(b.Name, b.Names.IndexBytes(fs[2]))
		b.PropKey = append(b.PropKey, src, dev)
		b.PropValue = append(b.PropValue, b.PropValues.IndexBytes(fs[3]), b.PropValues.IndexBytes(fs[4]))
		b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
	}
	if err := sc.Err(); err != nil {
		panic(err)
	}
	return b
}

// peersRows is peersEvents as the []Event the harness's shopmetrics peer
// holds (events of one source and device share their Props). It is made
// only for the row path: the garbage collector's marking of 10M events
// held in memory would slow the batch path measured in the same process.
var peersRows = sync.OnceValue(func() []Event { return rowsOf(peersEvents()) })

// rowsOf returns the events of b as the rows of the row API, sharing the
// properties of rows with the same values.
func rowsOf(b *Events) []Event {
	events := make([]Event, b.Len())
	props := map[string][]Prop{}
	for i := range events {
		e := Event{UserID: b.UserIDs.String(b.User[i]), Time: time.Unix(0, b.Time[i]).UTC(), Name: b.Names.String(b.Name[i])}
		var key []byte
		for j := b.PropStart[i]; j < b.PropStart[i+1]; j++ {
			key = strconv.AppendInt(key, int64(b.PropValue[j]), 10)
			key = append(key, ',')
		}
		ps, ok := props[string(key)]
		if !ok {
			ps = b.Event(i).Props
			props[string(key)] = ps
		}
		e.Props = ps[:len(ps):len(ps)]
		events[i] = e
	}
	return events
}

// benchBatch is benchEvents as a batch, made without keeping benchEvents
// (see peersRows).
var benchBatch = sync.OnceValue(func() *Events {
	b := &Events{}
	for _, e := range genBenchEvents() {
		if err := b.Append(e); err != nil {
			panic(err)
		}
	}
	return b
})

// peersConfig is query (c) of the harness, the first-view funnel, when
// firstOnly is set, else (d), ClickHouse windowFunnel(604800).
func peersConfig(firstOnly bool) Config {
	return Config{Steps: steps("view", "cart", "checkout", "purchase"), Window: 7 * 24 * time.Hour, FirstEntryOnly: firstOnly}
}

// BenchmarkPeersFunnel answers the harness's funnel queries (c) and (d) on
// its 10M-event file as its shopmetrics peer times them: a new counter
// sized for the file's users, every event in file (time) order, and the
// Result. "row" feeds []Event to Add, "batch" the batch to AddEvents. Run
// the two paths in separate processes (see peersRows), on one core,
// interleaved:
//
//	go test -c -o /tmp/funnel.test ./funnel
//	for i in 1 2 3 4 5; do for p in row batch; do taskset -c 1 /tmp/funnel.test \
//	    -test.run '^$' -test.bench "PeersFunnel/.*/$p" -test.benchtime 3x -test.cpu 1; done; done
func BenchmarkPeersFunnel(b *testing.B) {
	batch := peersEvents()
	if batch == nil {
		b.Skip(peersEventsFile + " is absent")
	}
	benchQueries(b, nil, peersRows, batch)
}

// BenchmarkCounterEvents is BenchmarkPeersFunnel's queries on the
// generated 10M events of benchEvents (500,000 users, steps page_view →
// add_to_cart → checkout → purchase).
func BenchmarkCounterEvents(b *testing.B) {
	benchQueries(b, benchConfig().Steps, benchEvents, benchBatch())
}

// benchQueries runs the harness's queries (c) and (d) (with steps, if
// given, for the harness's) over the events of batch three ways: "row"
// feeds rows() to Add, "batch" feeds the batch to AddEvents, and
// "batch_by_user" counts it grouped by user, as CountEvents counts a batch
// not in time order (the grouping is timed).
func benchQueries(b *testing.B, steps []Step, rows func() []Event, batch *Events) {
	users := batch.UserIDs.Len()
	for _, q := range []struct {
		name      string
		firstOnly bool
	}{{"c_first_view", true}, {"d_window_funnel", false}} {
		cfg := peersConfig(q.firstOnly)
		if steps != nil {
			cfg.Steps = steps
		}
		b.Run(q.name+"/row", func(b *testing.B) {
			events := rows()
			benchCount(b, cfg, users, len(events), addAll(events))
		})
		b.Run(q.name+"/batch", func(b *testing.B) {
			benchCount(b, cfg, users, batch.Len(), func(c *Counter) error { return c.AddEvents(batch) })
		})
		b.Run(q.name+"/batch_by_user", func(b *testing.B) {
			benchCount(b, cfg, 0, batch.Len(), func(c *Counter) error { return c.addRows(batch, byUserTime(batch)) })
		})
	}
}

// benchCount times count feeding a new Counter of cfg, grown for users
// first unless 0, n events an op, and reports the rates and the steps
// of its Result.
func benchCount(b *testing.B, cfg Config, users, n int, count func(*Counter) error) {
	var r Result
	b.ResetTimer()
	cpu0 := cputime.Used()
	for i := range b.N {
		if i > 0 {
			// Each query starts from a collected heap, as the harness's
			// peer runs it: ms/query leaves the collection out (the
			// CPU rates do not), and no query pays for first touching
			// the fresh memory that the garbage of the one before
			// would otherwise push the heap into.
			b.StopTimer()
			runtime.GC()
			b.StartTimer()
		}
		c, err := NewCounter(cfg)
		if err != nil {
			b.Fatal(err)
		}
		if users > 0 {
			c.Grow(users)
		}
		if err := count(c); err != nil {
			b.Fatal(err)
		}
		r = c.Result()
	}
	b.StopTimer()
	reportFunnel(b, n, cpu0, r)
}

// addAll returns the count of benchCount that adds events one by one.
func addAll(events []Event) func(*Counter) error {
	return func(c *Counter) error {
		for i := range events {
			if err := c.Add(events[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

func reportFunnel(b *testing.B, events int, cpu0 time.Duration, r Result) {
	reportRates(b, events, cpu0)
	b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N), "ms/query")
	for i, s := range r.Steps {
		b.ReportMetric(float64(s.Reached), "step"+strconv.Itoa(i+1))
	}
}
