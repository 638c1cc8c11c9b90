#!/usr/bin/env python3
"""N WebSocket clients on the control room's /api/events for a while (stdlib only): each connects with the token,
reads every message, and the totals are printed as a RESULT line. For bench/control_room_load.sh."""
import argparse, base64, json, os, select, socket, time

def connect(host, port, token):
    s = socket.create_connection((host, port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /api/events HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("connection closed during the handshake")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        status = head.split(b"\r\n")[0].decode()
        raise SystemExit("upgrade refused: " + status)
    s.setblocking(False)
    return s, len(head.split(b"\r\n\r\n", 1)[1])

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    host, port = args.url.removeprefix("http://").split(":")
    sockets, received = [], 0
    for _ in range(args.clients):
        s, extra = connect(host, int(port), args.token)
        sockets.append(s)
        received += extra
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select(sockets, [], [], 0.5)
        for s in ready:
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            received += len(data)
    for s in sockets:
        s.close()
    print("RESULT " + json.dumps({"websocket_clients": args.clients, "seconds": args.seconds, "bytes_received": received}))

main()
