"""Running `dateline serve` as a real process in tests: a free loopback port, a clean stop."""

from __future__ import annotations

import socket
import subprocess

__all__ = ["free_port", "stop"]


def free_port() -> int:
    """A port the kernel just handed out on loopback (closed again for the server to take)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def stop(proc: subprocess.Popen[bytes], *, seconds: float = 10) -> None:
    """Terminate the server, kill it if it does not go, and close its captured stderr."""
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=seconds)
    if proc.stderr:
        proc.stderr.close()
