package storedata

import (
	"context"
	"io"
	"io/fs"
	"os"

	"github.com/shopmetrics/shopmetrics/internal/progress"
	"github.com/shopmetrics/shopmetrics/report"
)

// meteredFile is a file as [Dir] and its streams read it: each Read
// counts the bytes, reports progress (paced by a progress.Meter) and
// looks at the context, so that a reading stops within one read (the
// readers read 256 KB at a time, about a millisecond of parsing) of
// the context's end. It keeps the file's Stat, by which the order
// reader sizes its table of IDs (see sizeHint).
type meteredFile struct {
	f *os.File
	m progress.Meter
	// err is the first error of the file or of the context: every Read
	// after it returns it again, and the caller reports it as the
	// reading's error, not as a bad row.
	err error
}

// meter starts metering f under ctx, reporting the reading of the file
// named file to report when it is not nil.
func meter(ctx context.Context, f *os.File, file string, report func(report.Progress)) *meteredFile {
	r := &meteredFile{f: f}
	if report == nil {
		r.m.Start(ctx, -1, nil)
		return r
	}
	total := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		total = st.Size()
	}
	r.m.Start(ctx, total, func(done, total int64) {
		report(readProgress(file, done, total))
	})
	return r
}

func readProgress(file string, done, total int64) report.Progress {
	return report.Progress{Phase: report.PhaseRead, File: file, Done: done, Total: total}
}

// Read reads from the file, then counts and looks at the context.
func (r *meteredFile) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if err := r.m.Err(); err != nil { // cancelled between two reads
		r.err = err
		return 0, err
	}
	n, err := r.f.Read(p)
	if merr := r.m.AddNow(int64(n)); merr != nil {
		// The bytes read are dropped: the reading ends here.
		r.err = merr
		return 0, merr
	}
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

// Stat returns the file's FileInfo.
func (r *meteredFile) Stat() (fs.FileInfo, error) { return r.f.Stat() }

// finish reports the reading complete and returns nil, unless it failed
// or the context is done, whose error it returns.
func (r *meteredFile) finish() error {
	if r.err != nil {
		return r.err
	}
	if err := r.m.Finish(); err != nil {
		r.err = err
	}
	return r.err
}
