package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Product is one SKU of the demo catalogue.
type Product struct {
	SKU      string
	Name     string // Chinese name as shown to customers, such as "纯棉圆领T恤 白色"
	NameEN   string // English name, such as "Cotton crew-neck T-shirt, white"
	Category string // one of the category keys: apparel, shoes, beauty, home, electronics, snacks
	Price    money.Money
	Cost     money.Money // landed unit cost
	// LeadTime is the supplier lead time in days: stock ordered at the end
	// of day d is received at the start of day d+LeadTime.
	LeadTime int
	// Popularity is the SKU's true share of line draws on an ordinary day
	// (the shares of the catalogue add up to 1; 0 for dead stock). Before
	// its launch a product is not drawn, and the shares of the products
	// on sale are scaled up to add up to 1.
	Popularity float64
	// Launch is the day the product went on sale (上新日期): for the
	// products of Truth.NewSKUs, a day in the last 90 days of the period,
	// for the others a day before the period.
	Launch time.Time
}

type template struct {
	zh, en string
	lo, hi int64 // price range in whole yuan
}

type category struct {
	key, zh  string
	prefix   string
	weight   float64 // share of the catalogue's SKUs
	lead     [2]int  // lead time range in days
	margin   [2]int  // cost as per mille of price
	items    []template
	variants [][2]string
}

var categories = []category{
	{key: "apparel", zh: "服饰", prefix: "AP", weight: 0.26, lead: [2]int{7, 14}, margin: [2]int{300, 450},
		items: []template{
			{"纯棉圆领T恤", "Cotton crew-neck T-shirt", 59, 129},
			{"修身牛仔裤", "Slim-fit jeans", 159, 299},
			{"连帽卫衣", "Hooded sweatshirt", 129, 259},
			{"羊毛针织衫", "Wool knit sweater", 199, 399},
			{"轻薄羽绒服", "Light down jacket", 299, 599},
			{"运动短裤", "Sports shorts", 49, 99},
			{"牛津纺衬衫", "Oxford shirt", 119, 229},
		},
		variants: [][2]string{{"白色", "white"}, {"黑色", "black"}, {"藏青", "navy"}, {"灰色", "grey"}, {"卡其", "khaki"}}},
	{key: "shoes", zh: "鞋包", prefix: "SH", weight: 0.14, lead: [2]int{10, 21}, margin: [2]int{350, 500},
		items: []template{
			{"休闲帆布鞋", "Canvas sneakers", 129, 259},
			{"缓震跑步鞋", "Cushioned running shoes", 299, 599},
			{"双肩背包", "Backpack", 99, 299},
			{"斜挎包", "Crossbody bag", 89, 239},
		},
		variants: [][2]string{{"黑色", "black"}, {"米白", "off-white"}, {"灰色", "grey"}}},
	{key: "beauty", zh: "美妆", prefix: "BT", weight: 0.18, lead: [2]int{5, 10}, margin: [2]int{250, 400},
		items: []template{
			{"保湿面霜", "Moisturising cream", 89, 259},
			{"氨基酸洗面奶", "Amino-acid cleanser", 49, 99},
			{"防晒乳 SPF50", "Sunscreen SPF50", 69, 159},
			{"丝绒口红", "Velvet lipstick", 99, 259},
			{"修护精华液", "Repair serum", 159, 459},
			{"补水面膜 10片装", "Hydrating sheet masks, 10 pack", 49, 129},
		},
		variants: [][2]string{{"经典款", "classic"}, {"清爽型", "light"}, {"滋润型", "rich"}}},
	{key: "home", zh: "家居", prefix: "HM", weight: 0.16, lead: [2]int{10, 20}, margin: [2]int{350, 550},
		items: []template{
			{"纯棉四件套", "Cotton bedding set", 199, 499},
			{"记忆棉枕头", "Memory-foam pillow", 89, 199},
			{"陶瓷马克杯", "Ceramic mug", 29, 69},
			{"桌面收纳盒", "Desk storage box", 29, 89},
			{"香薰蜡烛", "Scented candle", 49, 129},
		},
		variants: [][2]string{{"简约款", "plain"}, {"北欧风", "Nordic"}, {"日式", "Japanese style"}}},
	{key: "electronics", zh: "数码配件", prefix: "EL", weight: 0.14, lead: [2]int{14, 30}, margin: [2]int{450, 650},
		items: []template{
			{"无线蓝牙耳机", "Wireless earbuds", 149, 499},
			{"20W快充充电器", "20W fast charger", 49, 129},
			{"移动电源 10000mAh", "Power bank 10000mAh", 99, 199},
			{"硅胶手机壳", "Silicone phone case", 29, 79},
			{"USB-C数据线 1米", "USB-C cable, 1 m", 19, 49},
		},
		variants: [][2]string{{"黑色", "black"}, {"白色", "white"}}},
	{key: "snacks", zh: "食品", prefix: "SN", weight: 0.12, lead: [2]int{3, 7}, margin: [2]int{450, 600},
		items: []template{
			{"每日坚果 30包", "Daily nuts, 30 packs", 99, 169},
			{"挂耳咖啡 20包", "Drip coffee, 20 bags", 59, 119},
			{"五香牛肉干", "Spiced beef jerky", 39, 89},
			{"花草茶礼盒", "Herbal tea gift box", 39, 99},
		},
		variants: [][2]string{{"原味", "original"}, {"家庭装", "family size"}}},
}

// Categories returns the category keys of the demo catalogue, in
// catalogue order: apparel, shoes, beauty, home, electronics, snacks.
func Categories() []string {
	s := make([]string, len(categories))
	for i, c := range categories {
		s[i] = c.key
	}
	return s
}

// catalogue builds n products. Popularity follows a Zipf law over a
// shuffled order; the last products are slow movers and dead stock.
func catalogue(r *rand.Rand, n int, cur money.Currency) ([]Product, []uint8) {
	// SKUs per category, by largest remainder.
	counts := make([]int, len(categories))
	left := n
	for i, c := range categories {
		counts[i] = int(math.Floor(c.weight * float64(n)))
		left -= counts[i]
	}
	for i := 0; left > 0; i = (i + 1) % len(counts) {
		counts[i]++
		left--
	}
	ps := make([]Product, 0, n)
	for ci, c := range categories {
		for k := 0; k < counts[ci]; k++ {
			it := c.items[k%len(c.items)]
			v := c.variants[(k/len(c.items))%len(c.variants)]
			round := k / (len(c.items) * len(c.variants))
			zh, en := it.zh+" "+v[0], it.en+", "+v[1]
			if round > 0 {
				zh, en = fmt.Sprintf("%s %d代", zh, round+1), fmt.Sprintf("%s (gen %d)", en, round+1)
			}
			yuan := it.lo + r.Int64N(it.hi-it.lo+1)
			price := yuan * 100
			if r.IntN(2) == 0 {
				price -= 10 // 129.90 rather than 130.00
			}
			cost := price * int64(c.margin[0]+r.IntN(c.margin[1]-c.margin[0]+1)) / 1000
			ps = append(ps, Product{
				SKU:      fmt.Sprintf("%s-%04d", c.prefix, k+1),
				Name:     zh,
				NameEN:   en,
				Category: c.key,
				Price:    cur.FromMinor(price),
				Cost:     cur.FromMinor(cost),
				LeadTime: c.lead[0] + r.IntN(c.lead[1]-c.lead[0]+1),
			})
		}
	}
	// Zipf popularity over a random rank order.
	rank := r.Perm(n)
	w := make([]float64, n)
	for i := range ps {
		w[i] = 1 / math.Pow(float64(rank[i])+4, 1.1)
	}
	roles := assignRoles(ps, rank)
	for i := range ps {
		switch roles[i] {
		case roleDead:
			w[i] = 0
		case roleSlow:
			w[i] *= 0.01
		}
	}
	total := 0.0
	for _, x := range w {
		total += x
	}
	for i := range ps {
		ps[i].Popularity = w[i] / total
	}
	return ps, roles
}

// SKU roles with known truth.
const (
	roleNormal   uint8 = iota
	roleDead           // never sold, stock on hand all year
	roleSlow           // sells rarely, large stock
	roleStockout       // replenished late: runs out of stock now and then
	rolePromo          // in the percent-off promotion
	roleProblem        // often returned as "not as described"
	roleNew            // launched in the last 90 days of the period
)

// assignRoles picks, from the rank order (0 = most popular), the promoted
// SKUs (the 4 most popular beauty SKUs), the stock-out prone SKUs (ranks 5
// to 10 outside beauty), the problem SKUs (2 apparel and 1 shoes SKU of
// middle rank), the new products (one in twenty, at least two, of
// every third rank from an eighth of the catalogue down, outside beauty),
// the slow movers and the dead stock (the least popular SKUs).
func assignRoles(ps []Product, rank []int) []uint8 {
	n := len(ps)
	roles := make([]uint8, n)
	byRank := make([]int, n)
	for i, k := range rank {
		byRank[k] = i
	}
	promo, stockout := 0, 0
	probApparel, probShoes := 0, 0
	for k, i := range byRank {
		p := ps[i]
		switch {
		case p.Category == "beauty" && promo < 4:
			roles[i] = rolePromo
			promo++
		case k >= 5 && stockout < 6 && p.Category != "beauty":
			roles[i] = roleStockout
			stockout++
		case k >= n/4 && p.Category == "apparel" && probApparel < 2:
			roles[i] = roleProblem
			probApparel++
		case k >= n/4 && p.Category == "shoes" && probShoes < 1:
			roles[i] = roleProblem
			probShoes++
		}
	}
	fresh, want := 0, max(2, n/20)
	for k := n / 8; k < n && fresh < want; k += 3 {
		if i := byRank[k]; roles[i] == roleNormal && ps[i].Category != "beauty" {
			roles[i] = roleNew
			fresh++
		}
	}
	// The least popular SKUs outside the promoted category: 3 dead, 5 slow.
	dead, slow := 0, 0
	for k := n - 1; k >= 0 && (dead < 3 || slow < 5); k-- {
		i := byRank[k]
		if roles[i] != roleNormal || ps[i].Category == "beauty" {
			continue
		}
		if dead < 3 {
			roles[i] = roleDead
			dead++
		} else {
			roles[i] = roleSlow
			slow++
		}
	}
	return roles
}
