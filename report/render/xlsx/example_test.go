package xlsx_test

import (
	"bytes"
	"fmt"
	"log"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
	"github.com/shopmetrics/shopmetrics/report/render/xlsx"
)

// A review's net sales KPI written to Excel and read back: the cell holds
// the amount as a number, shown with the currency's format.
func Example() {
	p := metrics.MonthOf(2025, time.November, time.UTC)
	k, err := report.NewKPI(metrics.KPI{Key: "net_sales", Unit: metrics.UnitMoney, Direction: metrics.HigherIsBetter},
		metrics.MoneyValue(money.MustNew("-4667.90", "CNY")), metrics.MoneyValue(money.MustNew("1000", "CNY")), metrics.Value{}, metrics.Value{})
	if err != nil {
		log.Fatal(err)
	}
	r := &report.Review{Store: "Demo", Period: p, Previous: p.Previous(), Currency: money.MustCurrency("CNY"),
		Overview: &report.Overview{KPIs: []report.KPI{k}}}
	var buf bytes.Buffer
	if err := (xlsx.Workbook{Lang: render.Chinese}).Render(&buf, r); err != nil {
		log.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	name, _ := f.GetCellValue(sheet, "A3")
	raw, _ := f.GetCellValue(sheet, "B3", excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(sheet, "B3")
	change, _ := f.GetCellValue(sheet, "D3")
	fmt.Println(sheet, "|", name, "|", raw, "|", shown, "|", change)
	// Output:
	// 一、总体概览 | 净销售额 | -4667.90 | -¥4,667.90 | -566.8%
}
