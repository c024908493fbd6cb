package postgres

import (
	"context"
	"database/sql"
	_ "embed" // for Schema
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Schema is the SQL that creates the store tables (schema.sql in this
// package): run it once, in an empty PostgreSQL schema, with
// db.ExecContext(ctx, postgres.Schema). The package documentation
// summarises the tables.
//
//go:embed schema.sql
var Schema string

// Create creates the tables of [Schema] in opts.Schema, creating that
// schema first if it does not exist (without opts.Schema, in the first
// schema of the search_path). It fails if a table exists already.
func Create(ctx context.Context, db *sql.DB, opts Options) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: create: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	if opts.Schema != "" {
		id := pgx.Identifier{opts.Schema}.Sanitize()
		if _, err := tx.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+id); err != nil {
			return fmt.Errorf("postgres: create: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "SET LOCAL search_path TO "+id); err != nil {
			return fmt.Errorf("postgres: create: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, Schema); err != nil {
		return fmt.Errorf("postgres: create: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("postgres: create: %w", err)
	}
	return nil
}
