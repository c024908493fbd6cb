package postgres

import (
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Options configures the readers. The zero Options reads leniently, in
// UTC, from the tables that the connection's search_path finds.
type Options struct {
	// Schema is the PostgreSQL schema that holds the tables, such as
	// "shop". Defaults to the first schema of the search_path (table
	// names are then written without a schema).
	Schema string
	// Strict stops reading at the first bad row. By default a reader
	// reports each bad row as an error and goes on with the next one.
	Strict bool
	// Location is the store's time zone, in which date columns are read
	// and to which timestamps are converted. Defaults to UTC.
	Location *time.Location
	// BatchSize is the number of rows of a batch of [ReadOrderBatches]
	// (orders) and [ReadEventBatches] (events): a batch is yielded when
	// it holds that many, and before each error. Defaults to 65536.
	BatchSize int
	// ReuseSlices lets ReadOrderBatches and ReadEventBatches yield one
	// batch again and again, emptied and refilled: a yielded batch is
	// valid until the next one is yielded. By default each batch is new.
	ReuseSlices bool
	// PropsWithin, when not nil, lets [ReadEventBatches] leave out the
	// properties of the events outside all of these periods: such an
	// event is read with its user, time and name only, and its property
	// values are not looked up in the batch's dictionaries (a review
	// reads the properties of its compared periods' events only; see
	// report.Config.EventPeriods). Its row is still checked, and rejected,
	// exactly as without PropsWithin. An empty, non-nil PropsWithin leaves
	// out every event's properties. storedata.Options.PropsWithin is the
	// same for files. Defaults to nil: every event whole.
	PropsWithin []metrics.Period
	// Logger, when set, receives each row rejected while reading
	// leniently, at level Warn, under Read's context, as storedata's
	// Options.Logger does for files: the message "postgres: row rejected"
	// and the attributes table, row (its place in the query's order, as a
	// *storedata.ParseError's Line), column (0 for the row as a whole),
	// rows (the rows the error rejects, when it rejects any) and error. A
	// strict reading's bad row is its error, not a record. Defaults to
	// none.
	Logger *slog.Logger
}

// batchSize returns BatchSize or its default.
func (o Options) batchSize() int {
	if o.BatchSize <= 0 {
		return 1 << 16
	}
	return o.BatchSize
}

func (o Options) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// table returns the name of a table as SQL, qualified by o.Schema.
func (o Options) table(name string) string {
	if o.Schema == "" {
		return name
	}
	return pgx.Identifier{o.Schema, name}.Sanitize()
}

// quoteCols joins column names as SQL identifiers with a prefix.
func quoteCols(prefix string, cols []string) string {
	var b strings.Builder
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(prefix + pgx.Identifier{c}.Sanitize())
	}
	return b.String()
}
