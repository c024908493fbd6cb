package storedata

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestReadGBKFile reads testdata/order_lines_gbk.csv, a file in GBK with
// CRLF line endings as Excel on Chinese Windows saves it (written with
// golang.org/x/text's GBK encoder). The expected text was checked with an
// independent decoder: iconv -f GBK -t UTF-8 testdata/order_lines_gbk.csv.
func TestReadGBKFile(t *testing.T) {
	f, err := os.Open("testdata/order_lines_gbk.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	orders, errs := Collect(ReadOrders(f, Options{File: "order_lines_gbk.csv"}))
	if errs != nil {
		t.Fatal(errs)
	}
	var got []string
	for _, o := range orders {
		for _, l := range o.Lines {
			got = append(got, o.CustomerID+" "+l.Name+" "+l.Category+" "+l.UnitPrice.String())
		}
	}
	want := []string{"张三 西湖龙井茶叶礼盒 茶叶 CNY 59.90", "李四 景德镇陶瓷茶杯 茶具 CNY 19.90"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GBK file (-want +got):\n%s", diff)
	}
}

// gb encodes s in GB18030.
func gb(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGB18030 generates GB18030 files: a long one (beyond the 64 KB that
// decide the encoding, cut inside a character there), a Chinese header,
// and the cases that are not decoded: a GBK byte after 64 KB of ASCII,
// bytes that are neither UTF-8 nor GB18030, and a byte sequence invalid
// in GB18030 after a start that is valid. Each is a located ErrText
// error, and no value read holds invalid UTF-8.
func TestGB18030(t *testing.T) {
	const head = "channel,day,currency,amount\n"
	var long strings.Builder
	long.WriteString(head)
	for i := range 4000 { // about 150 KB
		fmt.Fprintf(&long, "搜索广告%04d,2025-11-01,CNY,5\n", i)
	}
	spend, errs := Collect(ReadSpend(strings.NewReader(gb(t, long.String())), Options{}))
	if errs != nil || len(spend) != 4000 || spend[3999].Channel != "搜索广告3999" {
		t.Errorf("long GB18030 file: %d rows, errors %v", len(spend), errs)
	}
	spend, errs = Collect(ReadSpend(strings.NewReader(gb(t, "渠道,day,currency,amount\n淘宝直通车,2025-11-01,CNY,5\n")),
		Options{Mapping: &Mapping{Columns: map[string]map[string]string{"spend": {"渠道": "channel"}}}}))
	if errs != nil || len(spend) != 1 || spend[0].Channel != "淘宝直通车" {
		t.Errorf("Chinese header mapped: %v, %v", spend, errs)
	}

	var rows strings.Builder // 70 KB of ASCII rows
	for i := range 3000 {
		fmt.Fprintf(&rows, "ads%04d,2025-11-01,CNY,5\n", i)
	}
	ascii := head + rows.String()
	for _, tc := range []struct{ name, in, want string }{
		{"gbk after 64 KB of ASCII", ascii + gb(t, "淘宝,2025-11-02,CNY,5\n"), "invalid UTF-8"},
		{"neither", head + "\xff\xfe\xff,2025-11-02,CNY,5\n", "invalid UTF-8"},
		{"invalid GB18030 later", gb(t, head+"淘宝,2025-11-02,CNY,5\n") + rows.String() + "\x81\x20x,2025-11-02,CNY,5\n", "not GB18030 either"},
	} {
		vals, errs := Collect(ReadSpend(strings.NewReader(tc.in), Options{File: "spend.csv"}))
		var pe *ParseError
		if len(errs) != 1 || !errors.As(errs[0], &pe) || !errors.Is(errs[0], ErrText) || pe.Column != 1 || !strings.Contains(errs[0].Error(), tc.want) {
			t.Errorf("%s: errors %v; want one ErrText error in column 1 saying %q", tc.name, errs, tc.want)
		}
		for _, v := range vals {
			if !utf8.ValidString(v.Channel) {
				t.Errorf("%s: channel %q is not UTF-8", tc.name, v.Channel)
			}
		}
	}
}

// TestDetectGB18030: UTF-8 text, including Chinese, is UTF-8; GBK text is
// GB18030; a cut at the end of a full buffer does not count.
func TestDetectGB18030(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		full bool
		want encoding
	}{
		{"ascii", "a,b\n1,2\n", false, encUTF8},
		{"utf-8 chinese", "名称\n茶叶\n", false, encUTF8},
		{"gbk", gb(t, "名称\n茶叶\n"), false, encGB18030},
		{"gbk cut in a character", gb(t, "名称\n茶叶\n")[:9], true, encGB18030},
		{"latin-1 é followed by a comma", "caf\xe9,1\n", false, encUTF8},
	} {
		if got := detectGB18030([]byte(tc.in), tc.full); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
