// Package render writes a store operations review ([report.Review]) as
// Markdown, HTML, JSON or plain text, in English or Chinese.
//
// # Rendering a review
//
// A review is computed once by report.Build and holds no language. Each
// renderer is a small config struct that names its language, so the same
// review renders in both:
//
//	r, err := report.Build(in, report.Config{Period: p})
//	if err != nil { … }
//	render.Markdown{Lang: render.English}.Render(os.Stdout, r)
//	render.HTML{Lang: render.Chinese}.Render(page, r)
//
// [Markdown] writes CommonMark with GitHub tables, [HTML] one
// self-contained page that reads as a dashboard (headline KPI cards, the
// top findings, a table of contents, then the sections with inline SVG
// charts) and prints on A4, [JSON] a
// document with a versioned schema (exact amounts as strings) that
// [Decode] reads back, and [Plain] aligned text for a terminal.
// [ForFormat] picks one by name, as a command's -format flag does. Every
// piece of text from data is escaped in Markdown and HTML.
//
// # Names and numbers
//
// The display name of every KPI, section, column and evidence key lives in
// one table, read with [Label]: "net_sales" is "Net sales" in English and
// "净销售额" in Chinese; names follow shopmetrics' metric definitions. Numbers are formatted by
// [Formatter] for the language's locale: amounts with the currency symbol
// and digit grouping ("CN¥1,234.50", "¥1,234.50"), shares as percentages
// with one decimal, multiples as "3.20×", durations as "38 min" or
// "38分钟", and undefined values as "n/a" or "—". [Formatter.Message]
// writes a finding's message out with its arguments formatted.
//
// A reporting tool with its own layout implements [Renderer] and uses
// Label and Formatter for the texts and numbers; package
// report/render/xlsx does so for an Excel workbook.
//
// # Charts
//
// The HTML charts are drawn on round axis ticks (1, 2, 2.5 or 5 × 10^k),
// with gridlines, a zero line that values below zero are drawn under, the
// legend in a band above the plot, the Okabe–Ito colours, and a <title> on
// every mark for a tooltip without script. The cohort heatmap colours
// retention on a viridis ramp from 0 to the largest retention after the
// first period, rounded up, and prints each value in black or white,
// whichever contrasts more. The browser test (browser_test.go) checks the
// pages in headless Chromium.
package render
