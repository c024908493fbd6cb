package taobao

import (
	"bytes"
	"testing"

	"github.com/shopmetrics/shopmetrics/report/storedata/internal/batchcheck"
)

// BenchmarkReadEvents reads the 6,156-row slice, unzipped and repeated 16
// times (98,496 rows), from memory, and reports rows per wall-clock
// second and per CPU second (on a shared machine the second is the speed
// of one core).
func BenchmarkReadEvents(b *testing.B) {
	data, rows := benchData(b)
	batchcheck.BenchRows(b, ReadEvents, data, rows)
}

// BenchmarkReadEventBatches reads the rows of BenchmarkReadEvents into
// batches (one batch refilled).
func BenchmarkReadEventBatches(b *testing.B) {
	data, rows := benchData(b)
	batchcheck.BenchBatches(b, ReadEventBatches, data, rows)
}

// benchData is the slice, unzipped and repeated 16 times, and its rows.
func benchData(b *testing.B) ([]byte, int) {
	return bytes.Repeat(readSlice(b), 16), 6156 * 16
}
