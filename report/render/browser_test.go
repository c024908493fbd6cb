package render

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// The browser test opens rendered reviews in headless Chromium, as a
// store manager would on a desktop and a phone and on paper, and checks
// what only a browser can tell: that nothing overflows the page, that
// every chart draws its marks and texts inside its box with the legend off
// the data, that the console stays clean, and that the page prints to A4
// with every heading on the page of what it introduces. It writes a
// screenshot of each page at each width and the PDFs to a temporary
// folder, whose path it logs, for a person to look at. Four of the six
// pages are printed to PDF (the demo's month in both languages and the two
// hand reviews); the print rules are checked on all six.
//
// It needs a chromium binary (Debian's chromium, with fonts-noto-cjk for
// the Chinese pages); .ci/run installs both. Without one it skips.

// chromium returns the path of a Chromium or Chrome binary, from
// $CHROMIUM or the PATH, or "".
func chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserPage is one review to check.
type browserPage struct {
	name string
	lang Language
	r    *report.Review
	pdf  bool // print it to an A4 PDF, which takes a few seconds a page
}

// demoReviews builds the demo store's reviews over several periods, as
// examples/review builds them: its last whole month in both languages,
// the month before in Chinese and the ISO week of the month's last day in
// English.
func demoReviews(t *testing.T) []browserPage {
	t.Helper()
	store := sample.Generate(sample.Config{Seed: sample.DefaultSeed})
	items := make([]inventory.Item, len(store.Catalogue))
	for i, p := range store.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category, UnitPrice: p.Price, LeadTimeDays: float64(p.LeadTime)}
	}
	month := metrics.PeriodOf(store.Period.End.Add(-time.Nanosecond), metrics.Month)
	if month.End.After(store.Period.End) {
		month = month.Previous()
	}
	week := metrics.PeriodOf(month.End.Add(-time.Nanosecond), metrics.Week)
	var out []browserPage
	for _, p := range []metrics.Period{month, month.Previous(), week} {
		in := report.Input{Store: "Demo store 演示店铺", Items: items, Orders: slices.Values(store.Orders), Refunds: store.Refunds,
			Events: slices.Values(store.Events), Spend: store.Spend, Targets: store.Targets, Snapshots: slices.Values(store.Snapshots),
			Receipts: store.Receipts, Promotions: store.Promotions, Tickets: store.Tickets}
		r, err := report.Build(in, report.Config{Period: p, Sessions: funnel.SessionRule{Key: funnel.PropSession}, BadRecords: inventory.Skip})
		if err != nil {
			t.Fatalf("demo review of %s: %v", p, err)
		}
		label := strings.ReplaceAll(p.Label(), "/", "-")
		switch p {
		case month:
			out = append(out, browserPage{"demo-" + label + "-zh", Chinese, r, true}, browserPage{"demo-" + label + "-en", English, r, true})
		case week:
			out = append(out, browserPage{"demo-" + label + "-en", English, r, false})
		default:
			out = append(out, browserPage{"demo-" + label + "-zh", Chinese, r, false})
		}
	}
	return out
}

// negativeReview is the hand review with two days of net refunds
// (−CN¥4,667.90 and −CN¥1,200.00), a category that lost money and a
// sales decomposition whose change is negative.
func negativeReview() *report.Review {
	r := handReview()
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	r.Overview.Daily[3].NetSales = cny("-4667.90")
	r.Overview.Daily[4].NetSales = cny("-1200.00")
	r.Products.Categories = append(r.Products.Categories,
		report.CategoryRow{Category: "apparel", NetSales: cny("-2500"), GrossProfit: metrics.MoneyValue(cny("-3100")), Margin: metrics.Ratio{}},
		report.CategoryRow{Category: "kitchen", NetSales: cny("18000"), GrossProfit: metrics.MoneyValue(cny("5400")), Margin: metrics.NewRatio(5400, 18000)})
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	return r
}

// promotionsReview is the hand review with four promotions of one to
// nine days, one of them selling below its baseline.
func promotionsReview() *report.Review {
	r := handReview()
	loc := r.Period.Location()
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	base := r.Promotions.Items[0]
	for i, n := range []int{9, 5, 1} {
		p := base
		p.ID = fmt.Sprintf("P%d", i+2)
		p.Name = []string{"Singles' Day warm-up 预热", "Weekend flash sale", "Clearance 清仓"}[i]
		start := r.Period.Start.AddDate(0, 0, 2+7*i)
		w, err := metrics.NewPeriod(start, start.AddDate(0, 0, n))
		if err != nil {
			panic(err)
		}
		p.Window = w
		p.Daily = nil
		for d := 0; d < n; d++ {
			actual := cny(fmt.Sprintf("%d", 4000+1500*d-2000*i))
			if i == 2 {
				actual = cny("2000")
			}
			p.Daily = append(p.Daily, report.PromoDay{Date: start.AddDate(0, 0, d).In(loc), Actual: actual, Baseline: cny("3000")})
		}
		r.Promotions.Items = append(r.Promotions.Items, p)
	}
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	return r
}

// pageCount counts the pages of a PDF written by Chromium: its page
// objects, "/Type /Page" but not "/Type /Pages".
var pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

func pageCount(pdf []byte) int { return len(pageObject.FindAllIndex(pdf, -1)) }

// chartProblems is the script that checks every chart: it has marks; each
// mark and each text lies inside the viewBox; no legend intersects a mark;
// and the chart fits the page's width.
const chartProblems = `(() => {
  const out = [];
  const eps = 0.5;
  const inside = (b, vb) => b.x >= vb.x - eps && b.y >= vb.y - eps && b.x + b.width <= vb.x + vb.width + eps && b.y + b.height <= vb.y + vb.height + eps;
  const meet = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  document.querySelectorAll('svg.chart').forEach((svg, i) => {
    const name = 'chart ' + i + ' (' + (svg.querySelector('title') || {}).textContent + ')';
    const vb = svg.viewBox.baseVal;
    const marks = [...svg.querySelectorAll('.mark')];
    if (marks.length === 0) out.push(name + ': no marks');
    const boxes = marks.map(m => m.getBBox());
    boxes.forEach((b, j) => { if (!inside(b, vb)) out.push(name + ': mark ' + j + ' outside the box: ' + JSON.stringify(b)); });
    svg.querySelectorAll('text').forEach(t => { const b = t.getBBox(); if (!inside(b, vb)) out.push(name + ': text "' + t.textContent + '" outside the box: ' + JSON.stringify(b)); });
    svg.querySelectorAll('.legend').forEach(l => {
      const lb = l.getBBox();
      boxes.forEach((b, j) => { if (meet(lb, b)) out.push(name + ': legend intersects mark ' + j); });
    });
    // The value printed in a heatmap cell must be legible on its colour.
    svg.querySelectorAll('text.cellv').forEach(t => {
      const lum = c => { const v = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(x => { x = x / 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const cell = t.previousElementSibling;
      const a = lum(getComputedStyle(t).fill), b = lum(getComputedStyle(cell).fill);
      const k = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (k < 4.5) out.push(name + ': cell text "' + t.textContent + '" contrasts ' + k.toFixed(2) + ':1 with its cell');
    });
    // A chart may scroll sideways inside its figure on a phone; the
    // figure itself must fit the window.
    const r = (svg.closest('figure') || svg).getBoundingClientRect();
    if (r.right > window.innerWidth + 1) out.push(name + ': right edge ' + r.right + ' beyond the window ' + window.innerWidth);
  });
  return out;
})()`

// headingProblems is the script that checks, in print emulation, that
// every heading of the page is kept with the block after it: its wrapper
// (.keep) may not break inside, holds more than the heading, and the
// heading may not break after itself.
const headingProblems = `(() => {
  const out = [];
  document.querySelectorAll('h2, h3').forEach(h => {
    const k = h.closest('.keep');
    const name = h.tagName + ' "' + h.textContent + '"';
    if (!k) { out.push(name + ': not in a .keep wrapper'); return; }
    if (getComputedStyle(k).breakInside !== 'avoid') out.push(name + ': wrapper breaks inside: ' + getComputedStyle(k).breakInside);
    if (getComputedStyle(h).breakAfter !== 'avoid') out.push(name + ': break-after is ' + getComputedStyle(h).breakAfter);
    let next = h.nextElementSibling;
    while (next && /^H[1-6]$/.test(next.tagName)) next = next.nextElementSibling;
    if (!next) out.push(name + ': nothing after it in its wrapper');
  });
  return out;
})()`

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	if raceEnabled {
		t.Skip("checks the page in Chromium, not Go's concurrency: run without -race")
	}
	bin := chromium()
	if bin == "" {
		t.Skip("no chromium binary on the PATH (nor $CHROMIUM): install Debian's chromium and fonts-noto-cjk, as .ci/run does, to run the browser test")
	}
	began := time.Now()
	out, err := os.MkdirTemp("", "shopmetrics-browser-")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots and PDFs in %s", out)
	fmt.Fprintf(os.Stderr, "browser test: screenshots and PDFs in %s\n", out)

	pages := demoReviews(t)
	pages = append(pages, browserPage{"negative-days-zh", Chinese, negativeReview(), true}, browserPage{"promotions-en", English, promotionsReview(), true})

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(out, "profile")))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil { // start the browser
		t.Fatalf("starting %s: %v", bin, err)
	}

	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := (HTML{Lang: p.lang}).Render(&b, p.r); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(out, p.name+".html")
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			tctx, cancelTab := chromedp.NewContext(bctx)
			defer cancelTab()
			// The console: every error the page writes, or throws, or the
			// browser logs for it, fails the test.
			var mu sync.Mutex
			var consoleErrs []string
			err := chromedp.Listen(tctx, func(ev any) {
				msg := ""
				switch ev := ev.(type) {
				case *cdpruntime.EventConsoleAPICalled:
					if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeAssert {
						msg = "console." + string(ev.Type)
						for _, a := range ev.Args {
							msg += " " + string(a.Value) + a.Description
						}
					}
				case *cdpruntime.EventExceptionThrown:
					msg = "exception: " + ev.ExceptionDetails.Text
					if ev.ExceptionDetails.Exception != nil {
						msg += " " + ev.ExceptionDetails.Exception.Description
					}
				case *cdplog.EventEntryAdded:
					if ev.Entry != nil && ev.Entry.Level == cdplog.EntryLevelError {
						msg = "log: " + ev.Entry.Text + " " + ev.Entry.URL
					}
				}
				if msg != "" {
					mu.Lock()
					consoleErrs = append(consoleErrs, msg)
					mu.Unlock()
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				mu.Lock()
				defer mu.Unlock()
				for _, m := range consoleErrs {
					t.Errorf("console: %s", m)
				}
			}()
			for _, width := range []int64{1280, 390} {
				opts := []chromedp.EmulateViewportOption{}
				if width < 600 {
					opts = append(opts, chromedp.EmulateMobile)
				}
				if err := chromedp.Do(tctx, chromedp.EmulateViewport(width, 900, opts...), chromedp.Navigate("file://"+file)); err != nil {
					t.Fatal(err)
				}
				over, err := chromedp.Run(tctx, chromedp.Evaluate[[]int]("[document.documentElement.scrollWidth, window.innerWidth]"))
				if err != nil {
					t.Fatal(err)
				}
				if over[0] > over[1] {
					t.Errorf("%d px: the page is %d px wide: it overflows horizontally", width, over[0])
				}
				problems, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](chartProblems))
				if err != nil {
					t.Fatal(err)
				}
				for _, pr := range problems {
					t.Errorf("%d px: %s", width, pr)
				}
				shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-%d.png", p.name, width)), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// Print: the heading rules under print media, then the PDF.
			if _, err := chromedp.Call(tctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			problems, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](headingProblems))
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range problems {
				t.Errorf("print: %s", pr)
			}
			if _, err := chromedp.Call(tctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
				t.Fatal(err)
			}
			if !p.pdf {
				return // the print rules are checked; printing it too would add seconds, not checks
			}
			pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatalf("print to PDF: %v", err)
			}
			n := pageCount(pdf)
			if n == 0 {
				t.Errorf("the PDF has no pages")
			}
			t.Logf("%s: %d A4 pages at %s", p.name, n, time.Since(began).Round(100*time.Millisecond))
			if err := os.WriteFile(filepath.Join(out, p.name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("browser test ran in %s", time.Since(began).Round(100*time.Millisecond))
}
