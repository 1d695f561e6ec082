#!/usr/bin/env python3
"""The real servers of the IPVS scenarios: one process for the whole VM run (python starts slowly
under QEMU's emulation), listeners opened and closed on command.

rsd.py CONTROL_FIFO ACK_FILE STATE_DIR
Commands, one line each on CONTROL_FIFO; after each, ACK_FILE holds its ID:
  ID tcp ADDR PORT     listen; every connection is accepted and closed
  ID http ADDR PORT    listen; every request gets "200 OK" with the current content of
                       STATE_DIR/body-ADDR-PORT (edit it to change the digest), then close
  ID kill ADDR PORT    close the listener (new connections are refused)
  ID killall           close every listener
"""
import os
import selectors
import socket
import sys

fifo, ack, state = sys.argv[1], sys.argv[2], sys.argv[3]
sel = selectors.DefaultSelector()
listeners = {}  # (addr, port) -> (socket, kind)
ctl = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # O_RDWR: never sees EOF when a writer leaves
sel.register(ctl, selectors.EVENT_READ, "ctl")
buf = b""


def close(key):
    s, _ = listeners.pop(key)
    sel.unregister(s)
    s.close()


def command(words):
    ident, cmd, args = words[0], words[1], words[2:]
    try:
        if cmd in ("tcp", "http"):
            key = (args[0], int(args[1]))
            if key in listeners:
                close(key)
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # reopen at once (TIME_WAIT)
            s.bind(key)
            s.listen(64)
            s.setblocking(False)
            listeners[key] = (s, cmd)
            sel.register(s, selectors.EVENT_READ, key)
        elif cmd == "kill":
            key = (args[0], int(args[1]))
            if key in listeners:
                close(key)
        elif cmd == "killall":
            for key in list(listeners):
                close(key)
    except OSError as e:
        print("rsd: %s: %s" % (" ".join(words), e), file=sys.stderr, flush=True)
    with open(ack + ".new", "w") as f:
        f.write(ident + "\n")
    os.rename(ack + ".new", ack)


def serve(key):
    s, kind = listeners[key]
    try:
        c, _ = s.accept()
    except OSError:
        return
    try:
        if kind == "http":
            c.settimeout(3)
            req = b""
            while b"\r\n\r\n" not in req:
                d = c.recv(4096)
                if not d:
                    break
                req += d
            try:
                with open(os.path.join(state, "body-%s-%d" % key), "rb") as f:
                    body = f.read()
            except OSError:
                body = b"hello\n"
            c.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n"
                      % len(body) + body)
    except OSError:
        pass
    finally:
        c.close()


while True:
    for k, _ in sel.select():
        if k.data == "ctl":
            buf += os.read(ctl, 4096)
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.strip():
                    command(line.decode().split())
        else:
            serve(k.data)
