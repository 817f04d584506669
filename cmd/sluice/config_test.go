package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"go.yaml.in/yaml/v3"
)

// env returns a getenv over m.
func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunConfigPrecedence(t *testing.T) {
	file := writeFile(t, "sluice.yaml", `
brokers: [k1:9092, k2:9092]
group: from-file
batch: 10
max_bytes: 1000000
record_timeout: 3s
compression: zstd
rules: [a.tsv]
sasl:
  mechanism: SCRAM-SHA-512
  username: svc
`)
	c, err := loadRunConfig("run", []string{"--config", file, "--group", "from-flag", "--rules", "b.tsv"}, io.Discard,
		env(map[string]string{"SLUICE_BATCH": "20", "SLUICE_GROUP": "from-env", "SLUICE_SASL_PASSWORD": "secret"}), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := defaultRunConfig()
	want.Brokers = []string{"k1:9092", "k2:9092"} // file
	want.Group = "from-flag"                      // flag over env over file
	want.Batch = 20                               // env over file
	want.MaxBytes = 1000000                       // file over default
	want.RecordTimeout = 3 * time.Second
	want.Compression = "zstd"
	want.Rules = []string{"a.tsv", "b.tsv"} // rule files add up
	want.SASL = saslConfig{Mechanism: "SCRAM-SHA-512", Username: "svc", Password: "secret"}
	g, _ := json.Marshal(c)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("config:\n got %s\nwant %s", g, w)
	}
}

func TestRunConfigErrors(t *testing.T) {
	tests := []struct {
		name, file string
		env        map[string]string
		args       []string
		want       string
	}{
		{"unknown key", "group: g\nbatch_size: 5\n", nil, nil, "line 2: field batch_size not found"},
		{"wrong type", "batch: many\n", nil, nil, "line 1: cannot unmarshal"},
		{"bad duration", "drain_timeout: soon\n", nil, nil, "line 1: cannot unmarshal !!str `soon` into time.Duration"},
		{"unknown tls key", "tls:\n  enabled: true\n  ca: x.pem\n", nil, nil, "line 3: field ca not found"},
		{"compression", "compression: brotli\n", nil, nil, `unknown compression "brotli"`},
		{"sasl mechanism", "sasl: {mechanism: KERBEROS, username: u}\n", nil, nil, `unknown SASL mechanism "KERBEROS"`},
		{"sasl user", "sasl: {mechanism: PLAIN}\n", nil, nil, "needs a username"},
		{"tls ca file", "tls: {enabled: true, ca_file: /nonexistent/ca.pem}\n", nil, nil, "tls ca file"},
		{"same topics", "in: a\nout: a\n", nil, nil, "topics must differ"},
		{"format", "", nil, []string{"--format", "pdf"}, `format "pdf"`},
		{"env value", "", map[string]string{"SLUICE_WORKERS": "four"}, nil, "SLUICE_WORKERS"},
		{"negative", "workers: -1\n", nil, nil, "must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--config", writeFile(t, "c.yaml", tt.file)}, tt.args...)
			_, err := loadRunConfig("run", args, io.Discard, env(tt.env), "", nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLintConfig(t *testing.T) {
	rules := writeFile(t, "extra.tsv", "my.ad\tadvertisement\tline\tSponsored Content\n")
	good := writeFile(t, "good.yaml", "group: g\nrules: ["+rules+"]\n")
	out, errOut, code := runSluice(t, "", "lint", "--config", good)
	if code != 0 || !strings.Contains(out, "ok: config "+good) || !strings.Contains(out, "(1 user file(s))") {
		t.Errorf("lint of a good config: exit %d\n%s%s", code, out, errOut)
	}
	bad := writeFile(t, "bad.yaml", "group: g\nbatchsize: 5\n")
	_, errOut, code = runSluice(t, "", "lint", "--config", bad)
	if code != 2 || !strings.Contains(errOut, "line 2: field batchsize not found") {
		t.Errorf("lint of a bad config: exit %d, stderr %s", code, errOut)
	}
}

// selfSigned writes a CA-less self-signed certificate for 127.0.0.1 and
// returns the server TLS config and the PEM file that trusts it.
func selfSigned(t *testing.T) (*tls.Config, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "sluice test broker"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.X509KeyPair(certPEM, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, writeFile(t, "ca.pem", string(certPEM))
}

// TestRunTLSAndSASL runs produce, run and consume against a broker that
// speaks only TLS and requires SCRAM-SHA-256, with the password from the
// environment.
func TestRunTLSAndSASL(t *testing.T) {
	serverTLS, caFile := selfSigned(t)
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.TLS(serverTLS),
		kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-256", "svc", "s3cret"),
		kfake.ListenFn(func(network, _ string) (net.Listener, error) { return net.Listen(network, "127.0.0.1:0") }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	addr := c.ListenAddrs()[0]
	security := []string{"--brokers", addr, "--tls-ca-file", caFile, "--sasl-mechanism", "SCRAM-SHA-256", "--sasl-username", "svc"}
	withPassword := append(os.Environ(), "SLUICE_SASL_PASSWORD=s3cret")

	// A wrong password is refused with a clear error.
	wrong := runWithEnv(t, append(os.Environ(), "SLUICE_SASL_PASSWORD=wrong"), append([]string{"consume", "--topic", "pages.raw", "--idle", "1s"}, security...)...)
	if wrong.code == 0 || !strings.Contains(wrong.stderr, "check --tls and the SASL mechanism, user and password") {
		t.Errorf("wrong password: exit %d, stderr %s", wrong.code, wrong.stderr)
	}

	inputs, _ := filepath.Glob(filepath.Join(sharedDir(t), "corpus", "text", "seed-*", "input.txt"))
	p := startEnv(t, withPassword, append([]string{"run", "--http-addr", ""}, security...)...)
	p.waitLog(t, "joined generation", 60*time.Second)
	if r := runWithEnv(t, withPassword, append(append([]string{"produce"}, security...), inputs...)...); r.code != 0 {
		t.Fatalf("produce: exit %d: %s", r.code, r.stderr)
	}
	deadline := time.Now().Add(60 * time.Second)
	var lines []string
	for len(lines) < len(inputs) && time.Now().Before(deadline) {
		r := runWithEnv(t, withPassword, append([]string{"consume", "--idle", "1s"}, security...)...)
		lines = nonEmptyLines(r.stdout)
	}
	p.stop(t, 30*time.Second)
	if len(lines) != len(inputs) {
		t.Fatalf("%d clean records over TLS+SCRAM, want %d", len(lines), len(inputs))
	}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec["text"] == "" {
			t.Errorf("bad clean record %.100s: %v", l, err)
		}
	}
}

// result is how a finished sluice process went.
type result struct {
	stdout, stderr string
	code           int
}

// runWithEnv runs sluice with args and the environment env to completion.
func runWithEnv(t *testing.T, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := osexec.CommandContext(ctx, sluiceBin, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *osexec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

// nonEmptyLines returns the lines of s that are not empty.
func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestDeployConfigsLint keeps the example configurations in deploy/ valid:
// the configuration file and the one in the Kubernetes ConfigMap, with the
// CA file and the password from the environment, as in a pod.
func TestDeployConfigsLint(t *testing.T) {
	_, ca := selfSigned(t)
	env := append(os.Environ(), "SLUICE_TLS_CA_FILE="+ca, "SLUICE_SASL_PASSWORD=secret")
	if r := runWithEnv(t, env, "lint", "--config", filepath.Join("..", "..", "deploy", "sluice.yaml")); r.code != 0 {
		t.Errorf("deploy/sluice.yaml: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	manifest, err := os.ReadFile(filepath.Join("..", "..", "deploy", "kubernetes", "sluice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cm struct {
		Kind string
		Data map[string]string
	}
	if err := yaml.NewDecoder(bytes.NewReader(manifest)).Decode(&cm); err != nil || cm.Kind != "ConfigMap" || cm.Data["sluice.yaml"] == "" {
		t.Fatalf("first document of the manifest is not the ConfigMap with sluice.yaml (%v)", err)
	}
	file := writeFile(t, "configmap.yaml", cm.Data["sluice.yaml"])
	if r := runWithEnv(t, env, "lint", "--config", file); r.code != 0 {
		t.Errorf("ConfigMap sluice.yaml: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
