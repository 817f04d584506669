package pipeline

import (
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/sluice-news/sluice/stages"
)

// Metrics are the Prometheus metrics of one Runner, in a registry of their
// own (no global state). A nil *Metrics records nothing, so code that
// counts need not check.
type Metrics struct {
	reg *prometheus.Registry

	in         *prometheus.CounterVec              // records fetched, by topic
	out        *prometheus.CounterVec              // clean records acknowledged, by topic
	dlq        *prometheus.CounterVec              // dead letters acknowledged, by class
	stage      *stageTimes                         // stage durations, by stage
	removed    *prometheus.CounterVec              // bytes removed, by debris class
	removedBy  map[stages.Class]prometheus.Counter // removed's counter of each class, looked up once
	lag        *prometheus.GaugeVec                // records behind the partition end, by partition
	commitTime *prometheus.GaugeVec                // Unix time of the last commit, by partition
	rebalances prometheus.Counter
	retries    *prometheus.CounterVec // retried writes and commits, by operation
}

// NewMetrics returns metrics registered in a new registry, together with
// the Go runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		in: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sluice_records_in_total", Help: "Input records fetched.",
		}, []string{"topic"}),
		out: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sluice_records_out_total", Help: "Clean records written and acknowledged.",
		}, []string{"topic"}),
		dlq: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sluice_records_dlq_total", Help: "Dead letters written and acknowledged, by error class.",
		}, []string{"class"}),
		stage: newStageTimes(prometheus.NewDesc("sluice_stage_duration_seconds", "Time one stage took on one page.",
			[]string{"stage"}, nil), prometheus.ExponentialBuckets(1e-6, 4, 12)), // 1µs .. ~4s
		removed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sluice_removed_bytes_total", Help: "Bytes of text removed, by debris class (as reported, clipped to the report's text length).",
		}, []string{"class"}),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "sluice_consumer_lag", Help: "Records between the last committed offset and the partition's end.",
		}, []string{"partition"}),
		commitTime: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "sluice_last_commit_timestamp_seconds", Help: "Unix time of the last offset commit; commit age is time() minus this.",
		}, []string{"partition"}),
		rebalances: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "sluice_rebalances_total", Help: "Consumer group generations joined.",
		}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sluice_retries_total", Help: "Writes and commits retried after a transient error.",
		}, []string{"op"}),
	}
	m.removedBy = make(map[stages.Class]prometheus.Counter, len(stages.Classes))
	for _, c := range stages.Classes {
		m.removedBy[c] = m.removed.WithLabelValues(string(c))
	}
	m.reg.MustRegister(m.in, m.out, m.dlq, m.stage, m.removed, m.lag, m.commitTime, m.rebalances, m.retries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// StageObserver returns a function for Chain.Observe that records the
// stage times of a chain with the given stage names (Chain.Names). The
// names are resolved to histograms once, here; each page's times are then
// recorded under one lock.
func (m *Metrics) StageObserver(stages []string) func(took []time.Duration) {
	if m == nil {
		return func([]time.Duration) {}
	}
	idx := m.stage.indexes(stages)
	return func(took []time.Duration) { m.stage.record(idx, took) }
}

// stageTimes is a collector of one duration histogram per stage. A page's
// stage times are recorded under one lock (record): a HistogramVec would
// take three atomic operations per stage and page, on cache lines that
// every worker writes, which cost 2.5 % of the CPU of a loaded pipeline.
type stageTimes struct {
	desc    *prometheus.Desc
	buckets []float64 // upper bounds in seconds, ascending

	mu    sync.Mutex
	names []string       // of each histogram
	index map[string]int // name -> histogram
	hists []stageHist
}

// stageHist is one stage's histogram.
type stageHist struct {
	counts []uint64 // per bucket, not cumulative; the last one is +Inf's
	count  uint64
	sum    float64 // seconds
}

// newStageTimes returns an empty collector of histograms with the given
// bucket bounds described by desc, whose one variable label is the stage.
func newStageTimes(desc *prometheus.Desc, buckets []float64) *stageTimes {
	return &stageTimes{desc: desc, buckets: buckets, index: map[string]int{}}
}

// indexes returns the histogram of each named stage, adding the missing.
func (t *stageTimes) indexes(names []string) []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]int, len(names))
	for i, name := range names {
		j, ok := t.index[name]
		if !ok {
			j = len(t.hists)
			t.index[name] = j
			t.names = append(t.names, name)
			t.hists = append(t.hists, stageHist{counts: make([]uint64, len(t.buckets)+1)})
		}
		out[i] = j
	}
	return out
}

// record adds took[i] to the histogram idx[i], for every i of both.
func (t *stageTimes) record(idx []int, took []time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, d := range took[:min(len(took), len(idx))] {
		h := &t.hists[idx[i]]
		s := d.Seconds()
		// The first bound at or above s: a bucket counts values <= its bound.
		h.counts[sort.SearchFloat64s(t.buckets, s)]++
		h.count++
		h.sum += s
	}
}

// Describe implements prometheus.Collector.
func (t *stageTimes) Describe(ch chan<- *prometheus.Desc) { ch <- t.desc }

// Collect implements prometheus.Collector.
func (t *stageTimes) Collect(ch chan<- prometheus.Metric) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, name := range t.names {
		h := &t.hists[i]
		cumulative := make(map[float64]uint64, len(t.buckets))
		var n uint64
		for b, bound := range t.buckets {
			n += h.counts[b]
			cumulative[bound] = n
		}
		ch <- prometheus.MustNewConstHistogram(t.desc, h.count, h.sum, cumulative, name)
	}
}

func (m *Metrics) fetched(topic string, n int) {
	if m != nil {
		m.in.WithLabelValues(topic).Add(float64(n))
	}
}

func (m *Metrics) written(topic string) {
	if m != nil {
		m.out.WithLabelValues(topic).Inc()
	}
}

func (m *Metrics) deadLettered(class ErrorClass) {
	if m != nil {
		m.dlq.WithLabelValues(string(class)).Inc()
	}
}

func (m *Metrics) removals(rs []stages.Removal) {
	if m != nil {
		for _, r := range rs {
			c, ok := m.removedBy[r.Class]
			if !ok {
				c = m.removed.WithLabelValues(string(r.Class))
			}
			c.Add(float64(len(r.Text)))
		}
	}
}

func (m *Metrics) committed(partition int, lag int64) {
	if m != nil {
		p := strconv.Itoa(partition)
		m.lag.WithLabelValues(p).Set(float64(max(lag, 0)))
		m.commitTime.WithLabelValues(p).SetToCurrentTime()
	}
}

func (m *Metrics) rebalanced() {
	if m != nil {
		m.rebalances.Inc()
	}
}

func (m *Metrics) retried(op string) {
	if m != nil {
		m.retries.WithLabelValues(op).Inc()
	}
}
