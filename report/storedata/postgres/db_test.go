package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// dsnVar names the environment variable with the DSN of a PostgreSQL
// server the tests may use (they create and drop schemas of their own).
// .ci/run starts a throwaway server and sets it.
const dsnVar = "SHOPMETRICS_TEST_POSTGRES"

// testDB opens the test server, or skips the test without one.
func testDB(t testing.TB) *sql.DB {
	t.Helper()
	dsn := os.Getenv(dsnVar)
	if dsn == "" {
		t.Skipf("%s is not set: no PostgreSQL server to test against (.ci/run starts one; or set it to a DSN such as postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)", dsnVar)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.PingContext(context.Background()); err != nil {
		t.Fatalf("%s=%s: %v", dsnVar, dsn, err)
	}
	return db
}

// testSchema returns a new, empty PostgreSQL schema of a random name,
// dropped at the end of the test.
func testSchema(t testing.TB, db *sql.DB) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "shopmetrics_test_" + hex.EncodeToString(b)
	id := pgx.Identifier{name}.Sanitize()
	if _, err := db.Exec("CREATE SCHEMA " + id); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + id + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	return name
}

// tablesIn creates the tables of Schema in a new schema and returns its
// options.
func tablesIn(t testing.TB, db *sql.DB) Options {
	t.Helper()
	opts := Options{Schema: testSchema(t, db)}
	if err := Create(context.Background(), db, opts); err != nil {
		t.Fatal(err)
	}
	return opts
}
