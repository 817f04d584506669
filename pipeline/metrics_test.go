package pipeline

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sluice-news/sluice/stages"
)

// TestStageObserver: a chain observed by StageObserver records one
// duration per stage and page, for the stages named up front and for one
// seen only later.
func TestStageObserver(t *testing.T) {
	m := NewMetrics()
	c := NewChain(stages.Decode{}, stages.Normalize{})
	c.Observe(m.StageObserver([]string{"decode"})) // normalize is looked up when seen
	for range 3 {
		if err := c.Run(context.Background(), &stages.Doc{Raw: []byte("a  b")}); err != nil {
			t.Fatal(err)
		}
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`sluice_stage_duration_seconds_count{stage="decode"} 3`,
		`sluice_stage_duration_seconds_count{stage="normalize"} 3`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
