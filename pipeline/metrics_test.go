package pipeline

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sluice-news/sluice/stages"
)

// TestStageObserver: a chain observed by StageObserver records one
// duration per stage and page.
func TestStageObserver(t *testing.T) {
	m := NewMetrics()
	c := NewChain(stages.Decode{}, stages.Normalize{})
	c.Observe(m.StageObserver(c.Names()))
	for range 3 {
		if err := c.Run(context.Background(), &stages.Doc{Raw: []byte("a  b")}); err != nil {
			t.Fatal(err)
		}
	}
	body := scrape(t, m)
	for _, want := range []string{
		`sluice_stage_duration_seconds_count{stage="decode"} 3`,
		`sluice_stage_duration_seconds_count{stage="normalize"} 3`,
		`sluice_stage_duration_seconds_bucket{stage="decode",le="+Inf"} 3`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestStageTimesBuckets: a time lands in the first bucket whose bound is at
// or above it, and buckets are cumulative, as in a Prometheus histogram.
func TestStageTimesBuckets(t *testing.T) {
	m := NewMetrics()
	observe := m.StageObserver([]string{"a", "b"})
	observe([]time.Duration{3 * time.Microsecond, time.Microsecond})
	observe([]time.Duration{10 * time.Second}) // a page that failed in stage a
	body := scrape(t, m)
	for _, want := range []string{
		`sluice_stage_duration_seconds_bucket{stage="a",le="1e-06"} 0`,
		`sluice_stage_duration_seconds_bucket{stage="a",le="4e-06"} 1`,
		`sluice_stage_duration_seconds_bucket{stage="a",le="4.194304"} 1`,
		`sluice_stage_duration_seconds_bucket{stage="a",le="+Inf"} 2`,
		`sluice_stage_duration_seconds_sum{stage="a"} 10.000003`,
		`sluice_stage_duration_seconds_bucket{stage="b",le="1e-06"} 1`,
		`sluice_stage_duration_seconds_count{stage="b"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// scrape returns what m serves on /metrics.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /metrics: %d", rec.Code)
	}
	return rec.Body.String()
}
