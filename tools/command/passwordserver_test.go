package main

// A small SSH server accepting one password, for the password tests: Debian's sshd checks
// passwords against the system's accounts, which the tests must not change. It runs exec requests
// with /bin/sh and answers keyboard-interactive with the same password when asked to.

import (
	"encoding/binary"
	"net"
	"os/exec"
	"testing"

	"golang.org/x/crypto/ssh"
)

type passwordServer struct {
	endpoint string
	hostKey  keyPair
}

func startPasswordServer(t *testing.T, password string, keyboardInteractive bool) *passwordServer {
	t.Helper()
	host := newKeyPair(t, "")
	cfg := &ssh.ServerConfig{}
	if keyboardInteractive {
		cfg.KeyboardInteractiveCallback = func(_ ssh.ConnMetadata, ask ssh.KeyboardInteractiveChallenge) (*ssh.Permissions, error) {
			answers, err := ask("", "", []string{"Password: "}, []bool{false})
			if err != nil || len(answers) != 1 || answers[0] != password {
				return nil, errDenied
			}
			return nil, nil
		}
	} else {
		cfg.PasswordCallback = func(_ ssh.ConnMetadata, given []byte) (*ssh.Permissions, error) {
			if string(given) != password {
				return nil, errDenied
			}
			return nil, nil
		}
	}
	cfg.AddHostKey(host.signer)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go serveExec(c, cfg)
		}
	}()
	return &passwordServer{endpoint: l.Addr().String(), hostKey: host}
}

type deniedError struct{}

func (deniedError) Error() string { return "denied" }

var errDenied = deniedError{}

func serveExec(c net.Conn, cfg *ssh.ServerConfig) {
	_, chans, reqs, err := ssh.NewServerConn(c, cfg)
	if err != nil {
		return
	}
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		if nc.ChannelType() != "session" {
			_ = nc.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, requests, err := nc.Accept()
		if err != nil {
			continue
		}
		go func() {
			defer ch.Close()
			for req := range requests {
				if req.Type != "exec" || len(req.Payload) < 4 {
					_ = req.Reply(false, nil)
					continue
				}
				_ = req.Reply(true, nil)
				command := string(req.Payload[4 : 4+binary.BigEndian.Uint32(req.Payload)])
				cmd := exec.Command("/bin/sh", "-c", command)
				cmd.Stdout, cmd.Stderr = ch, ch.Stderr()
				status := uint32(0)
				if err := cmd.Run(); err != nil {
					status = 1
				}
				_, _ = ch.SendRequest("exit-status", false, binary.BigEndian.AppendUint32(nil, status))
				return
			}
		}()
	}
}
