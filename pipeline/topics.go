package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
)

// TopicMaxMessageBytes is the max.message.bytes of the topics sluice
// creates: a page larger than the cleaning limit must still reach sluice,
// and its dead letter, which keeps the original value, the DLQ.
const TopicMaxMessageBytes = 64 << 20

// EnsureTopics creates the named topics with the given partition count and
// max.message.bytes TopicMaxMessageBytes where they do not exist yet;
// existing topics are left as they are. The replication factor is the
// cluster's default.
func EnsureTopics(ctx context.Context, k Kafka, partitions int, topics ...string) error {
	client := k.Client()
	req := &kafka.CreateTopicsRequest{Addr: client.Addr}
	for _, t := range topics {
		req.Topics = append(req.Topics, kafka.TopicConfig{
			Topic: t, NumPartitions: partitions, ReplicationFactor: -1,
			ConfigEntries: []kafka.ConfigEntry{{ConfigName: "max.message.bytes", ConfigValue: fmt.Sprint(TopicMaxMessageBytes)}},
		})
	}
	resp, err := client.CreateTopics(ctx, req)
	if err != nil {
		return fmt.Errorf("create topics on %v: %w", k.Brokers, k.explain(err))
	}
	var errs []error
	for t, err := range resp.Errors {
		if err != nil && !errors.Is(err, kafka.TopicAlreadyExists) {
			errs = append(errs, fmt.Errorf("create topic %s: %w", t, err))
		}
	}
	return errors.Join(errs...)
}

// Partitions returns the partition ids of topic.
func Partitions(ctx context.Context, k Kafka, topic string) ([]int, error) {
	client := k.Client()
	md, err := client.Metadata(ctx, &kafka.MetadataRequest{Addr: client.Addr, Topics: []string{topic}})
	if err != nil {
		return nil, fmt.Errorf("metadata for %s: %w", topic, k.explain(err))
	}
	for _, t := range md.Topics {
		if t.Name != topic {
			continue
		}
		if t.Error != nil {
			return nil, fmt.Errorf("topic %s: %w", topic, t.Error)
		}
		ids := make([]int, len(t.Partitions))
		for i, p := range t.Partitions {
			ids[i] = p.ID
		}
		return ids, nil
	}
	return nil, fmt.Errorf("topic %s: not found", topic)
}

// ReadTopic reads every partition of topic from its first offset, without
// a consumer group, and sends the records on the returned channel until
// ctx is done; then it closes the channel once every partition reader has
// stopped. Records of one partition arrive in order; partitions interleave.
// It is how "sluice consume" and tests watch a topic.
func ReadTopic(ctx context.Context, k Kafka, topic string) (<-chan kafka.Message, error) {
	parts, err := Partitions(ctx, k, topic)
	if err != nil {
		return nil, err
	}
	out := make(chan kafka.Message)
	var wg sync.WaitGroup
	for _, p := range parts {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: k.Brokers, Dialer: k.Dialer(), Topic: topic, Partition: p, StartOffset: kafka.FirstOffset,
			MinBytes: 1, MaxBytes: 64 << 20, MaxWait: 100 * time.Millisecond})
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer r.Close()
			for {
				m, err := r.ReadMessage(ctx)
				if err != nil {
					return
				}
				select {
				case out <- m:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out, nil
}

// readRange calls fn for the records of one partition of topic from offset
// start up to, not including, end, in order, and returns fn's first error.
func readRange(ctx context.Context, k Kafka, topic string, partition int, start, end int64, fn func(kafka.Message) error) error {
	if start >= end {
		return nil
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: k.Brokers, Dialer: k.Dialer(), Topic: topic, Partition: partition,
		MinBytes: 1, MaxBytes: fetchBytes, MaxWait: 250 * time.Millisecond})
	defer r.Close()
	if err := r.SetOffset(start); err != nil {
		return fmt.Errorf("read %s partition %d: %w", topic, partition, err)
	}
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return fmt.Errorf("read %s partition %d: %w", topic, partition, err)
		}
		if m.Offset >= end {
			return nil
		}
		if err := fn(m); err != nil {
			return err
		}
		if m.Offset+1 >= end {
			return nil
		}
	}
}
