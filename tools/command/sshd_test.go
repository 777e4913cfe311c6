package main

// A real OpenSSH server for the tests of command:remote:*: /usr/sbin/sshd on 127.0.0.1 with a
// temporary host key, authorized_keys and sshd_config, run in the foreground (-D -e).

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

const sshdPath = "/usr/sbin/sshd"

// keyPair is an ed25519 key: its OpenSSH private key PEM and its authorized_keys line.
type keyPair struct {
	private string
	public  string
	signer  ssh.Signer
	raw     ed25519.PrivateKey
}

func newKeyPair(t *testing.T, passphrase string) keyPair {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var block *pem.Block
	if passphrase != "" {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, "test", []byte(passphrase))
	} else {
		block, err = ssh.MarshalPrivateKey(priv, "test")
	}
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{private: string(pem.EncodeToMemory(block)), public: authorizedKey(sshPub), signer: signer, raw: priv}
}

// syncBuffer is sshd's stderr, read while sshd writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type sshd struct {
	port    int
	hostKey keyPair
	dir     string
	log     *syncBuffer
}

func (s *sshd) endpoint() string { return fmt.Sprintf("127.0.0.1:%d", s.port) }

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startSSHD starts sshd accepting the client keys, with extra sshd_config lines; it is stopped
// when the test ends.
func startSSHD(t *testing.T, clientKeys []keyPair, extra ...string) *sshd {
	t.Helper()
	if _, err := os.Stat(sshdPath); err != nil {
		t.Fatalf("%s is missing: install Debian's openssh-server (apt-get install -y openssh-server)", sshdPath)
	}
	if os.Geteuid() == 0 {
		// Debian's sshd needs its privilege separation directory (the service makes it at boot).
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir, err := os.MkdirTemp("", "gf-sshd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &sshd{port: freePort(t), hostKey: newKeyPair(t, ""), dir: dir, log: &syncBuffer{}}
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var authorized []string
	for _, k := range clientKeys {
		authorized = append(authorized, k.public)
	}
	config := []string{
		fmt.Sprintf("Port %d", s.port),
		"ListenAddress 127.0.0.1",
		"HostKey " + write("host_ed25519", s.hostKey.private),
		"AuthorizedKeysFile " + write("authorized_keys", strings.Join(authorized, "\n")+"\n"),
		"PidFile " + filepath.Join(dir, "sshd.pid"),
		"StrictModes no",
		"PermitRootLogin prohibit-password",
		"PasswordAuthentication no",
		"KbdInteractiveAuthentication no",
		"UsePAM no",
		"AcceptEnv GF_* PULUMI_COMMAND_*",
		"Subsystem sftp internal-sftp",
		"LogLevel VERBOSE",
	}
	cfg := write("sshd_config", strings.Join(append(extra, config...), "\n")+"\n")
	cmd := exec.Command(sshdPath, "-D", "-e", "-f", cfg)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
	})
	// Ready when it answers with its banner.
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		select {
		case <-done:
			t.Fatalf("sshd exited: %s", s.log.String())
		default:
		}
		if c, err := net.Dial("tcp", s.endpoint()); err == nil {
			banner := make([]byte, 4)
			_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err = c.Read(banner)
			c.Close()
			if err == nil && string(banner) == "SSH-" {
				return s
			}
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("sshd did not start: %s", s.log.String())
		}
	}
}
