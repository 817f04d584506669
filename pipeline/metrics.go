package pipeline

import (
	"net/http"
	"strconv"
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
	stage      *prometheus.HistogramVec            // stage durations, by stage
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
		stage: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "sluice_stage_duration_seconds", Help: "Time one stage took on one page.",
			Buckets: prometheus.ExponentialBuckets(1e-6, 4, 12), // 1µs .. ~4s
		}, []string{"stage"}),
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

// StageObserver returns a function for Chain.Observe that records stage
// runs. The histograms of the named stages are looked up once, here, so
// that recording a run costs no label hashing; another stage name is
// looked up when it is seen.
func (m *Metrics) StageObserver(stages []string) func(stage string, took time.Duration, err error) {
	if m == nil {
		return func(string, time.Duration, error) {}
	}
	obs := make(map[string]prometheus.Observer, len(stages))
	for _, s := range stages {
		obs[s] = m.stage.WithLabelValues(s)
	}
	return func(stage string, took time.Duration, _ error) {
		o, ok := obs[stage]
		if !ok {
			o = m.stage.WithLabelValues(stage)
		}
		o.Observe(took.Seconds())
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
