package pipeline

import (
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

func TestParseBound(t *testing.T) {
	utc := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct {
		in   string
		want Bound
		err  bool
	}{
		{in: "earliest", want: Earliest},
		{in: " LATEST ", want: Latest},
		{in: "0", want: OffsetBound(0)},
		{in: "12345", want: OffsetBound(12345)},
		{in: "2026-11-21T10:00:00Z", want: TimeBound(utc("2026-11-21T10:00:00Z"))},
		{in: "2026-11-21T10:00:00+02:00", want: TimeBound(utc("2026-11-21T08:00:00Z"))},
		{in: "2026-11-21", want: TimeBound(utc("2026-11-21T00:00:00Z"))},
		{in: "2026-11-21T10:30", want: TimeBound(utc("2026-11-21T10:30:00Z"))},
		{in: "2026-11-21 10:30:05", want: TimeBound(utc("2026-11-21T10:30:05Z"))},
		{in: "-5", err: true},
		{in: "yesterday", err: true},
		{in: "", err: true},
		{in: "2026-13-01", err: true},
	}
	for _, tt := range tests {
		got, err := ParseBound(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseBound(%q) error %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if !tt.err && (got.kind != tt.want.kind || got.offset != tt.want.offset || !got.time.Equal(tt.want.time)) {
			t.Errorf("ParseBound(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if !tt.err {
			again, err := ParseBound(got.String())
			if err != nil || again.String() != got.String() {
				t.Errorf("ParseBound(%q).String() = %q does not parse back (%v)", tt.in, got.String(), err)
			}
		}
	}
}

func TestWindowFilter(t *testing.T) {
	day := func(n int) time.Time { return time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC) }
	if f := windowFilter(Earliest, OffsetBound(9)); f != nil {
		t.Fatal("a window without times filters records")
	}
	tests := []struct {
		from, until Bound
		at          time.Time
		keep        bool
	}{
		{TimeBound(day(2)), TimeBound(day(3)), day(2), true},
		{TimeBound(day(2)), TimeBound(day(3)), day(3).Add(-time.Nanosecond), true},
		{TimeBound(day(2)), TimeBound(day(3)), day(3), false},
		{TimeBound(day(2)), TimeBound(day(3)), day(1), false},
		{TimeBound(day(2)), Latest, day(9), true},
		{Earliest, TimeBound(day(3)), day(1), true},
		{Earliest, TimeBound(day(3)), day(4), false},
	}
	for _, tt := range tests {
		if got := windowFilter(tt.from, tt.until)(kafka.Message{Time: tt.at}); got != tt.keep {
			t.Errorf("window %v..%v keeps a record of %v: %v, want %v", tt.from, tt.until, tt.at, got, tt.keep)
		}
	}
}

func TestReplayGroup(t *testing.T) {
	w := ReplayWindow{From: TimeBound(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)), Until: Latest}
	a, b := ReplayGroup("in", "out", w), ReplayGroup("in", "out", w)
	if a != b {
		t.Fatalf("the same replay has groups %q and %q", a, b)
	}
	for _, other := range []ReplayWindow{
		{From: w.From, Until: Latest, Partitions: []int{1}},
		{From: w.From, Until: Latest, Late: time.Hour},
		{From: Earliest, Until: Latest},
	} {
		if g := ReplayGroup("in", "out", other); g == a {
			t.Errorf("window %v has the group of %v", other, w)
		}
	}
	if ReplayGroup("in", "other", w) == a {
		t.Error("another output topic has the same group")
	}
}
