package pipeline

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FileExts are the file name endings ReadPaths picks up when it walks a
// directory, each also accepted with ".gz" after it.
var FileExts = []string{".txt", ".html", ".htm", ".jsonl"}

// ReadPaths reads pages from files, directories (recursively, in lexical
// order, files ending in one of FileExts) and "-" for stdin, and calls fn
// for each page, or with a non-nil error for an input that could not be
// read as a page; fn's error stops the walk and is returned.
//
// A .txt file is one text/plain page, an .html or .htm file one text/html
// page, a .jsonl file one Envelope a line; any of them may be gzipped
// (".gz", or gzip bytes). A named file with another ending, and stdin, are
// sniffed: JSON Lines when the first byte is '{', else one page. No page or
// file is larger than maxBytes after decompression.
func ReadPaths(paths []string, stdin io.Reader, maxBytes int, fn func(Page, error) error) error {
	for _, p := range paths {
		if p == "-" {
			if err := readStream("-", stdin, "", maxBytes, fn); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := fn(Page{Source: p}, permanent("%w", err)); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := readFile(p, maxBytes, fn); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				return fn(Page{Source: path}, permanent("%w", err))
			}
			if de.IsDir() || !knownExt(path) {
				return nil
			}
			return readFile(path, maxBytes, fn)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// knownExt reports whether path ends in one of FileExts, optionally + ".gz".
func knownExt(path string) bool {
	return extType(path) != ""
}

// extType returns "text/plain", "text/html", "jsonl" or "" for a path's ending.
func extType(path string) string {
	p := strings.TrimSuffix(strings.ToLower(path), ".gz")
	switch filepath.Ext(p) {
	case ".txt":
		return "text/plain"
	case ".html", ".htm":
		return "text/html"
	case ".jsonl":
		return "jsonl"
	}
	return ""
}

// readFile reads one file.
func readFile(path string, maxBytes int, fn func(Page, error) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(Page{Source: path}, permanent("%w", err))
	}
	defer f.Close()
	return readStream(path, f, extType(path), maxBytes, fn)
}

// readStream reads pages from r, named source, of kind typ (see extType; ""
// sniffs).
func readStream(source string, r io.Reader, typ string, maxBytes int, fn func(Page, error) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(2); isGzip(head) {
		zr, err := newGzipReader(br)
		if err != nil {
			return fn(Page{Source: source}, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if typ == "" {
		head, _ := br.Peek(512)
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
			typ = "jsonl"
		}
	}
	if typ == "jsonl" {
		return readJSONL(source, br, maxBytes, fn)
	}
	body, err := readLimited(br, maxBytes)
	if err != nil {
		return fn(Page{Source: source}, err)
	}
	return fn(Page{Source: source, ContentType: typ, Body: body}, nil)
}

// readJSONL reads one envelope a line. Blank lines are skipped.
func readJSONL(source string, br *bufio.Reader, maxBytes int, fn func(Page, error) error) error {
	for n := 1; ; n++ {
		line, err := readLine(br, maxBytes)
		src := fmt.Sprintf("%s:%d", source, n)
		switch {
		case errors.Is(err, io.EOF) && len(line) == 0:
			return nil
		case err != nil && !errors.Is(err, io.EOF):
			if ferr := fn(Page{Source: src}, err); ferr != nil {
				return ferr
			}
			if ClassOf(err) != ClassTooLarge {
				return nil // the stream itself failed; nothing more to read
			}
			continue
		}
		if len(bytes.TrimSpace(line)) > 0 {
			p, perr := parseEnvelope(line)
			p.Source = src
			if ferr := fn(p, perr); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// readLine reads one line without its newline. A line over max bytes is
// skipped to its end and reported as ClassTooLarge.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > max+1 {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			return nil, &Error{Class: ClassTooLarge, Stage: "input", Err: fmt.Errorf("line is over the limit of %d bytes", max)}
		}
		line = append(line, chunk...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			return line, err
		}
		return bytes.TrimRight(line, "\r\n"), nil
	}
}
