package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// The end-to-end benchmarks move the same e2ePages corpus-like pages
// through an embedded broker on loopback, on all the process's cores:
//
//   - BenchmarkEndToEnd: the Runner, from the input topic to clean records
//     committed;
//   - BenchmarkPassthrough: a plain kafka-go consumer group that copies each
//     record to another topic and commits, the cost of the Kafka I/O alone;
//   - BenchmarkOfflineClean: parsing the same envelopes, cleaning and
//     encoding the pages without Kafka, what "sluice clean" does with them as
//     a .jsonl file.
//
// The broker runs in the benchmark's process, so its work is in every
// figure that uses Kafka. The two consumer groups' pages/s and MB/s are
// their steady rate (see steadyRate): the group join before it and the
// shutdown after it, which a long-running service pays once, are reported
// apart (join-ms, stop-ms). `make bench` prints EndToEnd
// as a ratio of the lower of the other two.
const e2ePages = 20000

// e2eCorpus returns e2ePages corpus-like pages and their bytes.
func e2eCorpus(b *testing.B) ([]Page, int64) {
	b.Helper()
	pages, _ := corpusLikeFrom(sharedDir(b), e2ePages*4<<10)
	if len(pages) < e2ePages {
		b.Fatalf("%d corpus-like pages, want %d", len(pages), e2ePages)
	}
	pages = pages[:e2ePages]
	var n int64
	for _, p := range pages {
		n += int64(len(p.Body))
	}
	return pages, n
}

// e2eEnvelopes returns the e2eCorpus pages as JSON envelopes, and the
// bytes of the page bodies.
func e2eEnvelopes(b *testing.B) ([][]byte, int64) {
	b.Helper()
	pages, n := e2eCorpus(b)
	envs := make([][]byte, len(pages))
	for i, p := range pages {
		envs[i], _ = json.Marshal(map[string]string{"url": fmt.Sprintf("https://example.test/%d", i), "content_type": "text/plain", "body": string(p.Body)})
	}
	return envs, n
}

// e2eBroker starts a broker, creates topic "in" with 4 partitions and
// fills it with the e2eEnvelopes; it returns the cluster and the bytes of
// the page bodies.
func e2eBroker(b *testing.B) (Kafka, int64) {
	b.Helper()
	envs, n := e2eEnvelopes(b)
	br, err := StartBroker("127.0.0.1:0", "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(br.Close)
	k := Plain(br.Addr)
	ctx := context.Background()
	if err := EnsureTopics(ctx, k, 4, "in"); err != nil {
		b.Fatal(err)
	}
	w := k.Writer("in", DefaultMaxBytes, 0)
	defer w.Close()
	msgs := make([]kafka.Message, 0, 1000)
	for i, env := range envs {
		msgs = append(msgs, kafka.Message{Key: []byte(strconv.Itoa(i)), Value: env})
		if len(msgs) == cap(msgs) || i == len(envs)-1 {
			if err := w.WriteMessages(ctx, msgs...); err != nil {
				b.Fatal(err)
			}
			msgs = msgs[:0]
		}
	}
	return k, n
}

// waitCommitted waits until group has committed n records of topic.
func waitCommitted(b *testing.B, k Kafka, group, topic string, n int64) int64 {
	b.Helper()
	ctx := context.Background()
	parts, err := Partitions(ctx, k, topic)
	if err != nil {
		b.Fatal(err)
	}
	c := k.Client()
	deadline := time.Now().Add(5 * time.Minute)
	for {
		resp, err := c.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{topic: parts}})
		if err == nil {
			var sum int64
			for _, p := range resp.Topics[topic] {
				sum += max(p.CommittedOffset, 0)
			}
			if sum >= n {
				return sum
			}
		}
		if time.Now().After(deadline) {
			b.Fatalf("group %s did not commit %d records of %s in time", group, n, topic)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// rssSampler records the largest resident set size of the process while it runs.
type rssSampler struct {
	stop chan struct{}
	done chan int64
}

func sampleRSS() *rssSampler {
	s := &rssSampler{stop: make(chan struct{}), done: make(chan int64)}
	go func() {
		var peak int64
		for {
			peak = max(peak, rss())
			select {
			case <-s.stop:
				s.done <- peak
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return s
}

// peak stops the sampler and returns the largest RSS seen, in bytes.
func (s *rssSampler) peak() int64 { close(s.stop); return <-s.done }

// rss returns the resident set size of the process from /proc, 0 if unknown.
func rss() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTime returns the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportE2E reports pages/s, the peak RSS and how busy the cores were
// (CPU time over wall time and cores) in a benchmark that moved e2ePages
// pages per iteration; cpu0 is cpuTime() at the start of the timed loop.
func reportE2E(b *testing.B, peakRSS int64, cpu0 time.Duration) {
	b.ReportMetric(float64(b.N*e2ePages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peakRSS)/(1<<20), "MB-peak-RSS")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.Elapsed())/float64(runtime.GOMAXPROCS(0)), "core-use")
}

// steadyRate measures a consumer group's steady-state throughput: the
// pages committed between the moments a tenth and nine tenths of them were,
// over that time. That leaves out the group join before and the shutdown
// after, which a long-running service pays once and which are reported on
// their own, and it has as much work in flight at its start as at its end.
type steadyRate struct {
	pages        int64
	busy, cpu    time.Duration // wall and CPU time of the steady part
	join, stop   time.Duration
	runs         int
	bytesPerPage float64
	start        time.Time
}

// started marks the start of a run.
func (s *steadyRate) started() { s.start = time.Now() }

// measure waits for the run's first commit, then for its tenth and nine
// tenths, and then for all pages; it returns when the last was committed.
func (s *steadyRate) measure(b *testing.B, k Kafka, group string) time.Time {
	waitCommitted(b, k, group, "in", 1)
	s.join += time.Since(s.start)
	from := waitCommitted(b, k, group, "in", e2ePages/10)
	t0, c0 := time.Now(), cpuTime()
	to := waitCommitted(b, k, group, "in", e2ePages*9/10)
	s.busy += time.Since(t0)
	s.cpu += cpuTime() - c0
	s.pages += to - from
	s.runs++
	waitCommitted(b, k, group, "in", e2ePages)
	return time.Now()
}

// report replaces the benchmark's pages/s and MB/s with the steady rate.
func (s *steadyRate) report(b *testing.B) {
	b.ReportMetric(float64(s.pages)/s.busy.Seconds(), "pages/s")
	b.ReportMetric(float64(s.pages)*s.bytesPerPage/s.busy.Seconds()/1e6, "MB/s")
	b.ReportMetric(float64(s.join.Milliseconds())/float64(s.runs), "join-ms")
	b.ReportMetric(float64(s.stop.Milliseconds())/float64(s.runs), "stop-ms")
	b.ReportMetric(float64(s.cpu.Microseconds())/float64(s.pages), "cpu-us/page")
}

func BenchmarkEndToEnd(b *testing.B) {
	k, n := e2eBroker(b)
	if err := EnsureTopics(context.Background(), k, 4, "out", "dlq"); err != nil {
		b.Fatal(err)
	}
	// As `sluice run` does: with metrics, every stage timed.
	metrics := NewMetrics()
	chain := defaultChain(b)
	chain.Observe(metrics.StageObserver(chain.Names()))
	b.SetBytes(n)
	st := steadyRate{bytesPerPage: float64(n) / e2ePages}
	s, cpu0 := sampleRSS(), cpuTime()
	i := 0
	for b.Loop() {
		i++
		group := fmt.Sprintf("e2e-%d", i)
		r, err := NewRunner(RunnerConfig{Kafka: k, Group: group, In: "in", Out: "out", DLQ: "dlq", Chain: chain,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: metrics, SessionTimeout: 6 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		st.started()
		go func() { done <- r.Run(ctx) }()
		end := st.measure(b, k, group)
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		st.stop += time.Since(end)
	}
	reportE2E(b, s.peak(), cpu0)
	st.report(b)
}

func BenchmarkPassthrough(b *testing.B) {
	k, n := e2eBroker(b)
	if err := EnsureTopics(context.Background(), k, 4, "copy"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	st := steadyRate{bytesPerPage: float64(n) / e2ePages}
	s, cpu0 := sampleRSS(), cpuTime()
	i := 0
	for b.Loop() {
		i++
		group := fmt.Sprintf("pass-%d", i)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		st.started()
		go func() { done <- passthrough(ctx, k, group) }()
		end := st.measure(b, k, group)
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		st.stop += time.Since(end)
	}
	reportE2E(b, s.peak(), cpu0)
	st.report(b)
}

// passthrough copies topic "in" to "copy" as a consumer group, in batches
// of up to 256 records, committing each batch after it was written.
func passthrough(ctx context.Context, k Kafka, group string) error {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: k.Brokers, Dialer: k.Dialer(), GroupID: group, Topic: "in",
		StartOffset: kafka.FirstOffset, MinBytes: 1, MaxBytes: 32 << 20, MaxWait: 250 * time.Millisecond})
	defer r.Close()
	w := k.Writer("copy", DefaultMaxBytes, 0)
	defer w.Close()
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return nil
		}
		batch := []kafka.Message{m}
		for len(batch) < 256 {
			fctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
			m, err := r.FetchMessage(fctx)
			cancel()
			if err != nil {
				break
			}
			batch = append(batch, m)
		}
		out := make([]kafka.Message, len(batch))
		for i, m := range batch {
			out[i] = kafka.Message{Key: m.Key, Value: m.Value}
		}
		if err := w.WriteMessages(ctx, out...); err != nil {
			return nil
		}
		if err := r.CommitMessages(ctx, batch...); err != nil {
			return nil
		}
	}
}

func BenchmarkOfflineClean(b *testing.B) {
	envs, n := e2eEnvelopes(b)
	chain := defaultChain(b)
	b.SetBytes(n)
	s, cpu0 := sampleRSS(), cpuTime()
	for b.Loop() {
		work := make(chan []byte, 64)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for env := range work {
					p, err := parseEnvelope(env)
					if err != nil {
						b.Error(err)
						continue
					}
					rec, err := Clean(context.Background(), chain, p, DefaultMaxBytes)
					if err != nil {
						b.Error(err)
						continue
					}
					_ = encodeRecord(rec)
				}
			}()
		}
		for _, env := range envs {
			work <- env
		}
		close(work)
		wg.Wait()
	}
	reportE2E(b, s.peak(), cpu0)
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N*e2ePages), "cpu-us/page")
}
