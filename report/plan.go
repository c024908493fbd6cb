package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Plan is the plan section (未来规划与目标): the forecast of the next
// period, the targets it suggests and the actions of the findings ranked by
// the money at stake.
//
// The next period is the period of the review's length that follows it:
// the next calendar unit for a calendar period (a month → the next
// month), the same number of days for a custom one. Its forecasts come
// from metrics/forecast, fitted to the daily series of the whole history
// up to the end of the review's period (net sales, orders, visitors);
// see [Forecast]. The days of Input.Promotions are left out of the fit;
// when that leaves too little history, the days of promotions on some
// products only are kept (those of store-wide ones are still left out),
// and a "forecast_product_promotions" note counts the days kept.
type Plan struct {
	// Next is the period forecast.
	Next metrics.Period `json:"next"`
	// Forecasts are the forecasts of net sales, orders and visitors over
	// Next, in that order; a KPI without data or history enough is left
	// out with a note.
	Forecasts []Forecast `json:"forecasts,omitempty"`
	// Targets are the targets the forecasts suggest, one per forecast.
	Targets []SuggestedTarget `json:"suggested_targets,omitempty"`
	// Days are the daily net sales of the last weeks of the history and
	// the daily forecast of Next with its interval, for a chart.
	Days []ForecastDay `json:"days,omitempty"`
	// Actions are the recommendations of the findings ranked by the money
	// at stake, each with the KPI to watch and a date to check (set by
	// Build after the rules ran; see actions.go).
	Actions []Action `json:"actions"`
}

// Forecast is the forecast of one KPI over the next period.
//
// Point is the model's expected total; Low and High bound the prediction
// interval of coverage Level (0.8: the actual total should fall inside four
// periods in five). Net sales are a float model underneath, rounded to the
// minor unit: a statistic, not an amount booked. Visitors are distinct
// over a period while the model forecasts the sum of daily visitors, so
// the visitors' forecast is scaled by the review period's ratio of its
// distinct visitors to the sum of its daily visitors.
type Forecast struct {
	Key   string        `json:"key"` // metrics.KeyNetSales, KeyOrders or KeyVisitors
	Point metrics.Value `json:"point"`
	Low   metrics.Value `json:"low"`
	High  metrics.Value `json:"high"`
	Level float64       `json:"level"`
	// Method names the model and the interval (see metrics/forecast).
	Method string `json:"method"`
	// HistoryDays is the number of days of history the model read.
	HistoryDays int `json:"history_days"`
	// Backtest is the error of the same model forecasting the last
	// periods of the review's length from the data before each.
	Backtest ForecastError `json:"backtest"`
}

// ForecastError is the rolling-origin backtest of a forecast: the last
// Periods periods of the review's length (up to 3), each forecast from the
// data before it alone.
type ForecastError struct {
	Periods int `json:"periods"`
	// MAPE is mean(|actual − forecast| / |actual|) over the periods, a
	// plain number (0.05 is 5 %); undefined without periods.
	MAPE metrics.Value `json:"mape"`
	// BaselineMAPE is the MAPE of the seasonal-naive forecast (the total
	// of the same weekdays just before the period); undefined when the
	// baseline of a period reads days missing from the data, so that the
	// two MAPEs are always over the same periods.
	BaselineMAPE metrics.Value `json:"baseline_mape"`
	// Coverage is the share of the periods whose actual fell inside the
	// interval.
	Coverage metrics.Ratio `json:"coverage"`
}

// SuggestedTarget is the target a forecast suggests for the next period.
//
// Base is the point forecast (what the trend delivers); Stretch is halfway
// from the point forecast to the interval's high end, Point + (High −
// Point)/2: with an 80 % interval, a total the model puts at about a
// 25 % chance of being reached, ambitious yet within the likely range.
type SuggestedTarget struct {
	Key     string        `json:"key"`
	Base    metrics.Value `json:"base"`
	Stretch metrics.Value `json:"stretch"`
}

// ForecastDay is one day of the forecast chart: the actual net sales of a
// day of history (undefined on a day missing from the data, see the
// overview's "orders_gap" note), or the forecast of a day of the next
// period with its interval (Actual undefined).
type ForecastDay struct {
	Date   time.Time     `json:"date"`
	Actual metrics.Value `json:"actual"`
	Point  metrics.Value `json:"point"`
	Low    metrics.Value `json:"low"`
	High   metrics.Value `json:"high"`
}
