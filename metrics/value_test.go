package metrics_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func TestValueIn(t *testing.T) {
	tests := []struct {
		name   string
		v      metrics.Value
		u      metrics.Unit
		want   metrics.Value
		reason string
	}{
		{"ratio as multiple", metrics.RatioValue(metrics.NewRatio(150, 60)), metrics.UnitMultiple,
			metrics.RatioValue(metrics.NewRatio(150, 60)).In(metrics.UnitMultiple), "numbers change unit freely"},
		{"undefined takes the unit", metrics.Value{}, metrics.UnitCount, metrics.Undefined(metrics.UnitCount), "the zero Value is an undefined amount"},
		{"money is only money", metrics.MoneyValue(cny("1.00")), metrics.UnitNumber, metrics.Undefined(metrics.UnitNumber), "an amount never becomes a number"},
		{"a number is no duration", metrics.NumberValue(3), metrics.UnitDuration, metrics.Undefined(metrics.UnitDuration), "a duration is only a duration"},
	}
	for _, tt := range tests {
		if got := tt.v.In(tt.u); !got.Equal(tt.want) || got.Unit() != tt.u {
			t.Errorf("%s: %s: got %v (%v), want %v", tt.name, tt.reason, got, got.Unit(), tt.want)
		}
	}
	if (metrics.Value{}).Defined() {
		t.Error("the zero Value is defined")
	}
}

func TestValueJSON(t *testing.T) {
	for _, v := range []metrics.Value{
		metrics.MoneyValue(cny("12.30")), metrics.CountValue(42), metrics.RatioValue(metrics.CountRatio(1, 3)),
		metrics.NumberValue(4.35), metrics.RatioValue(metrics.NewRatio(150, 60)).In(metrics.UnitMultiple),
		metrics.NumberValue(45).In(metrics.UnitDays), metrics.DurationValue(38 * time.Minute),
		metrics.Undefined(metrics.UnitDuration), metrics.Value{},
		metrics.RatioValue(metrics.Points(metrics.CountRatio(179, 1000), metrics.CountRatio(225, 1000))).In(metrics.UnitPoints),
		metrics.Undefined(metrics.UnitPoints),
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var back metrics.Value
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(v) {
			t.Errorf("%s: decoded %v (%v), %v; want %v (%v)", b, back, back.Unit(), err, v, v.Unit())
		}
	}
	for _, bad := range []string{`{"kind":"furlongs","defined":false}`, `{"kind":"money","defined":true}`,
		`{"kind":"money","defined":true,"count":3}`, `{"kind":"percent","defined":true,"ratio":{"num":1,"den":0}}`,
		`{"kind":"duration","defined":true,"seconds":1e300}`} {
		var v metrics.Value
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestValueArithmetic(t *testing.T) {
	// Durations change on seconds, counts subtract exactly, an amount and
	// a number do not mix.
	d := metrics.DurationValue(30 * time.Minute)
	ch, err := d.Change(metrics.DurationValue(20 * time.Minute))
	if v, ok := ch.Value(); err != nil || !ok || v != 0.5 {
		t.Errorf("Change of 30 min from 20 min = %v, %v; want 0.5", ch, err)
	}
	if diff, err := metrics.CountValue(12).Sub(metrics.CountValue(10)); err != nil || !diff.Equal(metrics.CountValue(2)) {
		t.Errorf("12 − 10 = %v, %v", diff, err)
	}
	if _, err := metrics.MoneyValue(cny("1.00")).Sub(metrics.NumberValue(1)); err == nil {
		t.Error("money − number: no error")
	}
}
