package storedata

import (
	"context"
	"errors"
	"log/slog"
)

// logRejected sends a row that Dir's reading rejected (a *ParseError) to
// logger, if any, as a record at level Warn.
func logRejected(ctx context.Context, logger *slog.Logger, pe *ParseError) {
	if logger == nil {
		return
	}
	attrs := make([]slog.Attr, 0, 6)
	attrs = append(attrs, slog.String("file", pe.File), slog.Int("line", pe.Line), slog.Int("column", pe.Column))
	if pe.Rows > 0 {
		attrs = append(attrs, slog.Int("rows", pe.Rows))
	}
	var rej *rejection
	if errors.As(pe.Err, &rej) {
		attrs = append(attrs, slog.String(rej.what+"_id", rej.id))
	}
	attrs = append(attrs, slog.String("error", pe.Error()))
	logger.LogAttrs(ctx, slog.LevelWarn, "storedata: row rejected", attrs...)
}

// logWarnings sends warnings to logger, if any, as records at level Warn.
func logWarnings(ctx context.Context, logger *slog.Logger, warnings []Warning) {
	if logger == nil {
		return
	}
	for _, w := range warnings {
		attrs := []slog.Attr{slog.String("file", w.File), slog.Int("line", w.Line)}
		if w.Count > 0 {
			attrs = append(attrs, slog.Int64("count", w.Count))
		}
		attrs = append(attrs, slog.String("message", w.Message))
		logger.LogAttrs(ctx, slog.LevelWarn, "storedata: warning", attrs...)
	}
}
