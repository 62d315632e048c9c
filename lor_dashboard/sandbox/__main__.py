"""``python -m lor_dashboard.sandbox serve|reset``: run the sandbox or reset its data."""
from __future__ import annotations

import argparse
import signal
import socketserver
import sys
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .app import SandboxApp
from .seed import DEMO_SESSIONS
from .store import Store

DEFAULT_DB = "var/sandbox.sqlite3"


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # the dashboard logs its calls; keep the terminal readable
        pass


def serve(args: argparse.Namespace) -> None:
    store = Store(args.db)
    if args.reset:
        store.reset()
    app = SandboxApp(store, page_size=args.page_size)
    server = make_server(args.host, args.port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"sandbox listening on http://{args.host}:{server.server_port}", flush=True)
    print("demo sessions: " + ", ".join(DEMO_SESSIONS), flush=True)
    server.serve_forever()
    server.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lor_dashboard.sandbox")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="serve the LOR-compatible API")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8001)
    run.add_argument("--db", default=DEFAULT_DB)
    run.add_argument("--page-size", type=int, default=10)
    run.add_argument("--reset", action="store_true", help="start from the seed data")
    reset = sub.add_parser("reset", help="put the seed data back")
    reset.add_argument("--db", default=DEFAULT_DB)
    args = parser.parse_args(argv)
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    if args.command == "serve":
        serve(args)
    else:
        Store(args.db).reset()
        print(f"sandbox data reset in {args.db}")


if __name__ == "__main__":
    sys.exit(main())
