package peerdata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func write(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "orders.csv")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A file's orders come back as the batch holds them and as rows, alike:
// the rows are built apart from the batch, so each checks the other.
func TestReadOrders(t *testing.T) {
	path := write(t, Header+"\n"+
		"o1,c1,1700000000,ads,10.50,1.00,4.25,USD\n"+
		"o2,c2,1700000060,search,3,0,1.10,USD\n"+
		"o3,c1,1700000120,ads,7.00,0.50,2.00,EUR\n")
	b, rows, err := ReadOrders(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 3 || len(rows) != 3 {
		t.Fatalf("%d orders in the batch, %d rows; want 3", b.Len(), len(rows))
	}
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	sameValue := gocmp.Comparer(func(x, y money.Money) bool { return x.Equal(y) || x.IsZero() && y.IsZero() })
	sameCurrency := gocmp.Comparer(func(x, y money.Currency) bool { return x.Code() == y.Code() })
	for i := range rows {
		if d := gocmp.Diff(rows[i], b.Order(i), sameValue, sameCurrency); d != "" {
			t.Errorf("order %d (-row +batch):\n%s", i, d)
		}
	}
	if got := rows[2].Lines[0].UnitPrice.String(); !strings.Contains(got, "7.00") {
		t.Errorf("order o3's unit price is %s, want 7.00 EUR", got)
	}
	if _, rows, err := ReadOrders(path, false); err != nil || rows != nil {
		t.Errorf("without rows: %d rows, error %v; want none", len(rows), err)
	}
}

// A bad file is an error naming its file, line and column.
func TestReadOrdersErrors(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
	}{
		{"header", "order_id,customer_id\n", ":1: the header is not"},
		{"empty", "", ":1: the header is not"},
		{"time", Header + "\no1,c1,x,ads,1,0,1,USD\n", ":2:3: "},
		{"currency", Header + "\no1,c1,1,ads,1,0,1,XX\n", ":2:8: "},
		{"gross", Header + "\no1,c1,1,ads,1,0,1,USD\no2,c1,1,ads,1.x,0,1,USD\n", ":3:5: "},
		{"cogs", Header + "\no1,c1,1,ads,1,0,,USD\n", ":2:7: "},
	} {
		path := write(t, c.body)
		_, _, err := ReadOrders(path, true)
		if err == nil || !strings.Contains(err.Error(), path+c.want) || !strings.HasPrefix(err.Error(), "peerdata: ") {
			t.Errorf("%s: error %v, want peerdata: %s%s…", c.name, err, path, c.want)
		}
	}
}
