// Package report builds the store operations review (店铺运营总结) and
// renders it.
package report
