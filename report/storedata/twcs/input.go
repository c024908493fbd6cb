package twcs

import (
	"errors"
	"io"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Input assembles the review's input from a twcs.csv file: the tickets
// of [Tickets], nothing else (the data has no orders). It holds every
// tweet in memory while it finds the conversations, as the file is not
// in time order and a reply may come before the tweet it answers.
//
// It returns an error for a file that cannot be read as twcs.csv (a
// *storedata.FileError), for the first bad row with opts.Strict, and for
// a failure of the reader. Otherwise the bad rows' errors are returned in
// errs, and Input.Rejected counts them under the file's name, and the
// tweets left out because their conversation starts outside the file
// under the file's name followed by " (replies whose conversation is not
// in the file)".
func Input(r io.Reader, opts storedata.Options) (in report.Input, errs []error, err error) {
	var tweets []Tweet
	for tw, err := range ReadTweets(r, opts) {
		if err != nil {
			var pe *storedata.ParseError
			if opts.Strict || !errors.As(err, &pe) || pe.Rows == 0 {
				return report.Input{}, errs, err
			}
			errs = append(errs, err)
			continue
		}
		tweets = append(tweets, tw)
	}
	tickets, cut := Tickets(tweets)
	in.Store = "Customer Support on Twitter"
	in.Tickets = tickets
	if n := storedata.Rejected(errs); n > 0 {
		in.Rejected = append(in.Rejected, report.Rejected{File: csvtable.FileName(opts), Rows: int64(n)})
	}
	if cut > 0 {
		in.Rejected = append(in.Rejected, report.Rejected{File: csvtable.FileName(opts) + " (replies whose conversation is not in the file)", Rows: int64(cut)})
	}
	return in, errs, nil
}
