package pipeline

import (
	"errors"
	"strings"
	"testing"
)

func TestPageFromRecord(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		headers map[string]string
		max     int
		want    Page
		class   ErrorClass // expected error class, "" for none
		msg     string
	}{
		{name: "envelope", value: `{"url":"https://x.test/a","fetched_at":"2024-01-01T00:00:00Z","content_type":"text/html","body":"<p>hi</p>","extra":1}`,
			want: Page{URL: "https://x.test/a", FetchedAt: "2024-01-01T00:00:00Z", ContentType: "text/html", Body: []byte("<p>hi</p>")}},
		{name: "raw with headers", value: "plain text", headers: map[string]string{"Content-Type": "text/plain", "URL": "https://x.test/b"},
			want: Page{URL: "https://x.test/b", ContentType: "text/plain", Body: []byte("plain text")}},
		{name: "raw invalid utf8 is the decoder's business", value: "\xff\xfe", headers: map[string]string{"content-type": "text/plain"},
			want: Page{ContentType: "text/plain", Body: []byte("\xff\xfe")}},
		{name: "invalid json", value: `{"url": "x", body}`, class: ClassPermanent, msg: "invalid JSON envelope"},
		{name: "not json, no headers", value: `plain text without headers`, class: ClassPermanent, msg: "invalid JSON envelope"},
		{name: "no body", value: `{"url":"x"}`, class: ClassPermanent, msg: `no "body" field`},
		{name: "body not a string", value: `{"body":42}`, class: ClassPermanent, msg: "invalid JSON envelope"},
		{name: "trailing data", value: `{"body":"a"} {"body":"b"}`, class: ClassPermanent, msg: "after top-level value"},
		{name: "envelope not utf8", value: "{\"body\":\"\xff\"}", class: ClassPermanent, msg: "not valid UTF-8"},
		{name: "empty", value: "", class: ClassPermanent, msg: "empty record"},
		{name: "too large", value: strings.Repeat("x", 101), headers: map[string]string{"content-type": "text/plain"}, max: 100, class: ClassTooLarge, msg: "over the limit of 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			max := tt.max
			if max == 0 {
				max = DefaultMaxBytes
			}
			got, err := PageFromRecord([]byte(tt.value), tt.headers, max)
			if tt.class != "" {
				var e *Error
				if !errors.As(err, &e) || e.Class != tt.class || !strings.Contains(err.Error(), tt.msg) {
					t.Fatalf("err = %v, want %s error containing %q", err, tt.class, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != tt.want.URL || got.FetchedAt != tt.want.FetchedAt || got.ContentType != tt.want.ContentType || string(got.Body) != string(tt.want.Body) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestClassOf(t *testing.T) {
	if c := ClassOf(errors.New("network")); c != ClassTransient {
		t.Errorf("unclassified error: %s, want transient", c)
	}
	wrapped := errors.Join(errors.New("x"), &Error{Class: ClassTooLarge, Stage: "input", Err: errors.New("big")})
	if c, s := ClassOf(wrapped), StageOf(wrapped); c != ClassTooLarge || s != "input" {
		t.Errorf("wrapped: %s %s", c, s)
	}
}
