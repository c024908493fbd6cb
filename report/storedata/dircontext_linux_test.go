//go:build linux

package storedata

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/shopmetrics/shopmetrics/report"
)

// TestDirProgressPipe reads order_lines.csv from a named pipe, which is
// not a regular file: its reports have Total -1 until the last, whose
// Done and Total are the bytes read.
func TestDirProgressPipe(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, fileOrders)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	const text = "order_id,placed_at,currency,sku,quantity,unit_price\no1,2025-11-11T20:00:00+08:00,CNY,A1,2,59.90\n"
	wrote := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			wrote <- err
			return
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		wrote <- err
	}()
	var reps []report.Progress
	_, err := Dir(dir, Options{Progress: func(p report.Progress) { reps = append(reps, p) }})
	if werr := <-wrote; werr != nil {
		t.Fatal(werr)
	}
	if err != nil {
		t.Fatal(err)
	}
	n := int64(len(text))
	if len(reps) < 2 || reps[0] != (report.Progress{Phase: report.PhaseRead, File: fileOrders, Done: 0, Total: -1}) ||
		reps[len(reps)-1] != (report.Progress{Phase: report.PhaseRead, File: fileOrders, Done: n, Total: n}) {
		t.Errorf("reports %+v: want 0 of -1 first and %d of %d last", reps, n, n)
	}
}
