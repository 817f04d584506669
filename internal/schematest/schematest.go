// Package schematest checks sluice records against their JSON Schema in
// tests. Only tests import it, so the product does not depend on a schema
// validator.
package schematest

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Compile compiles schema (a JSON Schema document) or fails the test.
func Compile(t testing.TB, schema []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Validate checks one encoded record against s or fails the test.
func Validate(t testing.TB, s *jsonschema.Schema, record []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(record))
	if err != nil {
		t.Fatalf("record is not JSON: %v\n%s", err, record)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("record does not match the schema: %v\n%s", err, record)
	}
}
