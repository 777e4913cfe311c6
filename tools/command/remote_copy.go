package main

// command:remote:CopyToRemote: a file, a text or a directory copied over SFTP.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/pkg/sftp"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// copyInputs are v1.2.1's command:remote:CopyToRemote inputs.
var copyInputs = map[string]string{
	"connection": "connection", "triggers": "array", "source": "source", "remotePath": "string",
}

// checkSource refuses what upstream refuses: a source must be a FileAsset, a StringAsset or a
// FileArchive (a file, copied as is, or a directory, copied recursively).
func checkSource(v resource.PropertyValue) string {
	w := plain(v)
	switch {
	case w.IsAsset() && !w.AssetValue().IsPath() && !w.AssetValue().IsText():
		return "asset must be a path-based file asset or a text asset"
	case w.IsArchive() && !w.ArchiveValue().IsPath():
		return "archive must be a path to a file or directory"
	case !w.IsAsset() && !w.IsArchive():
		return "expected an asset or an archive"
	}
	return ""
}

// sourceOf returns the local path of a source, or its text for a StringAsset.
func sourceOf(v resource.PropertyValue) (localPath, text string, isText bool) {
	w := plain(v)
	if w.IsAsset() {
		a := w.AssetValue()
		if a.IsText() {
			return "", a.Text, true
		}
		return a.Path, "", false
	}
	if w.IsArchive() {
		return w.ArchiveValue().Path, "", false
	}
	return "", "", false
}

// sourceHash is the engine's hash of the asset or archive (its contents).
func sourceHash(v resource.PropertyValue) string {
	w := plain(v)
	if w.IsAsset() {
		return w.AssetValue().Hash
	}
	if w.IsArchive() {
		return w.ArchiveValue().Hash
	}
	return ""
}

func copyState(inputs resource.PropertyMap, hostKeys resource.PropertyValue) resource.PropertyMap {
	out := remoteState(inputs, resource.NewNullProperty(), resource.NewNullProperty(), hostKeys)
	delete(out, "stdout")
	delete(out, "stderr")
	return out
}

// copyToRemote dials and copies the source to remotePath.
func copyToRemote(ctx context.Context, inputs resource.PropertyMap, known map[string]string, status func(string)) (map[string]string, error) {
	conn := connectionOf(inputs["connection"])
	scrub := newScrubber(conn.secrets()...)
	s, err := conn.dial(ctx, known, status)
	if err != nil {
		return nil, errors.New(scrub.scrub(err.Error()))
	}
	defer s.Close()
	client, err := sftp.NewClient(s.client)
	if err != nil {
		return nil, fmt.Errorf("%s: starting SFTP: %v", conn.endpoint(), err)
	}
	defer client.Close()
	dest := str(inputs, "remotePath")
	local, text, isText := sourceOf(inputs["source"])
	if isText {
		err = copyText(client, text, dest)
	} else {
		err = copyPath(client, local, dest)
	}
	if err != nil {
		return nil, fmt.Errorf("copying to %s:%s: %s", conn.endpoint(), dest, scrub.scrub(err.Error()))
	}
	return s.hostKeys, nil
}

// remoteStat is the remote file's info, or nil when it does not exist.
func remoteStat(c *sftp.Client, p string) (fs.FileInfo, error) {
	info, err := c.Stat(p)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return info, nil
}

func copyText(c *sftp.Client, text, dest string) error {
	info, err := remoteStat(c, dest)
	if err != nil {
		return err
	}
	if info != nil && info.IsDir() {
		return fmt.Errorf("remote path %s is a directory; a text asset needs a file path", dest)
	}
	if err := c.MkdirAll(path.Dir(dest)); err != nil {
		return err
	}
	return writeRemote(c, strings.NewReader(text), dest)
}

func writeRemote(c *sftp.Client, r io.Reader, dest string) error {
	f, err := c.Create(dest)
	if err != nil {
		return err
	}
	if _, err := f.ReadFrom(r); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

func copyFile(c *sftp.Client, src, dest string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	return writeRemote(c, f, dest)
}

// copyPath copies as upstream does:
//
//	source | dest is a directory  | dest does not exist | dest is a file
//	dir    | dest/dir             | dest/dir            | error
//	dir/   | dest/x for x in dir  | dest/x for x in dir | error
//	file   | dest/file            | dest                | dest (overwritten)
func copyPath(c *sftp.Client, src, dest string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	destInfo, err := remoteStat(c, dest)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		switch {
		case destInfo != nil && destInfo.IsDir():
			dest = path.Join(dest, filepath.Base(src))
		case destInfo == nil:
			if err := c.MkdirAll(path.Dir(dest)); err != nil {
				return err
			}
		}
		return copyFile(c, src, dest)
	}
	if destInfo != nil && !destInfo.IsDir() {
		return fmt.Errorf("remote path %s exists but is not a directory", dest)
	}
	if !strings.HasSuffix(src, "/") {
		dest = path.Join(dest, filepath.Base(src))
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := path.Join(dest, filepath.ToSlash(rel))
		if !d.IsDir() {
			return copyFile(c, p, target)
		}
		info, err := remoteStat(c, target)
		switch {
		case err != nil:
			return err
		case info == nil:
			return c.MkdirAll(target)
		case !info.IsDir():
			return fmt.Errorf("remote path %s exists but is not a directory", target)
		}
		return nil
	})
}

func (p *commandProvider) createCopy(ctx context.Context, req *pulumirpc.CreateRequest, inputs resource.PropertyMap) (*pulumirpc.CreateResponse, error) {
	if req.GetPreview() {
		return createResponse("", copyState(inputs, resource.MakeComputed(resource.NewStringProperty(""))))
	}
	keys, err := copyToRemote(ctx, inputs, nil, p.status(ctx, req.GetUrn()))
	if err != nil {
		return nil, err
	}
	// Upstream's ID: 8 random hex digits.
	id, err := resource.NewUniqueHex("", 8, 0)
	if err != nil {
		return nil, err
	}
	return createResponse(id, copyState(inputs, hostKeysValue(keys)))
}

// updateCopy copies again when the source's contents or the remote path changed (as upstream; a
// change of connection alone copies nothing).
func (p *commandProvider) updateCopy(ctx context.Context, req *pulumirpc.UpdateRequest, olds, oldInputs, news resource.PropertyMap) (*pulumirpc.UpdateResponse, error) {
	known := hostKeysOf(olds)
	hostKeys := mergeHostKeys(known, nil)
	changed := sourceHash(news["source"]) != sourceHash(oldInputs["source"]) || sourceHash(news["source"]) == "" ||
		!plain(news["source"]).DeepEquals(plain(oldInputs["source"])) || str(news, "remotePath") != str(oldInputs, "remotePath")
	if changed && !req.GetPreview() {
		seen, err := copyToRemote(ctx, news, known, p.status(ctx, req.GetUrn()))
		if err != nil {
			return nil, err
		}
		hostKeys = mergeHostKeys(known, seen)
	}
	props, err := marshal(copyState(news, hostKeys))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

// deleteCopy leaves the remote files in place, as upstream.
func (p *commandProvider) deleteCopy() (*emptypb.Empty, error) { return &emptypb.Empty{}, nil }
