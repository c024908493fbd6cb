package cli

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/postgres"
)

// TestDBFlag loads a small store's files into a PostgreSQL schema and
// reviews it with -db: the overview's figures equal those of the review
// of the files with -data. It needs the server that .ci/run starts
// (SHOPMETRICS_TEST_POSTGRES) and skips without one.
func TestDBFlag(t *testing.T) {
	dsn := os.Getenv("SHOPMETRICS_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("SHOPMETRICS_TEST_POSTGRES is not set: no PostgreSQL server (.ci/run starts one)")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // after the schema is dropped: cleanups run last first
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "shopreview_test_" + hex.EncodeToString(b)
	opts := postgres.Options{Schema: schema}
	if err := postgres.Create(ctx, db, opts); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + pgx.Identifier{schema}.Sanitize() + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	dir := smallStore(t)
	zone, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	src, err := storedata.Dir(dir, storedata.Options{Location: zone, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.Load(ctx, db, src.Input, opts); err != nil {
		t.Fatal(err)
	}
	if err := src.Err(); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	fromDB := reviewDoc(t, "-db", u.String(), "-tz", "Asia/Shanghai", "-period", "2025-02")
	fromFiles := reviewDoc(t, "-data", dir, "-tz", "Asia/Shanghai", "-period", "2025-02")
	want := kpis(fromFiles, "current")
	if ns, ok := want["net_sales"].(map[string]any); !ok || ns["defined"] != true {
		t.Fatalf("the review of the files has no net sales: %v", want["net_sales"])
	}
	if diff := cmp.Diff(want, kpis(fromDB, "current")); diff != "" {
		t.Errorf("the overview from -db differs from -data's (-data +db):\n%s", diff)
	}
}
