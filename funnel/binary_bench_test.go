package funnel

import (
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
)

// BenchmarkCounterBinary encodes and decodes the counters of the
// harness's funnel queries (c) and (d), and of (d) broken down by source,
// over its 10M events of 1M users (skipped without the file), reporting
// the size of the encoding per user and its speed. The counters are
// counted once, outside the timing:
//
//	go test -c -o /tmp/funnel.test ./funnel
//	taskset -c 1 /tmp/funnel.test -test.run '^$' -test.bench 'CounterBinary' -test.benchtime 3x -test.cpu 1
func BenchmarkCounterBinary(b *testing.B) {
	batch := peersEvents()
	if batch == nil {
		b.Skip(peersEventsFile + " is absent")
	}
	breakdown := peersConfig(false)
	breakdown.Breakdown = PropSource
	for _, q := range []struct {
		name string
		cfg  Config
	}{{"c_first_view", peersConfig(true)}, {"d_window_funnel", peersConfig(false)}, {"d_by_source", breakdown}} {
		c, err := NewCounter(q.cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.AddEvents(batch); err != nil {
			b.Fatal(err)
		}
		data, err := c.MarshalBinary()
		if err != nil {
			b.Fatal(err)
		}
		benchBinary(b, q.name+"/", data, c.MarshalBinary, func(data []byte) error { return new(Counter).UnmarshalBinary(data) },
			map[string]float64{"user": float64(c.nusers)})
	}
}

// BenchmarkTrafficBinary is BenchmarkCounterBinary's for the Traffic of
// the harness's events (sessions split at 30-minute gaps).
func BenchmarkTrafficBinary(b *testing.B) {
	batch := peersEvents()
	if batch == nil {
		b.Skip(peersEventsFile + " is absent")
	}
	var tr Traffic
	var e Event
	var props []Prop
	for i := range batch.Len() {
		props = batch.eventInto(i, &e, props)
		if err := tr.Add(e); err != nil {
			b.Fatal(err)
		}
	}
	data, err := tr.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	benchBinary(b, "", data, tr.MarshalBinary, func(data []byte) error { return new(Traffic).UnmarshalBinary(data) },
		map[string]float64{"user": float64(tr.state.Len()), "session": float64(tr.sessions.Len())})
}

// benchBinary runs the sub-benchmarks name+"encode", of marshal, and
// name+"decode", of unmarshal (into a zero value) of data, an encoding
// marshal made, reporting its speed and its size per each unit of per
// (bytes/user for {"user": users}).
func benchBinary(b *testing.B, name string, data []byte, marshal func() ([]byte, error), unmarshal func([]byte) error, per map[string]float64) {
	b.Run(name+"encode", func(b *testing.B) {
		cpu0 := cputime.Used()
		var out []byte
		for range b.N {
			var err error
			if out, err = marshal(); err != nil {
				b.Fatal(err)
			}
		}
		reportBinary(b, cpu0, len(out), per)
	})
	b.Run(name+"decode", func(b *testing.B) {
		cpu0 := cputime.Used()
		for range b.N {
			if err := unmarshal(data); err != nil {
				b.Fatal(err)
			}
		}
		reportBinary(b, cpu0, len(data), per)
	})
}

// BenchmarkEventsValidate measures Events.Validate, which AddEvents and
// CountEvents run first, on the harness's 10M events.
func BenchmarkEventsValidate(b *testing.B) {
	batch := peersEvents()
	if batch == nil {
		b.Skip(peersEventsFile + " is absent")
	}
	cpu0 := cputime.Used()
	for range b.N {
		if err := batch.Validate(); err != nil {
			b.Fatal(err)
		}
	}
	cpu := (cputime.Used() - cpu0).Seconds() / float64(b.N)
	b.ReportMetric(cpu*1e3, "cpu-ms/op")
	b.ReportMetric(cpu*1e9/float64(batch.Len()), "cpu-ns/event")
}

// reportBinary reports the size of an encoding, size bytes (per each unit
// of per), and the CPU time an op took since cpu0.
func reportBinary(b *testing.B, cpu0 time.Duration, size int, per map[string]float64) {
	cpu := (cputime.Used() - cpu0).Seconds() / float64(b.N)
	for unit, n := range per {
		b.ReportMetric(float64(size)/n, "bytes/"+unit)
	}
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(cpu*1e3, "cpu-ms/op")
	b.ReportMetric(float64(size)/1e6/cpu, "cpu-MB/s")
}
