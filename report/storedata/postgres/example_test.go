package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/postgres"
)

// A review of November 2025 from a store's tables in PostgreSQL. It needs
// a server, so it is compiled but not run.
func Example() {
	ctx := context.Background()
	db, err := sql.Open("pgx", "postgres://shop@127.0.0.1:5432/shop?sslmode=disable")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		log.Fatal(err)
	}
	opts := postgres.Options{Schema: "shop", Location: loc}
	src, err := postgres.Read(ctx, db, opts)
	if err != nil {
		log.Fatal(err)
	}
	src.Input.Store = "My store"
	period, err := metrics.ParsePeriod("2025-11", loc)
	if err != nil {
		log.Fatal(err)
	}
	r, err := report.Build(src.Input, report.Config{Period: period})
	if err != nil {
		log.Fatal(err)
	}
	if err := src.Err(); err != nil { // a stream ended early: the review is incomplete
		log.Fatal(err)
	}
	for _, e := range src.Errs() { // bad rows, left out and counted
		var pe *storedata.ParseError
		if errors.As(e, &pe) {
			fmt.Fprintf(os.Stderr, "table %s, row %d: %v\n", pe.File, pe.Line, e)
		}
	}
	if err := (render.Markdown{}).Render(os.Stdout, r); err != nil {
		log.Fatal(err)
	}
}

// Creating the tables and loading a store into them.
func ExampleLoad() {
	ctx := context.Background()
	db, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	opts := postgres.Options{Schema: "shop"}
	if err := postgres.Create(ctx, db, opts); err != nil {
		log.Fatal(err)
	}
	var in report.Input // such as a store read from its CSV files with storedata
	if err := postgres.Load(ctx, db, in, opts); err != nil {
		log.Fatal(err)
	}
}
