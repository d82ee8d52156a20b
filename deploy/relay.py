"""Small network helpers for ``make cluster``: a TCP relay that can cut the line,
and an SMTP sink that keeps every message it accepts as a file."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TCPRelay:
    """Forwards 127.0.0.1:``port`` to ``target``; ``cut()`` drops every connection
    and refuses new ones until ``restore()``, as a database outage would."""

    def __init__(self, target: tuple[str, int], port: int | None = None):
        self.target = target
        self.port = port or free_port()
        self._server: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> TCPRelay:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(128)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()
        return self

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _address = server.accept()
            except OSError:
                return  # closed by cut() or stop()
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pipe, args=(source, sink), daemon=True
                ).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass  # either side went away: close both
        finally:
            for sock in (source, sink):
                self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def cut(self) -> None:
        """Closes the listening socket and every open connection."""
        if self._server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would
            # leave the socket listening until that accept() returned.
            with suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            self._close(sock)

    def restore(self) -> None:
        if self._server is None:
            self.start()

    stop = cut


@dataclass
class Hold:
    """Where the sink stops a conversation with a sender, until ``release()``:
    ``"before-store"`` at the recipient's RCPT (the message never arrives), or
    ``"after-store"`` once the message is stored, before the "250" that tells the
    sender so."""

    recipient: str
    stage: str
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def stop_here(self) -> None:
        self.reached.set()
        self.released.wait(300)

    def release(self) -> None:
        self.released.set()


class SMTPSink:
    """An SMTP server on 127.0.0.1 that writes each accepted message to
    ``directory`` (one ``.eml`` file per message, written once the client's
    DATA is complete, so a sender killed half-way leaves nothing).

    ``hold()`` stops a conversation at a chosen point (a test kills the sender
    there), and ``accepted_at`` records when it answered "250" to each address."""

    def __init__(self, directory: Path, port: int | None = None):
        self.directory = directory
        self.port = port or free_port()
        self._server: socketserver.ThreadingTCPServer | None = None
        self.holds: dict[str, Hold] = {}
        #: When the sink last answered "250" for a message to each address
        #: (time.time()): where the window for a second copy begins.
        self.accepted_at: dict[str, float] = {}

    def hold(self, recipient: str, stage: str) -> Hold:
        assert stage in ("before-store", "after-store"), stage
        self.holds[recipient] = hold = Hold(recipient, stage)
        return hold

    def _hold_for(self, recipients: list[str], stage: str) -> Hold | None:
        for recipient in recipients:
            hold = self.holds.get(recipient)
            if hold is not None and hold.stage == stage:
                del self.holds[recipient]
                return hold
        return None

    def start(self) -> SMTPSink:
        self.directory.mkdir(parents=True, exist_ok=True)
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(
            ("127.0.0.1", self.port), SMTPConversation
        )
        self._server.sink = self
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def store(self, recipients: list[str], message: bytes) -> None:
        name = uuid.uuid4().hex
        temporary = self.directory / f".{name}.tmp"
        temporary.write_bytes(message)
        temporary.rename(self.directory / f"{name}.eml")

    def messages(self) -> list[bytes]:
        return [path.read_bytes() for path in sorted(self.directory.glob("*.eml"))]

    def clear(self) -> None:
        for path in self.directory.glob("*.eml"):
            path.unlink()

    def stop(self) -> None:
        for hold in list(self.holds.values()):
            hold.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


class SMTPConversation(socketserver.StreamRequestHandler):
    """One client's conversation with an ``SMTPSink`` (``self.server.sink``)."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        with suppress(OSError):  # a sender killed half-way
            self.converse()

    def converse(self) -> None:
        sink = self.server.sink
        self.reply("220 kulturmetropolen-cluster SMTP sink")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb == "MAIL":
                recipients = []
            elif verb == "RCPT":
                recipients.append(command.partition(":")[2].strip(" <>"))
                hold = sink._hold_for(recipients[-1:], "before-store")
                if hold is not None:
                    hold.stop_here()
            elif verb == "DATA":
                if not self.receive_message(sink, recipients):
                    return  # the sender went away: nothing was accepted
                continue
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            self.reply("250 ok")

    def receive_message(self, sink: SMTPSink, recipients: list[str]) -> bool:
        """Reads DATA up to its final dot, stores it and answers "250" (after a
        hold, if one waits there); False when the sender went away first."""
        self.reply("354 end with <CRLF>.<CRLF>")
        lines = []
        while (data := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(data[1:] if data.startswith(b"..") else data)
        if data == b"":
            return False
        sink.store(recipients, b"".join(lines))
        hold = sink._hold_for(recipients, "after-store")
        if hold is not None:
            hold.stop_here()
        self.reply("250 queued")
        for recipient in recipients:
            sink.accepted_at[recipient] = time.time()
        return True
