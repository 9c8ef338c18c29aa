"""Serving the app: one uvicorn server, or several processes sharing the port.

With several web processes, each binds its own socket with ``SO_REUSEPORT`` and the kernel
spreads new connections over them. (uvicorn's own ``--workers`` shares one listening socket;
the process that wakes first accepts a whole burst of connections, which can leave one core
busy and the other idle.)
"""

import multiprocessing
import os
import signal
import socket
import sys
import threading
import time

import uvicorn

APP = "feedback.app:create_app"


def _config() -> uvicorn.Config:
    # proxy_headers: behind the reverse proxy, the client's address comes from X-Forwarded-For.
    # No access log: its request lines would carry the token of a citizen's private tracking link.
    return uvicorn.Config(APP, factory=True, proxy_headers=True, access_log=False)


def _reuse_port_socket(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    return sock


def _stop_with_parent() -> None:
    """Stop this web process if the process that started it disappears (even killed outright)."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


def _serve_one(host: str, port: int) -> None:
    threading.Thread(target=_stop_with_parent, name="parent-watch", daemon=True).start()
    uvicorn.Server(_config()).run(sockets=[_reuse_port_socket(host, port)])


def _clear_multiprocess_metrics() -> None:
    """Start the web processes' shared metrics afresh (prometheus_client's multiprocess mode).

    ``PROMETHEUS_MULTIPROC_DIR`` is the library's own variable: each web process writes its
    counters there and ``/metrics`` adds them up; files of a previous run would be counted again.
    """
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))


def serve(host: str, port: int, workers: int) -> None:
    """Serve until interrupted; with ``workers`` > 1, stop them all as soon as one of them dies."""
    _clear_multiprocess_metrics()
    if workers == 1:
        config = _config()
        config.host, config.port = host, port
        uvicorn.Server(config).run()
        return
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_serve_one, args=(host, port), name=f"web-{n}") for n in range(workers)]
    for process in processes:
        process.start()
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    # A web process that dies takes the service down, so that the process manager restarts all
    # of it rather than it running on at reduced capacity unnoticed.
    while not stop.wait(0.5) and all(process.is_alive() for process in processes):
        pass
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=15)
    if not stop.is_set():
        sys.exit(1)
