package pipeline

import (
	"fmt"
	"net"
	"strconv"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Broker is an embedded, single-node, Kafka-protocol broker (franz-go's
// kfake) for local runs and tests. Any Kafka client can connect to Addr.
type Broker struct {
	// Addr is the host:port clients connect to.
	Addr string
	c    *kfake.Cluster
}

// segmentBytes is the size at which the embedded broker starts a new log
// segment of a partition.
const segmentBytes = 8 << 20

// StartBroker starts a broker listening on addr ("127.0.0.1:9092"; port 0
// picks a free one). With a non-empty dataDir it persists topics, records
// and group offsets there and reloads them on the next start. The broker
// does not create topics on demand: create them with EnsureTopics.
func StartBroker(addr, dataDir string) (*Broker, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("broker address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("broker address %q: bad port: %w", addr, err)
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		// kfake keeps segments, in memory too, as files grown by
		// doubling: at its default of 100 MiB, re-allocating and copying
		// them was a tenth of the CPU of a pipeline running through it.
		kfake.BrokerConfigs(map[string]string{"log.segment.bytes": strconv.Itoa(segmentBytes)}),
		kfake.Ports(port),
		kfake.ListenFn(func(network, _ string) (net.Listener, error) {
			return net.Listen(network, net.JoinHostPort(host, strconv.Itoa(port)))
		}),
	}
	if dataDir != "" {
		opts = append(opts, kfake.DataDir(dataDir))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		return nil, fmt.Errorf("start embedded broker on %s: %w", addr, err)
	}
	return &Broker{Addr: c.ListenAddrs()[0], c: c}, nil
}

// Close stops the broker, flushing persisted state to disk.
func (b *Broker) Close() { b.c.Close() }
