#!/usr/bin/python3
"""Real local receivers for the notification tests (issue 10: "tests deliver to a real local SMTP
server and a real local webhook receiver").

  sinks.py smtp DIR            an SMTP server (Debian's python3-aiosmtpd); each message received is
                               written whole to DIR/<n>.eml
  sinks.py http DIR [PLAN]     an HTTP server; each request is written to DIR/<n>.json as
                               {"path", "headers", "body"}; PLAN is a comma list of answers, one per
                               request in turn (the last repeats): a status ("500", "200") or
                               "sleep<seconds>" (answers 200 after that long, to make a sender time out)

Prints the port it listens on (127.0.0.1), then serves until killed.
"""
import json
import os
import socket
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Counter:
    def __init__(self, folder):
        self.folder, self.n, self.lock = folder, 0, threading.Lock()

    def write(self, suffix, data):
        with self.lock:
            self.n += 1
            n = self.n
        tmp = os.path.join(self.folder, f".{n}{suffix}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(self.folder, f"{n}{suffix}"))  # readers never see half a file
        return n


def smtp(folder):
    from aiosmtpd.controller import Controller

    counter = Counter(folder)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            counter.write(".eml", envelope.original_content or envelope.content)
            return "250 Message accepted for delivery"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    while True:
        time.sleep(3600)


def http(folder, plan):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    counter = Counter(folder)
    answers = plan.split(",") if plan else ["200"]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            record = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                      "body": body.decode("utf-8", "replace")}
            n = counter.write(".json", json.dumps(record, ensure_ascii=False).encode())
            answer = answers[min(n, len(answers)) - 1]
            status = 200
            if answer.startswith("sleep"):
                time.sleep(float(answer[5:]))
            else:
                status = int(answer)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"receiver says no")
            except BrokenPipeError:
                pass  # the sender gave up waiting (the timeout plan)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    kind, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    if kind == "smtp":
        smtp(folder)
    else:
        http(folder, sys.argv[3] if len(sys.argv) > 3 else "")
