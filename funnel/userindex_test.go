package funnel

import (
	"strconv"
	"testing"
)

// TestUserIndex adds enough users to resize the index several times (from
// 1024 slots), in each kind of counter, and checks that each user keeps
// the index of its first appearance.
func TestUserIndex(t *testing.T) {
	for _, unit := range []Unit{PerUser, PerSession} {
		for _, key := range []string{"", PropSession} {
			if unit == PerUser && key != "" {
				continue
			}
			cfg := Config{Steps: steps("a", "b"), Unit: unit, Sessions: SessionRule{Key: key}}
			c, err := NewCounter(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if c.hasUser("u0") {
				t.Fatalf("%v %q: an empty counter has user u0", unit, key)
			}
			const n = 5000
			for i := range n {
				id := "u" + strconv.Itoa(i)
				if got := c.newUser(id, int64(i)); got != int32(i) {
					t.Fatalf("%v %q: newUser(%q) = %d, want %d", unit, key, id, got, i)
				}
			}
			c.Grow(3 * n) // resizes without changing any index
			if c.users.len() != n {
				t.Fatalf("%v %q: %d users, want %d", unit, key, c.users.len(), n)
			}
			for i := range n {
				// A fresh copy of the ID, so that its bytes are compared.
				id := string([]byte("u" + strconv.Itoa(i)))
				if got, _, _ := c.findUser(id); got != int32(i) {
					t.Fatalf("%v %q: findUser(%q) = %d, want %d", unit, key, id, got, i)
				}
			}
			if c.hasUser("u" + strconv.Itoa(n)) {
				t.Errorf("%v %q: the counter has a user never added", unit, key)
			}
		}
	}
}
