package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDemoChineseHasNoEnglish reads the Chinese Markdown golden (which
// TestDemoGolden holds to the command's output) for English words: a
// label, a reason or a data value with a display name left in English.
// Acronyms (SKU, LTV, ROI) pass; the other words allowed are data without
// a Chinese name (the store's and a promotion's names, a product's mAh)
// and the names of methods. The page once printed the carriers and regions
// (ZTO, Xinjiang) and a left-out reason ("repeat spend ≤ 0 after refunds")
// in English.
func TestDemoChineseHasNoEnglish(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "demo.zh.md"))
	if err != nil {
		t.Fatal(err)
	}
	allowed := []string{
		"Demo", "store", // the demo store's name, from data
		"off", "everything", // the 12.12 promotion's name, from data
		"mAh",                                    // product names
		"Newey", "West", "Benjamini", "Hochberg", // methods
		"delta", // the delta method (delta方法)
	}
	acronym := regexp.MustCompile(`^[A-Z]+$`)
	seen := map[string]bool{}
	for _, w := range regexp.MustCompile(`[A-Za-z][A-Za-z&]{2,}`).FindAllString(string(page), -1) {
		if acronym.MatchString(w) || slices.Contains(allowed, w) || seen[w] {
			continue
		}
		seen[w] = true
		t.Errorf("English word %q on the Chinese page", w)
	}
}

// TestDayPeriodChinese reviews one day (11.11) in Chinese: the weekend
// effect, which a day cannot have, says why in Chinese (it said "report:
// the period has no weekend day or no weekday").
func TestDayPeriodChinese(t *testing.T) {
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"-period", "2025-11-11", "-lang", "zh"}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	page := out.String()
	if want := "*未能计算：周末效应（统计期内没有周末或没有工作日）*"; !strings.Contains(page, want) {
		t.Errorf("%q not on the page", want)
	}
	if strings.Contains(page, "no weekend day") {
		t.Errorf("the weekend effect's reason in English on the Chinese page")
	}
}
