//go:build faults

// Fault tests: the pipeline under kill -9, cut connections, a member that
// leaves mid-stream, and poison inputs. They take minutes, so they run under
// `make test-faults` (which .ci/run also runs), not `make test`.

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/sluice-news/sluice/pipeline"
	"github.com/twmb/franz-go/pkg/kfake"
)

// faultPages returns n envelopes of the seed pages keyed page-00000...
func faultPages(t *testing.T, from, to int) []kafka.Message {
	ss := seeds(t)
	var msgs []kafka.Message
	for j := from; j < to; j++ {
		s := ss[j%len(ss)]
		msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprintf("page-%05d", j)), Value: envelope(fmt.Sprintf("https://example.test/%d", j), "text/plain", s.input)})
	}
	return msgs
}

// sendChunks sends msgs in chunks, so that a large backlog does not need
// one huge produce request.
func sendChunks(t *testing.T, addr, topic string, msgs []kafka.Message) {
	t.Helper()
	for len(msgs) > 0 {
		n := min(len(msgs), 1000)
		send(t, addr, topic, msgs[:n]...)
		msgs = msgs[n:]
	}
}

// outcome is what the pipeline made of the input keys: clean records and
// dead letters, counted per key.
type outcome struct {
	clean, dead map[string]int
}

func outcomeOf(clean, dlq *collector) outcome {
	o := outcome{clean: map[string]int{}, dead: map[string]int{}}
	for _, m := range clean.snapshot() {
		o.clean[string(m.Key)]++
	}
	for _, m := range dlq.snapshot() {
		o.dead[string(m.Key)]++
	}
	return o
}

func (c *collector) snapshot() []kafka.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]kafka.Message(nil), c.msgs...)
}

// distinct counts the keys that have a clean record or a dead letter.
func (o outcome) distinct() int {
	n := len(o.clean)
	for k := range o.dead {
		if o.clean[k] == 0 {
			n++
		}
	}
	return n
}

// waitDistinct waits until n distinct keys have an outcome.
func waitDistinct(t *testing.T, clean, dlq *collector, n int, d time.Duration) outcome {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		o := outcomeOf(clean, dlq)
		if o.distinct() >= n {
			return o
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d keys have an output after %v", o.distinct(), n, d)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// requireAll fails the test for every page key in [0, n) without an output.
func requireAll(t *testing.T, o outcome, n int) {
	t.Helper()
	missing := 0
	for i := range n {
		k := fmt.Sprintf("page-%05d", i)
		if o.clean[k] == 0 && o.dead[k] == 0 {
			if missing < 10 {
				t.Errorf("%s has no clean record and no dead letter", k)
			}
			missing++
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d pages lost", missing, n)
	}
}

// TestFaultKill9 sends 20,000 pages through a broker running as its own
// process, SIGKILLs the pipeline at random moments of the stream ten times,
// restarts it each time, and requires an output for every page at the end.
func TestFaultKill9(t *testing.T) {
	const total, kills = 20000, 10
	addr := freeAddr(t)
	b := start(t, "broker", "--addr", addr, "--topics", "pages.raw,pages.clean,pages.dlq", "--partitions", "8")
	b.waitLog(t, "broker ready", 30*time.Second)
	sendChunks(t, addr, "pages.raw", faultPages(t, 0, total))
	clean, dlq := collect(t, addr, "pages.clean"), collect(t, addr, "pages.dlq")

	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	for i := range kills {
		p := start(t, "run", "--brokers", addr, "--http-addr", "", "--session-timeout", "6s", "--batch", "64")
		// Kill at a random point of this run's share of the stream: after
		// it made some progress, so the kill lands mid-stream.
		target := total * (i + 1) / (kills + 2)
		target += rng.IntN(total / (kills + 2))
		deadline := time.Now().Add(60 * time.Second)
		for outcomeOf(clean, dlq).distinct() < target && time.Now().Before(deadline) {
			time.Sleep(time.Duration(rng.IntN(50)) * time.Millisecond)
		}
		p.kill(t)
		t.Logf("kill %d at %d distinct outputs", i+1, outcomeOf(clean, dlq).distinct())
	}
	last := start(t, "run", "--brokers", addr, "--http-addr", "", "--session-timeout", "6s")
	o := waitDistinct(t, clean, dlq, total, 3*time.Minute)
	last.stop(t, 30*time.Second)
	requireAll(t, o, total)
	repeats := 0
	for _, n := range o.clean {
		repeats += n - 1
	}
	t.Logf("%d pages, %d repeated outputs after %d kills (at least once; consumers dedupe by key and content_hash)", total, repeats, kills)
}

// TestFaultTwoInstances runs two members of one group on an 8-partition
// topic, stops one mid-stream, and requires the other to finish the topic.
func TestFaultTwoInstances(t *testing.T) {
	const total = 6000
	addr := freeAddr(t)
	b := start(t, "broker", "--addr", addr, "--topics", "pages.raw,pages.clean,pages.dlq", "--partitions", "8")
	b.waitLog(t, "broker ready", 30*time.Second)
	clean, dlq := collect(t, addr, "pages.clean"), collect(t, addr, "pages.dlq")
	a := start(t, "run", "--brokers", addr, "--http-addr", "", "--session-timeout", "6s", "--batch", "32", "--log-format", "json")
	bb := start(t, "run", "--brokers", addr, "--http-addr", "", "--session-timeout", "6s", "--batch", "32", "--log-format", "json")
	// Wait for a generation in which both members hold partitions.
	deadline := time.Now().Add(60 * time.Second)
	for !holdsPartitions(a) || !holdsPartitions(bb) {
		if time.Now().After(deadline) {
			t.Fatalf("the two members never shared the partitions:\n%s\n%s", a.stderr.String(), bb.stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	go sendChunks(t, addr, "pages.raw", faultPages(t, 0, total))
	for outcomeOf(clean, dlq).distinct() < total/3 {
		time.Sleep(20 * time.Millisecond)
	}
	a.stop(t, 30*time.Second)
	o := waitDistinct(t, clean, dlq, total, 2*time.Minute)
	requireAll(t, o, total)
	// The group may need a generation or two to settle after the leave
	// (a join that raced with it); within a session timeout the remaining
	// member must own every partition.
	deadline = time.Now().Add(20 * time.Second)
	for {
		var gen struct{ Partitions []int }
		err := json.Unmarshal([]byte(lastLine(bb.stderr.String(), "joined generation")), &gen)
		if err == nil && len(gen.Partitions) == 8 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("the remaining member did not take over all 8 partitions (%v):\n%s", err, bb.stderr.String())
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	bb.stop(t, 30*time.Second)
}

// holdsPartitions reports whether the last generation p joined gave it partitions.
func holdsPartitions(p *proc) bool {
	l := lastLine(p.stderr.String(), "joined generation")
	return strings.Contains(l, `"partitions":[`) && !strings.Contains(l, `"partitions":[]`)
}

// lastLine returns the last line of log that contains s.
func lastLine(log, s string) string {
	lines := strings.Split(log, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], s) {
			return lines[i]
		}
	}
	return ""
}

// cutProxy is a loopback TCP proxy in front of a broker that can drop
// every connection through it at once.
type cutProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  map[net.Conn]bool
}

func newCutProxy(t *testing.T) *cutProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	return p
}

func (p *cutProxy) serve(c net.Conn) {
	p.mu.Lock()
	target := p.target
	p.mu.Unlock()
	u, err := net.Dial("tcp", target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[c], p.conns[u] = true, true
	p.mu.Unlock()
	go func() { _, _ = io.Copy(u, c); u.Close(); c.Close() }()
	_, _ = io.Copy(c, u)
	c.Close()
	u.Close()
}

// cut closes every connection through the proxy and returns how many.
func (p *cutProxy) cut() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.conns)
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
	return n / 2
}

// advertised is a listener that tells the broker to advertise another
// address: the proxy's, so that clients reach the broker only through it.
type advertised struct {
	net.Listener
	addr net.Addr
}

func (a advertised) Addr() net.Addr { return a.addr }

// TestFaultConnectionCuts puts a TCP proxy between every client and the
// broker and drops all connections five times while the pipeline works
// through a stream: nothing may be lost, and the pipeline must recover
// without a restart.
func TestFaultConnectionCuts(t *testing.T) {
	const total, cuts = 6000, 5
	proxy := newCutProxy(t)
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.ListenFn(func(network, _ string) (net.Listener, error) {
		ln, err := net.Listen(network, "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		proxy.mu.Lock()
		proxy.target = ln.Addr().String()
		proxy.mu.Unlock()
		return advertised{ln, proxy.ln.Addr()}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	addr := proxy.ln.Addr().String()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := pipeline.EnsureTopics(ctx, pipeline.Plain(addr), 4, "pages.raw", "pages.clean", "pages.dlq"); err != nil {
		t.Fatal(err)
	}
	sendChunks(t, addr, "pages.raw", faultPages(t, 0, total))
	clean, dlq := collect(t, addr, "pages.clean"), collect(t, addr, "pages.dlq")
	p := start(t, "run", "--brokers", addr, "--http-addr", "", "--session-timeout", "6s", "--batch", "32")
	for i := range cuts {
		target := total * (i + 1) / (cuts + 2)
		deadline := time.Now().Add(90 * time.Second)
		for outcomeOf(clean, dlq).distinct() < target {
			if time.Now().After(deadline) {
				t.Fatalf("no progress to %d outputs after cut %d", target, i)
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Logf("cut %d: dropped %d connections at %d outputs", i+1, proxy.cut(), outcomeOf(clean, dlq).distinct())
	}
	o := waitDistinct(t, clean, dlq, total, 2*time.Minute)
	select {
	case err := <-p.done:
		t.Fatalf("sluice exited (%v) instead of recovering:\n%s", err, p.stderr.String())
	default:
	}
	p.stop(t, 30*time.Second)
	requireAll(t, o, total)
}

// TestFaultPoisonInputs sends each kind of poison between good pages:
// every poison lands in the DLQ with its class, and every good page is
// cleaned.
func TestFaultPoisonInputs(t *testing.T) {
	addr := freeAddr(t)
	b := start(t, "broker", "--addr", addr, "--topics", "pages.raw,pages.clean,pages.dlq", "--partitions", "4")
	b.waitLog(t, "broker ready", 30*time.Second)

	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	_, _ = zw.Write(bytes.Repeat([]byte("A"), 64<<20)) // 64 MiB of text in ~64 KiB
	_ = zw.Close()
	deep := strings.Repeat("<div>", 100000) + "text" + strings.Repeat("</div>", 100000)
	poison := map[string]struct {
		msg   kafka.Message
		class string
	}{
		"poison/utf8":     {kafka.Message{Value: []byte("caf\xe9 \xff\xfe au lait"), Headers: []kafka.Header{{Key: "content-type", Value: []byte("text/plain; charset=utf-8")}}}, "permanent"},
		"poison/30mb":     {kafka.Message{Value: envelope("https://example.test/big", "text/plain", strings.Repeat("word ", 6<<20))}, "too_large"},
		"poison/nesting":  {kafka.Message{Value: envelope("https://example.test/deep", "text/html", deep)}, "permanent"},
		"poison/envelope": {kafka.Message{Value: []byte(`{"url": 42, "body": "x"}`)}, "permanent"},
		"poison/gzipbomb": {kafka.Message{Value: bomb.Bytes(), Headers: []kafka.Header{{Key: "content-type", Value: []byte("text/plain")}, {Key: "content-encoding", Value: []byte("gzip")}}}, "too_large"},
	}
	const good = 400
	var msgs []kafka.Message
	goodPages := faultPages(t, 0, good)
	i := 0
	for k, p := range poison {
		m := p.msg
		m.Key = []byte(k)
		msgs = append(msgs, goodPages[i*good/len(poison):(i+1)*good/len(poison)]...)
		msgs = append(msgs, m)
		i++
	}
	// A good page larger than a fetch (fetchBytes) is cleaned, not stuck.
	const big = "big/3mb"
	msgs = append(msgs, kafka.Message{Key: []byte(big), Value: envelope("https://example.test/long", "text/plain",
		strings.Repeat("The council met again on Tuesday and voted to keep the library open. ", 45000))})
	for _, m := range msgs {
		send(t, addr, "pages.raw", m) // one by one: the 30 MB record is a request of its own
	}
	clean, dlq := collect(t, addr, "pages.clean"), collect(t, addr, "pages.dlq")
	p := start(t, "run", "--brokers", addr, "--http-addr", "", "--record-timeout", "20s")
	o := waitDistinct(t, clean, dlq, good+len(poison)+1, 3*time.Minute)
	p.stop(t, 60*time.Second)
	requireAll(t, o, good)
	if o.clean[big] != 1 {
		t.Errorf("%s: %d clean records, want 1", big, o.clean[big])
	}
	for k, want := range poison {
		var got []string
		for _, m := range dlq.snapshot() {
			if string(m.Key) == k {
				got = append(got, header(m, "sluice-error-class")+": "+header(m, "sluice-error"))
			}
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], want.class+": ") {
			t.Errorf("%s: dead letters %q, want one of class %s", k, got, want.class)
		}
		if o.clean[k] != 0 {
			t.Errorf("%s: cleaned, want a dead letter", k)
		}
	}
}
